package atazan

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a civil date, a day of the calendar without a time or a zone.
// Its text form is YYYY-MM-DD.
type Date struct {
	Y int
	M time.Month
	D int
}

// ParseDate parses exactly YYYY-MM-DD (four-digit year, two-digit month and
// day) and refuses days that do not exist, such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return Date{}, fmt.Errorf("%s is not a date in the form YYYY-MM-DD (e.g. 2026-03-01)", quoteDate(s))
	}
	return DateOf(t), nil
}

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
}

// Long returns the date as people write it in English: "1 March 2026".
func (d Date) Long() string {
	return strconv.Itoa(d.D) + " " + d.M.String() + " " + strconv.Itoa(d.Y)
}

// Compare returns -1, 0 or +1 as d is before, the same day as, or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Y != e.Y:
		return cmp(d.Y, e.Y)
	case d.M != e.M:
		return cmp(int(d.M), int(e.M))
	}
	return cmp(d.D, e.D)
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// quoteDate quotes user input for a message, cut to 60 characters.
func quoteDate(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return strconv.Quote(s)
}
