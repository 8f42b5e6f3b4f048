package charter

import (
	"fmt"
	"strings"

	"atazan"
)

// CheckParallelText decides whether req.Doc may be added to the existing version
// v as a parallel text: the version must be a draft (published versions are
// immutable), must not already carry doc's language, and doc must have
// exactly the structure of the version's primary text. Every structural
// mismatch is listed in the error.
//
// A parent given with the request must be the version's parent.
func CheckParallelText(v Version, req ImportRequest, primary *Document) error {
	doc := req.Doc
	if req.Parent != "" && req.Parent != v.Parent {
		return atazan.Errorf(atazan.EConflict, "version %q of %s exists with parent %q, not %q", v.Label, v.Charter, v.Parent, req.Parent)
	}
	if v.Status == StatusPublished {
		return atazan.Errorf(atazan.EConflict, "version %q of %s is published and cannot change; import the text as a new version", v.Label, v.Charter)
	}
	if v.HasLang(doc.Lang) {
		return atazan.Errorf(atazan.EConflict, "version %q of %s already has a %s text", v.Label, v.Charter, doc.Lang)
	}
	if ms := CompareStructure(primary, doc); len(ms) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "the %s text does not match the structure of the %s text of version %q (%d mismatches):", doc.Lang, primary.Lang, v.Label, len(ms))
		for _, m := range ms {
			fmt.Fprintf(&b, "\n  %s: %s", m.Unit, m.Message)
		}
		return atazan.Errorf(atazan.EInvalid, "%s", b.String())
	}
	return nil
}

// CheckPublish decides whether v may be published.
func CheckPublish(v Version) error {
	if v.Status == StatusPublished {
		return atazan.Errorf(atazan.EConflict, "version %q of %s is already published", v.Label, v.Charter)
	}
	return nil
}

// CheckImport validates an import request before anything is stored.
func CheckImport(req ImportRequest) error {
	if err := ValidSlug(req.Charter); err != nil {
		return err
	}
	if err := ValidLabel(req.Version); err != nil {
		return err
	}
	if req.Parent != "" {
		if err := ValidLabel(req.Parent); err != nil {
			err.(*atazan.Error).Field = "parent"
			return err
		}
		if req.Parent == req.Version {
			return atazan.FieldErrorf("parent", "a version cannot be its own parent")
		}
	}
	if req.Doc == nil || len(req.Doc.Units) == 0 {
		return atazan.FieldErrorf("file", "the text has no units")
	}
	if _, err := ParseLang(string(req.Doc.Lang)); err != nil {
		return atazan.FieldErrorf("lang", "%v", err)
	}
	return nil
}
