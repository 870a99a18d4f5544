package reports

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"backlog/analysis"
	"backlog/journal"
)

// The charts are built with go-echarts but never rendered by it: its
// renderer writes option strings unescaped into a script and turns strings
// marked __f__ into functions. backlog takes only the option objects
// (chart.JSON) and serialises them itself, as escaped JSON data.

// The palette is shared by all charts so a quantity keeps its colour.
const (
	colourActivity = "#4e79a7"
	colourPain     = "#e15759"
	colourAverage  = "#b07aa1"
	colourHold     = "#59a14f"
)

// common sets what every chart shares: no animation (the page is a record,
// and printing or screenshots must not catch a chart mid-transition), a
// tooltip, a legend, and, for ranges longer than eight weeks of days, zoom
// controls with room for them.
func common(tooltip opts.Tooltip, days int) []charts.GlobalOpts {
	o := []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(tooltip),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
	}
	if days <= 8*7 {
		return append(o, charts.WithGridOpts(opts.Grid{Left: "48", Right: "56", Top: "36", Bottom: "56"}))
	}
	return append(o,
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "56", Top: "36", Bottom: "84"}),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside", Start: 0, End: 100}, opts.DataZoom{Type: "slider", Start: 0, End: 100}))
}

// axisTooltip shows every series at the hovered point.
func axisTooltip() opts.Tooltip { return opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"} }

// weeklyChart: active days as bars, weekly mean pain as a line on a second
// 0–10 axis.
func weeklyChart(st analysis.Stats) map[string]any {
	var labels []string
	var active []opts.BarData
	var pain []opts.LineData
	for _, w := range st.Weeks {
		labels = append(labels, w.Start.String())
		active = append(active, opts.BarData{Value: w.ActiveDays})
		pain = append(pain, opts.LineData{Value: optional(w.MeanPain)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(common(axisTooltip(), 0),
		charts.WithXAxisOpts(opts.XAxis{Name: "week of", NameLocation: "middle", NameGap: 32}),
		charts.WithYAxisOpts(opts.YAxis{Name: "active days", Min: 0, Max: 7, MinInterval: 1}),
	)...)
	bar.ExtendYAxis(opts.YAxis{Name: "pain (0–10)", Min: 0, Max: 10, SplitNumber: 5, Position: "right"})
	bar.SetXAxis(labels).
		AddSeries("Active days", active, charts.WithItemStyleOpts(opts.ItemStyle{Color: colourActivity}))
	line := charts.NewLine()
	line.SetXAxis(labels).AddSeries("Mean pain", pain,
		charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, ConnectNulls: opts.Bool(false)}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourPain}))
	bar.Overlap(line)
	bar.Validate()
	return bar.JSON()
}

// dailyPainChart: each day's score, the 7-day moving average, and the band
// of meaningful change around the baseline.
func dailyPainChart(series []analysis.DailyPain, baseline *float64) map[string]any {
	var labels []string
	var scores, avg []opts.LineData
	for _, p := range series {
		labels = append(labels, p.Day.String())
		if p.Score != nil {
			scores = append(scores, opts.LineData{Value: *p.Score})
		} else {
			scores = append(scores, opts.LineData{Value: "-"})
		}
		avg = append(avg, opts.LineData{Value: optional(p.MovingAvg)})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(common(axisTooltip(), len(series)),
		charts.WithXAxisOpts(opts.XAxis{Name: "day", NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Name: "pain (0–10)", Min: 0, Max: 10, SplitNumber: 5}),
	)...)
	scoreOpts := []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourPain}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 1, Opacity: opts.Float(0.5)}),
	}
	if baseline != nil && len(labels) > 0 {
		lo := math.Max(0, *baseline-analysis.MeaningfulChangePoints)
		hi := math.Min(10, *baseline+analysis.MeaningfulChangePoints)
		scoreOpts = append(scoreOpts,
			charts.WithMarkAreaNameCoordItemOpts(opts.MarkAreaNameCoordItem{
				Name:        "within 2 points of baseline",
				Coordinate0: []interface{}{labels[0], lo},
				Coordinate1: []interface{}{labels[len(labels)-1], hi},
				ItemStyle:   &opts.ItemStyle{Color: "rgba(78,121,167,0.10)"},
			}),
			charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "baseline", YAxis: round1(*baseline)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label: &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "baseline {c}"}}),
		)
	}
	line.SetXAxis(labels).
		AddSeries("Pain", scores, scoreOpts...).
		AddSeries("7-day average", avg,
			charts.WithLineChartOpts(opts.LineChart{Smooth: opts.Bool(true), ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourAverage}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 3}))
	line.Validate()
	return line.JSON()
}

