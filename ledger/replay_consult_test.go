package ledger

import (
	"strings"
	"testing"
	"time"
)

// TestReplayConsultation replays a consultation's life and checks that each
// rule refuses what it must, naming the record, and leaves the state as it was.
func TestReplayConsultation(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	key := []byte("pseudonym key")
	alice, bob, mod := Pseudonym(key, "1"), Pseudonym(key, "2"), Pseudonym(key, "3")
	text := Commit("Set the presidential term at five years.")
	must := func(r Record, err error) Record {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	vc := must(VersionCreated{Lang: "kk", Hash: "sha256:" + strings.Repeat("ab", 32)}.Record(at, Operator, "altyndala", "draft"))
	steps := []struct {
		name    string
		rec     Record
		wantErr string // "" when the record is allowed
	}{
		{"version", vc, ""},
		{"alice registers", must(AccountCreated{Region: "astana", Verification: "self-declared"}.Record(at, alice)), ""},
		{"alice again", must(AccountCreated{Region: "astana", Verification: "self-declared"}.Record(at, alice)), "already created"},
		{"bob registers", must(AccountCreated{Region: "abai", Verification: "self-declared"}.Record(at, bob)), ""},
		{"mod registers", must(AccountCreated{Region: "abai", Verification: "self-declared"}.Record(at, mod)), ""},
		{"alice makes herself moderator", must(AccountRoles{Roles: []string{"moderator"}}.Record(at, alice, alice)), "not an administrator"},
		{"operator makes mod a moderator", must(AccountRoles{Roles: []string{"citizen", "moderator"}}.Record(at, Operator, mod)), ""},
		{"alice opens a consultation", must(ConsultationOpened{Charter: "altyndala", Version: "draft", VersionHash: "sha256:" + strings.Repeat("ab", 32), From: "2026-03-01", To: "2026-03-31", TimeZone: "Asia/Almaty"}.Record(at, alice, 1)), "not an administrator"},
		{"consultation on a wrong hash", must(ConsultationOpened{Charter: "altyndala", Version: "draft", VersionHash: "sha256:" + strings.Repeat("cd", 32), From: "2026-03-01", To: "2026-03-31", TimeZone: "Asia/Almaty"}.Record(at, Operator, 1)), "not the version's"},
		{"consultation", must(ConsultationOpened{Charter: "altyndala", Version: "draft", VersionHash: "sha256:" + strings.Repeat("ab", 32), From: "2026-03-01", To: "2026-03-31", TimeZone: "Asia/Almaty"}.Record(at, Operator, 1)), ""},
		{"proposal in a missing consultation", must(ProposalSubmitted{Kind: "amend", Text: text, Rationale: text}.Record(at, alice, 2, 10)), "consultation 2 does not exist"},
		{"proposal by an unknown account", must(ProposalSubmitted{Kind: "amend", Text: text, Rationale: text}.Record(at, Pseudonym(key, "9"), 1, 10)), "does not exist"},
		{"proposal", must(ProposalSubmitted{Unit: "art_5__para_2", Kind: "amend", Lang: "en", Text: text, Rationale: text}.Record(at, alice, 1, 10)), ""},
		{"imported letter", must(ProposalSubmitted{Kind: "comment", Channel: "letter", Text: text, Rationale: text}.Record(at, Operator, 1, 11)), ""},
		{"proposal of a bad kind", must(ProposalSubmitted{Kind: "rewrite", Text: text, Rationale: text}.Record(at, alice, 1, 12)), "kind must be"},
		{"bob supports", must(SupportRecord(at, bob, 10, false)), ""},
		{"bob supports twice", must(SupportRecord(at, bob, 10, false)), "already supports"},
		{"alice withdraws what she never gave", must(SupportRecord(at, alice, 10, true)), "does not support"},
		{"bob comments", must(CommentAdded{Stance: "for", Text: text}.Record(at, bob, 10, 20)), ""},
		{"alice replies", must(CommentAdded{Parent: "20", Stance: "against", Text: text}.Record(at, alice, 10, 21)), ""},
		{"a reply to a reply", must(CommentAdded{Parent: "21", Stance: "neutral", Text: text}.Record(at, bob, 10, 22)), "one reply level"},
		{"bob hides a proposal", must(ModerationRecord(KindHidden, at, bob, "proposal", 10, Moderation{Reason: "spam", Note: text})), "not a moderator"},
		{"moderator hides it", must(ModerationRecord(KindHidden, at, mod, "proposal", 10, Moderation{Reason: "spam", Note: text})), ""},
		{"support of a hidden proposal", must(SupportRecord(at, mod, 10, false)), "hidden"},
		{"bob asks for a review of alice's proposal", must(ModerationRecord(KindReviewRequested, at, bob, "proposal", 10, nil)), "only the author"},
		{"alice asks for a review", must(ModerationRecord(KindReviewRequested, at, alice, "proposal", 10, nil)), ""},
		{"alice asks again", must(ModerationRecord(KindReviewRequested, at, alice, "proposal", 10, nil)), "already asked"},
		{"moderator restores", must(ModerationRecord(KindRestored, at, mod, "proposal", 10, Moderation{Reason: "spam", Note: text})), ""},
		{"bob withdraws", must(SupportRecord(at, bob, 10, true)), ""},
	}
	s := new(State)
	for i, st := range steps {
		before := len(s.Proposals["10"].Supporters)
		hiddenBefore := s.Proposals["10"].Hidden
		err := Replay(s, int64(i), st.rec)
		switch {
		case st.wantErr == "" && err != nil:
			t.Errorf("%s: %v", st.name, err)
		case st.wantErr != "" && (err == nil || !strings.Contains(err.Error(), st.wantErr)):
			t.Errorf("%s: error %v, want one containing %q", st.name, err, st.wantErr)
		case st.wantErr != "":
			if !strings.Contains(err.Error(), "record "+itoa(i)) {
				t.Errorf("%s: error %q does not name record %d", st.name, err, i)
			}
			if len(s.Proposals["10"].Supporters) != before || s.Proposals["10"].Hidden != hiddenBefore {
				t.Errorf("%s: a refused record changed the state", st.name)
			}
		}
	}
	p := s.Proposals["10"]
	if p.Supports() != 0 || p.Hidden || !p.ReviewRequested || p.Author != alice || len(s.Comments) != 2 || len(s.Proposals) != 2 {
		t.Errorf("final state: %+v, %d comments", p, len(s.Comments))
	}
	if !s.Accounts[mod].HasRole("moderator") || s.Proposals["11"].Author != Operator {
		t.Errorf("accounts: %+v", s.Accounts[mod])
	}
}

func itoa(i int) string { return IDSubject(int64(i)) }
