package journal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Day is a local calendar date, counted in days since 1970-01-01.
//
// Counting whole days rather than storing instants keeps arithmetic exact
// across daylight-saving changes: a day is always one step, never 23 or 25
// hours.
type Day int

// dayLayout is how a Day is written everywhere: in the database, in JSON and
// on the command line.
const dayLayout = "2006-01-02"

// DayOf returns the calendar day of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDay reads a day written as YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	if d, ok := parseISODay(s); ok {
		return d, nil
	}
	t, err := time.Parse(dayLayout, strings.TrimSpace(s))
	if err != nil {
		return 0, &ValidationError{Field: "date", Msg: fmt.Sprintf("%q is not a date", s), Hint: dayHint}
	}
	return DayOf(t), nil
}

// dayHint is what every refused day says a day may be.
const dayHint = "write it as YYYY-MM-DD, today, yesterday, a weekday (monday: the most recent one), N days ago or -N"

// ParseDayRelative reads a day as the command line accepts it: YYYY-MM-DD,
// "today", "yesterday", a weekday name or its first three letters (the most
// recent such day: today if today is that day), "N days ago" or "-N" (N days
// before today). Days after today are refused, since nobody has done
// tomorrow's exercises yet.
func ParseDayRelative(s string, today Day) (Day, error) {
	d, ok := relativeDay(strings.ToLower(strings.Join(strings.Fields(s), " ")), today)
	if !ok {
		var err error
		if d, err = ParseDay(s); err != nil {
			return 0, err
		}
	}
	if d > today {
		return 0, &ValidationError{Field: "date", Msg: fmt.Sprintf("%s is in the future (today is %s)", d, today), Hint: "record days that have already happened"}
	}
	return d, nil
}

// relativeDay reads the words ParseDayRelative accepts besides YYYY-MM-DD.
func relativeDay(s string, today Day) (Day, bool) {
	switch s {
	case "today", "":
		return today, true
	case "yesterday":
		return today - 1, true
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		if s == name || s == name[:3] || s == "last "+name {
			back := (int(today.Weekday()) - int(wd) + 7) % 7
			if strings.HasPrefix(s, "last ") && back == 0 {
				back = 7
			}
			return today - Day(back), true
		}
	}
	if n, ok := strings.CutSuffix(s, " ago"); ok {
		n = strings.TrimSuffix(strings.TrimSuffix(n, " days"), " day")
		if k, err := strconv.Atoi(n); err == nil && k >= 0 && k <= maxDaysBack {
			return today - Day(k), true
		}
	}
	if n, ok := strings.CutPrefix(s, "-"); ok {
		if k, err := strconv.Atoi(n); err == nil && k >= 0 && k <= maxDaysBack {
			return today - Day(k), true
		}
	}
	return 0, false
}

// maxDaysBack bounds "N days ago" and "-N": about 270 years.
const maxDaysBack = 100000

// Time returns midnight UTC of the day; use it only for calendar arithmetic
// and formatting.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats the day as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(dayLayout) }

// Weekday reports the day of the week.
func (d Day) Weekday() time.Weekday { return d.Time().Weekday() }

// WeekStart returns the Monday on or before d; weeks in backlog run Monday to
// Sunday, as ISO 8601 has them.
func (d Day) WeekStart() Day {
	return d - Day((int(d.Weekday())+6)%7)
}

// WeeksStart returns the Monday that begins the range of n weeks ending with
// d's week: the range reports and stats cover.
func (d Day) WeeksStart(n int) Day {
	return d.WeekStart() - Day(7*(n-1))
}

// MarshalText writes the day as YYYY-MM-DD, so JSON carries readable dates.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD day.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// parseISODay reads an exact YYYY-MM-DD without time.Parse: journals hold
// tens of thousands of days, and reading them is most of what a long report
// does. It reports false for anything else, which ParseDay then tries (and
// explains) the slow way.
func parseISODay(s string) (Day, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return 0, false
	}
	return Day(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
