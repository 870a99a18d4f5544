package reports

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strings"

	"backlog/analysis"
	"backlog/journal"
)

// echartsJS is Apache ECharts, embedded so the report works offline and makes
// no network request. reports/echarts/update.sh refreshes it.
//
//go:embed echarts/echarts.min.js
var echartsJS string

// EChartsVersion is the embedded ECharts release.
//
//go:embed echarts/VERSION
var echartsVersion string

//go:embed report.html.tmpl
var reportTemplate string

//go:embed report.js
var initJS string

// LongRangeWeeks is the longest range drawn week by week and day by day;
// longer ranges are grouped by month so that every chart stays legible, and
// the calendar shows one row per year.
const LongRangeWeeks = 53

// maxNotes bounds the notes listed; the report shows the most recent and
// says how many older ones are left out and how to list them.
const maxNotes = 200

// Input is everything a report is drawn from.
type Input struct {
	AsOf    journal.Day
	Weeks   int
	Catalog *journal.Catalog
	// Sessions holds the sessions of the range up to AsOf, in any order; a
	// report reads their day, exercise, dose, pain during and note.
	Sessions []journal.Session
	// Recent holds the complete sessions from analysis.WindowDays before
	// AsOf, which the suggestions read exactly as backlog suggest does; nil
	// takes them from Sessions.
	Recent []journal.Session
	// PerDay holds the whole history up to AsOf, for streaks. Pain holds at
	// least the range, the week before it (for the moving average), the
	// 28 days before AsOf (for the suggestions' baseline) and the first two
	// weeks of scores (for the starting baseline).
	PerDay []journal.DayCount
	Pain   []journal.PainEntry
	// Adherence is the routine's planned days against those done over the
	// range (analysis.ComputeAdherence); nil when no routine is set.
	Adherence *analysis.Adherence
}

// Report is the content of the HTML report: the figures, the tables and the
// options of each chart.
type Report struct {
	AsOf, From journal.Day
	Weeks      int
	Monthly    bool // the range is grouped by month
	Stats      analysis.Stats

	Baselines Baselines
	// Planned says how many of the routine's planned days were done in the
	// last 4 weeks, or that there is no routine to count against.
	Planned, PlannedWhat string
	Routine              bool // a routine is set
	Suggestions          []SuggestionRow
	Exercises            []ExerciseRow
	Notes                []NoteRow
	NotesLeft            int // older notes in the range not listed
	Charts               []Chart
	Empty                bool // nothing recorded in the range
	Correlation          string
}

// Baselines names the two baselines the page uses, so that a reader never
// mistakes one for the other.
type Baselines struct {
	// Starting is the mean of the first analysis.BaselineWeeks weeks of
	// scores ever recorded, which the summary and the charts compare with.
	Starting, StartingWhat string
	// Recent is the mean of the analysis.BaselineDays days before the as-of
	// day, which the suggestions judge flares against.
	Recent, RecentWhat string
}

// Chart is one chart of the report, with its text alternative: a caption
// giving its key figures and a table of the data it draws.
type Chart struct {
	ID      string         `json:"id"`
	Title   string         `json:"-"`
	Caption string         `json:"-"`
	Height  int            `json:"-"`
	Option  map[string]any `json:"option"`
	// Tips are the tooltip sentences, one per data index, shared by every
	// series of the chart.
	Tips  []string `json:"tips"`
	Table Table    `json:"-"`
	// PrintTable shows the data table on paper too.
	PrintTable bool `json:"-"`
}

// Table is a chart's data as rows of text.
type Table struct {
	Summary string
	Head    []string
	Rows    [][]string
}

// SuggestionRow is one line of the summary's suggestion table.
type SuggestionRow struct {
	Name, Action, Now, Next, Reason string
}

// ExerciseRow is one line of the physiotherapist's table.
type ExerciseRow struct {
	Name string
	// PerWeek is sessions per week over the range (inside the journal's
	// span) and PerWeekRecent over the last 4 weeks.
	PerWeek, PerWeekRecent string
	// Planned is the share of the routine's planned days done over the
	// range, or why there is none: no routine, or not in it.
	Planned                  string
	Start, Current, Goal     string
	LastChange               string // the day the dose last changed, or that it did not
	HighestPain, HighestWhen string // highest pain during, and on which day
}

// NoteRow is a note the user wrote, shown as text.
type NoteRow struct {
	Day        journal.Day
	What, Note string
}

