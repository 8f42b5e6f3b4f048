package consult

import (
	"strings"
	"testing"
	"time"

	"atazan"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustConsultation(t *testing.T, from, to, zone string) Consultation {
	t.Helper()
	c, err := OpenRequest{Charter: "kz-constitution", Version: "Draft 2026", From: from, To: to, TimeZone: zone}.Validate()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCheckOpen checks the boundaries of a consultation. The instants are
// written in UTC so that the test, not the code under test, says what time
// it is in the zone. Almaty is UTC+5 since 1 March 2024 (tzdata 2024a); a
// host with older zoneinfo fails here, as it should.
func TestCheckOpen(t *testing.T) {
	march := mustConsultation(t, "2026-03-01", "2026-03-31", "")
	leap := mustConsultation(t, "2024-02-01", "2024-02-29", "")
	afterLeap := mustConsultation(t, "2024-03-01", "2024-03-10", "")
	oneDay := mustConsultation(t, "2026-06-15", "2026-06-15", "")
	// America/Santiago skips from 00:00 to 01:00 on 6 September 2026, so
	// that day has no midnight; time.Date(2026, 9, 6, 0, 0, 0, 0, loc)
	// gives 23:00 on 5 September, which the rule must not accept.
	santiago := mustConsultation(t, "2026-09-06", "2026-09-30", "America/Santiago")

	tests := []struct {
		name string
		c    Consultation
		now  string
		open bool
	}{
		{"last second before From", march, "2026-02-28T18:59:59Z", false},
		{"first second of From", march, "2026-02-28T19:00:00Z", true},
		{"a UTC instant on 28 February is 1 March in Almaty", march, "2026-02-28T23:30:00Z", true},
		{"middle", march, "2026-03-15T12:00:00Z", true},
		{"last second of To", march, "2026-03-31T18:59:59Z", true},
		{"first second after To", march, "2026-03-31T19:00:00Z", false},
		{"still 31 March in UTC but 1 April in Almaty", march, "2026-03-31T20:00:00Z", false},
		{"one-day consultation, first second", oneDay, "2026-06-14T19:00:00Z", true},
		{"one-day consultation, last second", oneDay, "2026-06-15T18:59:59Z", true},
		{"one-day consultation, the day after", oneDay, "2026-06-15T19:00:00Z", false},
		// Almaty at UTC+6 until 29 February 2024 24:00, then UTC+5: the
		// hour 23:00-24:00 of 29 February happened twice.
		{"29 Feb 2024 23:30 +06, first pass", leap, "2024-02-29T17:30:00Z", true},
		{"29 Feb 2024 23:30 +05, second pass", leap, "2024-02-29T18:30:00Z", true},
		{"29 Feb 2024 23:59:59 +05, last second", leap, "2024-02-29T18:59:59Z", true},
		{"1 March 2024 00:00 +05", leap, "2024-02-29T19:00:00Z", false},
		{"before 1 March 2024 in Almaty, first pass", afterLeap, "2024-02-29T18:00:00Z", false},
		{"first second of 1 March 2024", afterLeap, "2024-02-29T19:00:00Z", true},
		{"an hour after midnight at the old offset is not yet 1 March", afterLeap, "2024-02-29T18:30:00Z", false},
		{"5 September 23:59:59 in Santiago", santiago, "2026-09-06T03:59:59Z", false},
		{"6 September starts at 01:00 in Santiago", santiago, "2026-09-06T04:00:00Z", true},
		{"the instant time.Date gives for the missing midnight", santiago, "2026-09-06T03:00:00Z", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := utc(tt.now)
			if got := tt.c.IsOpen(now); got != tt.open {
				t.Errorf("IsOpen(%s) = %v, want %v (local %v)", tt.now, got, tt.open, now.In(tt.c.loc()))
			}
			err := tt.c.CheckOpen(now)
			if (err == nil) != tt.open {
				t.Errorf("CheckOpen(%s) = %v, want open=%v", tt.now, err, tt.open)
			}
			if err != nil && atazan.ErrorCode(err) != atazan.EConflict {
				t.Errorf("code %q, want conflict", atazan.ErrorCode(err))
			}
		})
	}
}

func TestCheckOpenMessage(t *testing.T) {
	c := mustConsultation(t, "2026-03-01", "2026-03-31", "")
	err := c.CheckOpen(utc("2026-04-01T20:00:00Z"))
	want := "The consultation accepts proposals from 1 March 2026 to 31 March 2026 (Asia/Almaty); it is now 2 April 2026."
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// A zero Location means Almaty too.
	c.Location = nil
	if err := c.CheckOpen(utc("2026-02-28T19:00:00Z")); err != nil {
		t.Errorf("nil Location: %v", err)
	}
}

func TestOpenRequest(t *testing.T) {
	ok := OpenRequest{Charter: "kz-constitution", Version: "Draft 2026", From: "2026-03-01", To: "2026-03-31"}
	tests := []struct {
		name  string
		edit  func(*OpenRequest)
		field string
		msg   string
	}{
		{"valid", func(*OpenRequest) {}, "", ""},
		{"one day", func(r *OpenRequest) { r.To = r.From }, "", ""},
		{"other zone", func(r *OpenRequest) { r.TimeZone = "Asia/Aqtobe" }, "", ""},
		{"UTC", func(r *OpenRequest) { r.TimeZone = "UTC" }, "", ""},
		{"no version", func(r *OpenRequest) { r.Version = "" }, "version", "must be given"},
		{"bad charter", func(r *OpenRequest) { r.Charter = "KZ Constitution" }, "charter", "lowercase"},
		{"no from", func(r *OpenRequest) { r.From = "" }, "from", "YYYY-MM-DD"},
		{"dotted date", func(r *OpenRequest) { r.From = "01.03.2026" }, "from", "YYYY-MM-DD"},
		{"short date", func(r *OpenRequest) { r.To = "2026-3-31" }, "to", "YYYY-MM-DD"},
		{"no such day", func(r *OpenRequest) { r.To = "2026-02-30" }, "to", "YYYY-MM-DD"},
		{"time in date", func(r *OpenRequest) { r.To = "2026-03-31T00:00:00Z" }, "to", "YYYY-MM-DD"},
		{"to before from", func(r *OpenRequest) { r.To = "2026-02-28" }, "to", "the last day (28 February 2026) is before the first day (1 March 2026)"},
		{"unknown zone", func(r *OpenRequest) { r.TimeZone = "Asia/Astana" }, "time_zone", "unknown time zone"},
		{"Local", func(r *OpenRequest) { r.TimeZone = "Local" }, "time_zone", "not Local"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.edit(&r)
			c, err := r.Validate()
			checkFieldErr(t, err, tt.field, tt.msg)
			if err == nil && (c.Location == nil || c.Version != r.Version || c.From.Compare(c.To) > 0) {
				t.Errorf("consultation %+v", c)
			}
		})
	}
}

