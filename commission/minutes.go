package commission

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// Minutes is what the minutes of a meeting record: who attended, each item
// of the agenda, each vote with the members' names and its outcome, and the
// working draft the meeting left, with its hash.
type Minutes struct {
	Commission string // the commission's title
	Meeting    string // the meeting's title
	Date       string // 2026-02-12
	Members    []MinutesMember
	Items      []MinutesItem
	DraftHash  string
}

// MinutesMember is a member of the meeting and whether they attended.
type MinutesMember struct {
	Name     string
	Position Position
	Attended bool
}

// MinutesItem is an agenda item with its votes.
type MinutesItem struct {
	Title     string
	Amendment string // the amendment's title, "" for another item
	Status    ItemStatus
	Votes     []MinutesVote
}

// MinutesVote is a closed vote with each voter's name and last choice, in
// the order of the member list.
type MinutesVote struct {
	Result
	Names   []NamedChoice
	Applied string // the draft's hash after the adopted amendment was applied, "" otherwise
}

// NamedChoice is one member's vote.
type NamedChoice struct {
	Name   string
	Choice Choice
}

// Markdown renders the minutes as Markdown.
func (m Minutes) Markdown() string {
	var b strings.Builder
	esc := func(s string) string {
		r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "#", `\#`, "|", `\|`, "[", `\[`, "]", `\]`, "<", `\<`, "`", "\\`")
		return r.Replace(s)
	}
	fmt.Fprintf(&b, "# Minutes: %s\n\n%s, %s\n\n", esc(m.Meeting), esc(m.Commission), m.Date)
	present := 0
	for _, x := range m.Members {
		if x.Attended {
			present++
		}
	}
	fmt.Fprintf(&b, "## Attendance\n\n%d of %d members attended.\n\n", present, len(m.Members))
	for _, x := range m.Members {
		mark := "absent"
		if x.Attended {
			mark = "present"
		}
		fmt.Fprintf(&b, "- %s (%s): %s\n", esc(x.Name), x.Position, mark)
	}
	b.WriteString("\n## Items\n")
	for i, it := range m.Items {
		fmt.Fprintf(&b, "\n### %d. %s\n\n", i+1, esc(it.Title))
		if it.Amendment != "" {
			fmt.Fprintf(&b, "Amendment: %s\n\n", esc(it.Amendment))
		}
		if len(it.Votes) == 0 {
			fmt.Fprintf(&b, "No vote (%s).\n", it.Status)
		}
		for _, v := range it.Votes {
			fmt.Fprintf(&b, "Vote: %s. For %d, against %d, abstained %d; %d of %d members counted present, quorum %s, %d votes needed: **%s**.\n\n",
				esc(v.Question), v.Tally.For, v.Tally.Against, v.Tally.Abstain, v.Present, v.Members, yesNo(v.Quorum), v.Needed, outcome(v.Adopted))
			for _, n := range v.Names {
				fmt.Fprintf(&b, "- %s: %s\n", esc(n.Name), n.Choice)
			}
			if v.Applied != "" {
				fmt.Fprintf(&b, "\nApplied to the working draft: `%s`\n", v.Applied)
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\n## Working draft\n\nHash at the close: `%s`\n", m.DraftHash)
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func outcome(adopted bool) string {
	if adopted {
		return "adopted"
	}
	return "not adopted"
}

var minutesHTML = template.Must(template.New("minutes").Funcs(template.FuncMap{"outcome": outcome, "yesno": yesNo}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Minutes: {{.Meeting}}</title></head>
<body>
<h1>Minutes: {{.Meeting}}</h1>
<p>{{.Commission}}, <time datetime="{{.Date}}">{{.Date}}</time></p>
<h2>Attendance</h2>
<ul>{{range .Members}}<li>{{.Name}} ({{.Position}}): {{if .Attended}}present{{else}}absent{{end}}</li>{{end}}</ul>
<h2>Items</h2>
{{range $i, $it := .Items}}<section>
<h3>{{$it.Title}}</h3>{{if $it.Amendment}}
<p>Amendment: {{$it.Amendment}}</p>{{end}}{{if not $it.Votes}}
<p>No vote ({{$it.Status}}).</p>{{end}}{{range $it.Votes}}
<p>Vote: {{.Question}}. For {{.Tally.For}}, against {{.Tally.Against}}, abstained {{.Tally.Abstain}}; {{.Present}} of {{.Members}} members counted present, quorum {{yesno .Quorum}}, {{.Needed}} votes needed: <strong>{{outcome .Adopted}}</strong>.</p>
<table><thead><tr><th scope="col">Member</th><th scope="col">Vote</th></tr></thead>
<tbody>{{range .Names}}<tr><td>{{.Name}}</td><td>{{.Choice}}</td></tr>{{end}}</tbody></table>{{if .Applied}}
<p>Applied to the working draft: <code>{{.Applied}}</code></p>{{end}}{{end}}
</section>
{{end}}<h2>Working draft</h2>
<p>Hash at the close: <code>{{.DraftHash}}</code></p>
</body></html>
`))

// HTML renders the minutes as a standalone HTML page.
func (m Minutes) HTML() string {
	var b bytes.Buffer
	if err := minutesHTML.Execute(&b, m); err != nil {
		return "" // cannot happen: the template and its data are fixed
	}
	return b.String()
}