// Build works out the report from its input. It is deterministic: the same
// input gives the same report.
func Build(in Input) Report {
	last := in.AsOf
	first := in.AsOf.WeeksStart(in.Weeks)
	r := Report{AsOf: in.AsOf, From: first, Weeks: in.Weeks, Monthly: in.Weeks > LongRangeWeeks}
	r.Stats = analysis.Summarize(in.PerDay, in.Pain, in.Weeks, in.AsOf)
	r.Correlation = CorrelationSentence(r.Stats)
	r.Baselines = baselines(r.Stats, in.Pain, in.AsOf)
	r.Planned, r.PlannedWhat = "–", "planned days done: needs a routine, and none is set"
	if a := in.Adherence; a != nil {
		r.Routine = true
		r.Planned, r.PlannedWhat = shareOf(a.Last4Weeks), fmt.Sprintf("of the routine's planned days done in the last 4 weeks (%d of %d)", a.Last4Weeks.Done, a.Last4Weeks.Planned)
	}

	sessions := byDay(in.Sessions)
	inRange := between(sessions, first, last)
	var painInRange []journal.PainEntry
	for _, p := range in.Pain {
		if p.Day >= first && p.Day <= last {
			painInRange = append(painInRange, p)
		}
	}
	r.Empty = len(inRange) == 0 && len(painInRange) == 0

	// The suggestions read exactly what backlog suggest reads, so both
	// give the same advice.
	var painForAdvice []journal.PainEntry
	for _, p := range in.Pain {
		if p.Day >= in.AsOf-analysis.PainHistoryDays && p.Day <= in.AsOf {
			painForAdvice = append(painForAdvice, p)
		}
	}
	recent := in.Recent
	if recent == nil {
		recent = between(sessions, in.AsOf-analysis.WindowDays, in.AsOf)
	}
	for _, s := range analysis.Suggest(in.Catalog, recent, painForAdvice, in.AsOf) {
		ex, err := in.Catalog.Lookup(s.Exercise)
		if err != nil {
			continue
		}
		r.Suggestions = append(r.Suggestions, SuggestionRow{Name: ex.Name, Action: string(s.Action),
			Now: ex.FormatDose(s.Current), Next: ex.FormatDose(s.Next), Reason: s.Reason})
	}
	r.Notes, r.NotesLeft = notes(in.Catalog, inRange, painInRange)
	if r.Empty {
		return r
	}

	periods := weekPeriods(r.Stats)
	if r.Monthly {
		periods = monthPeriods(analysis.Months(in.PerDay, in.Pain, first, last, r.Stats.JournalStart), r.Stats.Baseline, in.AsOf)
	}
	if a := in.Adherence; a != nil {
		for _, w := range a.Weeks {
			// A week counts in the period it begins in.
			for i := range periods {
				if w.Start >= periods[i].start && w.Start <= periods[i].end {
					periods[i].planned.Planned += w.Planned
					periods[i].planned.Done += w.Done
				}
			}
		}
	}
	r.Charts = append(r.Charts, activityChart(periods, r.Monthly))
	r.Charts = append(r.Charts, painChart(in.Pain, first, last, r.Stats, r.Monthly))
	r.Charts = append(r.Charts, calendarChart(in.PerDay, in.Pain, first, last, r.Stats, r.Monthly))

	exercises := exercisesIn(in.Catalog, inRange)
	// Each exercise's sessions, in the order they were done, without
	// copying a long journal more than once.
	counts := map[string]int{}
	for _, s := range inRange {
		counts[s.Exercise]++
	}
	bySlug := make(map[string][]journal.Session, len(counts))
	for slug, n := range counts {
		bySlug[slug] = make([]journal.Session, 0, n)
	}
	for _, s := range inRange {
		bySlug[s.Exercise] = append(bySlug[s.Exercise], s)
	}
	span := first
	if js := r.Stats.JournalStart; js != nil && *js > span {
		span = *js
	}
	for _, ex := range exercises {
		mine := bySlug[ex.Slug]
		row := exerciseRow(ex, mine, span, last)
		if a := in.Adherence; a != nil {
			row.Planned = "not in the routine"
			for _, e := range a.Exercises {
				if e.Exercise == ex.Slug && e.Planned > 0 {
					row.Planned = fmt.Sprintf("%d of %d planned days (%s)", e.Done, e.Planned, shareOf(e.PlannedDone))
				}
			}
		}
		r.Exercises = append(r.Exercises, row)
		r.Charts = append(r.Charts, doseChart(ex, mine, first, last, r.Monthly))
	}
	if r.Stats.Correlation != nil {
		r.Charts = append(r.Charts, correlationChart(r.Stats, r.Correlation))
	}
	return r
}

