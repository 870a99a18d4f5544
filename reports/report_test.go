package reports_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"backlog/analysis"
	"backlog/journal"
	"backlog/journal/journaltest"
	"backlog/reports"
)

// tenYears is a generated ten-year journal as the report command reads it.
func tenYears(weeks int) reports.Input {
	sessions, pain := journaltest.Generate(10, asOf-1, 1)
	return reports.Input{AsOf: asOf, Weeks: weeks, Catalog: journal.NewCatalog(), Sessions: sessions,
		PerDay: analysis.CountByDay(sessions), Pain: pain}
}

func chartByID(t *testing.T, r reports.Report, id string) reports.Chart {
	t.Helper()
	for _, c := range r.Charts {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no chart %s", id)
	return reports.Chart{}
}

// TestLongRangesAreGroupedByMonth checks that ten years stay legible and
// small: a point a month, a calendar row a year, and under 1.5 MB.
func TestLongRangesAreGroupedByMonth(t *testing.T) {
	for _, tc := range []struct {
		weeks          int
		monthly        bool
		maxPoints      int
		calendarHeight int
	}{
		{4, false, 5, 200},
		{12, false, 13, 200},
		{52, false, 52, 200},
		{520, true, 121, 80 + 22*11},
	} {
		t.Run(fmt.Sprintf("%d weeks", tc.weeks), func(t *testing.T) {
			r := reports.Build(tenYears(tc.weeks))
			if r.Monthly != tc.monthly {
				t.Errorf("grouped by month: %v, want %v", r.Monthly, tc.monthly)
			}
			weekly := chartByID(t, r, "chart-weekly")
			if n := len(weekly.Tips); n > tc.maxPoints || n < tc.maxPoints-1 {
				t.Errorf("%d bars, want about %d", n, tc.maxPoints)
			}
			if cal := chartByID(t, r, "chart-calendar"); cal.Height > tc.calendarHeight {
				t.Errorf("calendar %d px tall, want at most %d", cal.Height, tc.calendarHeight)
			}
			for _, c := range r.Charts {
				if c.Height > 600 {
					t.Errorf("chart %s is %d px tall", c.ID, c.Height)
				}
				if strings.HasPrefix(c.ID, "chart-dose-") && tc.monthly && len(c.Tips) > 130 {
					t.Errorf("chart %s has %d points over ten years: not grouped by month", c.ID, len(c.Tips))
				}
			}
			var page strings.Builder
			if err := reports.WriteHTML(&page, r); err != nil {
				t.Fatal(err)
			}
			if page.Len() > 1_500_000 {
				t.Errorf("the report is %d bytes, over 1.5 MB", page.Len())
			}
			for _, c := range chartData(t, page.String()) {
				if c.Option["dataZoom"] != nil {
					t.Errorf("chart %s zooms: it would capture the mouse wheel and print zoomed", c.ID)
				}
			}
		})
	}
}

// TestCalendarOneRowPerYear checks the long calendar's rows and cells.
func TestCalendarOneRowPerYear(t *testing.T) {
	cal := chartByID(t, reports.Build(tenYears(520)), "chart-calendar")
	years := cal.Option["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if len(years) != 11 || years[0] != "2026" || years[10] != "2016" {
		t.Errorf("calendar rows %v, want 2016 to 2026", years)
	}
	if len(cal.Table.Rows) != 11 || !cal.PrintTable {
		t.Errorf("the year-by-year table has %d rows (printed: %v), want 11, printed", len(cal.Table.Rows), cal.PrintTable)
	}
}

// TestBaselinesAreNamedAndTheBandStaysWithTheData checks the two baselines
// the page shows and where the band of meaningful change is drawn.
func TestBaselinesAreNamedAndTheBandStaysWithTheData(t *testing.T) {
	in := reports.Input{AsOf: asOf, Weeks: 12, Catalog: journal.NewCatalog(),
		Pain: []journal.PainEntry{{Day: asOf - 2, Score: 4}, {Day: asOf - 1, Score: 5}, {Day: asOf, Score: 6}}}
	r := reports.Build(in)
	if r.Baselines.Starting != "5.0" || !strings.Contains(r.Baselines.StartingWhat, "so far: the mean of your 3 scores since") {
		t.Errorf("starting baseline %q: %q; a young journal's baseline must say it is provisional", r.Baselines.Starting, r.Baselines.StartingWhat)
	}
	if r.Baselines.Recent != "4.5" || !strings.Contains(r.Baselines.RecentWhat, fmt.Sprintf("the %d days before", analysis.BaselineDays)) {
		t.Errorf("the suggestions' baseline %q: %q", r.Baselines.Recent, r.Baselines.RecentWhat)
	}
	band := chartByID(t, r, "chart-daily-pain").Option["series"].([]any)[0].(map[string]any)["markArea"].(map[string]any)["data"].([]any)[0].([]any)
	from := band[0].(map[string]any)["coord"].([]any)[0]
	to := band[1].(map[string]any)["coord"].([]any)[0]
	if from != (asOf-2).String() || to != asOf.String() {
		t.Errorf("the band runs from %v to %v, want only over the scored days %s to %s", from, to, asOf-2, asOf)
	}

	full := reports.Build(tenYears(12))
	if !strings.Contains(full.Baselines.StartingWhat, "in your first 2 weeks of scores") {
		t.Errorf("starting baseline: %q", full.Baselines.StartingWhat)
	}
}

// TestWeeksBeforeTheJournalAndThePartialWeek checks that weeks before the
// first entry draw no bar and the current week is marked as not over.
func TestWeeksBeforeTheJournalAndThePartialWeek(t *testing.T) {
	in := fixture() // ten weeks of entries, asOf a Sunday
	in.Weeks = 14
	in.AsOf = asOf - 3 // a Thursday: the current week has 4 days
	weekly := chartByID(t, reports.Build(in), "chart-weekly")
	bars := weekly.Option["series"].([]any)[0].(map[string]any)["data"].([]any)
	if v := bars[0].(map[string]any)["value"]; v != "-" {
		t.Errorf("the first week, before the journal, draws %v", v)
	}
	if !strings.Contains(weekly.Tips[0], "before your journal began") {
		t.Errorf("first week's tooltip %q", weekly.Tips[0])
	}
	last := bars[len(bars)-1].(map[string]any)
	if last["itemStyle"] == nil || !strings.Contains(weekly.Tips[len(bars)-1], "(so far, 4 days)") ||
		!strings.Contains(weekly.Caption, "The current week is not over") {
		t.Errorf("the current week is not marked as partial: %v, %q", last, weekly.Tips[len(bars)-1])
	}
}

// TestDoseChartsShowEveryQuantityOnATimeAxis checks the panels of a dose
// chart: one per quantity, pain during included, on a real time axis.
func TestDoseChartsShowEveryQuantityOnATimeAxis(t *testing.T) {
	pain := func(n int) *int { return &n }
	sessions := []journal.Session{
		{Day: asOf - 20, Exercise: "glute-bridge", Dose: journal.Dose{Sets: 1, Reps: 8, HoldS: 6}, PainDuring: pain(2)},
		{Day: asOf - 20, Exercise: "glute-bridge", Dose: journal.Dose{Sets: 2, Reps: 8, HoldS: 6}},
		{Day: asOf - 2, Exercise: "glute-bridge", Dose: journal.Dose{Sets: 2, Reps: 10, HoldS: 6}, PainDuring: pain(4)},
	}
	r := reports.Build(reports.Input{AsOf: asOf, Weeks: 4, Catalog: journal.NewCatalog(), Sessions: sessions,
		PerDay: analysis.CountByDay(sessions)})
	dose := chartByID(t, r, "chart-dose-glute-bridge")
	var names []string
	for _, y := range dose.Option["yAxis"].([]any) {
		names = append(names, y.(map[string]any)["name"].(string))
	}
	if got := strings.Join(names, ", "); got != "reps, hold (s), sets, pain during (0–10)" {
		t.Errorf("panels %s", got)
	}
	for _, x := range dose.Option["xAxis"].([]any) {
		if x.(map[string]any)["type"] != "time" {
			t.Errorf("x axis %v is not a time axis", x)
		}
	}
	// Two sessions on one day are one point; the 18 days between are a
	// break in the line, not a spike.
	if len(dose.Tips) != 3 || dose.Tips[1] != "" || !strings.Contains(dose.Tips[0], "(the last of 2 sessions that day)") ||
		!strings.Contains(dose.Tips[2], "pain during at most 4/10") {
		t.Errorf("tooltips %q", dose.Tips)
	}
	row := r.Exercises[0]
	if row.Current != "2 sets of 10 reps × 6 s hold" || !strings.HasPrefix(row.LastChange, longDay(asOf-2)) ||
		row.HighestPain != "4/10" || row.Planned != "no routine set" {
		t.Errorf("physiotherapist's row %+v", row)
	}
}

// TestOneSessionColourIsVisible checks every calendar colour against white:
// WCAG asks 3:1 for graphics that carry meaning.
func TestOneSessionColourIsVisible(t *testing.T) {
	for _, c := range reports.SessionColours() {
		if r := contrast(c, "#ffffff"); r < 3 {
			t.Errorf("calendar colour %s has %.2f:1 contrast against white, want at least 3:1", c, r)
		}
	}
}

// TestNotesAreAllShownOrCounted checks that no note is dropped silently.
func TestNotesAreAllShownOrCounted(t *testing.T) {
	var sessions []journal.Session
	for i := range 230 {
		sessions = append(sessions, journal.Session{Day: asOf - journal.Day(i/3), Exercise: "walking",
			Dose: journal.Dose{Sets: 1, Minutes: 10}, Note: fmt.Sprintf("note %d", i), RecordedAt: time.Unix(int64(-i), 0)})
	}
	in := reports.Input{AsOf: asOf, Weeks: 12, Catalog: journal.NewCatalog(), Sessions: sessions, PerDay: analysis.CountByDay(sessions)}
	r := reports.Build(in)
	if len(r.Notes)+r.NotesLeft != 230 || r.NotesLeft != 30 {
		t.Errorf("%d notes shown and %d counted as left out, want 200 and 30", len(r.Notes), r.NotesLeft)
	}
	page := render(t, in)
	if !strings.Contains(page, "30 older ones are not shown. <code>backlog log --since") {
		t.Error("the page does not say how many notes are left out and how to list them")
	}
	in.Sessions = sessions[:150]
	if r := reports.Build(in); len(r.Notes) != 150 || r.NotesLeft != 0 {
		t.Errorf("150 notes: %d shown, %d left out", len(r.Notes), r.NotesLeft)
	}
}

func longDay(d journal.Day) string { return d.Time().Format("2 Jan 2006") }

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	lum := func(hex string) float64 {
		var l float64
		for i, w := range []float64{0.2126, 0.7152, 0.0722} {
			v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
			if err != nil {
				panic(err)
			}
			c := float64(v) / 255
			if c <= 0.03928 {
				c /= 12.92
			} else {
				c = math.Pow((c+0.055)/1.055, 2.4)
			}
			l += w * c
		}
		return l
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestRoutineAdherenceIsShown checks that with a routine the summary, the
// physiotherapist's table and the weekly numbers give planned days done,
// and without one say that there is no routine rather than show a share.
func TestRoutineAdherenceIsShown(t *testing.T) {
	in := fixture()
	without := reports.Build(in)
	if without.Routine || without.Planned != "–" || without.Exercises[0].Planned != "no routine set" {
		t.Errorf("without a routine: %q %q, exercise %q", without.Planned, without.PlannedWhat, without.Exercises[0].Planned)
	}
	st := analysis.Summarize(in.PerDay, in.Pain, in.Weeks, in.AsOf)
	a := &analysis.Adherence{Last4Weeks: analysis.PlannedDone{Planned: 12, Done: 9},
		Exercises: []analysis.ExerciseAdherence{{Exercise: "bird-dog", PlannedDone: analysis.PlannedDone{Planned: 20, Done: 15}}}}
	for _, w := range st.Weeks {
		a.Weeks = append(a.Weeks, analysis.WeekAdherence{Start: w.Start, PlannedDone: analysis.PlannedDone{Planned: 3, Done: 2}})
	}
	in.Adherence = a
	r := reports.Build(in)
	if !r.Routine || r.Planned != "75%" || !strings.Contains(r.PlannedWhat, "(9 of 12)") {
		t.Errorf("summary: %q %q", r.Planned, r.PlannedWhat)
	}
	got := map[string]string{}
	for _, e := range r.Exercises {
		got[e.Name] = e.Planned
	}
	if got["Bird dog"] != "15 of 20 planned days (75%)" || got["</script><script>alert(1)</script>"] != "not in the routine" {
		t.Errorf("physiotherapist's table: %q", got)
	}
	weekly := chartByID(t, r, "chart-weekly")
	if head := weekly.Table.Head; head[len(head)-1] != "Planned days done" || weekly.Table.Rows[1][5] != "2 of 3 (67%)" ||
		!strings.Contains(weekly.Tips[1], "2 of 3 planned days done") {
		t.Errorf("weekly numbers: %q, %q; tooltip %q", head, weekly.Table.Rows[1], weekly.Tips[1])
	}
}
