package reports

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"backlog/analysis"
	"backlog/journal"
)

// The charts are built with go-echarts but never rendered by it: its
// renderer writes option strings unescaped into a script and turns strings
// marked __f__ into functions. backlog takes only the option objects
// (chart.JSON) and serialises them itself, as escaped JSON data. Tooltip
// sentences travel beside the options (Chart.Tips) and report.js escapes
// them.
//
// No chart zooms: a zoom that listens to the wheel captures the page's
// scroll, and a zoomed chart prints zoomed. Long ranges are grouped by month
// instead, so every chart stays legible from 4 weeks to 10 years.

// The palette is shared by all charts so a quantity keeps its colour. Each
// colour has at least 3:1 contrast against white, and in black and white
// the quantities differ by shape as well: daily pain as hollow circles, its
// average as a thick line, the baseline band as a dashed outline.
const (
	colourActivity = "#4e79a7"
	colourPain     = "#c0392b"
	colourAverage  = "#3b1f5e"
	colourDose     = "#2f5f8f"
	colourBand     = "rgba(78,121,167,0.12)"
	colourMuted    = "#5b6473"
)

// SessionColours are the calendar's colours for 1, 2–3 and 4 or more
// sessions (or, grouped by week, 1–2, 3–4 and 5–7 active days).
var sessionColours = [3]string{"#5b8fc0", "#2f5f8f", "#1f3b63"}

// SessionColours returns the calendar's colours, lightest first.
func SessionColours() []string { return sessionColours[:] }

// period is one bar of the activity chart: a week, or a month for long
// ranges.
type period struct {
	start, end  journal.Day
	label, name string // axis label ("12 Oct"), and in a sentence ("week of 12 Oct 2026")
	days        int    // days up to the as-of day
	journalDays int    // of which inside the journal's span
	active      int
	sessions    int
	painDays    int
	meanPain    *float64
	change      *analysis.Change
	partial     bool                 // the current period, not over yet
	planned     analysis.PlannedDone // the routine's planned days, when there is one
}

func weekPeriods(st analysis.Stats) []period {
	var out []period
	for _, w := range st.Weeks {
		end := w.Start + journal.Day(w.Days) - 1
		p := period{start: w.Start, end: end, label: shortDay(w.Start), name: "the week of " + longDay(w.Start),
			days: w.Days, active: w.ActiveDays, sessions: w.Sessions, painDays: w.PainDays, meanPain: w.MeanPain,
			change: w.Change, partial: w.Days < 7}
		if js := st.JournalStart; js != nil && *js <= end {
			p.journalDays = int(end-max(*js, w.Start)) + 1
		}
		out = append(out, p)
	}
	return out
}

func monthPeriods(months []analysis.Month, baseline *float64, asOf journal.Day) []period {
	var out []period
	for _, m := range months {
		p := period{start: m.Start, end: m.End, label: monthName(m.Start), name: m.Start.Time().Format("January 2006"),
			days: m.Days, journalDays: m.JournalDays, active: m.ActiveDays, sessions: m.Sessions, painDays: m.PainDays,
			meanPain: m.MeanPain, partial: m.End == asOf && (asOf+1).Time().Day() != 1}
		if m.Start.Time().Day() != 1 {
			p.name += " (from " + shortDay(m.Start) + ")"
		}
		if baseline != nil && m.MeanPain != nil {
			c := analysis.ChangeFrom(*baseline, *m.MeanPain)
			p.change = &c
		}
		out = append(out, p)
	}
	return out
}

// activeValue is the height of a period's bar: active days in a week, or the
// mean active days a week over a month; nothing before the journal began.
func (p period) activeValue(monthly bool) any {
	if p.journalDays == 0 {
		return "-"
	}
	if monthly {
		return round1(7 * float64(p.active) / float64(p.journalDays))
	}
	return p.active
}

// sentence describes a period for a tooltip.
func (p period) sentence(monthly bool) string {
	if p.journalDays == 0 {
		return fmt.Sprintf("%s: before your journal began.", capitalise(p.name))
	}
	var b strings.Builder
	b.WriteString(capitalise(p.name))
	if p.partial {
		fmt.Fprintf(&b, " (so far, %s)", plural(p.days, "day"))
	}
	fmt.Fprintf(&b, ": active on %d of %s", p.active, plural(p.journalDays, "day"))
	if monthly {
		fmt.Fprintf(&b, " (%.1f a week)", 7*float64(p.active)/float64(p.journalDays))
	}
	fmt.Fprintf(&b, ", %s", plural(p.sessions, "session"))
	if p.planned.Planned > 0 {
		fmt.Fprintf(&b, "; %d of %d planned days done", p.planned.Done, p.planned.Planned)
	}
	if p.meanPain != nil {
		fmt.Fprintf(&b, "; mean pain %.1f from %s", *p.meanPain, plural(p.painDays, "score"))
	} else {
		b.WriteString("; no pain scores")
	}
	b.WriteString(".")
	return b.String()
}

