package forensics

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"atazan"
)

// SummaryFile is the name WriteDir gives the Summary.
const SummaryFile = "summary.json"

// WriteDir writes the Summary as dir/summary.json (indented JSON) and each
// chart as dir/<Name>, creating dir if needed and replacing files of the
// same names. A chart's Name must be a plain file name of lowercase
// letters, digits, '-', '_' and '.', ending in ".svg", and the names must
// differ; otherwise WriteDir writes nothing and returns an EInvalid
// *atazan.Error naming the chart. Other failures are the file system's.
func WriteDir(dir string, s Summary, charts ...Chart) error {
	seen := map[string]bool{}
	for i, c := range charts {
		field := fmt.Sprintf("charts[%d]", i)
		if !validChartName(c.Name) {
			return atazan.FieldErrorf(field, "the chart's file name %q must be lowercase letters, digits, '-', '_' or '.', ending in .svg", c.Name)
		}
		if seen[c.Name] {
			return atazan.FieldErrorf(field, "two charts are named %q", c.Name)
		}
		seen[c.Name] = true
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the summary: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, SummaryFile), append(data, '\n'), 0o644); err != nil {
		return err
	}
	for _, c := range charts {
		if err := os.WriteFile(filepath.Join(dir, c.Name), c.SVG, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func validChartName(name string) bool {
	if len(name) <= len(".svg") || name[len(name)-4:] != ".svg" || name[0] == '.' {
		return false
	}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		default:
			return false
		}
	}
	return true
}
