package journal_test

import (
	"errors"
	"testing"
	"time"

	"backlog/journal"
)

func TestParseDayRelative(t *testing.T) {
	today := journal.DayOf(time.Date(2026, 3, 10, 23, 59, 0, 0, time.UTC))
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{in: "today", want: "2026-03-10"},
		{in: "Yesterday", want: "2026-03-09"},
		{in: "2026-02-28", want: "2026-02-28"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "2026-03-11", bad: true},
		{in: "tomorrow", bad: true},
		{in: "2026-13-01", bad: true},
		{in: "2025-02-29", bad: true},
		{in: "10/03/2026", bad: true},
		// 2026-03-10 is a Tuesday; a weekday is the most recent one.
		{in: "tuesday", want: "2026-03-10"},
		{in: "Monday", want: "2026-03-09"},
		{in: "wed", want: "2026-03-04"},
		{in: "sun", want: "2026-03-08"},
		{in: "last tuesday", want: "2026-03-03"},
		{in: "3 days ago", want: "2026-03-07"},
		{in: "1 day ago", want: "2026-03-09"},
		{in: "  10  days   ago ", want: "2026-02-28"},
		{in: "0 days ago", want: "2026-03-10"},
		{in: "-2", want: "2026-03-08"},
		{in: "-0", want: "2026-03-10"},
		{in: "-365", want: "2025-03-10"},
		{in: "in 3 days", bad: true},
		{in: "-3 days ago", bad: true},
		{in: "days ago", bad: true},
		{in: "+2", bad: true},
		{in: "-x", bad: true},
		{in: "tues", bad: true},
	} {
		got, err := journal.ParseDayRelative(tc.in, today)
		var verr *journal.ValidationError
		switch {
		case tc.bad && !errors.As(err, &verr):
			t.Errorf("ParseDayRelative(%q) = %s, %v; want a ValidationError", tc.in, got, err)
		case !tc.bad && (err != nil || got.String() != tc.want):
			t.Errorf("ParseDayRelative(%q) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestDaysAreWholeAcrossDaylightSaving(t *testing.T) {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// Clocks went forward on 2026-03-29: that day had 23 hours.
	before := journal.DayOf(time.Date(2026, 3, 28, 23, 30, 0, 0, loc))
	after := journal.DayOf(time.Date(2026, 3, 30, 0, 30, 0, 0, loc))
	if after-before != 2 {
		t.Errorf("28 to 30 March is %d days, want 2", after-before)
	}
	if got := journal.DayOf(time.Date(2026, 3, 29, 23, 59, 0, 0, loc)).String(); got != "2026-03-29" {
		t.Errorf("late on the short day is %s", got)
	}
	if ws := journal.DayOf(time.Date(2026, 3, 29, 12, 0, 0, 0, loc)).WeekStart().String(); ws != "2026-03-23" {
		t.Errorf("week of Sunday 29 March starts %s, want Monday 23 March", ws)
	}
}

func TestParseHold(t *testing.T) {
	for in, want := range map[string]int{"45": 45, "45s": 45, "1m30s": 90, "2m": 120} {
		if got, err := journal.ParseHold(in); err != nil || got != want {
			t.Errorf("ParseHold(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"abc", "0", "-5", "1.5s", "", "2h"} {
		if _, err := journal.ParseHold(in); err == nil {
			t.Errorf("ParseHold(%q) accepted", in)
		}
	}
}
