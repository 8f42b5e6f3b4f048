package identity

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"atazan"
)

func goodRegistration() Registration {
	return Registration{
		Name:     "  Әйгерім   Сәдуақасова ",
		IIN:      " 900101300017",
		Region:   "Almaty Region",
		Email:    " Aigerim.S@Example.KZ ",
		Password: "Жаңа Конституция 2026",
	}
}

func TestRegistrationValidate(t *testing.T) {
	c, err := goodRegistration().Validate(DefaultRegions())
	if err != nil {
		t.Fatal(err)
	}
	want := CleanRegistration{Name: "Әйгерім Сәдуақасова", IIN: "900101300017", Region: "almaty-region",
		Email: "aigerim.s@example.kz", Password: "Жаңа Конституция 2026"}
	if c != want {
		t.Errorf("Validate = %#v\nwant %#v", c, want)
	}
}

func TestRegistrationValidateErrors(t *testing.T) {
	tests := []struct {
		edit  func(*Registration)
		field string
		msg   string
	}{
		{func(r *Registration) { r.Name = " " }, "name", "is required"},
		{func(r *Registration) { r.Name = "Ә" }, "name", "must be at least 2 characters long"},
		{func(r *Registration) { r.Name = strings.Repeat("ә", 101) }, "name", "must be at most 100 characters long, it is 101"},
		{func(r *Registration) { r.Name = "Aigerim\x00" }, "name", "must not contain control characters (found U+0000)"},
		{func(r *Registration) { r.Name = "Aigerim\x7f" }, "name", "must not contain control characters (found U+007F)"},
		{func(r *Registration) { r.Name = "Aigerim \u202eniramA" }, "name", "must not contain bidirectional formatting characters (found U+202E)"},
		{func(r *Registration) { r.Name = "Ai\xffgerim" }, "name", "must be valid UTF-8 text"},
		{func(r *Registration) { r.IIN = "900101300014" }, "iin", "check digit is 4, want 7"},
		{func(r *Registration) { r.IIN = "" }, "iin", "must be 12 digits"},
		{func(r *Registration) { r.Region = "Semey" }, "region", "unknown region"},
		{func(r *Registration) { r.Region = "" }, "region", "is required"},
		{func(r *Registration) { r.Email = "" }, "email", "is required"},
		{func(r *Registration) { r.Email = "aigerim" }, "email", `"aigerim" is not an e-mail address like name@example.kz`},
		{func(r *Registration) { r.Password = "short" }, "password", "must be at least 10 characters long, it is 5"},
		{func(r *Registration) { r.Password = "900101300017" }, "password", "must not be your IIN or your e-mail address"},
		{func(r *Registration) { r.Password = "AIGERIM.S@example.kz" }, "password", "must not be your IIN or your e-mail address"},
		// The first failing field wins, in the order name, iin, region, email, password.
		{func(r *Registration) { *r = Registration{} }, "name", "is required"},
		{func(r *Registration) { r.IIN, r.Region, r.Email, r.Password = "x", "x", "x", "x" }, "iin", "must be 12 digits"},
		{func(r *Registration) { r.Region, r.Email, r.Password = "x", "x", "x" }, "region", "unknown region"},
		{func(r *Registration) { r.Email, r.Password = "x", "x" }, "email", "is not an e-mail address"},
	}
	for i, tt := range tests {
		r := goodRegistration()
		tt.edit(&r)
		c, err := r.Validate(DefaultRegions())
		e, ok := err.(*atazan.Error)
		if !ok || e.Code != atazan.EInvalid || e.Field != tt.field || !strings.Contains(e.Message, tt.msg) {
			t.Errorf("case %d: Validate(%v) = %v, want %s: %s", i, r, err, tt.field, tt.msg)
		}
		if c != (CleanRegistration{}) {
			t.Errorf("case %d: a failed Validate returned %v", i, c)
		}
	}
	// Tabs and line breaks in a name are white space.
	r := goodRegistration()
	r.Name = "Aigerim\t\nSadykova"
	if c, err := r.Validate(DefaultRegions()); err != nil || c.Name != "Aigerim Sadykova" {
		t.Errorf("name with a tab: %q, %v", c.Name, err)
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"a@example.kz", "a@example.kz", ""},
		{"  Aigerim.Sadykova+reform@Mail.KZ\t", "aigerim.sadykova+reform@mail.kz", ""},
		{"айгерім@пример.қаз", "айгерім@пример.қаз", ""},
		{"ÄÏ@Example.com", "äï@example.com", ""},
		{"", "", "email: is required"},
		{"a@b", "", `email: the domain "b" of the address is not a full domain name like example.kz`},
		{"a@.kz", "", "email: "},
		{"a@example.kz.", "", "email: "},
		{"Aigerim <a@example.kz>", "", `email: "Aigerim <a@example.kz>" is not an e-mail address like name@example.kz`},
		{"<a@example.kz>", "", "email: "},
		{"a@example.kz (Aigerim)", "", "email: "},
		{"a@example.kz, b@example.kz", "", "email: "},
		{"a b@example.kz", "", "email: "},
		{"@example.kz", "", "email: "},
		{"a@", "", "email: "},
		{"a@@example.kz", "", "email: "},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 187) + ".kz", "", "email: must be at most 254 bytes long, it is 255"},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.err) || got != "" {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want error %q", tt.in, got, err, tt.err)
		}
	}
	// 254 bytes is accepted.
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + "." + strings.Repeat("d", 64) + ".kz"
	if len(long) != 254 {
		t.Fatalf("len %d", len(long))
	}
	if _, err := NormalizeEmail(long); err != nil {
		t.Errorf("a 254-byte address: %v", err)
	}
}

