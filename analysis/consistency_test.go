package analysis_test

import (
	"fmt"
	"math"
	"testing"

	"backlog/analysis"
	"backlog/journal"
)

// activeOn makes one session on each of the given days before today.
func activeOn(daysAgo ...int) []journal.Session {
	return sessions("cat-cow", journal.Dose{Reps: 5}, daysAgo...)
}

func TestStreaks(t *testing.T) {
	for _, tc := range []struct {
		name             string
		daysAgo          []int
		current, longest int
	}{
		{"empty journal", nil, 0, 0},
		{"today only", []int{0}, 1, 1},
		{"today not done yet keeps yesterday's streak", []int{1, 2, 3}, 3, 3},
		{"a missed day ends the current streak", []int{2, 3, 4}, 0, 3},
		{"longest in the past", []int{0, 1, 10, 11, 12, 13, 14}, 2, 5},
		{"two sessions a day count once", []int{0, 0, 1}, 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := analysis.Summarize(analysis.CountByDay(activeOn(tc.daysAgo...)), nil, 4, today)
			if st.CurrentStreak != tc.current || st.LongestStreak != tc.longest {
				t.Errorf("streaks %d and %d, want %d and %d", st.CurrentStreak, st.LongestStreak, tc.current, tc.longest)
			}
		})
	}
}

func TestConsistencyScoreForgivesOneMissedDay(t *testing.T) {
	var every, missedYesterday, missedMonth []int
	for ago := 0; ago < 60; ago++ {
		every = append(every, ago)
		if ago != 1 {
			missedYesterday = append(missedYesterday, ago)
		}
		if ago > 30 {
			missedMonth = append(missedMonth, ago)
		}
	}
	full := analysis.Summarize(analysis.CountByDay(activeOn(every...)), nil, 4, today).Consistency
	one := analysis.Summarize(analysis.CountByDay(activeOn(missedYesterday...)), nil, 4, today).Consistency
	gone := analysis.Summarize(analysis.CountByDay(activeOn(missedMonth...)), nil, 4, today).Consistency
	if math.Abs(full-1) > 1e-9 {
		t.Errorf("every day active scores %.3f, want 1", full)
	}
	if one < 0.85 || one >= full {
		t.Errorf("one missed day scores %.3f: it should cost a little, not erase weeks of work", one)
	}
	if gone > 0.1 {
		t.Errorf("a month without sessions scores %.3f, want close to 0", gone)
	}
	// Days before the first session are not misses.
	if newcomer := analysis.Summarize(analysis.CountByDay(activeOn(0, 1, 2)), nil, 4, today).Consistency; math.Abs(newcomer-1) > 1e-9 {
		t.Errorf("three days active out of three since starting scores %.3f, want 1", newcomer)
	}
	if none := analysis.Summarize(nil, nil, 4, today).Consistency; none != 0 {
		t.Errorf("an empty journal scores %.3f, want 0", none)
	}
	// An evening not yet exercised is not a miss.
	notYet := analysis.Summarize(analysis.CountByDay(activeOn(every[1:]...)), nil, 4, today).Consistency
	if math.Abs(notYet-full) > 1e-9 {
		t.Errorf("today not yet done scores %.3f, want %.3f", notYet, full)
	}
}

func TestWeeksAndPainChange(t *testing.T) {
	// today is Monday 2026-06-15. Pain starts at 6 for two weeks (the
	// baseline), then falls to 3.
	var pain []journal.PainEntry
	for ago := 0; ago < 42; ago++ {
		score := 3
		if ago >= 28 {
			score = 6
		}
		pain = append(pain, journal.PainEntry{Day: today - journal.Day(ago), Score: score})
	}
	st := analysis.Summarize(analysis.CountByDay(activeOn(0, 2, 3, 9)), pain, 3, today)
	if len(st.Weeks) != 3 || st.Weeks[2].Start != today || st.Weeks[2].Days != 1 || st.Weeks[0].Days != 7 {
		t.Fatalf("weeks %+v: want three, the last starting today with 1 day", st.Weeks)
	}
	if w := st.Weeks[1]; w.ActiveDays != 2 || w.Sessions != 2 {
		t.Errorf("last full week has %d active days, %d sessions; want 2, 2", w.ActiveDays, w.Sessions)
	}
	if w := st.Weeks[0]; w.ActiveDays != 1 {
		t.Errorf("first week has %d active days, want 1", w.ActiveDays)
	}
	if st.Baseline == nil || *st.Baseline != 6 || st.Change == nil || st.Change.Points != -3 || st.Change.Percent != -50 || !st.Change.Meaningful {
		t.Errorf("baseline %v, change %+v: want 6 and -3 points (-50%%), meaningful", st.Baseline, st.Change)
	}
	if st.ActiveDaysLast28 != 4 {
		t.Errorf("active days in the last 28: %d, want 4", st.ActiveDaysLast28)
	}
}

func TestChangeFrom(t *testing.T) {
	for _, tc := range []struct {
		base, cur  float64
		meaningful bool
	}{
		{6, 4, true},    // 2 points
		{6, 4.5, false}, // 1.5 points, 25%
		{3, 2, true},    // 1 point but 33%
		{0, 1, false},   // no percentage from a zero baseline
		{4, 6, true},    // worsening counts too
	} {
		if got := analysis.ChangeFrom(tc.base, tc.cur); got.Meaningful != tc.meaningful {
			t.Errorf("ChangeFrom(%v, %v) = %+v, want meaningful %v", tc.base, tc.cur, got, tc.meaningful)
		}
	}
}

