// Package commission holds the rules of the constitutional commission: its
// members and their terms, its rules of procedure (quorum, the majority that
// adopts, who may put items on the agenda) and the course of its meetings
// and votes. Everything here is a pure function or an in-memory state
// machine; the store persists what it decides.
//
// # Members
//
// A member has a name, an e-mail address (which identifies the member), a
// position (chair, deputy_chair, secretary or member) and a term: the first
// and last day of service, both included; a term without a last day runs
// until it is ended. A meeting counts as members those serving on its date.
// ParseMembers reads the list from CSV (see ParseMembers).
//
// # Rules of procedure
//
// Each commission has one set of Rules. Counts are whole numbers and every
// rule is integer arithmetic, so no rounding can decide a vote:
//
//	quorum "more_than_half" (default)   present*2 > members            130 members: 66
//	quorum "two_thirds"                 present*3 >= members*2          130 members: 87
//	majority "present" (default)        for*2 > present                 100 present: 51
//	majority "all"                      for*2 > members                 130 members: 66
//	majority "two_thirds_present"       for*3 >= present*2              100 present: 67
//	majority "two_thirds_all"           for*3 >= members*2              130 members: 87
//
// "More than half" is strict: exactly half is not enough, and a tie is not
// adopted. "Two thirds" means at least two thirds: 87 of 130, since
// 87*3 = 261 >= 260. Abstentions count as present and not for: under a
// majority of those present an abstention weighs as a vote against. At least
// one vote for is always needed.
//
// Who may put items on the agenda is a list of positions; by default the
// chair and the secretary.
//
// # Meetings and votes
//
// A meeting moves scheduled → open → closed. Members register their presence
// (Arrive) and may Leave; only members serving on the meeting's date take
// part. The chair presides; when the chair is not present, a deputy chair
// who is present presides. Only the presiding member opens and closes the
// meeting, items and votes (chair actions); anyone else gets an EForbidden
// error naming the rule. The meeting opens only with a quorum present.
//
// Within the open meeting the presiding member opens one item of the agenda
// at a time, and within it opens votes one at a time (a vote needs a quorum
// present to open). While a vote is open each present member votes for,
// against or abstain, and may change the vote until the vote closes; the
// last choice counts. A member cannot vote when no vote is open, when not
// present, or when not a member (EConflict for the state, EForbidden for a
// non-member).
//
// A member who leaves while a vote is open keeps the recorded vote: it stands.
// When the vote closes, those present are counted: the members present at
// that moment together with every member whose vote was recorded (a member
// who voted and left took part in the vote). A member who left without
// voting is not counted. The quorum is checked again on that count; without
// a quorum the vote fails whatever the tally.
package commission

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"atazan"
)

// Position is a member's office in the commission.
type Position string

// The positions.
const (
	Chair       Position = "chair"
	DeputyChair Position = "deputy_chair"
	Secretary   Position = "secretary"
	Ordinary    Position = "member"
)

// Positions lists the positions in order of precedence.
var Positions = []Position{Chair, DeputyChair, Secretary, Ordinary}

