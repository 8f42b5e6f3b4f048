package consult

import (
	"testing"
	"time"

	"atazan/ledger"
)

func TestReceipt(t *testing.T) {
	c := mustConsultation(t, "2026-03-01", "2026-03-31", "")
	c.ID = 4
	p, err := Validate(Submission{Consultation: 4, Unit: "art_1__para_2", Kind: KindAmend,
		Text: "  Негізгі қағидаттар:\r\n", Rationale: "Қысқа әрі түсінікті."}, testDoc())
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	r := NewReceipt(81, 1204, c, p, at)
	want := Receipt{Proposal: 81, LogIndex: 1204, Consultation: 4, Charter: "kz-constitution", Version: "Draft 2026",
		Unit: "art_1__para_2", Kind: KindAmend, Commitment: ledger.Commit("Негізгі қағидаттар:"), SubmittedAt: at}
	if r != want {
		t.Errorf("receipt\n%+v\nwant\n%+v", r, want)
	}
	// The commitment is sha256 of the NFC text, as `printf %s 'Негізгі қағидаттар:' | sha256sum` gives it.
	if r.Commitment != "sha256:8477a2fc00af1af307bb1eec9dceddb004c1dfaa61bf6532b4ba8041ea08f9b9" {
		t.Errorf("commitment %s", r.Commitment)
	}
	for text, ok := range map[string]bool{
		"Негізгі қағидаттар:":     true,
		"Негізгі қағидаттар:\r\n": true,
		"  Негізгі қағидаттар:  ": true,
		"негізгі қағидаттар:":     false,
		"Негізгі  қағидаттар:":    false,
		"Негізгі қағидаттар: ...": false,
	} {
		if r.Matches(text) != ok {
			t.Errorf("Matches(%q) = %v", text, !ok)
		}
	}
}