// activityChart: mean pain (0–10) in one panel above active days in
// another, one bar per week or month. Two panels rather than two y-axes,
// so neither scale can be read against the other.
func activityChart(periods []period, monthly bool) Chart {
	unit, per := "week", "Week of"
	barName := "active days (0–7)"
	if monthly {
		unit, per = "month", "Month"
		barName = "active days a week (0–7)"
	}
	var labels, tips []string
	var bars []opts.BarData
	var pains []opts.LineData
	routine := false
	for _, p := range periods {
		routine = routine || p.planned.Planned > 0
	}
	t := Table{Head: []string{per, "Active days", "Sessions", "Mean pain", "Change from the starting baseline"}}
	if routine {
		t.Head = append(t.Head, "Planned days done")
	}
	totalActive, totalDays, totalSessions := 0, 0, 0
	var partial *period
	for i, p := range periods {
		labels = append(labels, p.label)
		tips = append(tips, p.sentence(monthly))
		bar := opts.BarData{Value: p.activeValue(monthly)}
		if p.partial {
			bar.ItemStyle = &opts.ItemStyle{Color: "rgba(78,121,167,0.35)", BorderColor: colourActivity, BorderWidth: 1}
			partial = &periods[i]
		}
		bars = append(bars, bar)
		pains = append(pains, opts.LineData{Value: optional(p.meanPain)})
		totalActive += p.active
		totalDays += p.journalDays
		totalSessions += p.sessions
		row := []string{p.label, "–", fmt.Sprint(p.sessions), "–", "–"}
		if monthly {
			row[0] = p.name
		} else {
			row[0] = longDay(p.start)
		}
		if p.journalDays > 0 {
			row[1] = fmt.Sprintf("%d of %d", p.active, p.journalDays)
		} else {
			row[1] = "before the journal"
		}
		if p.partial {
			row[0] += " (so far)"
		}
		if p.meanPain != nil {
			row[3] = fmt.Sprintf("%.1f", *p.meanPain)
		}
		if p.change != nil {
			row[4] = FormatChange(*p.change)
		}
		if routine {
			row = append(row, "–")
			if p.planned.Planned > 0 {
				row[5] = fmt.Sprintf("%d of %d (%s)", p.planned.Done, p.planned.Planned, shareOf(p.planned))
			}
		}
		t.Rows = append(t.Rows, row)
	}

	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(
			opts.Grid{Left: "40", Right: "16", Top: "32", Height: "110"},
			opts.Grid{Left: "40", Right: "16", Top: "186", Height: "100"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Name: "mean pain (0–10)", Min: 0, Max: 10, SplitNumber: 5}),
	)
	bar.ExtendXAxis(opts.XAxis{Type: "category", GridIndex: 1, Data: labels, AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}})
	bar.ExtendYAxis(opts.YAxis{Name: barName, GridIndex: 1, Min: 0, Max: 7, SplitNumber: 7})
	bar.SetXAxis(labels)
	bar.AddSeries("Active days", bars, charts.WithBarChartOpts(opts.BarChart{XAxisIndex: 1, YAxisIndex: 1}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourActivity}))
	line := charts.NewLine()
	line.SetXAxis(labels).AddSeries("Mean pain", pains,
		charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 6}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourPain}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2}))
	bar.Overlap(line)
	bar.Validate()

	var cap strings.Builder
	if totalDays > 0 {
		fmt.Fprintf(&cap, "Active on %d of %s since the journal began in this range (%.1f a week), %s.",
			totalActive, plural(totalDays, "day"), 7*float64(totalActive)/float64(totalDays), plural(totalSessions, "session"))
	}
	var firstPain, lastPain *period
	for i := range periods {
		if periods[i].meanPain != nil {
			if firstPain == nil {
				firstPain = &periods[i]
			}
			lastPain = &periods[i]
		}
	}
	if firstPain != nil {
		fmt.Fprintf(&cap, " Mean pain %.1f in %s and %.1f in %s.", *firstPain.meanPain, firstPain.name, *lastPain.meanPain, lastPain.name)
	}
	if partial != nil {
		fmt.Fprintf(&cap, " The current %s is not over (%s so far): its bar is pale with a dashed outline.", unit, plural(partial.days, "day"))
	}
	title := "Active days and pain, week by week"
	if monthly {
		title = "Active days and pain, month by month"
		cap.WriteString(" Grouped by month: each bar is the month's active days per week.")
	}
	t.Summary = fmt.Sprintf("The numbers %s by %s", map[bool]string{false: "week", true: "month"}[monthly], unit)
	o := plain(bar.JSON())
	ys := objects(o["yAxis"])
	ys[0]["interval"], ys[1]["interval"] = 5, 7
	for _, s := range objects(o["series"]) {
		for _, d := range objects(s["data"]) {
			if st, ok := d["itemStyle"].(map[string]any); ok {
				st["borderType"] = "dashed"
			}
		}
	}
	return Chart{ID: "chart-weekly", Title: title, Caption: strings.TrimSpace(cap.String()), Height: 320,
		Option: o, Tips: tips, Table: t, PrintTable: !monthly}
}