// ParsePosition returns the position named s.
func ParsePosition(s string) (Position, error) {
	p := Position(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Positions {
		if p == x {
			return p, nil
		}
	}
	return "", atazan.FieldErrorf("position", "unknown position %q: want chair, deputy_chair, secretary or member", s)
}

// Member is one member of the commission and their term.
type Member struct {
	Name     string    `json:"name"`
	Email    string    `json:"email"` // lower case; identifies the member
	Position Position  `json:"position"`
	From     time.Time `json:"from"`        // first day of service
	To       time.Time `json:"to,omitzero"` // last day of service; zero while the term runs
}

// Serving reports whether the member serves on the day (From and To included).
func (m Member) Serving(day time.Time) bool {
	d := dayOf(day)
	return !d.Before(m.From) && (m.To.IsZero() || !d.After(m.To))
}

// overlaps reports whether two terms share a day.
func (m Member) overlaps(o Member) bool {
	endsBefore := func(a, b Member) bool { return !a.To.IsZero() && a.To.Before(b.From) }
	return !endsBefore(m, o) && !endsBefore(o, m)
}

func dayOf(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

// DateLayout is how dates are written in the member list: 2026-02-12.
const DateLayout = "2006-01-02"

// Limits of the member list.
const (
	MaxMembersSize = 1 << 20 // bytes of CSV
	MaxMembers     = 1000
	MaxName        = 200 // characters
)

// MembersHeader is the header line that a member list must start with.
const MembersHeader = "name,email,position,from,to"

// ParseMembers reads the commission's members from CSV (RFC 4180, UTF-8):
//
//	name,email,position,from,to
//	Aigerim Sarsenova,a.sarsenova@example.kz,chair,2026-01-15,
//	Ivan Petrov,i.petrov@example.kz,member,2026-01-15,2026-06-30
//
// The first line is exactly the header above (letter case and surrounding
// spaces aside). Each further line is one member: a name (1 to MaxName
// characters), an e-mail address (kept in lower case; it identifies the
// member and may appear once), a position (chair, deputy_chair, secretary or
// member), the first day of service and the last one, or nothing while the
// term runs. Dates are written 2026-02-12. The last day may not come before
// the first. Two chairs, or two secretaries, may not serve on the same day.
//
// Every fault is an *atazan.Error naming its 1-based line; the whole list is
// rejected. A list over MaxMembersSize bytes or MaxMembers members is an
// ETooLarge error; a list with no member is an error.
func ParseMembers(r io.Reader) ([]Member, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxMembersSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxMembersSize {
		return nil, atazan.Errorf(atazan.ETooLarge, "the member list is over the limit of %d bytes", MaxMembersSize)
	}
	if !utf8.Valid(data) {
		return nil, atazan.Errorf(atazan.EInvalid, "the member list is not UTF-8 text")
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF")))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, atazan.Errorf(atazan.EInvalid, "the member list is empty: it must start with the header %q", MembersHeader)
	}
	if err != nil {
		return nil, csvError(err)
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	if strings.Join(header, ",") != MembersHeader {
		return nil, atazan.LineErrorf(1, "the header is %q: want %q", strings.Join(header, ","), MembersHeader)
	}
	var (
		out   []Member
		lines []int
		seen  = map[string]int{}
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 5 {
			return nil, atazan.LineErrorf(line, "the line has %d fields: want 5 (%s)", len(rec), MembersHeader)
		}
		if len(out) == MaxMembers {
			return nil, &atazan.Error{Code: atazan.ETooLarge, Line: line, Message: fmt.Sprintf("a commission has at most %d members", MaxMembers)}
		}
		m, err := parseMember(rec)
		if err != nil {
			return nil, atazan.LineErrorf(line, "%s", err.Error())
		}
		if first, ok := seen[m.Email]; ok {
			return nil, atazan.LineErrorf(line, "%s is listed twice: first at line %d", m.Email, first)
		}
		seen[m.Email] = line
		if m.Position == Chair || m.Position == Secretary {
			for i, o := range out {
				if o.Position == m.Position && o.overlaps(m) {
					return nil, atazan.LineErrorf(line, "%s and %s (line %d) would both serve as %s on the same days: one %s at a time", m.Email, o.Email, lines[i], m.Position, m.Position)
				}
			}
		}
		out = append(out, m)
		lines = append(lines, line)
	}
	if len(out) == 0 {
		return nil, atazan.Errorf(atazan.EInvalid, "the member list has no members")
	}
	return out, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return atazan.LineErrorf(pe.Line, "not valid CSV: %v", pe.Err)
	}
	return err
}

func parseMember(rec []string) (Member, error) {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	var m Member
	m.Name = strings.Join(strings.Fields(rec[0]), " ")
	if m.Name == "" {
		return m, errors.New("the name is empty")
	}
	if n := utf8.RuneCountInString(m.Name); n > MaxName {
		return m, fmt.Errorf("the name is %d characters, over the limit of %d", n, MaxName)
	}
	for _, r := range m.Name {
		if r < 0x20 || r == 0x7f {
			return m, fmt.Errorf("the name contains the control character U+%04X", r)
		}
	}
	addr, err := mail.ParseAddress(rec[1])
	if err != nil || addr.Address != rec[1] {
		return m, fmt.Errorf("%q is not an e-mail address such as name@example.kz", rec[1])
	}
	m.Email = strings.ToLower(addr.Address)
	p, err := ParsePosition(rec[2])
	if err != nil {
		return m, errors.New(err.(*atazan.Error).Message)
	}
	m.Position = p
	if m.From, err = time.Parse(DateLayout, rec[3]); err != nil {
		return m, fmt.Errorf("the first day %q is not a date such as 2026-02-12", rec[3])
	}
	if rec[4] != "" {
		if m.To, err = time.Parse(DateLayout, rec[4]); err != nil {
			return m, fmt.Errorf("the last day %q is not a date such as 2026-02-12", rec[4])
		}
		if m.To.Before(m.From) {
			return m, fmt.Errorf("the last day %s comes before the first day %s", rec[4], rec[3])
		}
	}
	return m, nil
}

// NewMember checks one member given field by field (as an administrator
// adds them one at a time) by the rules of a line of ParseMembers: name,
// e-mail address, position, first day and last day ("" while serving).
func NewMember(name, email, position, from, to string) (Member, error) {
	m, err := parseMember([]string{name, email, position, from, to})
	if err != nil {
		return m, atazan.Errorf(atazan.EInvalid, "%v", err)
	}
	return m, nil
}
