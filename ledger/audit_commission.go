package ledger

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"atazan/amend"
	"atazan/charter"
)

// CheckDrafts re-applies the amendments the log holds, in order, to the text
// of the version each working draft started from, and checks that every step
// gives the hash its amendment.applied record names, and that every version
// published from a draft (draft.published) is the text the amendments give.
// doc returns the primary text of a charter version (Lang is the version's
// primary language in the state). Votes need no such check: Replay already
// recomputes every vote's outcome from the logged votes, the attendance and
// the commission's rules, and refuses a vote.closed record that differs.
func CheckDrafts(state *State, doc func(charter, version, lang string) (*charter.Document, error)) []Discrepancy {
	var ds []Discrepancy
	add := func(i int64, format string, args ...any) {
		ds = append(ds, Discrepancy{Index: i, What: fmt.Sprintf(format, args...)})
	}
	keys := make([]DraftKey, 0, len(state.Drafts))
	for k := range state.Drafts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b DraftKey) int { return strings.Compare(a.Charter+"\x00"+a.Draft, b.Charter+"\x00"+b.Draft) })
	for _, k := range keys {
		d := state.Drafts[k]
		if len(d.Steps) == 0 {
			continue
		}
		first := d.Steps[0]
		v := state.Versions[VersionKey{Charter: k.Charter, Version: first.Base}]
		cur, err := doc(k.Charter, first.Base, v.Lang)
		if err != nil {
			add(first.Index, "draft %s of %s: the text of version %s: %v", k.Draft, k.Charter, first.Base, err)
			continue
		}
		pub := 0
		for n, st := range d.Steps {
			for pub < len(d.Published) && d.Published[pub].Steps == n {
				checkPublished(add, k, d.Published[pub], cur)
				pub++
			}
			if h := cur.Hash(); h != st.FromHash {
				add(st.Index, "draft %s of %s: the amendments before give %s, the record says from_hash %s", k.Draft, k.Charter, h, st.FromHash)
				break
			}
			a, err := amend.Parse(st.Text)
			if err != nil {
				add(st.Index, "draft %s of %s: the logged amendment does not parse: %v", k.Draft, k.Charter, err)
				break
			}
			next, err := amend.Apply(cur, a)
			if err != nil {
				add(st.Index, "draft %s of %s: the logged amendment does not apply: %v", k.Draft, k.Charter, err)
				break
			}
			if h := next.Hash(); h != st.Hash {
				add(st.Index, "draft %s of %s: re-applying the amendment gives %s, the record says %s", k.Draft, k.Charter, h, st.Hash)
				break
			}
			cur = next
		}
		for ; pub < len(d.Published); pub++ {
			checkPublished(add, k, d.Published[pub], cur)
		}
	}
	return ds
}

func checkPublished(add func(int64, string, ...any), k DraftKey, p DraftPublication, cur *charter.Document) {
	if h := cur.Hash(); h != p.Hash {
		add(p.Index, "version %s of %s, published from draft %s: the logged amendments give %s, the record says %s", p.Version, k.Charter, k.Draft, h, p.Hash)
	}
}

// compareDrafts is CheckDrafts over the texts the server publishes.
func compareDrafts(f *fetcher, rep *Report, state *State) error {
	var ferr error
	ds := CheckDrafts(state, func(ch, version, lang string) (*charter.Document, error) {
		path := "/api/v1/charters/" + url.PathEscape(ch) + "/versions/" + url.PathEscape(version) + "/units?lang=" + url.QueryEscape(lang)
		data, found, err := f.get(path, 64<<20)
		if err != nil {
			ferr = err
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("not served")
		}
		var d charter.Document
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("the JSON does not parse: %v", err)
		}
		return &d, nil
	})
	if ferr != nil {
		return ferr
	}
	rep.Discrepancies = append(rep.Discrepancies, ds...)
	return nil
}
