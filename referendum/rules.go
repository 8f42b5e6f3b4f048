package referendum

import (
	"fmt"
	"strconv"
	"strings"

	"atazan"
)

// Threshold is a share that a count must pass: more than Num/Den of its
// base, or, when AtLeast is set, at least Num/Den. An Off threshold is
// always passed. Shares are exact fractions and are compared in integer
// arithmetic: count·Den > base·Num (or ≥), never in floating point.
type Threshold struct {
	Off     bool
	Num     int64
	Den     int64
	AtLeast bool
}

// Passes reports whether count out of base passes the threshold.
func (t Threshold) Passes(count, base int64) bool {
	if t.Off {
		return true
	}
	l, r := count*t.Den, base*t.Num
	if t.AtLeast {
		return l >= r
	}
	return l > r
}

// String writes the threshold as the rule-set grammar does, with its
// operator: "=1/2" (more than half), ">=2/3" (at least two thirds), "=off".
func (t Threshold) String() string {
	switch {
	case t.Off:
		return "=off"
	case t.AtLeast:
		return fmt.Sprintf(">=%d/%d", t.Num, t.Den)
	}
	return fmt.Sprintf("=%d/%d", t.Num, t.Den)
}

// Describe writes the threshold in words: "more than 1/2", "at least 2/3", "off".
func (t Threshold) Describe() string {
	switch {
	case t.Off:
		return "off"
	case t.AtLeast:
		return fmt.Sprintf("at least %d/%d", t.Num, t.Den)
	}
	return fmt.Sprintf("more than %d/%d", t.Num, t.Den)
}

// RuleSet says when a referendum is valid and when its question is
// adopted. It is data: a referendum names its rule set by a spec (see
// LookupRules) and the same spec always gives the same rules.
//
//   - Turnout: participants out of registered voters; below it the
//     referendum is not valid and nothing is adopted. May be Off.
//   - National: yes votes out of participants, nationally. Never Off.
//   - Regional: yes votes out of participants within one region; a region
//     that passes it is "carried". Off means no regional condition (and
//     Regions is then ignored).
//   - Regions: carried regions out of regions with results.
type RuleSet struct {
	Name     string // the base rule set's name, e.g. "kz-constitutional"
	Turnout  Threshold
	National Threshold
	Regional Threshold
	Regions  Threshold
}

var half = Threshold{Num: 1, Den: 2}

// ruleSets are the named rule sets; LookupRules returns copies.
var ruleSets = map[string]RuleSet{
	// The constitutional law "On the Republican Referendum" of Kazakhstan:
	// turnout over half, yes over half of participants nationally and in
	// at least two thirds of the regions (3k ≥ 2n).
	"kz-constitutional": {
		Name:     "kz-constitutional",
		Turnout:  half,
		National: half,
		Regional: half,
		Regions:  Threshold{Num: 2, Den: 3, AtLeast: true},
	},
	// The usual simple majority: turnout over half, and more than half of
	// the participants (not of the valid votes: an invalid ballot or one
	// marked both ways weighs as a "no") vote yes. No regional condition.
	"simple-majority": {
		Name:     "simple-majority",
		Turnout:  half,
		National: half,
		Regional: Threshold{Off: true},
		Regions:  Threshold{Off: true},
	},
}

// DefaultRules is the name of the rule set a referendum uses unless it names another.
const DefaultRules = "kz-constitutional"

// ruleOptions are the options of a spec, in the order String writes them.
var ruleOptions = []string{"turnout", "majority", "regional", "regions"}

func (rs *RuleSet) option(key string) *Threshold {
	switch key {
	case "turnout":
		return &rs.Turnout
	case "majority":
		return &rs.National
	case "regional":
		return &rs.Regional
	case "regions":
		return &rs.Regions
	}
	return nil
}

