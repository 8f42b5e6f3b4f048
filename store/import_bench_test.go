package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"atazan/charter"
	"atazan/store/storetest"
)

// BenchmarkImportKazakhstan measures importing the real Constitution of
// Kazakhstan: parsing the official text, storing its 1,300 units and
// appending the version's log record, in one durable transaction.
func BenchmarkImportKazakhstan(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "charters", "kazakhstan-1995-en.txt"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			b.Fatal(err)
		}
		b.Skip(err)
	}
	for _, db := range []struct {
		name string
		open storetest.Opener
	}{{"sqlite", storetest.SQLite()}, {"postgres", storetest.Postgres()}} {
		b.Run(db.name, func(b *testing.B) {
			s := db.open(b)
			ctx := context.Background()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				doc, err := charter.Parse(data, charter.FormatText, "en")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.ImportVersion(ctx, charter.ImportRequest{Charter: "kz", Version: fmt.Sprint(i), Doc: doc}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