func TestRegistrationHidesSecrets(t *testing.T) {
	r := goodRegistration()
	c, _ := r.Validate(DefaultRegions())
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	log.Info("register", "reg", r, "clean", c)
	out := buf.String() + fmt.Sprint(r, c) + fmt.Sprintf("%v %+v %#v %s", r, c, c, r)
	for _, secret := range []string{"900101300017", "Жаңа Конституция 2026"} {
		if strings.Contains(out, secret) {
			t.Errorf("a secret leaked: %s", out)
		}
	}
	if !strings.Contains(out, "**********17") || !strings.Contains(out, "aigerim.s@example.kz") {
		t.Errorf("output lost the safe fields: %s", out)
	}
}

func TestAccountAuthorize(t *testing.T) {
	a := Account{ID: 7, Roles: []Role{RoleCitizen, RoleModerator}}
	if !a.HasRole(RoleModerator) || a.HasRole(RoleAdministrator) {
		t.Error("HasRole")
	}
	if err := a.Authorize(ActModerate); err != nil {
		t.Error(err)
	}
	if err := a.Authorize(ActManageAccounts); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("Authorize(manage_accounts) = %v", err)
	}
	a.Disabled = true
	if err := a.Authorize(ActReport); err == nil || err.Error() != "this account is disabled" {
		t.Errorf("disabled account: %v", err)
	}
}

func ExampleRegistration_Validate() {
	r := Registration{
		Name:     "Aigerim Sadykova",
		IIN:      "900101300017",
		Region:   "ALMATY REGION",
		Email:    "Aigerim@Example.KZ",
		Password: "Жаңа Конституция 2026",
	}
	c, err := r.Validate(DefaultRegions())
	fmt.Println(c, err)

	r.Region = "Almaty City"
	r.Email = "not an address"
	_, err = r.Validate(DefaultRegions())
	fmt.Println(err.(*atazan.Error).Field)
	// Output:
	// {Name:"Aigerim Sadykova" IIN:**********17 Region:almaty-region Email:aigerim@example.kz Password:[hidden]} <nil>
	// region
}
