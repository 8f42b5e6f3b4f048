package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"atazan"
	"atazan/cluster"
)

func proposalsClusterCommand() *command {
	return &command{
		name:    "proposals cluster",
		summary: "group near-duplicate proposals of a CSV file (no database)",
		nargs:   0,
		help: `Reads proposals from --input, a UTF-8 CSV file with the header id,text (as
"atazan gen proposals --format text" writes), groups the texts that copy one
another (method: docs/CLUSTER.md) and writes --output, a CSV file with the
header id,cluster: one row per proposal, in input order, where cluster is the
id of the cluster's representative, its earliest member in the input.
"-" names standard input or output.

The input is checked first: a wrong header, text that is not UTF-8, a row
with other than two fields, an empty id or an id seen before stops the
command with the line at fault, and nothing is written.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			in := fs.String("input", "", `CSV file with the header id,text ("-": standard input; required)`)
			out := fs.String("output", "", `CSV file to write, header id,cluster ("-": standard output; required)`)
			threshold := fs.Float64("threshold", cluster.DefaultThreshold, "similarity, from 0 to 1, at or above which two texts join one cluster")
			return func(ctx context.Context, m *Main, _ []string) error {
				if *in == "" || *out == "" {
					return usageError{"--input and --output are required"}
				}
				if !(*threshold > 0 && *threshold <= 1) {
					return usageError{"--threshold must be above 0 and at most 1"}
				}
				r := m.Stdin
				if *in != "-" {
					f, err := os.Open(*in)
					if err != nil {
						return atazan.Errorf(atazan.ENotFound, "%v", err)
					}
					defer f.Close()
					r = f
				}
				docs, err := readClusterInput(r)
				if err != nil {
					return err
				}
				rep := cluster.Cluster(docs, cluster.Options{Threshold: *threshold})
				return writeOutput(m, *out, func(w io.Writer) error { return writeClusters(w, docs, rep) })
			}
		},
	}
}

// readClusterInput reads the CSV input of "proposals cluster": the header
// id,text, then one row per proposal with a unique, non-empty id.
func readClusterInput(r io.Reader) ([]cluster.Doc, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.FieldsPerRecord = -1 // counted here, to name the line
	cr.ReuseRecord = true
	var docs []cluster.Doc
	seen := map[string]int{} // id → line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, atazan.LineErrorf(pe.StartLine, "%v", pe.Err)
			}
			return nil, atazan.Errorf(atazan.EInvalid, "reading the input: %v", err)
		}
		line, _ := cr.FieldPos(0)
		for _, f := range rec {
			if !utf8.ValidString(f) {
				return nil, atazan.LineErrorf(line, "the text is not valid UTF-8")
			}
		}
		if docs == nil { // the first record is the header
			if len(rec) > 0 {
				rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			}
			if len(rec) != 2 || rec[0] != "id" || rec[1] != "text" {
				return nil, atazan.LineErrorf(line, "the header is %q; want id,text", strings.Join(rec, ","))
			}
			docs = []cluster.Doc{}
			continue
		}
		if len(rec) != 2 {
			return nil, atazan.LineErrorf(line, "%d fields; want 2 (id,text)", len(rec))
		}
		id := rec[0]
		if id == "" {
			return nil, atazan.LineErrorf(line, "empty id")
		}
		if first, ok := seen[id]; ok {
			return nil, atazan.LineErrorf(line, "id %q already on line %d", id, first)
		}
		seen[id] = line
		docs = append(docs, cluster.Doc{ID: strings.Clone(id), Text: strings.Clone(rec[1])})
	}
	if docs == nil {
		return nil, atazan.Errorf(atazan.EInvalid, "the input is empty; want the header id,text")
	}
	return docs, nil
}

// writeClusters writes the output of "proposals cluster".
func writeClusters(w io.Writer, docs []cluster.Doc, rep []int) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "cluster"}); err != nil {
		return err
	}
	for i, d := range docs {
		if err := cw.Write([]string{d.ID, docs[rep[i]].ID}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeOutput writes through write to standard output ("-") or to the file
// name, which appears whole or not at all: the text goes to a temporary
// file beside it that is renamed at the end.
func writeOutput(m *Main, name string, write func(io.Writer) error) error {
	if name == "-" {
		bw := bufio.NewWriter(m.Stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return atazan.Errorf(atazan.EInvalid, "cannot write %s: %v", name, err)
	}
	defer os.Remove(f.Name()) // after a successful rename, there is nothing left to remove
	_ = f.Chmod(0o644)        // as os.Create would leave it under the usual umask
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Rename(f.Name(), name); err != nil {
		return atazan.Errorf(atazan.EInvalid, "cannot write %s: %v", name, err)
	}
	return nil
}
