package consolidate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"atazan"
)

// CampaignRule decides when a cluster is an organised campaign: at least
// MinSize of its proposals, from at least MinAccounts distinct authors,
// arrived within one Window. Members of a cluster are near-identical by
// construction, so the rule looks only at how many came, from how many
// accounts, and how fast.
//
// A campaign is never dropped: it is shown as one representative text with
// its count, and its decision applies to every member.
type CampaignRule struct {
	MinSize     int           // proposals in the window
	MinAccounts int           // distinct authors among them
	Window      time.Duration // the window's length
}

// DefaultCampaignRule flags 50 near-identical proposals from 30 accounts
// within 72 hours. A citizen campaign that gathers its signatures over weeks
// is not flagged; a mailing that sends a text to thousands in a weekend is.
var DefaultCampaignRule = CampaignRule{MinSize: 50, MinAccounts: 30, Window: 72 * time.Hour}

// ParseCampaignRule reads a rule written "size=50,accounts=30,window=72h";
// keys left out keep the default's value.
func ParseCampaignRule(s string) (CampaignRule, error) {
	r := DefaultCampaignRule
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return r, atazan.FieldErrorf("campaign", "%q is not key=value", part)
		}
		switch k {
		case "size", "accounts":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return r, atazan.FieldErrorf("campaign", "%s must be a positive whole number, not %q", k, v)
			}
			if k == "size" {
				r.MinSize = n
			} else {
				r.MinAccounts = n
			}
		case "window":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return r, atazan.FieldErrorf("campaign", "window must be a positive duration such as 72h, not %q", v)
			}
			r.Window = d
		default:
			return r, atazan.FieldErrorf("campaign", "unknown key %q: want size, accounts or window", k)
		}
	}
	if r.MinAccounts > r.MinSize {
		return r, atazan.FieldErrorf("campaign", "accounts (%d) cannot exceed size (%d)", r.MinAccounts, r.MinSize)
	}
	return r, nil
}

// String writes the rule as ParseCampaignRule reads it.
func (r CampaignRule) String() string {
	return fmt.Sprintf("size=%d,accounts=%d,window=%s", r.MinSize, r.MinAccounts, r.Window)
}

// Flag reports whether arrivals (in any order) make a campaign: some window
// of length Window, closed at both ends, holds at least MinSize of them
// from at least MinAccounts distinct authors.
func (r CampaignRule) Flag(arrivals []Arrival) bool {
	if len(arrivals) < r.MinSize || r.MinSize < 1 {
		return false
	}
	a := slices.Clone(arrivals)
	slices.SortFunc(a, func(x, y Arrival) int { return x.At.Compare(y.At) })
	authors := map[string]int{}
	lo := 0
	for hi := range a {
		authors[a[hi].Author]++
		for a[hi].At.Sub(a[lo].At) > r.Window {
			if authors[a[lo].Author]--; authors[a[lo].Author] == 0 {
				delete(authors, a[lo].Author)
			}
			lo++
		}
		if hi-lo+1 >= r.MinSize && len(authors) >= r.MinAccounts {
			return true
		}
	}
	return false
}
