package consult

import (
	"strings"
	"testing"

	"atazan"
)

func TestCommentRequest(t *testing.T) {
	id := CommentID(3)
	zero := CommentID(0)
	ok := CommentRequest{Proposal: 5, Stance: StanceFor, Text: "Толық қолдаймын."}
	tests := []struct {
		name  string
		edit  func(*CommentRequest)
		field string
		msg   string
	}{
		{"top level", func(*CommentRequest) {}, "", ""},
		{"reply", func(r *CommentRequest) { r.Parent = &id }, "", ""},
		{"against", func(r *CommentRequest) { r.Stance = StanceAgainst }, "", ""},
		{"no stance is neutral", func(r *CommentRequest) { r.Stance = "" }, "", ""},
		{"at the limit", func(r *CommentRequest) { r.Text = strings.Repeat("я", 2000) }, "", ""},
		{"no proposal", func(r *CommentRequest) { r.Proposal = 0 }, "proposal", "must be given"},
		{"zero parent", func(r *CommentRequest) { r.Parent = &zero }, "parent", "must be given"},
		{"bad stance", func(r *CommentRequest) { r.Stance = "maybe" }, "stance", `unknown stance "maybe"`},
		{"empty", func(r *CommentRequest) { r.Text = "\n \n" }, "text", "comment is required"},
		{"too long", func(r *CommentRequest) { r.Text = strings.Repeat("я", 2001) }, "text", "comment is 2,001 characters; the limit is 2,000"},
		{"control", func(r *CommentRequest) { r.Text = "да\x1b[31m" }, "text", "control character (U+001B)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.edit(&r)
			got, err := r.Validate()
			checkFieldErr(t, err, tt.field, tt.msg)
			if err == nil && (got.Stance == "" || got.Text == "") {
				t.Errorf("got %+v", got)
			}
		})
	}
	got, _ := CommentRequest{Proposal: 1, Text: " ok\r\n"}.Validate()
	if got.Stance != StanceNeutral || got.Text != "ok" {
		t.Errorf("defaults: %+v", got)
	}
}

func TestCommentAndSupportRules(t *testing.T) {
	checkFieldErr(t, CheckReplyDepth(false), "", "")
	checkFieldErr(t, CheckReplyDepth(true), "parent", "one level deep")
	for _, s := range []Status{StatusSubmitted, StatusUnderReview, StatusMerged, StatusAccepted, StatusPartiallyAccepted, StatusRejected} {
		if err := CanSupport(s); err != nil {
			t.Errorf("CanSupport(%s) = %v", s, err)
		}
		if err := CanComment(s); err != nil {
			t.Errorf("CanComment(%s) = %v", s, err)
		}
	}
	if err := CanSupport(StatusHidden); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("CanSupport(hidden) = %v", err)
	}
	if err := CanComment(StatusHidden); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("CanComment(hidden) = %v", err)
	}
}