// byDay returns the sessions in the order they were done: by day, then by
// when they were recorded. The store already returns them so, and then
// they are used as they are.
func byDay(sessions []journal.Session) []journal.Session {
	order := func(a, b journal.Session) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), a.RecordedAt.Compare(b.RecordedAt))
	}
	if slices.IsSortedFunc(sessions, order) {
		return sessions
	}
	sorted := slices.Clone(sessions)
	slices.SortStableFunc(sorted, order)
	return sorted
}

// between returns the sessions from first to last inclusive of sessions in
// day order.
func between(sessions []journal.Session, first, last journal.Day) []journal.Session {
	lo, _ := slices.BinarySearchFunc(sessions, first, func(s journal.Session, d journal.Day) int { return cmp.Compare(s.Day, d) })
	hi, _ := slices.BinarySearchFunc(sessions, last+1, func(s journal.Session, d journal.Day) int { return cmp.Compare(s.Day, d) })
	return sessions[lo:hi]
}

// baselines names the starting baseline and the suggestions' recent one.
func baselines(st analysis.Stats, pain []journal.PainEntry, asOf journal.Day) Baselines {
	var b Baselines
	if st.Baseline != nil {
		start := *st.BaselineStart
		b.Starting = fmt.Sprintf("%.1f", *st.Baseline)
		if asOf-start+1 < 7*analysis.BaselineWeeks {
			b.StartingWhat = fmt.Sprintf("starting baseline so far: the mean of your %s since %s. It settles once you have %d weeks of scores.",
				plural(st.BaselineScores, "score"), longDay(start), analysis.BaselineWeeks)
		} else {
			b.StartingWhat = fmt.Sprintf("starting baseline: the mean of the %s in your first %d weeks of scores, %s to %s.",
				plural(st.BaselineScores, "score"), analysis.BaselineWeeks, longDay(start), longDay(start+7*analysis.BaselineWeeks-1))
		}
	}
	sum, n := 0, 0
	for _, p := range pain {
		if p.Day >= asOf-analysis.BaselineDays && p.Day < asOf {
			sum += p.Score
			n++
		}
	}
	if n > 0 {
		b.Recent = fmt.Sprintf("%.1f", float64(sum)/float64(n))
		b.RecentWhat = fmt.Sprintf("the suggestions' baseline: the mean of the %s in the %d days before %s. The suggestions judge a flare against it, not against the starting baseline.",
			plural(n, "score"), analysis.BaselineDays, longDay(asOf))
	}
	return b
}

// exerciseRow is what a physiotherapist asks about one exercise.
func exerciseRow(ex journal.Exercise, sessions []journal.Session, span, last journal.Day) ExerciseRow {
	row := ExerciseRow{Name: ex.Name, Planned: "no routine set",
		Start: ex.FormatDose(ex.Start.Normalize(ex.Kind)), Goal: ex.FormatDose(ex.Goal.Normalize(ex.Kind)),
		HighestPain: "not recorded"}
	weeks := float64(last-span+1) / 7
	row.PerWeek = fmt.Sprintf("%.1f", float64(len(sessions))/weeks)
	recent := 0
	for _, s := range sessions {
		if s.Day > last-28 {
			recent++
		}
	}
	row.PerWeekRecent = fmt.Sprintf("%.1f", float64(recent)/min(4, weeks))
	if len(sessions) == 0 {
		return row
	}
	cur := sessions[len(sessions)-1].Dose.Normalize(ex.Kind)
	row.Current = ex.FormatDose(cur)
	row.LastChange = "unchanged since " + longDay(sessions[0].Day)
	for i := len(sessions) - 1; i > 0; i-- {
		if sessions[i-1].Dose.Normalize(ex.Kind) != sessions[i].Dose.Normalize(ex.Kind) {
			row.LastChange = fmt.Sprintf("%s (from %s)", longDay(sessions[i].Day), ex.FormatDose(sessions[i-1].Dose.Normalize(ex.Kind)))
			break
		}
	}
	highest := -1
	for _, s := range sessions {
		if s.PainDuring != nil && *s.PainDuring >= highest {
			highest = *s.PainDuring
			row.HighestPain, row.HighestWhen = fmt.Sprintf("%d/10", highest), longDay(s.Day)
		}
	}
	return row
}

