package consult

import (
	"time"
	_ "time/tzdata" // Asia/Almaty loads even on a host without zoneinfo

	"atazan"
	"atazan/charter"
)

// ConsultationID identifies a consultation.
type ConsultationID int64

// DefaultTimeZone is the time zone of a consultation unless its request
// names another. Since 1 March 2024 all of Kazakhstan keeps UTC+5, and
// Asia/Almaty follows it from tzdata 2024a on. The package embeds Go's copy
// of the time zone database, used when the host has none; a host's own
// zoneinfo is preferred when present and must be 2024a or later.
const DefaultTimeZone = "Asia/Almaty"

// almaty is DefaultTimeZone, loaded once. The embedded database holds it,
// so the load cannot fail.
var almaty = mustLoad(DefaultTimeZone)

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic("consult: " + err.Error()) // unreachable with time/tzdata linked in
	}
	return l
}

// Date is a civil date (atazan.Date): the type moved to the root package
// so that packages the public log imports (referendum) can use it without
// importing consult.
type Date = atazan.Date

// ParseDate parses exactly YYYY-MM-DD; see atazan.ParseDate.
func ParseDate(s string) (Date, error) { return atazan.ParseDate(s) }

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date { return atazan.DateOf(t) }

// Consultation is the period during which citizens may propose changes to
// one version of a charter, comment on proposals and support them.
//
// From and To are both included: a consultation from 2026-03-01 to
// 2026-03-31 accepts a proposal at 00:00:00 on 1 March and at 23:59:59 on
// 31 March, in its Location. The rule compares calendar dates in the zone,
// never instants computed from them, so it stays right on days when the zone
// changes its offset (Almaty moved from UTC+6 to UTC+5 at midnight on
// 1 March 2024, so 23:00-24:00 on 29 February happened twice) and in zones
// where a midnight does not exist.
type Consultation struct {
	ID        ConsultationID
	Charter   string // charter slug
	Version   string // label of the version under consultation
	From, To  Date   // first and last day, inclusive
	Location  *time.Location
	CreatedAt time.Time
}

// loc returns the consultation's zone, DefaultTimeZone when none is set.
func (c Consultation) loc() *time.Location {
	if c.Location == nil {
		return almaty
	}
	return c.Location
}

// Today returns the date of now in the consultation's zone.
func (c Consultation) Today(now time.Time) Date { return DateOf(now.In(c.loc())) }

// IsOpen reports whether the consultation accepts proposals at now.
func (c Consultation) IsOpen(now time.Time) bool {
	d := c.Today(now)
	return d.Compare(c.From) >= 0 && d.Compare(c.To) <= 0
}

// CheckOpen refuses, with an EConflict error that gives the dates, a
// submission (a proposal, a comment, a support) made outside the
// consultation's dates:
//
//	The consultation accepts proposals from 1 March 2026 to 31 March 2026 (Asia/Almaty); it is now 2 April 2026.
func (c Consultation) CheckOpen(now time.Time) error {
	if c.IsOpen(now) {
		return nil
	}
	return atazan.Errorf(atazan.EConflict, "The consultation accepts proposals from %s to %s (%s); it is now %s.",
		c.From.Long(), c.To.Long(), c.loc().String(), c.Today(now).Long())
}

// OpenRequest asks to open a consultation on a version of a charter. The
// fields are as a form or the command line gives them.
type OpenRequest struct {
	Charter  string // charter slug
	Version  string // version label; required
	From, To string // YYYY-MM-DD, inclusive; From ≤ To
	TimeZone string // IANA name; "" means DefaultTimeZone
}

// Validate checks the request and returns the consultation it describes,
// without an ID or a creation time (the store assigns them). Whether the
// charter and the version exist, and whether the version is one citizens may
// be consulted on, is for the store to check against what it holds.
func (r OpenRequest) Validate() (Consultation, error) {
	if err := charter.ValidSlug(r.Charter); err != nil {
		return Consultation{}, err
	}
	if r.Version == "" {
		return Consultation{}, atazan.FieldErrorf("version", "the version under consultation must be given")
	}
	if err := charter.ValidLabel(r.Version); err != nil {
		return Consultation{}, err
	}
	from, err := ParseDate(r.From)
	if err != nil {
		return Consultation{}, atazan.FieldErrorf("from", "the first day: %v", err)
	}
	to, err := ParseDate(r.To)
	if err != nil {
		return Consultation{}, atazan.FieldErrorf("to", "the last day: %v", err)
	}
	if to.Compare(from) < 0 {
		return Consultation{}, atazan.FieldErrorf("to", "the last day (%s) is before the first day (%s)", to.Long(), from.Long())
	}
	loc := almaty
	if r.TimeZone != "" && r.TimeZone != DefaultTimeZone {
		// LoadLocation also accepts "UTC" and "Local"; "Local" would make
		// the rule depend on the server's settings.
		if r.TimeZone == "Local" {
			return Consultation{}, atazan.FieldErrorf("time_zone", "name a time zone such as %s, not Local", DefaultTimeZone)
		}
		if loc, err = time.LoadLocation(r.TimeZone); err != nil {
			return Consultation{}, atazan.FieldErrorf("time_zone", "unknown time zone %s; use an IANA name such as %s", quote(r.TimeZone), DefaultTimeZone)
		}
	}
	return Consultation{Charter: r.Charter, Version: r.Version, From: from, To: to, Location: loc}, nil
}
