// Package demo holds the example reform that "atazan demo" serves: the
// Constitution of the fictional Republic of Altyndala, its current text and a
// 2026 draft, each in Kazakh, Russian and English (see README.md here).
package demo

import (
	"context"
	"embed"
	"fmt"

	"atazan"
	"atazan/charter"
)

//go:embed *.txt
var texts embed.FS

// Charter is the slug of the example charter.
const Charter = "altyndala"

// The example versions, oldest first.
const (
	Current = "2020 as amended 2024"
	Draft   = "Draft of 2026-02-12"
)

var versions = []struct {
	label, parent, file string
	publish             bool
}{
	{Current, "", "altyndala-2020", true},
	{Draft, Current, "altyndala-2026-draft", false},
}

// Load imports the example reform into s unless it is there already: the
// current version (published) and the draft, each with its Kazakh text as the
// primary one and Russian and English parallel texts. It reports each step to
// progress.
func Load(ctx context.Context, s charter.Store, progress func(format string, args ...any)) error {
	for _, v := range versions {
		existing, err := s.Version(ctx, Charter, v.label)
		if err != nil && atazan.ErrorCode(err) != atazan.ENotFound {
			return err
		}
		for _, lang := range charter.Languages {
			if err == nil && existing.HasLang(lang) {
				continue
			}
			name := fmt.Sprintf("%s-%s.txt", v.file, lang)
			data, err := texts.ReadFile(name)
			if err != nil {
				return err
			}
			doc, err := charter.Parse(data, charter.FormatText, lang)
			if err != nil {
				return fmt.Errorf("demo text %s: %w", name, err)
			}
			ver, err := s.ImportVersion(ctx, charter.ImportRequest{Charter: Charter, Version: v.label, Parent: v.parent, Doc: doc})
			if err != nil {
				return fmt.Errorf("demo text %s: %w", name, err)
			}
			progress("imported %s %q (%s) %s, log record %d", Charter, v.label, lang, doc.Hash(), ver.LogIndex)
		}
		if v.publish {
			cur, err := s.Version(ctx, Charter, v.label)
			if err != nil {
				return err
			}
			if cur.Status != charter.StatusPublished {
				pub, err := s.PublishVersion(ctx, Charter, v.label, "")
				if err != nil {
					return err
				}
				progress("published %s %q %s, log record %d", Charter, v.label, pub.Hash, pub.LogIndex)
			}
		}
	}
	return nil
}

// Document parses one of the demo's embedded texts: the current version or
// the draft, in a language.
func Document(label string, lang charter.Lang) (*charter.Document, error) {
	for _, v := range versions {
		if v.label == label {
			data, err := texts.ReadFile(fmt.Sprintf("%s-%s.txt", v.file, lang))
			if err != nil {
				return nil, err
			}
			return charter.Parse(data, charter.FormatText, lang)
		}
	}
	return nil, atazan.Errorf(atazan.ENotFound, "the demo has no version %q", label)
}
