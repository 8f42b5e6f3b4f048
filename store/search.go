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
// match. It returns a page of hits, best first, and the number in all (up to
// SearchCountCap). Relevance ranks the newest searchCandidates matches, so
// that a common word stays fast in a million proposals.
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
		// Ranking every match of a common word in a million proposals is
		// too slow for a search box: the newest searchCandidates matches are
		// ranked by relevance, and the count stops at SearchCountCap.
		var count, page string
		var args []any
		switch s.dialect {
		case SQLite:
			match := `"` + strings.Join(words, `" "`) + `"`
			cand := `SELECT f.rowid AS id, f.rank AS score FROM proposals_fts f JOIN proposals p ON p.id = f.rowid
				WHERE proposals_fts MATCH ? AND p.consultation_id = ? AND p.status <> 'hidden' ORDER BY f.rowid DESC LIMIT ` + fmt.Sprint(searchCandidates)
			count = `SELECT COUNT(*) FROM (SELECT 1 FROM proposals_fts f JOIN proposals p ON p.id = f.rowid WHERE proposals_fts MATCH ? AND p.consultation_id = ? AND p.status <> 'hidden' LIMIT ` + fmt.Sprint(SearchCountCap) + `)`
			// Sort and cut the page first, then read the page's rows.
			page = `SELECT ` + proposalColumns + ` FROM (SELECT id, score FROM (` + cand + `) ORDER BY score, id DESC LIMIT ? OFFSET ?) c
				JOIN proposals p ON p.id = c.id ORDER BY c.score, p.id DESC`
			args = []any{match, int64(id)}
			if err := tx.queryRow(ctx, count, args...).Scan(&total); err != nil {
				return fmt.Errorf("search: %w", err)
			}
		case Postgres:
			q := strings.Join(words, " ")
			from := ` FROM proposals p, (SELECT plainto_tsquery('russian', ?) || plainto_tsquery('simple', ?) AS q) AS s
				WHERE p.search @@ s.q AND p.consultation_id = ? AND p.status <> 'hidden'`
			count = `SELECT COUNT(*) FROM (SELECT 1` + from + ` LIMIT ` + fmt.Sprint(SearchCountCap) + `) x`
			args = []any{q, q, int64(id)}
			if err := tx.queryRow(ctx, count, args...).Scan(&total); err != nil {
				return fmt.Errorf("search: %w", err)
			}
			page = `SELECT ` + proposalColumns + ` FROM (SELECT id, score FROM
				(SELECT p.id, ts_rank(p.search, s.q) AS score` + from + ` ORDER BY p.id DESC LIMIT ` + fmt.Sprint(searchCandidates) + `) c0
				ORDER BY score DESC, id DESC LIMIT ? OFFSET ?) c
				JOIN proposals p ON p.id = c.id ORDER BY c.score DESC, p.id DESC`
		}
		rows, err := tx.query(ctx, page, append(args, limit, max(offset, 0))...)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProposal(rows)
			if err != nil {
				return err
			}
			hits = append(hits, SearchHit{Proposal: p, Snippet: Snippet(p.Text, words, 200)})
		}
		return rows.Err()
	})
	return hits, total, err
}

// Search limits: see SearchProposals.
const (
	searchCandidates = 500 // newest matches ranked by relevance
	SearchCountCap   = 200 // matches counted; a total of 200 means "200 or more"; counting is most of a search's work
)

// Snippet returns the passage of text around the first of the words,
// about width characters long, with every occurrence of the words (matched
// case-insensitively at word starts, as a stemmed search also finds
// "referendums" for "referendum") between MarkStart and MarkEnd.
func Snippet(text string, words []string, width int) string {
	runes := []rune(text)
	lower := []rune(strings.ToLower(text))
	if len(lower) != len(runes) { // case mapping changed the length: match on the text as it is
		lower = runes
	}
	isStart := func(i int) bool { return i == 0 || !unicode.IsLetter(runes[i-1]) && !unicode.IsDigit(runes[i-1]) }
	match := func(i int) int {
		if !isStart(i) {
			return 0
		}
		for _, w := range words {
			wr := []rune(w)
			if i+len(wr) <= len(lower) && string(lower[i:i+len(wr)]) == w {
				j := i + len(wr)
				for j < len(runes) && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j])) {
					j++ // the rest of the word
				}
				return j - i
			}
		}
		return 0
	}
	first := -1
	for i := range runes {
		if match(i) > 0 {
			first = i
			break
		}
	}
	start := 0
	if first > width/3 {
		start = first - width/3
	}
	end := min(len(runes), start+width)
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	for i := start; i < end; {
		if n := match(i); n > 0 {
			b.WriteString(MarkStart + string(runes[i:min(i+n, len(runes))]) + MarkEnd)
			i += n
			continue
		}
		b.WriteRune(runes[i])
		i++
	}
	if end < len(runes) {
		b.WriteString("…")
	}
	return b.String()
}

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
