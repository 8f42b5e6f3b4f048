package consult

import (
	"strings"
	"testing"

	"atazan"
	"atazan/charter"
)

func TestReasonLabels(t *testing.T) {
	if len(ReasonLabels) != len(Reasons) {
		t.Fatalf("%d labels for %d reasons", len(ReasonLabels), len(Reasons))
	}
	for _, r := range Reasons {
		if err := r.Valid(); err != nil {
			t.Error(err)
		}
		for _, l := range charter.Languages {
			if ReasonLabels[r][l] == "" {
				t.Errorf("no %s label for %s", l, r)
			}
		}
	}
}

func TestHideRequest(t *testing.T) {
	ok := HideRequest{Target: TargetProposal, ID: 9, Reason: ReasonSpam}
	tests := []struct {
		name  string
		edit  func(*HideRequest)
		field string
		msg   string
	}{
		{"spam without note", func(*HideRequest) {}, "", ""},
		{"comment", func(r *HideRequest) { r.Target = TargetComment }, "", ""},
		{"illegal with note", func(r *HideRequest) {
			r.Reason, r.Note = ReasonIllegalContent, "Призыв к насилию во втором абзаце."
		}, "", ""},
		{"personal data", func(r *HideRequest) { r.Reason = ReasonPersonalData }, "", ""},
		{"off topic", func(r *HideRequest) { r.Reason = ReasonOffTopic }, "", ""},
		{"note at the limit", func(r *HideRequest) { r.Note = strings.Repeat("ж", 1000) }, "", ""},
		{"unknown target", func(r *HideRequest) { r.Target = "support" }, "target", `unknown target "support"`},
		{"no id", func(r *HideRequest) { r.ID = 0 }, "id", "the proposal must be given"},
		{"no reason", func(r *HideRequest) { r.Reason = "" }, "reason", `unknown reason ""`},
		{"unknown reason", func(r *HideRequest) { r.Reason = "rude" }, "reason", `unknown reason "rude"`},
		{"illegal without note", func(r *HideRequest) { r.Reason, r.Note = ReasonIllegalContent, " \n" }, "note", "needs a note"},
		{"note too long", func(r *HideRequest) { r.Note = strings.Repeat("ж", 1001) }, "note", "note is 1,001 characters; the limit is 1,000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.edit(&r)
			_, err := r.Validate()
			checkFieldErr(t, err, tt.field, tt.msg)
		})
	}
}

func TestReportAndReviewRequests(t *testing.T) {
	tests := []struct {
		name     string
		validate func() error
		field    string
		msg      string
	}{
		{"report", func() error { _, err := Report{Target: TargetComment, ID: 1}.Validate(); return err }, "", ""},
		{"report with note", func() error {
			_, err := Report{Target: TargetProposal, ID: 1, Note: "Здесь номер телефона."}.Validate()
			return err
		}, "", ""},
		{"report without id", func() error { _, err := Report{Target: TargetComment}.Validate(); return err }, "id", "the comment must be given"},
		{"report long note", func() error {
			_, err := Report{Target: TargetComment, ID: 1, Note: strings.Repeat("x", 1001)}.Validate()
			return err
		}, "note", "limit is 1,000"},
		{"review", func() error {
			_, err := ReviewRequest{Target: TargetProposal, ID: 2, Note: "Там нет персональных данных."}.Validate()
			return err
		}, "", ""},
		{"review without note", func() error { _, err := ReviewRequest{Target: TargetProposal, ID: 2}.Validate(); return err }, "note", "note is required"},
		{"review bad target", func() error { _, err := ReviewRequest{Target: "account", ID: 2, Note: "x"}.Validate(); return err }, "target", "unknown target"},
		{"uphold", func() error {
			_, err := DecideRequest{Target: TargetProposal, ID: 2, Decision: ReviewUphold, Note: "Текст содержит ИИН."}.Validate()
			return err
		}, "", ""},
		{"uphold without note", func() error {
			_, err := DecideRequest{Target: TargetProposal, ID: 2, Decision: ReviewUphold}.Validate()
			return err
		}, "note", "note is required"},
		{"restore without note", func() error {
			_, err := DecideRequest{Target: TargetComment, ID: 2, Decision: ReviewRestore}.Validate()
			return err
		}, "", ""},
		{"unknown decision", func() error {
			_, err := DecideRequest{Target: TargetComment, ID: 2, Decision: "delete"}.Validate()
			return err
		}, "decision", `unknown decision "delete"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFieldErr(t, tt.validate(), tt.field, tt.msg) })
	}
}

func TestModerationChecks(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"first report", CheckReport(false), ""},
		{"second report", CheckReport(true), atazan.EConflict},
		{"author asks once", CheckReviewRequest(true, false, true), ""},
		{"author asks twice", CheckReviewRequest(true, true, true), atazan.EConflict},
		{"not the author", CheckReviewRequest(false, false, true), atazan.EForbidden},
		{"not hidden", CheckReviewRequest(true, false, false), atazan.EConflict},
		{"another moderator decides", CheckReviewDecision(true, false), ""},
		{"the hider decides", CheckReviewDecision(true, true), atazan.EForbidden},
		{"nothing pending", CheckReviewDecision(false, false), atazan.EConflict},
	}
	for _, tt := range tests {
		if got := atazan.ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: code %q (%v), want %q", tt.name, got, tt.err, tt.code)
		}
	}
	if ReviewUphold.Event() != EventUphold || ReviewRestore.Event() != EventRestore {
		t.Error("ReviewDecision.Event")
	}
}

func TestTransition(t *testing.T) {
	all := []Status{"", StatusSubmitted, StatusUnderReview, StatusMerged, StatusAccepted, StatusPartiallyAccepted, StatusRejected, StatusHidden}
	allowed := map[Status]map[Event]Status{
		"":                {EventSubmit: StatusSubmitted},
		StatusSubmitted:   {EventHide: StatusHidden},
		StatusUnderReview: {EventHide: StatusHidden},
		StatusHidden:      {EventRestore: StatusSubmitted, EventUphold: StatusHidden},
	}
	for _, from := range all {
		for _, ev := range []Event{EventSubmit, EventHide, EventRestore, EventUphold, "merge"} {
			to, err := Transition(from, ev)
			want, ok := allowed[from][ev]
			switch {
			case ok && (err != nil || to != want):
				t.Errorf("Transition(%q, %s) = %q, %v; want %q", from, ev, to, err, want)
			case !ok && (err == nil || atazan.ErrorCode(err) != atazan.EConflict || to != ""):
				t.Errorf("Transition(%q, %s) = %q, %v; want a conflict", from, ev, to, err)
			}
		}
	}
	_, err := Transition(StatusAccepted, EventHide)
	if err == nil || err.Error() != "cannot hide an item that is accepted" {
		t.Errorf("message: %v", err)
	}
}

func TestCount(t *testing.T) {
	got := Count(map[Status]int{StatusSubmitted: 120, StatusUnderReview: 30, StatusHidden: 7, StatusRejected: 0})
	if got.Total != 157 || got.Shown != 150 || got.HiddenByModeration != 7 || len(got.ByStatus) != 3 {
		t.Errorf("%+v", got)
	}
	if z := Count(nil); z.Total != 0 || z.ByStatus == nil {
		t.Errorf("%+v", z)
	}
}
