package referendum

import (
	"regexp"
	"strings"

	"atazan"
	"atazan/charter"
)

// ID identifies a referendum.
type ID int64

// QuestionLangs are the languages every referendum's question is put in, in
// display order: Kazakh (the state language), Russian, English.
var QuestionLangs = []string{"kk", "ru", "en"}

// maxQuestionChars is the longest question, in characters.
const maxQuestionChars = 2000

// Referendum is a nationwide vote on a version of a charter. It binds the
// version by its label and by its content hash, so that the text voted on
// cannot change under the vote: the store refuses a referendum whose hash
// is not the version's.
type Referendum struct {
	ID          ID
	Slug        string            // 1-63 lowercase latin letters, digits and hyphens, e.g. "2026"
	Questions   map[string]string // the question by language; kk, ru and en, no other
	Charter     string            // the charter's slug
	Version     string            // the label of the version put to the vote
	VersionHash string            // the version's content hash, "sha256:" and 64 lowercase hex digits
	Date        atazan.Date       // the day of the vote
	Rules       string            // the rule-set spec (LookupRules); "" means DefaultRules
	Form        Form              // the protocol form; nil means DefaultForm
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	hashRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// RuleSet returns the referendum's rule set.
func (r Referendum) RuleSet() (RuleSet, error) { return LookupRules(r.Rules) }

// ProtocolForm returns the referendum's protocol form.
func (r Referendum) ProtocolForm() Form {
	if r.Form == nil {
		return DefaultForm()
	}
	return r.Form
}

// CheckCreate checks a referendum about to be created: its slug, a
// question in each of QuestionLangs (1 to 2,000 characters after trimming,
// no other language), the charter slug, the version label and hash, a
// date, a known rule-set spec and a valid form. Whether the charter and the
// version exist and the hash is theirs is for the store to check. The
// error is an EInvalid *atazan.Error whose Field names the input at fault:
// "slug", "questions.kk" (…ru, …en, or "questions" for an unknown
// language), "charter", "version", "version_hash", "date", "rules", "form".
func (r Referendum) CheckCreate() error {
	if !slugRE.MatchString(r.Slug) {
		return atazan.FieldErrorf("slug", "the referendum's slug %q must be 1-63 lowercase latin letters, digits and hyphens", r.Slug)
	}
	for lang := range r.Questions {
		if !isQuestionLang(lang) {
			return atazan.FieldErrorf("questions", "the question is put in kk, ru and en only, not %q", lang)
		}
	}
	for _, lang := range QuestionLangs {
		q := strings.TrimSpace(r.Questions[lang])
		field := "questions." + lang
		switch n := len([]rune(q)); {
		case n == 0:
			return atazan.FieldErrorf(field, "the question in %s is required", lang)
		case n > maxQuestionChars:
			return atazan.FieldErrorf(field, "the question in %s is %d characters; at most %d", lang, n, maxQuestionChars)
		}
	}
	if err := charter.ValidSlug(r.Charter); err != nil {
		return err
	}
	if err := charter.ValidLabel(r.Version); err != nil {
		return err
	}
	if !hashRE.MatchString(r.VersionHash) {
		return atazan.FieldErrorf("version_hash", "the version hash must be \"sha256:\" and 64 lowercase hex digits, as the charter's version shows it")
	}
	if r.Date.IsZero() {
		return atazan.FieldErrorf("date", "the day of the vote is required")
	}
	if _, err := r.RuleSet(); err != nil {
		return err
	}
	if r.Form != nil {
		if _, err := ParseForm(r.Form.Names()); err != nil {
			return err
		}
	}
	return nil
}

func isQuestionLang(l string) bool {
	for _, q := range QuestionLangs {
		if q == l {
			return true
		}
	}
	return false
}