// painChart: each day's score and its 7-day moving average, or for long
// ranges each month's mean; the band of meaningful change around the
// starting baseline is drawn only over the days that have scores.
func painChart(pain []journal.PainEntry, first, last journal.Day, st analysis.Stats, monthly bool) Chart {
	var tips []string
	var main, avg []opts.LineData
	var scored []journal.Day
	t := Table{}
	var cap strings.Builder
	title := "Daily pain"
	if monthly {
		title = "Pain, month by month"
		t.Head = []string{"Month", "Mean pain", "Lowest", "Highest", "Scores"}
		byMonth := map[journal.Day][]int{}
		var months []journal.Day
		for _, p := range pain {
			if p.Day < first || p.Day > last {
				continue
			}
			m := monthStart(p.Day)
			if _, ok := byMonth[m]; !ok {
				months = append(months, m)
			}
			byMonth[m] = append(byMonth[m], p.Score)
		}
		slices.Sort(months)
		for _, m := range months {
			s := byMonth[m]
			lo, hi, sum := 10, 0, 0
			for _, v := range s {
				lo, hi, sum = min(lo, v), max(hi, v), sum+v
			}
			mean := float64(sum) / float64(len(s))
			main = append(main, opts.LineData{Value: []any{m.String(), round1(mean)}})
			tips = append(tips, fmt.Sprintf("%s: mean pain %.1f from %s (lowest %d, highest %d).", m.Time().Format("January 2006"), mean, plural(len(s), "score"), lo, hi))
			t.Rows = append(t.Rows, []string{monthName(m), fmt.Sprintf("%.1f", mean), fmt.Sprint(lo), fmt.Sprint(hi), fmt.Sprint(len(s))})
			scored = append(scored, m)
		}
		t.Summary = "Pain by month"
	} else {
		t.Head = []string{"Day", "Pain", fmt.Sprintf("%d-day average", analysis.MovingAverageDays)}
		for _, p := range analysis.PainSeries(pain, first, last) {
			row := []string{longDay(p.Day), "–", "–"}
			var tip strings.Builder
			tip.WriteString(longDay(p.Day))
			if p.Score != nil {
				main = append(main, opts.LineData{Value: []any{p.Day.String(), *p.Score}})
				fmt.Fprintf(&tip, ": pain %d/10", *p.Score)
				row[1] = fmt.Sprint(*p.Score)
				scored = append(scored, p.Day)
			} else {
				main = append(main, opts.LineData{Value: []any{p.Day.String(), "-"}})
				tip.WriteString(": no score")
			}
			avg = append(avg, opts.LineData{Value: []any{p.Day.String(), optional(p.MovingAvg)}})
			if p.MovingAvg != nil {
				fmt.Fprintf(&tip, "; %d-day average %.1f", analysis.MovingAverageDays, *p.MovingAvg)
				row[2] = fmt.Sprintf("%.1f", *p.MovingAvg)
			}
			tip.WriteString(".")
			tips = append(tips, tip.String())
			if p.Score != nil || p.MovingAvg != nil {
				t.Rows = append(t.Rows, row)
			}
		}
		t.Summary = "Pain day by day"
	}
	if monthly {
		fmt.Fprintf(&cap, "Scores in %d of the %d months.", len(scored), len(monthsBetween(first, last)))
	} else {
		fmt.Fprintf(&cap, "Scores on %d of the %d days.", len(scored), int(last-first)+1)
	}

	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Right: "8"}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "16", Top: "56", Bottom: "32"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", Min: first.String(), Max: last.String(), AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Name: "pain (0–10)", Min: 0, Max: 10, SplitNumber: 2}),
	)
	mainName := "Pain that day"
	mainOpts := []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true), Symbol: "emptyCircle", SymbolSize: 6}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourPain}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}),
	}
	if monthly {
		mainName = "Mean pain that month"
		mainOpts = []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 5}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourAverage}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2}),
		}
	}
	if st.Baseline != nil && len(scored) > 0 {
		b := *st.Baseline
		lo := math.Max(0, b-analysis.MeaningfulChangePoints)
		hi := math.Min(10, b+analysis.MeaningfulChangePoints)
		from, to := scored[0].String(), scored[len(scored)-1].String()
		if monthly {
			to = min(last, monthEnd(scored[len(scored)-1])).String()
		}
		mainOpts = append(mainOpts,
			charts.WithMarkAreaNameCoordItemOpts(opts.MarkAreaNameCoordItem{
				Coordinate0: []any{from, lo}, Coordinate1: []any{to, hi},
				ItemStyle: &opts.ItemStyle{Color: colourBand, BorderColor: colourMuted, BorderWidth: 1},
			}),
			charts.WithMarkLineNameCoordItemOpts(opts.MarkLineNameCoordItem{Name: "starting baseline",
				Coordinate0: []any{from, round1(b)}, Coordinate1: []any{to, round1(b)}}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: colourMuted, Type: "dashed", Width: 1},
				Label:     &opts.Label{Show: opts.Bool(true), Position: "insideStartTop", Formatter: fmt.Sprintf("starting baseline %.1f", b), Color: colourMuted}}),
		)
		fmt.Fprintf(&cap, " The band is your starting baseline (%.1f) ± %d points, drawn over the days with scores: outside it, a change is meaningful.", b, analysis.MeaningfulChangePoints)
	}
	line.AddSeries(mainName, main, mainOpts...)
	if !monthly {
		line.AddSeries(fmt.Sprintf("%d-day average", analysis.MovingAverageDays), avg,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourAverage}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 3}))
	}
	if st.Current != nil {
		fmt.Fprintf(&cap, " Mean over the last 7 days: %.1f.", *st.Current)
	}
	line.Validate()
	o := plain(line.JSON())
	objects(o["yAxis"])[0]["interval"] = 2
	for _, s := range objects(o["series"]) {
		// The baseline's name stays readable over the scores beneath it.
		for _, l := range objects(s["markLine"]) {
			if label, ok := l["label"].(map[string]any); ok {
				label["backgroundColor"], label["padding"] = "rgba(255,255,255,0.85)", []int{1, 4}
			}
		}
		for _, a := range objects(s["markArea"]) {
			for _, d := range a["data"].([]any) {
				for _, c := range d.([]any) {
					if st, ok := c.(map[string]any)["itemStyle"].(map[string]any); ok {
						st["borderType"] = "dashed"
					}
				}
			}
		}
	}
	return Chart{ID: "chart-daily-pain", Title: title, Caption: cap.String(), Height: 300, Option: o, Tips: tips, Table: t}
}