// LookupRules returns the rule set a spec names. The grammar:
//
//	spec      = name *( "," option )
//	name      = "kz-constitutional" | "simple-majority"
//	option    = key ( "=" | ">=" ) value
//	key       = "turnout" | "majority" | "regional" | "regions"
//	value     = "off" | integer "/" integer     ; 0 ≤ numerator ≤ denominator, 1 ≤ denominator ≤ 1000
//
// "=" means more than the fraction, ">=" at least the fraction. The keys:
// turnout (participants out of registered voters), majority (yes out of
// participants nationally), regional (yes out of participants in one
// region), regions (carried regions out of regions with results).
// "majority" cannot be off; "regions" is ignored while "regional" is off.
// Each key may appear once. Examples:
//
//	kz-constitutional                  the law of Kazakhstan
//	simple-majority                    turnout over 1/2, yes over 1/2 of participants
//	simple-majority,turnout=off        no turnout quorum
//	kz-constitutional,turnout=1/3      turnout over 1/3
//	kz-constitutional,turnout>=1/2     turnout of at least half
//
// An empty spec is DefaultRules. Errors are EInvalid with Field "rules".
func LookupRules(spec string) (RuleSet, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		spec = DefaultRules
	}
	parts := strings.Split(spec, ",")
	name := strings.TrimSpace(parts[0])
	rs, ok := ruleSets[name]
	if !ok {
		return RuleSet{}, atazan.FieldErrorf("rules", "unknown rule set %q; known: kz-constitutional, simple-majority", name)
	}
	seen := map[string]bool{}
	for _, opt := range parts[1:] {
		opt = strings.TrimSpace(opt)
		key, val, atLeast := opt, "", false
		if i := strings.Index(opt, ">="); i >= 0 {
			key, val, atLeast = opt[:i], opt[i+2:], true
		} else if i := strings.IndexByte(opt, '='); i >= 0 {
			key, val = opt[:i], opt[i+1:]
		} else {
			return RuleSet{}, atazan.FieldErrorf("rules", "option %q must be key=value or key>=value", opt)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		th := rs.option(key)
		if th == nil {
			return RuleSet{}, atazan.FieldErrorf("rules", "unknown option %q; known: %s", key, strings.Join(ruleOptions, ", "))
		}
		if seen[key] {
			return RuleSet{}, atazan.FieldErrorf("rules", "option %q is given twice", key)
		}
		seen[key] = true
		t, err := parseThreshold(val, atLeast)
		if err != nil {
			return RuleSet{}, atazan.FieldErrorf("rules", "%s: %v", key, err)
		}
		if t.Off && key == "majority" {
			return RuleSet{}, atazan.FieldErrorf("rules", "the national majority cannot be off")
		}
		*th = t
	}
	return rs, nil
}

func parseThreshold(v string, atLeast bool) (Threshold, error) {
	if v == "off" {
		if atLeast {
			return Threshold{}, fmt.Errorf("write off with =, not >=")
		}
		return Threshold{Off: true}, nil
	}
	n, d, ok := strings.Cut(v, "/")
	num, err1 := strconv.ParseInt(n, 10, 64)
	den, err2 := strconv.ParseInt(d, 10, 64)
	if !ok || err1 != nil || err2 != nil || den < 1 || den > 1000 || num < 0 || num > den {
		return Threshold{}, fmt.Errorf("%q is not off or a fraction n/d with 0 ≤ n ≤ d and 1 ≤ d ≤ 1000", v)
	}
	return Threshold{Num: num, Den: den, AtLeast: atLeast}, nil
}

// String returns the rule set's canonical spec: its name followed by the
// options that differ from the named set, in the order turnout, majority,
// regional, regions. LookupRules(rs.String()) returns rs.
func (rs RuleSet) String() string {
	base, ok := ruleSets[rs.Name]
	if !ok {
		return rs.Name
	}
	var b strings.Builder
	b.WriteString(rs.Name)
	for _, key := range ruleOptions {
		t, bt := *rs.option(key), *base.option(key)
		if t != bt {
			b.WriteString("," + key + t.String())
		}
	}
	return b.String()
}

// Describe says the rules in words, for a results page:
// "turnout more than 1/2; yes more than 1/2 of participants nationally; …".
func (rs RuleSet) Describe() string {
	s := "turnout " + rs.Turnout.Describe() + " of registered voters; yes " + rs.National.Describe() + " of participants nationally"
	if !rs.Regional.Off {
		s += "; yes " + rs.Regional.Describe() + " of participants in " + rs.Regions.Describe() + " of the regions with results"
	}
	return s
}
