package web

import (
	"context"
	"sync"

	"atazan"
	"atazan/charter"
)

// docKey names one text of one version. The hash is part of the key, so a
// cached text can never be served for different content.
type docKey struct {
	charter, label string
	lang           charter.Lang
	hash           string
}

// docIndex is a parsed text with the lookups the pages need.
type docIndex struct {
	doc      *charter.Document
	articles []*charter.Unit                  // in document order
	byNumber map[string]int                   // article number → index in articles
	section  map[charter.UnitID]*charter.Unit // article ID → its section, if any
}

func newDocIndex(d *charter.Document) *docIndex {
	x := &docIndex{doc: d, byNumber: map[string]int{}, section: map[charter.UnitID]*charter.Unit{}}
	d.Walk(func(u, parent *charter.Unit) bool {
		if u.Kind == charter.KindArticle {
			x.byNumber[u.Number] = len(x.articles)
			x.articles = append(x.articles, u)
			if parent != nil && parent.Kind == charter.KindSection {
				x.section[u.ID] = parent
			}
		}
		return true
	})
	return x
}

// docCache keeps recently read texts. Texts are immutable for a given hash,
// so entries never go stale; when full, an arbitrary entry makes room.
type docCache struct {
	mu  sync.Mutex
	max int
	m   map[docKey]*docIndex
}

func newDocCache(max int) *docCache { return &docCache{max: max, m: map[docKey]*docIndex{}} }

func (c *docCache) get(k docKey) *docIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *docCache) put(k docKey, x *docIndex) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		for old := range c.m {
			delete(c.m, old)
			break
		}
	}
	c.m[k] = x
}

// text returns the version's text in lang, from the cache when it is there.
func (s *Server) text(ctx context.Context, v charter.Version, lang charter.Lang) (*docIndex, error) {
	hash := ""
	for _, t := range v.Texts {
		if t.Lang == lang {
			hash = t.Hash
		}
	}
	if hash == "" {
		return nil, &atazan.Error{Code: atazan.ENotFound, Field: "lang",
			Message: "version " + v.Label + " has no text in language " + string(lang)}
	}
	k := docKey{v.Charter, v.Label, lang, hash}
	if x := s.docs.get(k); x != nil {
		return x, nil
	}
	d, err := s.charters.Document(ctx, v.Charter, v.Label, lang)
	if err != nil {
		return nil, err
	}
	x := newDocIndex(d)
	s.docs.put(k, x)
	return x, nil
}
