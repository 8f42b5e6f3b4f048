package main

import (
	"context"
	"flag"
	"fmt"
	"sort"

	"golang.org/x/mod/sumdb/tlog"

	"atazan"
	"atazan/charter"
	"atazan/ledger"
	"atazan/store"
)

// errDiscrepancies makes a command exit 1 after it printed its report.
var errDiscrepancies = &atazan.Error{Code: atazan.EConflict, Message: "the log does not verify: see the discrepancies above"}

func auditCommand() *command {
	return &command{
		name:    "audit",
		summary: "audit a running server against its public log, from your own machine",
		nargs:   0,
		help: `Audits the server at --url with the log's verifier key --key (as printed by
"atazan log key", obtained from the operator's publications, not from the
server). In order: verifies the signed checkpoint; proves it consistent with
the checkpoint saved in --state by the last audit (a fork or a rollback is
refused); fetches every record through the tiles and checks they hash to the
signed root; replays the records into the public state; compares that state
with what the server publishes under /api/v1 (objects changed after the
checkpoint are reported as pending). Exits 0 only if everything holds, and then
saves the checkpoint in --state; otherwise exits 1 naming each discrepancy.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			url := fs.String("url", "", "the server's base URL, e.g. https://atazan.example.kz (required)")
			key := fs.String("key", "", "the log's verifier key (required)")
			state := fs.String("state", "", "directory that keeps the last good checkpoint between audits")
			asJSON := fs.Bool("json", false, "print the report as JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("url", *url, "key", *key); err != nil {
					return err
				}
				a := &ledger.Auditor{BaseURL: *url, VerifierKey: *key, StateDir: *state}
				rep, err := a.Run(ctx)
				if err != nil {
					return err
				}
				return m.report(rep.Checkpoint, rep.Records, rep.Discrepancies, rep.Pending, *asJSON)
			}
		},
	}
}

// report prints an audit's result and returns errDiscrepancies when there are any.
func (m *Main) report(cp ledger.Checkpoint, records int64, ds []ledger.Discrepancy, pending []string, asJSON bool) error {
	if ds == nil {
		ds = []ledger.Discrepancy{}
	}
	if pending == nil {
		pending = []string{}
	}
	if asJSON {
		if err := writeJSON(m.Stdout, struct {
			OK            bool                 `json:"ok"`
			Origin        string               `json:"origin"`
			TreeSize      int64                `json:"tree_size"`
			RootHash      string               `json:"root_hash"`
			Records       int64                `json:"records"`
			Discrepancies []ledger.Discrepancy `json:"discrepancies"`
			Pending       []string             `json:"pending"`
		}{len(ds) == 0, cp.Origin, cp.Size, cp.Hash.String(), records, ds, pending}); err != nil {
			return err
		}
	} else {
		for _, d := range ds {
			fmt.Fprintf(m.Stderr, "DISCREPANCY %s\n", d)
		}
		for _, p := range pending {
			fmt.Fprintf(m.Stderr, "pending %s\n", p)
		}
		if len(ds) == 0 {
			fmt.Fprintf(m.Stderr, "ok: %s, %d records, root %s\n", cp.Origin, cp.Size, cp.Hash)
		}
	}
	if len(ds) > 0 {
		return errDiscrepancies
	}
	return nil
}

func logVerifyCommand() *command {
	return &command{
		name:    "log verify",
		summary: "verify the public log directly in the database (for operators)",
		nargs:   0,
		help: `Runs the audit's checks on the database itself: every record decodes; every
stored tree hash is the one the records determine; the latest signed checkpoint
verifies with the log key and matches the records; the records replay without
breaking a rule; and the replayed state equals the stored state (every charter
version and its hash). Exits 0 only if everything holds.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			sf.verifyOnly = true
			asJSON := fs.Bool("json", false, "print the report as JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				s, k, err := sf.open(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				cp, n, ds, err := verifyDatabase(ctx, s, k.vkey)
				if err != nil {
					return err
				}
				return m.report(cp, n, ds, nil, *asJSON)
			}
		},
	}
}