// calendarChart: the days with sessions. Up to a year, a calendar of days
// in one row; longer ranges one row per year, a cell per week, darker with
// more active days.
func calendarChart(perDay []journal.DayCount, pain []journal.PainEntry, first, last journal.Day, st analysis.Stats, monthly bool) Chart {
	counts := map[journal.Day]int{}
	active, sessions, most := 0, 0, 0
	for _, c := range perDay {
		if c.Day >= first && c.Day <= last && c.Sessions > 0 {
			counts[c.Day] = c.Sessions
			active++
			sessions += c.Sessions
			most = max(most, c.Sessions)
		}
	}
	if monthly {
		return yearRows(counts, pain, first, last, st, active, sessions)
	}
	var data []opts.HeatMapData
	var tips []string
	for d := first; d <= last; d++ {
		if n := counts[d]; n > 0 {
			data = append(data, opts.HeatMapData{Value: []any{d.String(), n}})
			tips = append(tips, fmt.Sprintf("%s, %s: %s.", d.Weekday(), longDay(d), plural(n, "session")))
		}
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "piecewise", Orient: "horizontal", Left: "center", Bottom: "0",
			Show: opts.Bool(true)}),
	)
	hm.AddCalendar(&opts.Calendar{
		Range: []string{first.String(), last.String()}, Top: "28", Left: "36", Right: "12",
		Orient:     "horizontal",
		DayLabel:   &opts.CalendarLabel{FirstDay: 1, FontSize: 10},
		MonthLabel: &opts.CalendarLabel{FontSize: 11},
		YearLabel:  &opts.CalendarLabel{Show: opts.Bool(false)},
		ItemStyle:  &opts.ItemStyle{Color: "#f4f5f7", BorderColor: "#ffffff", BorderWidth: 1},
		SplitLine:  &opts.SplitLine{Show: opts.Bool(false)},
	})
	hm.AddSeries("Sessions", data, charts.WithCoordinateSystem("calendar"))
	hm.Validate()
	t := Table{Summary: "Active days by month", Head: []string{"Month", "Active days", "Sessions"}}
	for m := monthStart(first); m <= last; m = monthEnd(m) + 1 {
		a, s := 0, 0
		for d := max(m, first); d <= min(monthEnd(m), last); d++ {
			if n := counts[d]; n > 0 {
				a++
				s += n
			}
		}
		t.Rows = append(t.Rows, []string{monthName(m), fmt.Sprint(a), fmt.Sprint(s)})
	}
	cap := fmt.Sprintf("Each square is a day, darker with more sessions. Active on %d of %d days, %s; at most %s on one day.",
		active, int(last-first)+1, plural(sessions, "session"), plural(most, "session"))
	o := plain(hm.JSON())
	setPieces(o, piece{1, 1, sessionColours[0], "1 session"}, piece{2, 3, sessionColours[1], "2–3"},
		piece{4, 1000, sessionColours[2], "4 or more"})
	for _, c := range objects(o["calendar"]) {
		// A few weeks in square-ish cells; more stretch to the width.
		if weeks := int(last-first)/7 + 1; weeks <= 16 {
			c["cellSize"] = []any{22, 16}
			delete(c, "right")
		} else {
			c["cellSize"] = []any{"auto", 16}
		}
		c["dayLabel"].(map[string]any)["nameMap"] = []string{"S", "M", "T", "W", "T", "F", "S"}
	}
	return Chart{ID: "chart-calendar", Title: "Activity calendar", Caption: cap, Height: 190, Option: o, Tips: tips, Table: t}
}

