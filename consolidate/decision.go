package consolidate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"atazan"
)

// ClusterID identifies a cluster of proposals.
type ClusterID int64

// Decision is the fate of a cluster, and so of every proposal in it.
type Decision string

// Decisions. The empty Decision means none is recorded yet.
const (
	Pending    Decision = ""
	Accepted   Decision = "accepted"     // taken into account
	Partly     Decision = "partly"       // partly taken into account
	Rejected   Decision = "rejected"     // not taken into account
	OutOfScope Decision = "out_of_scope" // outside the charter's scope
)

// Decisions lists the decisions the secretariat may record, in display order.
var Decisions = []Decision{Accepted, Partly, Rejected, OutOfScope}

// Limits on what the secretariat writes.
const (
	MaxReason       = 4000 // characters of a decision's reason
	MaxWorkingGroup = 120  // characters of a working group's name
	MaxAmendmentRef = 120  // characters of an amendment's reference
)

// ParseDecision returns the decision named s, or an error naming the accepted ones.
func ParseDecision(s string) (Decision, error) {
	d := Decision(strings.TrimSpace(s))
	for _, x := range Decisions {
		if d == x {
			return d, nil
		}
	}
	return "", atazan.FieldErrorf("decision", "unknown decision %q: want accepted, partly, rejected or out_of_scope", s)
}

// CheckDecision validates a decision and its reason and returns the reason
// trimmed. Every decision needs a reason: the authors read it.
func CheckDecision(d Decision, reason string) (string, error) {
	if _, err := ParseDecision(string(d)); err != nil {
		return "", err
	}
	return checkText("reason", reason, MaxReason, true)
}

// CheckWorkingGroup validates the name of a working group; "" takes the
// cluster off any group.
func CheckWorkingGroup(name string) (string, error) {
	return checkText("group", name, MaxWorkingGroup, false)
}

// CheckAmendmentRef validates the reference of an amendment a cluster is
// linked to; "" removes the link.
func CheckAmendmentRef(ref string) (string, error) {
	ref, err := checkText("amendment", ref, MaxAmendmentRef, false)
	if err == nil && strings.ContainsAny(ref, "\n\r\t") {
		return "", atazan.FieldErrorf("amendment", "an amendment's reference is one line")
	}
	return ref, err
}

func checkText(field, s string, max int, required bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", atazan.FieldErrorf(field, "is not valid UTF-8")
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", atazan.FieldErrorf(field, "is required")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", &atazan.Error{Code: atazan.ETooLarge, Field: field, Message: fmt.Sprintf("is %d characters, more than the limit of %d", n, max)}
	}
	return s, nil
}