// verifyDatabase checks the log stored in s; see "atazan log verify --help".
func verifyDatabase(ctx context.Context, s *store.Store, vkey string) (ledger.Checkpoint, int64, []ledger.Discrepancy, error) {
	var ds []ledger.Discrepancy
	add := func(i int64, format string, args ...any) {
		ds = append(ds, ledger.Discrepancy{Index: i, What: fmt.Sprintf(format, args...)})
	}
	size, err := s.LogSize(ctx)
	if err != nil {
		return ledger.Checkpoint{}, 0, nil, err
	}
	records, missing, err := s.LogRecordsTolerant(ctx, size)
	if err != nil {
		return ledger.Checkpoint{}, 0, nil, err
	}
	for _, i := range missing {
		add(i, "record is missing from the database (the log holds %d records)", size)
	}
	if len(missing) > 0 {
		return ledger.Checkpoint{Origin: "(not verified)", Size: size}, size, ds, nil
	}
	// Every stored hash, recomputed from the records alone.
	var want memHashes
	for i, data := range records {
		hs, err := tlog.StoredHashes(int64(i), data, want)
		if err != nil {
			return ledger.Checkpoint{}, 0, nil, err
		}
		want = append(want, hs...)
	}
	stored := s.HashReader(ctx)
	const chunk = 4096
	for lo := int64(0); lo < int64(len(want)); lo += chunk {
		idx := make([]int64, 0, chunk)
		for i := lo; i < min(lo+chunk, int64(len(want))); i++ {
			idx = append(idx, i)
		}
		got, err := stored.ReadHashes(idx)
		if err != nil {
			add(-1, "stored tree hashes are missing or unreadable: %v", err)
			return ledger.Checkpoint{Origin: "(not verified)", Size: size}, size, ds, nil
		}
		for j, h := range got {
			if h != want[idx[j]] {
				level, n := tlog.SplitStoredHashIndex(idx[j])
				add(n<<uint(level), "stored hash at level %d, index %d is %s; the records give %s", level, n, h, want[idx[j]])
			}
		}
	}
	root, err := tlog.TreeHash(size, want)
	if err != nil {
		return ledger.Checkpoint{}, 0, nil, err
	}
	cp := ledger.Checkpoint{Origin: "(no checkpoint signed yet)", Size: size, Hash: root}
	if msg, err := s.LatestCheckpoint(ctx); err == nil {
		signed, err := ledger.OpenCheckpoint(msg, vkey)
		switch {
		case err != nil:
			add(-1, "latest checkpoint: %v", err)
		case signed.Size > size:
			add(-1, "the latest checkpoint covers %d records, the database holds %d: records were lost", signed.Size, size)
		default:
			if h, _ := tlog.TreeHash(signed.Size, want); h != signed.Hash {
				add(-1, "the records give root %s at size %d, the signed checkpoint says %s", h, signed.Size, signed.Hash)
			}
			cp.Origin = signed.Origin
		}
	}
	state, rds := ledger.ReplayRecords(records)
	ds = append(ds, rds...)
	ds = append(ds, compareState(ctx, s, state)...)
	ds = append(ds, ledger.CheckDrafts(state, func(ch, version, lang string) (*charter.Document, error) {
		return s.Document(ctx, ch, version, charter.Lang(lang))
	})...)
	return cp, size, ds, nil
}

// compareState compares the replayed state with the versions the database holds.
func compareState(ctx context.Context, s charter.Store, state *ledger.State) []ledger.Discrepancy {
	var ds []ledger.Discrepancy
	seen := map[ledger.VersionKey]bool{}
	cs, err := s.Charters(ctx)
	if err != nil {
		return []ledger.Discrepancy{{Index: -1, What: err.Error()}}
	}
	for _, c := range cs {
		vs, err := s.Versions(ctx, c.Slug)
		if err != nil {
			return append(ds, ledger.Discrepancy{Index: -1, What: err.Error()})
		}
		for _, v := range vs {
			key := ledger.VersionKey{Charter: v.Charter, Version: v.Label}
			seen[key] = true
			ls, ok := state.Versions[key]
			if !ok {
				ds = append(ds, ledger.Discrepancy{Index: v.LogIndex, What: fmt.Sprintf("version %q of %s is stored but no record created it", v.Label, v.Charter)})
				continue
			}
			for _, diff := range versionDiffs(v, ls) {
				ds = append(ds, ledger.Discrepancy{Index: ls.LastIndex, What: fmt.Sprintf("version %q of %s: %s", v.Label, v.Charter, diff)})
			}
			// The stored wording itself must hash to what the log says.
			for _, t := range v.Texts {
				doc, err := s.Document(ctx, v.Charter, v.Label, t.Lang)
				if err != nil {
					ds = append(ds, ledger.Discrepancy{Index: ls.LastIndex, What: fmt.Sprintf("version %q of %s: the %s text cannot be read: %v", v.Label, v.Charter, t.Lang, err)})
				} else if h := doc.Hash(); h != ls.Texts[string(t.Lang)] {
					ds = append(ds, ledger.Discrepancy{Index: ls.LastIndex, What: fmt.Sprintf("version %q of %s: the stored %s text hashes to %s, the log says %s", v.Label, v.Charter, t.Lang, h, ls.Texts[string(t.Lang)])})
				}
			}
		}
	}
	var missing []ledger.VersionKey
	for k := range state.Versions {
		if !seen[k] {
			missing = append(missing, k)
		}
	}
	sort.Slice(missing, func(i, j int) bool {
		return missing[i].Charter+"\x00"+missing[i].Version < missing[j].Charter+"\x00"+missing[j].Version
	})
	for _, k := range missing {
		ds = append(ds, ledger.Discrepancy{Index: state.Versions[k].CreatedIndex, What: fmt.Sprintf("the log has version %q of %s, the database does not", k.Version, k.Charter)})
	}
	return ds
}

// versionDiffs lists how a stored version differs from the log's account of it.
func versionDiffs(v charter.Version, ls ledger.VersionState) []string {
	var out []string
	cmp := func(field, stored, logged string) {
		if stored != logged {
			out = append(out, fmt.Sprintf("%s is %q in the database, %q in the log", field, stored, logged))
		}
	}
	cmp("parent", v.Parent, ls.Parent)
	cmp("status", string(v.Status), ls.Status)
	cmp("language", string(v.Lang), ls.Lang)
	cmp("hash", v.Hash, ls.Hash)
	texts := map[string]string{}
	for _, t := range v.Texts {
		texts[string(t.Lang)] = t.Hash
	}
	for _, l := range charter.Languages {
		cmp("the "+string(l)+" text hash", texts[string(l)], ls.Texts[string(l)])
	}
	if v.LogIndex != ls.LastIndex {
		out = append(out, fmt.Sprintf("its receipt is record %d in the database, %d in the log", v.LogIndex, ls.LastIndex))
	}
	return out
}

// memHashes is a tree's stored hashes in memory, in tlog's storage order.
type memHashes []tlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("stored hash %d is not in memory", x)
		}
		out[i] = m[x]
	}
	return out, nil
}