// yearRows is the calendar of a long range: one row per year, a cell per
// week of the year (from 1 January), coloured by its active days. Its table,
// the numbers year by year, is the one printed: a month-by-month table of
// ten years would fill pages.
func yearRows(counts map[journal.Day]int, pain []journal.PainEntry, first, last journal.Day, st analysis.Stats, active, sessions int) Chart {
	start := first
	if st.JournalStart != nil {
		start = max(first, *st.JournalStart)
	}
	painSum, painN := map[int]int{}, map[int]int{}
	for _, p := range pain {
		if p.Day >= first && p.Day <= last {
			y := p.Day.Time().Year()
			painSum[y] += p.Score
			painN[y]++
		}
	}
	firstYear, lastYear := first.Time().Year(), last.Time().Year()
	var years []string
	for y := lastYear; y >= firstYear; y-- {
		years = append(years, fmt.Sprint(y))
	}
	weekLabels := make([]string, 53)
	for w := range weekLabels {
		d := journal.DayOf(time.Date(2001, 1, 1+7*w, 0, 0, 0, 0, time.UTC))
		if w == 0 || d.Time().Month() != (d-7).Time().Month() {
			weekLabels[w] = d.Time().Format("Jan")
		}
	}
	var data []opts.HeatMapData
	var tips []string
	t := Table{Summary: "The numbers year by year", Head: []string{"Year", "Active days", "Sessions", "Mean pain", "Change from the starting baseline"}}
	for y := firstYear; y <= lastYear; y++ {
		jan1 := journal.DayOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		ya, ys, yd := 0, 0, 0
		for w := 0; w < 53; w++ {
			from, to := max(jan1+journal.Day(7*w), first), min(jan1+journal.Day(7*w+6), last)
			if w == 52 {
				to = min(journal.DayOf(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)), last)
			}
			if from > to {
				continue
			}
			a, s := 0, 0
			for d := from; d <= to; d++ {
				if n := counts[d]; n > 0 {
					a++
					s += n
				}
			}
			ya, ys = ya+a, ys+s
			if to >= start {
				yd += int(to-max(from, start)) + 1
			}
			data = append(data, opts.HeatMapData{Value: []any{w, fmt.Sprint(y), a}})
			tips = append(tips, fmt.Sprintf("%s to %s: active on %d of %s, %s.", longDay(from), longDay(to), a, plural(int(to-from)+1, "day"), plural(s, "session")))
		}
		row := []string{fmt.Sprint(y), fmt.Sprintf("%d of %d", ya, yd), fmt.Sprint(ys), "–", "–"}
		if yd == 0 {
			row[1] = "before the journal"
		}
		if n := painN[y]; n > 0 {
			mean := float64(painSum[y]) / float64(n)
			row[3] = fmt.Sprintf("%.1f", mean)
			if st.Baseline != nil {
				row[4] = FormatChange(analysis.ChangeFrom(*st.Baseline, mean))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "44", Right: "12", Top: "8", Bottom: "56"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: weekLabels, SplitArea: &opts.SplitArea{Show: opts.Bool(false)},
			AxisLabel: &opts.AxisLabel{Interval: "0", FontSize: 10}, AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: years, AxisLabel: &opts.AxisLabel{FontSize: 11}}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "piecewise", Orient: "horizontal", Left: "center", Bottom: "0",
			Show: opts.Bool(true)}),
	)
	hm.SetXAxis(weekLabels)
	hm.AddSeries("Active days", data, charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 1}))
	hm.Validate()
	cap := fmt.Sprintf("One row per year, one cell per week, darker with more active days. Active on %d of the %d days since the journal began, %s.",
		active, int(last-start)+1, plural(sessions, "session"))
	return Chart{ID: "chart-calendar", Title: "Activity calendar, one row per year", Caption: cap,
		Height: 80 + 22*len(years), Option: setPieces(plain(hm.JSON()), piece{0, 0, "#eceef2", "none"}, piece{1, 2, sessionColours[0], "1–2 days"},
			piece{3, 4, sessionColours[1], "3–4"}, piece{5, 7, sessionColours[2], "5–7"}), Tips: tips, Table: t, PrintTable: true}
}

