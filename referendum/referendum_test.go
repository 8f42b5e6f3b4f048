package referendum

import (
	"errors"
	"strings"
	"testing"
	"time"

	"atazan"
)

func goodReferendum() Referendum {
	return Referendum{
		Slug: "2026",
		Questions: map[string]string{
			"kk": "Сіз жаңа Конституцияны қабылдауды қолдайсыз ба?",
			"ru": "Поддерживаете ли вы принятие новой Конституции?",
			"en": "Do you support the adoption of the new Constitution?",
		},
		Charter:     "kz",
		Version:     "draft 2026",
		VersionHash: "sha256:" + strings.Repeat("ab", 32),
		Date:        atazan.Date{Y: 2026, M: time.March, D: 15},
		Rules:       "kz-constitutional",
	}
}

func TestCheckCreate(t *testing.T) {
	if err := goodReferendum().CheckCreate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		field  string
		change func(*Referendum)
	}{
		{"slug", func(r *Referendum) { r.Slug = "Референдум" }},
		{"slug", func(r *Referendum) { r.Slug = "" }},
		{"questions.kk", func(r *Referendum) { delete(r.Questions, "kk") }},
		{"questions.en", func(r *Referendum) { r.Questions["en"] = "  " }},
		{"questions.ru", func(r *Referendum) { r.Questions["ru"] = strings.Repeat("я", 2001) }},
		{"questions", func(r *Referendum) { r.Questions["de"] = "Frage" }},
		{"charter", func(r *Referendum) { r.Charter = "KZ" }},
		{"version", func(r *Referendum) { r.Version = "" }},
		{"version_hash", func(r *Referendum) { r.VersionHash = "sha256:ABC" }},
		{"date", func(r *Referendum) { r.Date = atazan.Date{} }},
		{"rules", func(r *Referendum) { r.Rules = "kz-constitutional,turnout=2" }},
		{"form", func(r *Referendum) { r.Form = Form{Registered, InBoxes} }},
	} {
		r := goodReferendum()
		r.Questions = map[string]string{"kk": r.Questions["kk"], "ru": r.Questions["ru"], "en": r.Questions["en"]}
		tc.change(&r)
		var e *atazan.Error
		if err := r.CheckCreate(); !errors.As(err, &e) || e.Field != tc.field || e.Code != atazan.EInvalid {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
	r := goodReferendum()
	r.Rules = ""
	if rs, err := r.RuleSet(); err != nil || rs.Name != DefaultRules || len(r.ProtocolForm()) != int(NumFields) {
		t.Errorf("defaults: %v %v", rs, err)
	}
}
