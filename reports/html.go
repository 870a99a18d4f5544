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

// Input is everything a report is drawn from.
type Input struct {
	AsOf    journal.Day
	Weeks   int
	Catalog *journal.Catalog
	// Sessions holds the sessions from the first day of the range, or from
	// analysis.WindowDays before AsOf if that is earlier, up to AsOf.
	Sessions []journal.Session
	// PerDay holds the whole history up to AsOf, for streaks. Pain holds at
	// least the range, the week before it (for the moving average) and the
	// first two weeks of scores (for the baseline).
	PerDay []journal.DayCount
	Pain   []journal.PainEntry
}

// Report is the content of the HTML report: the figures and the options of
// each chart.
type Report struct {
	AsOf, From  journal.Day
	Weeks       int
	Stats       analysis.Stats
	Suggestions []SuggestionRow
	Notes       []NoteRow
	Charts      []Chart
	Empty       bool // nothing recorded in the range
	Correlation string
}

// Chart is one chart of the report.
type Chart struct {
	ID      string         `json:"id"`
	Title   string         `json:"-"`
	Caption string         `json:"-"`
	Height  int            `json:"-"`
	Option  map[string]any `json:"option"`
}

// SuggestionRow is one line of the summary's suggestion table.
type SuggestionRow struct {
	Name, Action, Now, Next, Reason string
}

// NoteRow is a note the user wrote, shown as text.
type NoteRow struct {
	Day        journal.Day
	What, Note string
}

// maxNotes bounds the notes listed; the report shows the most recent.
const maxNotes = 30

// Build works out the report from its input. It is deterministic: the same
// input gives the same report.
func Build(in Input) Report {
	last := in.AsOf
	first := in.AsOf.WeeksStart(in.Weeks)
	r := Report{AsOf: in.AsOf, From: first, Weeks: in.Weeks}
	r.Stats = analysis.Summarize(in.PerDay, in.Pain, in.Weeks, in.AsOf)
	r.Correlation = CorrelationSentence(r.Stats)

	var inRange []journal.Session
	for _, s := range in.Sessions {
		if s.Day >= first && s.Day <= last {
			inRange = append(inRange, s)
		}
	}
	var painInRange []journal.PainEntry
	for _, p := range in.Pain {
		if p.Day >= first && p.Day <= last {
			painInRange = append(painInRange, p)
		}
	}
	r.Empty = len(inRange) == 0 && len(painInRange) == 0

	for _, s := range analysis.Suggest(in.Catalog, in.Sessions, in.Pain, in.AsOf) {
		ex, err := in.Catalog.Lookup(s.Exercise)
		if err != nil {
			continue
		}
		r.Suggestions = append(r.Suggestions, SuggestionRow{Name: ex.Name, Action: string(s.Action),
			Now: ex.FormatDose(s.Current), Next: ex.FormatDose(s.Next), Reason: s.Reason})
	}
	r.Notes = notes(in.Catalog, inRange, painInRange)
	if r.Empty {
		return r
	}

	r.Charts = append(r.Charts,
		Chart{ID: "chart-weekly", Title: "Active days and pain, week by week", Height: 340,
			Caption: "Bars: days with at least one session (left axis, 0–7). Line: mean pain that week (right axis, 0–10).",
			Option:  weeklyChart(r.Stats)},
		Chart{ID: "chart-daily-pain", Title: "Daily pain", Height: 340,
			Caption: fmt.Sprintf("Each day's score, its %d-day moving average, and the band within %d points of your baseline: outside it, a change is meaningful.",
				analysis.MovingAverageDays, analysis.MeaningfulChangePoints),
			Option: dailyPainChart(analysis.PainSeries(in.Pain, first, last), r.Stats.Baseline)},
		Chart{ID: "chart-calendar", Title: "Activity calendar", Height: 80 + 22*((int(last-first)/7)/4+7),
			Caption: "Each square is a day, darker with more sessions.",
			Option:  calendarChart(in.PerDay, first, last)},
	)
	for _, ex := range exercisesIn(in.Catalog, inRange) {
		var mine []journal.Session
		for _, s := range inRange {
			if s.Exercise == ex.Slug {
				mine = append(mine, s)
			}
		}
		r.Charts = append(r.Charts, Chart{ID: "chart-dose-" + ex.Slug, Title: ex.Name + ": dose over time", Height: 240,
			Caption: fmt.Sprintf("%s; start %s, ceiling %s.", plural(len(mine), "session"), ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(ex.Goal.Normalize(ex.Kind))),
			Option:  doseChart(ex, mine)})
	}
	if r.Stats.Correlation != nil {
		r.Charts = append(r.Charts, Chart{ID: "chart-correlation", Title: "Consistency against next week's pain", Height: 320,
			Caption: r.Correlation, Option: correlationChart(r.Stats)})
	}
	return r
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

func notes(catalog *journal.Catalog, sessions []journal.Session, pain []journal.PainEntry) []NoteRow {
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
		out = out[:maxNotes]
	}
	return out
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
	Baseline       string
	Current        string
}

// WriteHTML writes the report as one self-contained HTML page.
//
// User text (notes, names of the user's own exercises) only ever reaches the
// page through html/template, which escapes it as text, or inside the chart
// data, which is JSON with <, > and & escaped, read with JSON.parse and never
// evaluated. A Content-Security-Policy allows exactly the page's two scripts,
// by hash, and no network access of any kind.
func WriteHTML(w io.Writer, r Report) error {
	chartsJSON, err := json.Marshal(struct {
		Charts []Chart         `json:"charts"`
		Stats  analysis.Stats  `json:"stats"`
		Rows   []SuggestionRow `json:"-"`
	}{Charts: nonNil(r.Charts), Stats: r.Stats})
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	d := pageData{Report: r, ECharts: template.JS(echartsJS), ChartsJSON: template.JS(chartsJSON), InitJS: template.JS(initJS),
		EChartsVersion: strings.TrimSpace(echartsVersion)}
	d.CSP = fmt.Sprintf("default-src 'none'; script-src '%s' '%s'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
		scriptHash(echartsJS), scriptHash(initJS))
	if st := r.Stats; st.Baseline != nil {
		d.Baseline = fmt.Sprintf("%.1f", *st.Baseline)
		if st.Current != nil {
			d.Current = fmt.Sprintf("%.1f", *st.Current)
			d.Change = FormatChange(*st.Change)
		}
	}
	t, err := template.New("report").Funcs(template.FuncMap{"days": days, "percent": func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }}).Parse(reportTemplate)
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