// quantity is one panel of a dose chart.
type quantity struct {
	name, axis string
	value      func(journal.Dose) int
	goal       int
}

// doseChart: one exercise's dose on a real time axis, one small panel per
// quantity (reps, hold, minutes, sets) and one for pain during the
// exercise, each on its own scale, so a fixed hold is never read against a
// growing count. Up to a year each point is a day (the day's last
// session); longer ranges a month.
func doseChart(ex journal.Exercise, sessions []journal.Session, first, last journal.Day, monthly bool) Chart {
	type point struct {
		day      journal.Day // the day, or the first of the month
		dose     journal.Dose
		count    int
		pain     *int
		lastDay  journal.Day
		painDays []journal.Day
	}
	var points []point
	for _, s := range sessions {
		key := s.Day
		if monthly {
			key = monthStart(s.Day)
		}
		if len(points) == 0 || points[len(points)-1].day != key {
			points = append(points, point{day: key})
		}
		p := &points[len(points)-1]
		p.dose, p.lastDay = s.Dose.Normalize(ex.Kind), s.Day
		p.count++
		if s.PainDuring != nil && (p.pain == nil || *s.PainDuring > *p.pain) {
			v := *s.PainDuring
			p.pain = &v
		}
	}
	goal := ex.Goal.Normalize(ex.Kind)
	var qs []quantity
	anyReps, anySets, anyPain := false, false, false
	for _, p := range points {
		anyReps = anyReps || p.dose.Reps > 1
		anySets = anySets || p.dose.Sets > 1
		anyPain = anyPain || p.pain != nil
	}
	if ex.Kind == journal.Reps || ex.Kind == journal.RepsHold || anyReps {
		qs = append(qs, quantity{"Reps", "reps", func(d journal.Dose) int { return d.Reps }, goal.Reps})
	}
	if ex.Kind == journal.Hold || ex.Kind == journal.RepsHold {
		qs = append(qs, quantity{"Hold", "hold (s)", func(d journal.Dose) int { return d.HoldS }, goal.HoldS})
	}
	if ex.Kind == journal.Minutes {
		qs = append(qs, quantity{"Minutes", "minutes", func(d journal.Dose) int { return d.Minutes }, goal.Minutes})
	}
	if anySets {
		qs = append(qs, quantity{"Sets", "sets", func(d journal.Dose) int { return max(1, d.Sets) }, 0})
	}
	panels := len(qs)
	if anyPain {
		panels++
	}
	gap := journal.Day(8)
	if monthly {
		gap = 62
	}
	// Each panel gets the same points; a gap longer than a week (or two
	// months) breaks the line, so a pause shows as a pause.
	var tips []string
	var xs []journal.Day
	for i, p := range points {
		if i > 0 && p.day-points[i-1].day > gap {
			tips = append(tips, "")
			xs = append(xs, -1)
		}
		var tip strings.Builder
		if monthly {
			fmt.Fprintf(&tip, "%s: %s, the last on %s, at %s", p.day.Time().Format("January 2006"), plural(p.count, "session"), longDay(p.lastDay), ex.FormatDose(p.dose))
		} else {
			fmt.Fprintf(&tip, "%s: %s", longDay(p.day), ex.FormatDose(p.dose))
			if p.count > 1 {
				fmt.Fprintf(&tip, " (the last of %s that day)", plural(p.count, "session"))
			}
		}
		if p.pain != nil {
			fmt.Fprintf(&tip, "; pain during at most %d/10", *p.pain)
		}
		tip.WriteString(".")
		tips = append(tips, tip.String())
		xs = append(xs, journal.Day(i))
	}
	const panelH, panelGap, top = 70, 34, 24
	var grids []opts.Grid
	for i := 0; i < panels; i++ {
		grids = append(grids, opts.Grid{Left: "40", Right: "16", Top: fmt.Sprint(top + i*(panelH+panelGap)), Height: fmt.Sprint(panelH)})
	}
	line := charts.NewLine()
	xAxis := func(i int) opts.XAxis {
		return opts.XAxis{Type: "time", GridIndex: i, Min: first.String(), Max: last.String(),
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(i == panels-1), HideOverlap: opts.Bool(true)}}
	}
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(grids...),
		charts.WithXAxisOpts(xAxis(0)),
	)
	series := func(i int, name string, value func(point) any, extra ...charts.SeriesOpts) {
		var data []opts.LineData
		for _, x := range xs {
			if x < 0 {
				data = append(data, opts.LineData{Value: []any{"", "-"}})
				continue
			}
			p := points[x]
			data = append(data, opts.LineData{Value: []any{p.day.String(), value(p)}})
		}
		o := append([]charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, Step: "end", ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 5, ConnectNulls: opts.Bool(false)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourDose}),
		}, extra...)
		line.AddSeries(name, data, o...)
	}
	for i, q := range qs {
		if i > 0 {
			line.ExtendXAxis(xAxis(i))
		}
		top := q.goal
		for _, p := range points {
			top = max(top, q.value(p.dose))
		}
		y := opts.YAxis{Name: q.axis, GridIndex: i, Min: 0, Max: niceMax(top), SplitNumber: 2}
		if i == 0 {
			line.SetGlobalOptions(charts.WithYAxisOpts(y))
		} else {
			line.ExtendYAxis(y)
		}
		var extra []charts.SeriesOpts
		if q.goal > 0 {
			extra = append(extra,
				charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "goal", YAxis: q.goal}),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					LineStyle: &opts.LineStyle{Color: colourMuted, Type: "dashed", Width: 1},
					Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: fmt.Sprintf("goal %d", q.goal), Color: colourMuted}}))
		}
		value := q.value
		series(i, q.name, func(p point) any { return value(p.dose) }, extra...)
	}
	if anyPain {
		i := len(qs)
		if i > 0 {
			line.ExtendXAxis(xAxis(i))
		}
		line.ExtendYAxis(opts.YAxis{Name: "pain during (0–10)", GridIndex: i, Min: 0, Max: 10, SplitNumber: 5})
		series(i, "Pain during", func(p point) any {
			if p.pain == nil {
				return "-"
			}
			return *p.pain
		},
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourPain}),
			charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, Step: "", ShowSymbol: opts.Bool(true), Symbol: "emptyCircle", SymbolSize: 6, ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0), Width: 0}),
			charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "limit", YAxis: analysis.MaxPainDuring}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: colourMuted, Type: "dashed", Width: 1},
				Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: fmt.Sprintf("%d: the most the advice allows", analysis.MaxPainDuring), Color: colourMuted}}))
	}
	line.Validate()

	// The table lists the stretches at each dose, which is what a
	// physiotherapist reads a progression from.
	t := Table{Summary: "Doses, stretch by stretch", Head: []string{"From", "To", "Dose", "Sessions", "Highest pain during"}}
	for i := 0; i < len(sessions); {
		d := sessions[i].Dose.Normalize(ex.Kind)
		j, highest := i, -1
		for ; j < len(sessions) && sessions[j].Dose.Normalize(ex.Kind) == d; j++ {
			if p := sessions[j].PainDuring; p != nil {
				highest = max(highest, *p)
			}
		}
		pain := "not recorded"
		if highest >= 0 {
			pain = fmt.Sprintf("%d/10", highest)
		}
		t.Rows = append(t.Rows, []string{longDay(sessions[i].Day), longDay(sessions[j-1].Day), ex.FormatDose(d), fmt.Sprint(j - i), pain})
		i = j
	}
	var cap strings.Builder
	fmt.Fprintf(&cap, "%s on %s.", plural(len(sessions), "session"), plural(distinctDays(sessions), "day"))
	if len(sessions) > 0 {
		fmt.Fprintf(&cap, " Start %s, now %s, goal %s.", ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(sessions[len(sessions)-1].Dose.Normalize(ex.Kind)), ex.FormatDose(goal))
	}
	if !anySets {
		cap.WriteString(" Every session was 1 set.")
	}
	if !anyPain {
		cap.WriteString(" No pain during the exercise was recorded.")
	}
	if monthly {
		cap.WriteString(" Each point is a month's last dose.")
	}
	o := plain(line.JSON())
	for i, y := range objects(o["yAxis"]) {
		if top, ok := y["max"].(float64); ok {
			y["interval"] = top / 2
		}
		if i == len(qs) {
			y["interval"] = 5
		}
	}
	return Chart{ID: "chart-dose-" + ex.Slug, Title: ex.Name + ": dose over time", Caption: cap.String(),
		Height: top + panels*(panelH+panelGap) + 8, Option: o, Tips: tips, Table: t}
}

