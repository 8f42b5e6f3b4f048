package cluster

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// trgmThreshold is the similarity above which Decidim calls two proposals
// similar (Decidim::Proposals.similarity_threshold, default 0.25).
const trgmThreshold = 0.25

// TestCompareTrigram compares this package's clustering with the method of
// Decidim: PostgreSQL pg_trgm similarity() above 0.25, pairs found by a
// self-join with the % operator on a GIN gin_trgm_ops index, joined into
// clusters by union-find. Both run on the same generated proposals (the
// quality tests' seed; 500, or ATAZAN_TRGM_PROPOSALS) and are scored
// with the same pairwise precision and recall. The self-join is slow: with
// a threshold as low as 0.25 the index hardly narrows the candidates, and
// each check takes the trigrams of two texts of a thousand characters, so
// the time grows with n² (30 s for 500 proposals here, hours for 10,000).
// It needs PostgreSQL with pg_trgm:
//
//	ATAZAN_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	  go test ./cluster -run CompareTrigram -v -timeout 1h
//
// It asserts only that this package meets its targets; the times and
// pg_trgm's figures are logged for docs/CLUSTER.md.
func TestCompareTrigram(t *testing.T) {
	dsn := os.Getenv("ATAZAN_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ATAZAN_TEST_POSTGRES is not set under CI")
		}
		t.Skip("ATAZAN_TEST_POSTGRES not set: skipping the pg_trgm comparison")
	}
	if testing.Short() {
		t.Skip("the pg_trgm comparison takes a minute or more")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	n := 500 // the documented figures use ATAZAN_TRGM_PROPOSALS=1000
	if v := os.Getenv("ATAZAN_TRGM_PROPOSALS"); v != "" {
		if n, err = strconv.Atoi(v); err != nil || n < 2 {
			t.Fatalf("ATAZAN_TRGM_PROPOSALS=%q: want a number of proposals", v)
		}
	}
	ps := labelled(t, n)
	docs := docsOf(ps)

	start := time.Now()
	ours := Cluster(docs, Options{})
	oursTime := time.Since(start)

	trgm, trgmTime, err := trgmClusters(ctx, conn, docs)
	if err != nil {
		t.Fatal(err)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%d proposals\n", len(docs))
	fmt.Fprintf(&b, "| method | time | precision | recall | outside campaigns: precision | recall |\n")
	for _, m := range []struct {
		name string
		rep  []int
		d    time.Duration
	}{
		{"cluster.Cluster (MinHash/LSH, default options)", ours, oursTime},
		{fmt.Sprintf("pg_trgm similarity > %.2f, GIN index, self-join", trgmThreshold), trgm, trgmTime},
	} {
		s, o := pairwise(ps, m.rep), organic(ps, m.rep)
		fmt.Fprintf(&b, "| %s | %.1f s | %.4f | %.4f | %.4f | %.4f |\n", m.name, m.d.Seconds(), s.precision(), s.recall(), o.precision(), o.recall())
	}
	t.Log("\n" + b.String())

	s, o := pairwise(ps, ours), organic(ps, ours)
	if s.precision() < 0.95 || s.recall() < 0.90 || o.precision() < 0.95 || o.recall() < 0.90 {
		t.Errorf("cluster.Cluster: precision %.4f, recall %.4f (outside campaigns %.4f, %.4f); want ≥ 0.95 and ≥ 0.90",
			s.precision(), s.recall(), o.precision(), o.recall())
	}
}

// trgmClusters clusters docs the way Decidim finds similar proposals, and
// returns each doc's representative and the time taken: loading the texts,
// building the index, the self-join and the union-find.
func trgmClusters(ctx context.Context, conn *pgx.Conn, docs []Doc) ([]int, time.Duration, error) {
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm"); err != nil {
		return nil, 0, fmt.Errorf("pg_trgm (on Debian, part of the postgresql-NN package): %w", err)
	}
	start := time.Now()
	// A temporary table: it goes with the connection.
	if _, err := conn.Exec(ctx, "CREATE TEMP TABLE trgm_proposals (id integer PRIMARY KEY, text text NOT NULL)"); err != nil {
		return nil, 0, err
	}
	_, err := conn.CopyFrom(ctx, pgx.Identifier{"trgm_proposals"}, []string{"id", "text"},
		pgx.CopyFromSlice(len(docs), func(i int) ([]any, error) { return []any{i, docs[i].Text}, nil }))
	if err != nil {
		return nil, 0, err
	}
	for _, q := range []string{
		"CREATE INDEX ON trgm_proposals USING gin (text gin_trgm_ops)",
		"ANALYZE trgm_proposals",
		fmt.Sprintf("SET pg_trgm.similarity_threshold = %g", trgmThreshold),
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return nil, 0, err
		}
	}
	// % is "similarity() ≥ the threshold" and can use the index; the strict
	// comparison repeats Decidim's "similarity(...) > 0.25".
	rows, err := conn.Query(ctx, `SELECT a.id, b.id FROM trgm_proposals a JOIN trgm_proposals b
		ON a.text % b.text AND a.id < b.id AND similarity(a.text, b.text) > $1`, trgmThreshold)
	if err != nil {
		return nil, 0, err
	}
	uf := newUnionFind(len(docs))
	var a, b int32
	_, err = pgx.ForEachRow(rows, []any{&a, &b}, func() error {
		uf.union(a, b)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	rep := make([]int, len(docs))
	for i := range rep {
		rep[i] = int(uf.find(int32(i)))
	}
	return rep, time.Since(start), nil
}
