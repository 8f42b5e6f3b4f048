package gen

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteCSV writes props as CSV with the header "id,text", id being the
// proposal's Index: the input of the batch clustering command.
func WriteCSV(w io.Writer, props []Proposal) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "text"}); err != nil {
		return err
	}
	for _, p := range props {
		if err := cw.Write([]string{strconv.Itoa(p.Index), p.Text}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteLabelledCSV writes props with their ground truth, header
// "id,idea,campaign,variant,lang,text" (campaign is -1 outside campaigns,
// variant is empty for originals).
func WriteLabelledCSV(w io.Writer, props []Proposal) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "idea", "campaign", "variant", "lang", "text"}); err != nil {
		return err
	}
	for _, p := range props {
		rec := []string{strconv.Itoa(p.Index), strconv.Itoa(p.Idea), strconv.Itoa(p.Campaign), p.Variant, string(p.Lang), p.Text}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