func distinctDays(sessions []journal.Session) int {
	n := 0
	for i, s := range sessions {
		if i == 0 || sessions[i-1].Day != s.Day {
			n++
		}
	}
	return n
}

// correlationChart: each week's active days against the next week's mean
// pain, for the weeks inside the journal's span.
func correlationChart(st analysis.Stats, sentence string) Chart {
	var points []opts.ScatterData
	var tips []string
	type bucket struct {
		weeks int
		sum   float64
	}
	var byActive [8]bucket
	for i := 0; i+1 < len(st.Weeks); i++ {
		w, next := st.Weeks[i], st.Weeks[i+1].MeanPain
		if !w.InJournal || next == nil {
			continue
		}
		points = append(points, opts.ScatterData{Value: []any{w.ActiveDays, round1(*next)}})
		tips = append(tips, fmt.Sprintf("The week of %s: %s active; the next week's mean pain %.1f.", longDay(w.Start), plural(w.ActiveDays, "day"), *next))
		byActive[w.ActiveDays].weeks++
		byActive[w.ActiveDays].sum += *next
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "16", Top: "32", Bottom: "48"}),
		charts.WithXAxisOpts(opts.XAxis{Name: "active days in a week", NameLocation: "middle", NameGap: 28, Type: "value", Min: 0, Max: 7, SplitNumber: 1}),
		charts.WithYAxisOpts(opts.YAxis{Name: "next week's mean pain (0–10)", Min: 0, Max: 10, SplitNumber: 2}),
	)
	sc.AddSeries("Weeks", points, charts.WithItemStyleOpts(opts.ItemStyle{Color: colourActivity, Opacity: opts.Float(0.7)}))
	sc.Validate()
	t := Table{Summary: "Next week's pain by active days", Head: []string{"Active days in a week", "Weeks", "Mean pain the next week"}}
	for a, b := range byActive {
		if b.weeks > 0 {
			t.Rows = append(t.Rows, []string{fmt.Sprint(a), fmt.Sprint(b.weeks), fmt.Sprintf("%.1f", b.sum/float64(b.weeks))})
		}
	}
	return Chart{ID: "chart-correlation", Title: "Consistency against next week's pain", Caption: sentence,
		Height: 300, Option: plain(sc.JSON()), Tips: tips, Table: t}
}