// calendarChart: a heatmap of sessions per day over the range.
func calendarChart(perDay []journal.DayCount, first, last journal.Day) map[string]any {
	var data []opts.HeatMapData
	most := 1
	for _, c := range perDay {
		if c.Day >= first && c.Day <= last {
			data = append(data, opts.HeatMapData{Value: []any{c.Day.String(), c.Sessions}})
			most = max(most, c.Sessions)
		}
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{c} sessions"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "piecewise", Min: 0, Max: float32(most), Left: "center", Bottom: "0",
			Show: opts.Bool(true), Pieces: sessionPieces(most)}),
	)
	hm.AddCalendar(&opts.Calendar{
		Range: []string{first.String(), last.String()}, CellSize: "18", Top: "40", Left: "40", Right: "20",
		DayLabel:  &opts.CalendarLabel{FirstDay: 1},
		YearLabel: &opts.CalendarLabel{Show: opts.Bool(false)},
	})
	hm.AddSeries("Sessions", data, charts.WithCoordinateSystem("calendar"))
	hm.Validate()
	return hm.JSON()
}

// sessionPieces colours days by how many sessions they had.
func sessionPieces(most int) []opts.Piece {
	pieces := []opts.Piece{{Min: 1, Max: 1, Color: "#a0cbe8"}}
	if most >= 2 {
		pieces = append(pieces, opts.Piece{Min: 2, Max: 3, Color: "#4e79a7"})
	}
	if most >= 4 {
		pieces = append(pieces, opts.Piece{Min: 4, Max: float32(most), Color: "#1f3b63"})
	}
	return pieces
}

// doseChart: one exercise's dose per session day over the range, in the
// units it is dosed in.
func doseChart(ex journal.Exercise, sessions []journal.Session) map[string]any {
	var labels []string
	var main, holds []opts.LineData
	for _, s := range sessions {
		labels = append(labels, s.Day.String())
		switch ex.Kind {
		case journal.Hold:
			main = append(main, opts.LineData{Value: s.HoldS})
		case journal.Minutes:
			main = append(main, opts.LineData{Value: s.Minutes})
		default:
			main = append(main, opts.LineData{Value: s.Reps})
			holds = append(holds, opts.LineData{Value: s.HoldS})
		}
	}
	name, unit := doseUnits(ex.Kind)
	line := charts.NewLine()
	line.SetGlobalOptions(append(common(axisTooltip(), len(sessions)),
		charts.WithXAxisOpts(opts.XAxis{Name: "session day", NameLocation: "middle", NameGap: 32}),
		charts.WithYAxisOpts(opts.YAxis{Name: unit, Min: 0}),
	)...)
	line.SetXAxis(labels).AddSeries(name, main,
		charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(true)}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourActivity}))
	if ex.Kind == journal.RepsHold {
		line.ExtendYAxis(opts.YAxis{Name: "hold (s)", Min: 0, Position: "right"})
		line.AddSeries("Hold (s)", holds,
			charts.WithLineChartOpts(opts.LineChart{Step: "end", YAxisIndex: 1, ShowSymbol: opts.Bool(true)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourHold}))
	}
	line.Validate()
	return line.JSON()
}

func doseUnits(k journal.DoseKind) (series, axis string) {
	switch k {
	case journal.Hold:
		return "Hold (s)", "hold (s)"
	case journal.Minutes:
		return "Minutes", "minutes"
	}
	return "Reps", "reps"
}

// correlationChart: each week's active days against the next week's mean
// pain.
func correlationChart(st analysis.Stats) map[string]any {
	var points []opts.ScatterData
	for i := 0; i+1 < len(st.Weeks); i++ {
		if next := st.Weeks[i+1].MeanPain; next != nil {
			points = append(points, opts.ScatterData{Name: st.Weeks[i].Start.String(), Value: []any{st.Weeks[i].ActiveDays, round1(*next)}})
		}
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(append(common(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "week of {b}: {c}"}, 0),
		charts.WithXAxisOpts(opts.XAxis{Name: "active days in a week", NameLocation: "middle", NameGap: 32, Type: "value", Min: 0, Max: 7}),
		charts.WithYAxisOpts(opts.YAxis{Name: "next week's pain (0–10)", NameLocation: "middle", NameGap: 30, Min: 0, Max: 10}),
	)...)
	sc.AddSeries("Weeks", points, charts.WithItemStyleOpts(opts.ItemStyle{Color: colourActivity}))
	sc.Validate()
	return sc.JSON()
}

// optional is a line value for a number that may be missing; ECharts draws a
// gap for "-".
func optional(v *float64) any {
	if v == nil {
		return "-"
	}
	return round1(*v)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