func TestCorrelationNeedsSixWeeks(t *testing.T) {
	// Active days alternate between weeks; the following week's pain is
	// lower after active weeks.
	var list []journal.Session
	var pain []journal.PainEntry
	weeks := 8
	first := today.WeekStart() - journal.Day(7*(weeks-1))
	for w := 0; w < weeks; w++ {
		start := first + journal.Day(7*w)
		active := 1 + 4*(w%2)
		for d := 0; d < active; d++ {
			list = append(list, journal.Session{Day: start + journal.Day(d), Exercise: "cat-cow", Dose: journal.Dose{Reps: 5}})
		}
		score := 6 - 3*((w+1)%2) // low after an active week
		for d := 0; d < 7 && start+journal.Day(d) <= today; d++ {
			pain = append(pain, journal.PainEntry{Day: start + journal.Day(d), Score: score})
		}
	}
	st := analysis.Summarize(analysis.CountByDay(list), pain, weeks, today)
	if st.Correlation == nil || *st.Correlation > -0.99 || st.Pairs != weeks-1 {
		t.Fatalf("correlation %v over %d pairs, want about -1 over %d", st.Correlation, st.Pairs, weeks-1)
	}
	short := analysis.Summarize(analysis.CountByDay(list), pain, 6, today)
	if short.Correlation != nil || short.Pairs != 5 {
		t.Errorf("with 5 pairs the correlation is %v, want none", short.Correlation)
	}
}

func TestPainSeriesMovingAverage(t *testing.T) {
	pain := []journal.PainEntry{
		{Day: today - 9, Score: 8}, // before the range, still in the first averages
		{Day: today - 5, Score: 4},
		{Day: today - 4, Score: 6},
		{Day: today - 1, Score: 2},
	}
	got := analysis.PainSeries(pain, today-6, today)
	if len(got) != 7 || got[0].Day != today-6 || got[6].Day != today {
		t.Fatalf("series of %d days from %s", len(got), got[0].Day)
	}
	for i, want := range []float64{-1, -1, 6, 6, -1, 4, 4} { // -1: fewer than 3 scores in the window
		p := got[i]
		switch {
		case want < 0 && p.MovingAvg != nil:
			t.Errorf("%s: average %v from too few scores", p.Day, *p.MovingAvg)
		case want >= 0 && (p.MovingAvg == nil || *p.MovingAvg != want):
			t.Errorf("%s: average %v, want %v", p.Day, p.MovingAvg, want)
		}
	}
	if got[1].Score == nil || *got[1].Score != 4 || got[0].Score != nil {
		t.Error("daily scores are not carried through")
	}
}

// TestCorrelationOnlyInsideTheJournal checks that weeks before the journal's
// first entry are not counted as weeks without activity: asking for more
// weeks than the journal holds must not change the correlation.
func TestCorrelationOnlyInsideTheJournal(t *testing.T) {
	// Eight weeks of journal ending this week (today is a Monday): active
	// days alternate 1 and 5, and pain after an active week is lower.
	weeksOf := 8
	first := today.WeekStart() - journal.Day(7*(weeksOf-1))
	var list []journal.Session
	var pain []journal.PainEntry
	for w := 0; w < weeksOf; w++ {
		start := first + journal.Day(7*w)
		for d := 0; d < 1+4*(w%2); d++ {
			list = append(list, journal.Session{Day: start + journal.Day(d), Exercise: "cat-cow", Dose: journal.Dose{Reps: 5}})
		}
		for d := 0; d < 7 && start+journal.Day(d) <= today; d++ {
			pain = append(pain, journal.PainEntry{Day: start + journal.Day(d), Score: 6 - 3*((w+1)%2) + d%2})
		}
	}
	// The same journal beginning mid-week: its first, partial week is left
	// out too.
	midweek := append([]journal.PainEntry{{Day: first - 3, Score: 9}}, pain...)

	want := analysis.Summarize(analysis.CountByDay(list), pain, weeksOf, today)
	if want.Correlation == nil || want.Pairs != weeksOf-1 {
		t.Fatalf("inside the journal: correlation %v over %d pairs, want one over %d", want.Correlation, want.Pairs, weeksOf-1)
	}
	for _, tc := range []struct {
		name      string
		weeks     int
		pain      []journal.PainEntry
		wantPairs int
	}{
		{"the journal's own weeks", weeksOf, pain, weeksOf - 1},
		{"four weeks more than the journal", weeksOf + 4, pain, weeksOf - 1},
		{"ten years", 520, pain, weeksOf - 1},
		{"a journal that began on a Friday", weeksOf + 1, midweek, weeksOf - 1},
		{"fewer weeks than the journal", 6, pain, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := analysis.Summarize(analysis.CountByDay(list), tc.pain, tc.weeks, today)
			if st.Pairs != tc.wantPairs {
				t.Errorf("%d pairs of weeks, want %d", st.Pairs, tc.wantPairs)
			}
			if tc.wantPairs == weeksOf-1 && (st.Correlation == nil || math.Abs(*st.Correlation-*want.Correlation) > 1e-12) {
				t.Errorf("correlation %s, want %.4f as over the journal's own weeks", fmtR(st.Correlation), *want.Correlation)
			}
			if st.JournalStart == nil || *st.JournalStart != tc.pain[0].Day {
				t.Errorf("journal start %v, want %s", st.JournalStart, tc.pain[0].Day)
			}
			for _, w := range st.Weeks {
				if w.InJournal != (w.Start >= tc.pain[0].Day) {
					t.Errorf("week of %s: in journal %v", w.Start, w.InJournal)
				}
			}
		})
	}
}

func fmtR(r *float64) string {
	if r == nil {
		return "none"
	}
	return fmt.Sprintf("%.4f", *r)
}
