package web

// THROWAWAY: an in-memory charter.Store used only until store.Open lands on
// main. Delete this file before the final commit.

import (
	"context"
	"sync"
	"time"

	"atazan"
	"atazan/charter"
)

type memStore struct {
	mu       sync.Mutex
	charters []charter.Charter
	versions map[string][]charter.Version
	docs     map[string]*charter.Document
}

func newMemStore() *memStore {
	return &memStore{versions: map[string][]charter.Version{}, docs: map[string]*charter.Document{}}
}

func (m *memStore) Close() error { return nil }

func dk(c, l string, lang charter.Lang) string { return c + "\x00" + l + "\x00" + string(lang) }

func (m *memStore) ImportVersion(ctx context.Context, req charter.ImportRequest) (charter.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	found := false
	for _, c := range m.charters {
		found = found || c.Slug == req.Charter
	}
	if !found {
		t := req.CharterTitle
		if t == "" {
			t = req.Doc.Title
		}
		m.charters = append(m.charters, charter.Charter{Slug: req.Charter, Title: t, CreatedAt: time.Now()})
	}
	vs := m.versions[req.Charter]
	for i, v := range vs {
		if v.Label == req.Version {
			if v.Status != charter.StatusDraft || v.HasLang(req.Doc.Lang) {
				return v, atazan.Errorf(atazan.EConflict, "conflict")
			}
			v.Texts = append(v.Texts, charter.TextInfo{Lang: req.Doc.Lang, Hash: req.Doc.Hash(), Title: req.Doc.Title})
			vs[i] = v
			m.docs[dk(req.Charter, req.Version, req.Doc.Lang)] = req.Doc
			return v, nil
		}
	}
	v := charter.Version{Charter: req.Charter, Label: req.Version, Parent: req.Parent, Status: charter.StatusDraft,
		Lang: req.Doc.Lang, Hash: req.Doc.Hash(), CreatedAt: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC), Stats: req.Doc.Stats(),
		Texts: []charter.TextInfo{{Lang: req.Doc.Lang, Hash: req.Doc.Hash(), Title: req.Doc.Title}}}
	m.versions[req.Charter] = append(vs, v)
	m.docs[dk(req.Charter, req.Version, req.Doc.Lang)] = req.Doc
	return v, nil
}

func (m *memStore) PublishVersion(ctx context.Context, c, label string) (charter.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, v := range m.versions[c] {
		if v.Label == label {
			now := time.Now()
			v.Status, v.PublishedAt = charter.StatusPublished, &now
			m.versions[c][i] = v
			return v, nil
		}
	}
	return charter.Version{}, atazan.Errorf(atazan.ENotFound, "no version %s", label)
}

func (m *memStore) Charters(ctx context.Context) ([]charter.Charter, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]charter.Charter(nil), m.charters...), nil
}

func (m *memStore) Charter(ctx context.Context, slug string) (charter.Charter, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.charters {
		if c.Slug == slug {
			return c, nil
		}
	}
	return charter.Charter{}, atazan.Errorf(atazan.ENotFound, "There is no charter %s.", slug)
}

func (m *memStore) Versions(ctx context.Context, c string) ([]charter.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]charter.Version(nil), m.versions[c]...), nil
}

func (m *memStore) Version(ctx context.Context, c, label string) (charter.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, v := range m.versions[c] {
		if v.Label == label {
			return v, nil
		}
	}
	return charter.Version{}, atazan.Errorf(atazan.ENotFound, "There is no version %s of %s.", label, c)
}

func (m *memStore) Document(ctx context.Context, c, label string, lang charter.Lang) (*charter.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d, ok := m.docs[dk(c, label, lang)]; ok {
		return d, nil
	}
	return nil, atazan.Errorf(atazan.ENotFound, "no text")
}
