package ledger

import (
	"strings"
	"testing"
	"time"
)

// TestReplayClusters replays a secretariat's work on clusters and checks,
// after every record, that each proposal is in exactly one cluster and that
// a refused record changes nothing.
func TestReplayClusters(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	key := []byte("pseudonym key")
	alice, sec, mod := Pseudonym(key, "1"), Pseudonym(key, "2"), Pseudonym(key, "3")
	text := Commit("Set the presidential term at five years.")
	must := func(r Record, err error) Record {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	hash := "sha256:" + strings.Repeat("ab", 32)
	prop := func(id int64, unit, cluster string) Record {
		return must(ProposalSubmitted{Unit: unit, Kind: "amend", Lang: "en", Text: text, Rationale: text, Cluster: cluster}.Record(at, alice, 1, id))
	}
	act := func(kind Kind, actor Actor, cluster int64, p any) Record {
		return must(ClusterRecord(kind, at, actor, 1, cluster, p))
	}
	steps := []struct {
		name    string
		rec     Record
		wantErr string
	}{
		{"version", must(VersionCreated{Lang: "en", Hash: hash}.Record(at, Operator, "altyndala", "draft")), ""},
		{"consultation", must(ConsultationOpened{Charter: "altyndala", Version: "draft", VersionHash: hash, From: "2026-03-01", To: "2026-03-31", TimeZone: "Asia/Almaty"}.Record(at, Operator, 1)), ""},
		{"alice", must(AccountCreated{Region: "astana", Verification: "self-declared"}.Record(at, alice)), ""},
		{"secretary", must(AccountCreated{Region: "astana", Verification: "verified"}.Record(at, sec)), ""},
		{"moderator", must(AccountCreated{Region: "astana", Verification: "verified"}.Record(at, mod)), ""},
		{"roles", must(AccountRoles{Roles: []string{"secretariat"}}.Record(at, Operator, sec)), ""},
		{"roles", must(AccountRoles{Roles: []string{"moderator"}}.Record(at, Operator, mod)), ""},
		{"10 founds 100", prop(10, "art_1", "100"), ""},
		{"11 joins 100", prop(11, "art_1", "100"), ""},
		{"12 founds 101", prop(12, "art_1", "101"), ""},
		{"13 of an older record founds 13", prop(13, "art_1", ""), ""},
		{"14 on another unit cannot join 100", prop(14, "art_2", "100"), "unit"},
		{"14 founds 102", prop(14, "art_2", "102"), ""},
		{"alice may not merge", act(KindClusterMerged, alice, 100, ClusterMerged{From: []string{"101"}}), "not of the secretariat"},
		{"merge across units", act(KindClusterMerged, sec, 100, ClusterMerged{From: []string{"102"}}), "unit"},
		{"merge into itself", act(KindClusterMerged, sec, 100, ClusterMerged{From: []string{"100"}}), "itself"},
		{"merge 101 into 100", act(KindClusterMerged, sec, 100, ClusterMerged{From: []string{"101"}}), ""},
		{"decide on a merged cluster", act(KindClusterDecided, sec, 101, ClusterDecided{Decision: "accepted", Reason: "r"}), "merged into cluster 100"},
		{"12 cannot join the merged cluster", prop(15, "art_1", "101"), "merged"},
		{"split all off", act(KindClusterSplit, sec, 100, ClusterSplit{New: "103", Proposals: []string{"10", "11", "12"}}), "leaves at least one"},
		{"split a stranger off", act(KindClusterSplit, sec, 100, ClusterSplit{New: "103", Proposals: []string{"13"}}), "not in cluster"},
		{"split to an existing ID", act(KindClusterSplit, sec, 100, ClusterSplit{New: "13", Proposals: []string{"12"}}), "already exists"},
		{"split 12 off into 103", act(KindClusterSplit, sec, 100, ClusterSplit{New: "103", Proposals: []string{"12"}}), ""},
		{"move from the wrong cluster", must(ClusterMoved{From: "100", To: "13"}.Record(at, sec, 1, 12)), "is in cluster 103"},
		{"move 11 to 13", must(ClusterMoved{From: "100", To: "13"}.Record(at, sec, 1, 11)), ""},
		{"move 11 to a cluster on another unit", must(ClusterMoved{From: "13", To: "102"}.Record(at, sec, 1, 11)), "unit"},
		{"a decision without a reason", act(KindClusterDecided, sec, 13, ClusterDecided{Decision: "accepted"}), "with a reason"},
		{"decide 13", act(KindClusterDecided, sec, 13, ClusterDecided{Decision: "partly", Reason: "Term set at six years."}), ""},
		{"group 13", act(KindClusterGrouped, sec, 13, ClusterGrouped{Group: "State power"}), ""},
		{"link 13", act(KindClusterLinked, sec, 13, ClusterLinked{Amendment: "A-7"}), ""},
		{"hide 12", must(ModerationRecord(KindHidden, at, mod, "proposal", 12, Moderation{Reason: "spam", Note: text})), ""},
		{"rebuild", must(ClusterRebuilt{Assign: map[string]string{"10": "13", "14": "104"}}.Record(at, Operator, 1)), ""},
		{"rebuild across units", must(ClusterRebuilt{Assign: map[string]string{"10": "105", "14": "105"}}.Record(at, Operator, 1)), "units"},
		{"publish", must(TablePublished{Table: text}.Record(at, sec, 1, 1)), ""},
		{"publish again", must(TablePublished{Table: text}.Record(at, sec, 1, 1)), "already published"},
	}
	s := new(State)
	for i, st := range steps {
		before := membership(s)
		err := Replay(s, int64(i), st.rec)
		switch {
		case st.wantErr == "" && err != nil:
			t.Fatalf("%s: %v", st.name, err)
		case st.wantErr != "" && (err == nil || !strings.Contains(err.Error(), st.wantErr)):
			t.Fatalf("%s: error %v, want one containing %q", st.name, err, st.wantErr)
		case st.wantErr != "" && membership(s) != before:
			t.Errorf("%s: a refused record changed the clusters: %s → %s", st.name, before, membership(s))
		}
		for id, p := range s.Proposals {
			n := 0
			for _, c := range s.Clusters {
				if c.Members[id] {
					n++
					if c.ID != p.Cluster {
						t.Errorf("%s: proposal %s says cluster %s, cluster %s holds it", st.name, id, p.Cluster, c.ID)
					}
				}
			}
			if n != 1 {
				t.Errorf("%s: proposal %s is in %d clusters", st.name, id, n)
			}
		}
	}
	if got, want := membership(s), "10:13 11:13 12:103 13:13 14:104"; got != want {
		t.Errorf("membership = %s, want %s", got, want)
	}
	c := s.Clusters["13"]
	if c.Decision != "partly" || c.Group != "State power" || c.Amendment != "A-7" || s.Clusters["101"].MergedInto != "100" {
		t.Errorf("cluster 13 = %+v", c)
	}
	snap := s.Tables["1/1"].Units
	if u := snap["art_1"]; u.Proposals != 3 || len(u.Clusters) != 1 || u.Clusters["13"].Count != 3 || u.Clusters["13"].Decision != "partly" {
		t.Errorf("snapshot of art_1 = %+v (12 is hidden, 100 is empty)", u)
	}
	if u := snap["art_2"]; u.Proposals != 1 || u.Clusters["104"].Count != 1 {
		t.Errorf("snapshot of art_2 = %+v", u)
	}
}

func membership(s *State) string {
	var parts []string
	for id := 10; id <= 20; id++ {
		if p, ok := s.Proposals[itoa(id)]; ok {
			parts = append(parts, itoa(id)+":"+p.Cluster)
		}
	}
	return strings.Join(parts, " ")
}