func TestDate(t *testing.T) {
	d, err := ParseDate("2026-03-01")
	if err != nil || d != (Date{Y: 2026, M: time.March, D: 1}) || d.String() != "2026-03-01" || d.Long() != "1 March 2026" {
		t.Fatalf("ParseDate: %v %v", d, err)
	}
	var e Date
	if err := e.UnmarshalText([]byte("2024-02-29")); err != nil || e.Compare(d) >= 0 || d.Compare(e) <= 0 || d.Compare(d) != 0 {
		t.Errorf("UnmarshalText/Compare: %v %v", e, err)
	}
	if err := e.UnmarshalText([]byte("2025-02-29")); err == nil {
		t.Error("2025-02-29 accepted")
	}
	if b, _ := d.MarshalText(); string(b) != "2026-03-01" {
		t.Errorf("MarshalText = %s", b)
	}
}

// checkFieldErr fails unless err is nil and field is "", or err is an
// *atazan.Error naming field whose message contains msg.
func checkFieldErr(t *testing.T, err error, field, msg string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	e, ok := err.(*atazan.Error)
	if !ok {
		t.Fatalf("error %v (%T), want an *atazan.Error on %q", err, err, field)
	}
	if e.Field != field || !strings.Contains(e.Message, msg) {
		t.Fatalf("error %s=%q, want %s containing %q", e.Field, e.Message, field, msg)
	}
}