// exercisesIn returns the exercises done in the sessions, most done first.
func exercisesIn(catalog *journal.Catalog, sessions []journal.Session) []journal.Exercise {
	counts := map[string]int{}
	for _, s := range sessions {
		counts[s.Exercise]++
	}
	var out []journal.Exercise
	for slug := range counts {
		if ex, err := catalog.Lookup(slug); err == nil {
			out = append(out, ex)
		}
	}
	slices.SortFunc(out, func(a, b journal.Exercise) int {
		return cmp.Or(cmp.Compare(counts[b.Slug], counts[a.Slug]), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}

// notes returns the notes in the range, newest first, at most maxNotes of
// them, and how many older ones were left out.
func notes(catalog *journal.Catalog, sessions []journal.Session, pain []journal.PainEntry) ([]NoteRow, int) {
	var out []NoteRow
	for _, s := range sessions {
		if s.Note != "" {
			what := s.Exercise
			if ex, err := catalog.Lookup(s.Exercise); err == nil {
				what = ex.Name
			}
			out = append(out, NoteRow{Day: s.Day, What: what, Note: s.Note})
		}
	}
	for _, p := range pain {
		if p.Note != "" {
			out = append(out, NoteRow{Day: p.Day, What: fmt.Sprintf("pain %d/10", p.Score), Note: p.Note})
		}
	}
	slices.SortStableFunc(out, func(a, b NoteRow) int {
		return cmp.Or(cmp.Compare(b.Day, a.Day), cmp.Compare(a.What, b.What), cmp.Compare(a.Note, b.Note))
	})
	if len(out) > maxNotes {
		return out[:maxNotes], len(out) - maxNotes
	}
	return out, 0
}

// pageData is what the template sees.
type pageData struct {
	Report
	ECharts        template.JS
	ChartsJSON     template.JS
	InitJS         template.JS
	CSP            string
	EChartsVersion string
	Change         string
	Current        string
	FromLong       string
	AsOfLong       string
	NotesOlder     journal.Day // the day before the oldest note listed
}

// WriteHTML writes the report as one self-contained HTML page.
//
// User text (notes, names of the user's own exercises) only ever reaches the
// page through html/template, which escapes it as text, or inside the chart
// data, which is JSON with <, > and & escaped, read with JSON.parse and never
// evaluated; report.js escapes tooltip sentences before ECharts shows them. A
// Content-Security-Policy allows exactly the page's two scripts, by hash, and
// no network access of any kind.
func WriteHTML(w io.Writer, r Report) error {
	chartsJSON, err := json.Marshal(struct {
		Charts []Chart `json:"charts"`
	}{Charts: nonNil(r.Charts)})
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	d := pageData{Report: r, ECharts: template.JS(echartsJS), ChartsJSON: template.JS(chartsJSON), InitJS: template.JS(initJS),
		EChartsVersion: strings.TrimSpace(echartsVersion), FromLong: longDay(r.From), AsOfLong: longDay(r.AsOf)}
	d.CSP = fmt.Sprintf("default-src 'none'; script-src '%s' '%s'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
		scriptHash(echartsJS), scriptHash(initJS))
	if st := r.Stats; st.Baseline != nil && st.Current != nil {
		d.Current = fmt.Sprintf("%.1f", *st.Current)
		d.Change = FormatChange(*st.Change)
	}
	if n := len(r.Notes); n > 0 && r.NotesLeft > 0 {
		d.NotesOlder = r.Notes[n-1].Day
	}
	t, err := template.New("report").Funcs(template.FuncMap{
		"days":    days,
		"percent": func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
		"long":    longDay,
		"dates":   keepDatesWhole,
	}).Parse(reportTemplate)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// isoDate is a YYYY-MM-DD date in a sentence.
var isoDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)

// keepDatesWhole escapes s and keeps each YYYY-MM-DD date in it on one
// line: a line break at a date's hyphen reads as two numbers.
func keepDatesWhole(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range isoDate.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString(`<span class="nowrap">` + s[m[0]:m[1]] + `</span>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

func nonNil(c []Chart) []Chart {
	if c == nil {
		return []Chart{}
	}
	return c
}

// scriptHash is the CSP source expression that allows one inline script.
func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// shareOf is a share of planned days done: "83%", or "–" with none planned.
func shareOf(p analysis.PlannedDone) string {
	if p.Planned == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(p.Done)/float64(p.Planned))
}

// longDay writes a day for people, without the hyphens a line may break at:
// "12 Oct 2026".
func longDay(d journal.Day) string { return d.Time().Format("2 Jan 2006") }

// shortDay is a day within a year already given: "12 Oct".
func shortDay(d journal.Day) string { return d.Time().Format("2 Jan") }

// monthName is a month: "Oct 2026".
func monthName(d journal.Day) string { return d.Time().Format("Jan 2006") }
