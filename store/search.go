package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"atazan"
	"atazan/consult"
)

// Marks that SearchProposals puts around matched words in a snippet. They
// are private-use characters that never occur in a proposal's text (the
// consult package refuses none, but users do not type them); the web layer
// escapes the snippet and turns them into <mark> and </mark>.
const (
	MarkStart = "\uE000"
	MarkEnd   = "\uE001"
)

// SearchHit is a proposal that matches a search, with a snippet of its text.
type SearchHit struct {
	Proposal consult.Proposal `json:"proposal"`
	Snippet  string           `json:"snippet"` // the matching passage, matches between MarkStart and MarkEnd
}

// SearchProposals searches the visible proposals of a consultation by full
// text: SQLite FTS5 (unicode61, which folds Cyrillic and Kazakh case), or
// PostgreSQL text search with the russian configuration for Russian texts
// and the simple one for Kazakh and English. Every word of the query must
// match. It returns a page of hits, best first, and the number in all.
func (s *Store) SearchProposals(ctx context.Context, id consult.ConsultationID, query string, limit, offset int) ([]SearchHit, int, error) {
	words := searchWords(query)
	if len(words) == 0 {
		return nil, 0, &atazan.Error{Code: atazan.EInvalid, Field: "q", Message: "type at least one word to search for"}
	}
	if len(words) > 20 {
		return nil, 0, &atazan.Error{Code: atazan.EInvalid, Field: "q", Message: "a search may have at most 20 words"}
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	var hits []SearchHit
	var total int
	err := s.view(ctx, func(tx *Tx) error {
		var count, page string
		var args []any
		switch s.dialect {
		case SQLite:
			match := `"` + strings.Join(words, `" "`) + `"`
			from := ` FROM proposals_fts f JOIN proposals p ON p.id = f.rowid WHERE proposals_fts MATCH ? AND p.consultation_id = ? AND p.status <> 'hidden'`
			count = `SELECT COUNT(*)` + from
			page = `SELECT ` + proposalColumns + `, snippet(proposals_fts, 0, '` + MarkStart + `', '` + MarkEnd + `', '…', 32)` + from + ` ORDER BY rank LIMIT ? OFFSET ?`
			args = []any{match, int64(id)}
		case Postgres:
			q := strings.Join(words, " ")
			from := ` FROM proposals p, (SELECT plainto_tsquery('russian', ?) || plainto_tsquery('simple', ?) AS q) AS s
				WHERE p.search @@ s.q AND p.consultation_id = ? AND p.status <> 'hidden'`
			count = `SELECT COUNT(*)` + from
			page = `SELECT ` + proposalColumns + `, ts_headline(CASE WHEN p.lang = 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END, p.text, s.q,
				'StartSel=` + MarkStart + `, StopSel=` + MarkEnd + `, MaxWords=32, MinWords=12, ShortWord=2')` + from + ` ORDER BY ts_rank(p.search, s.q) DESC, p.id DESC LIMIT ? OFFSET ?`
			args = []any{q, q, int64(id)}
		}
		if err := tx.queryRow(ctx, count, args...).Scan(&total); err != nil {
			return fmt.Errorf("search: %w", err)
		}
		rows, err := tx.query(ctx, page, append(args, limit, max(offset, 0))...)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var h SearchHit
			var dest []any
			p, err := scanProposal(scanFunc(func(d ...any) error {
				dest = append(d, &h.Snippet)
				return rows.Scan(dest...)
			}))
			if err != nil {
				return err
			}
			h.Proposal = p
			hits = append(hits, h)
		}
		return rows.Err()
	})
	return hits, total, err
}

type scanFunc func(...any) error

func (f scanFunc) Scan(d ...any) error { return f(d...) }

// searchWords splits a query into words of letters and digits, lowercased;
// everything else (quotes, operators, punctuation) separates words, so no
// query can break the search syntax of either database.
func searchWords(q string) []string {
	fields := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := fields[:0]
	for _, f := range fields {
		if len([]rune(f)) <= 64 {
			out = append(out, f)
		}
	}
	return out
}