// optional is a value for a number that may be missing; ECharts draws a gap
// for "-".
func optional(v *float64) any {
	if v == nil {
		return "-"
	}
	return round1(*v)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// monthsBetween lists the first day of every month from first's to last's.
func monthsBetween(first, last journal.Day) []journal.Day {
	var out []journal.Day
	for m := monthStart(first); m <= last; m = monthEnd(m) + 1 {
		out = append(out, m)
	}
	return out
}

func monthStart(d journal.Day) journal.Day {
	t := d.Time()
	return journal.DayOf(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC))
}

func monthEnd(d journal.Day) journal.Day {
	t := d.Time()
	return journal.DayOf(time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)) - 1
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// plain turns go-echarts' typed option into plain JSON values, so that the
// settings go-echarts has no field for can be added, and sets what every
// chart shares: tooltips confined to the chart (never off a phone's
// screen), axis names above their axis from its left edge, where they
// cannot collide with a legend or a neighbouring panel, and none of the
// empty title and toolbox objects go-echarts adds.
func plain(o map[string]any) map[string]any {
	b, err := json.Marshal(o)
	if err != nil {
		panic(fmt.Sprintf("reports: a chart option does not encode: %v", err)) // only NaN or a function could do this
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(fmt.Sprintf("reports: a chart option does not decode: %v", err))
	}
	delete(m, "title")
	delete(m, "toolbox")
	delete(m, "color")
	for _, t := range objects(m["tooltip"]) {
		t["confine"] = true
	}
	for _, x := range objects(m["xAxis"]) {
		if x["type"] == "time" {
			label, _ := x["axisLabel"].(map[string]any)
			if label == nil {
				label = map[string]any{}
				x["axisLabel"] = label
			}
			// The range's first and last days would be labelled with bare
			// day numbers ("13", "31") beside the month ticks.
			label["showMinLabel"], label["showMaxLabel"] = false, false
		}
	}
	for _, y := range objects(m["yAxis"]) {
		if y["name"] != nil && y["nameLocation"] == nil {
			y["nameTextStyle"] = map[string]any{"align": "left", "color": colourMuted}
		}
	}
	return m
}

// objects returns an option's value as a list of objects, whether ECharts
// was given one object or a list.
func objects(v any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}
	case []any:
		var out []map[string]any
		for _, e := range v {
			if o, ok := e.(map[string]any); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// piece is one colour of a calendar: the values from min to max.
type piece struct {
	min, max int
	colour   string
	label    string
}

// setPieces gives the visual map its pieces. go-echarts drops a bound of
// zero, and a piece without bounds takes every value.
func setPieces(m map[string]any, pieces ...piece) map[string]any {
	var list []any
	for _, p := range pieces {
		list = append(list, map[string]any{"min": p.min, "max": p.max, "color": p.colour, "label": p.label})
	}
	for _, vm := range objects(m["visualMap"]) {
		vm["pieces"] = list
	}
	return m
}

// niceMax is the top of a dose panel's axis: at least v, even up to 10 and
// a multiple of 10 beyond, so that its middle tick is a round number too.
func niceMax(v int) int {
	switch {
	case v <= 2:
		return 2
	case v <= 10:
		return v + v%2
	}
	return (v + 9) / 10 * 10
}
