package analysis

import (
	"math"
	"slices"
	"time"

	"backlog/journal"
)

// ConsistencyHalfLifeDays is the half-life of the consistency score: a day's
// weight halves every week into the past, so a missed day costs little once a
// few active days follow it, and weeks of work are not erased by one gap.
const ConsistencyHalfLifeDays = 7.0

// ConsistencyWindowDays is how far back the score looks; beyond it weights
// are below 2% and change nothing visible.
const ConsistencyWindowDays = 42

// BaselineWeeks is how many weeks from the first pain score make up the
// baseline that later weeks are compared with.
const BaselineWeeks = 2

// MinWeeksForCorrelation is the fewest week pairs for which the correlation
// between consistency and next week's pain is shown; fewer says nothing.
const MinWeeksForCorrelation = 6

// Week is one Monday-to-Sunday week of the journal.
type Week struct {
	Start      journal.Day `json:"start"`       // the Monday
	Days       int         `json:"days"`        // days of the week up to the as-of day: 7 except for the current week
	ActiveDays int         `json:"active_days"` // days with at least one session
	Sessions   int         `json:"sessions"`
	PainDays   int         `json:"pain_days"` // days with a pain score
	// InJournal is set when the whole week lies inside the journal's span,
	// from its first entry on: only such weeks say anything about how
	// consistent someone was.
	InJournal bool     `json:"in_journal"`
	MeanPain  *float64 `json:"mean_pain,omitempty"` // nil without scores
	Change    *Change  `json:"change,omitempty"`    // from the baseline; nil without both
}

// Stats is the journal's consistency and pain trend over a range of weeks.
type Stats struct {
	AsOf  journal.Day `json:"as_of"`
	Weeks []Week      `json:"weeks"`

	// Baseline is the mean pain over the first BaselineWeeks weeks of pain
	// scores; nil before any score.
	Baseline      *float64     `json:"baseline,omitempty"`
	BaselineStart *journal.Day `json:"baseline_start,omitempty"`
	// BaselineScores is how many scores the baseline is the mean of: fewer
	// than 7*BaselineWeeks when days were skipped or the journal is young.
	BaselineScores int `json:"baseline_scores,omitempty"`
	// JournalStart is the day of the journal's first entry, a session or a
	// pain score; nil for an empty journal.
	JournalStart *journal.Day `json:"journal_start,omitempty"`
	// Current is the mean pain over the 7 days up to AsOf, and Change its
	// difference from the baseline.
	Current *float64 `json:"current,omitempty"`
	Change  *Change  `json:"change,omitempty"`

	CurrentStreak    int     `json:"current_streak"` // consecutive active days up to AsOf (or the day before)
	LongestStreak    int     `json:"longest_streak"`
	Consistency      float64 `json:"consistency"` // 0–1, exponentially weighted share of active days
	ActiveDaysLast28 int     `json:"active_days_last_28"`

	// Correlation is Pearson's r between a week's active days and the next
	// week's mean pain, over Pairs pairs of weeks; nil with fewer than
	// MinWeeksForCorrelation pairs. Only weeks wholly inside the journal's
	// span count: a week before the first entry is not a week of rest.
	// It describes, it does not explain.
	Correlation *float64 `json:"correlation,omitempty"`
	Pairs       int      `json:"pairs"`
}

// Summarize computes Stats for the weeks whole or partial weeks ending with
// the week of asOf. perDay (sessions per day) should hold every active day up
// to asOf, for streaks, with true counts at least over the range; pain
// needs the range and the first
// BaselineWeeks weeks of scores, for the baseline. Either may be in any
// order.
func Summarize(perDay []journal.DayCount, pain []journal.PainEntry, weeks int, asOf journal.Day) Stats {
	st := Stats{AsOf: asOf}
	active := map[journal.Day]int{}
	for _, c := range perDay {
		if c.Day <= asOf && c.Sessions > 0 {
			active[c.Day] += c.Sessions
		}
	}
	start := journal.Day(math.MaxInt32)
	for d := range active {
		start = min(start, d)
	}
	idx := painIndex{}
	first := journal.Day(math.MaxInt32)
	for _, p := range pain {
		if p.Day <= asOf {
			idx[p.Day] = p.Score
			first = min(first, p.Day)
		}
	}
	start = min(start, first)
	if start != math.MaxInt32 {
		st.JournalStart = &start
	}
	if len(idx) > 0 {
		b, n := idx.mean(first, first+7*BaselineWeeks-1)
		st.Baseline, st.BaselineStart, st.BaselineScores = &b, &first, n
		if cur, n := idx.mean(asOf-6, asOf); n > 0 {
			c := ChangeFrom(b, cur)
			st.Current, st.Change = &cur, &c
		}
	}

	lastWeek := asOf.WeekStart()
	for w := asOf.WeeksStart(weeks); w <= lastWeek; w += 7 {
		wk := Week{Start: w, Days: int(min(asOf, w+6)-w) + 1, InJournal: st.JournalStart != nil && w >= *st.JournalStart}
		for d := w; d <= w+6 && d <= asOf; d++ {
			if n := active[d]; n > 0 {
				wk.ActiveDays++
				wk.Sessions += n
			}
		}
		if m, n := idx.mean(w, min(w+6, asOf)); n > 0 {
			wk.MeanPain, wk.PainDays = &m, n
			if st.Baseline != nil {
				c := ChangeFrom(*st.Baseline, m)
				wk.Change = &c
			}
		}
		st.Weeks = append(st.Weeks, wk)
	}

	st.CurrentStreak, st.LongestStreak = streaks(active, asOf)
	st.Consistency = consistencyScore(active, asOf)
	for d := asOf - 27; d <= asOf; d++ {
		if active[d] > 0 {
			st.ActiveDaysLast28++
		}
	}
	st.Correlation, st.Pairs = weeklyCorrelation(st.Weeks)
	return st
}

// streaks returns the current streak, which survives a today not yet done,
// and the longest streak on record up to asOf.
func streaks(active map[journal.Day]int, asOf journal.Day) (current, longest int) {
	d := asOf
	if active[d] == 0 {
		d--
	}
	for ; active[d] > 0; d-- {
		current++
	}
	days := make([]journal.Day, 0, len(active))
	for day := range active {
		days = append(days, day)
	}
	run := 0
	slices.Sort(days)
	for _, day := range days {
		if active[day-1] > 0 {
			run++
		} else {
			run = 1
		}
		longest = max(longest, run)
	}
	return current, longest
}

// consistencyScore is the exponentially weighted share of active days over
// the last ConsistencyWindowDays days, with today counted only once active
// (an evening not yet exercised is not a miss) and no day before the first
// session counted at all (nobody missed a program they had not started).
func consistencyScore(active map[journal.Day]int, asOf journal.Day) float64 {
	end := asOf
	if active[asOf] == 0 {
		end--
	}
	first := end
	for d := range active {
		first = min(first, d)
	}
	var num, den float64
	for i := 0; i < ConsistencyWindowDays && end-journal.Day(i) >= first; i++ {
		w := math.Pow(0.5, float64(i)/ConsistencyHalfLifeDays)
		den += w
		if active[end-journal.Day(i)] > 0 {
			num += w
		}
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// weeklyCorrelation pairs each week inside the journal's span with the next
// week's mean pain and returns Pearson's r, or nil with too few pairs or no
// variation.
func weeklyCorrelation(weeks []Week) (*float64, int) {
	var xs, ys []float64
	for i := 0; i+1 < len(weeks); i++ {
		if weeks[i].InJournal && weeks[i+1].MeanPain != nil {
			xs = append(xs, float64(weeks[i].ActiveDays))
			ys = append(ys, *weeks[i+1].MeanPain)
		}
	}
	if len(xs) < MinWeeksForCorrelation {
		return nil, len(xs)
	}
	r, ok := pearson(xs, ys)
	if !ok {
		return nil, len(xs)
	}
	return &r, len(xs)
}

// pearson is the correlation coefficient of xs and ys; ok is false when
// either does not vary.
func pearson(xs, ys []float64) (float64, bool) {
	n := float64(len(xs))
	var sx, sy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}

// CountByDay counts sessions per day, in day order.
func CountByDay(sessions []journal.Session) []journal.DayCount {
	counts := map[journal.Day]int{}
	for _, s := range sessions {
		counts[s.Day]++
	}
	out := make([]journal.DayCount, 0, len(counts))
	for d, n := range counts {
		out = append(out, journal.DayCount{Day: d, Sessions: n})
	}
	slices.SortFunc(out, func(a, b journal.DayCount) int { return int(a.Day - b.Day) })
	return out
}

// Month is one calendar month of the journal, summarised like a Week; long
// reports group by month.
type Month struct {
	Start      journal.Day `json:"start"` // the first of the month
	End        journal.Day `json:"end"`   // its last day, or the as-of day in the current month
	Days       int         `json:"days"`  // days from Start to End
	ActiveDays int         `json:"active_days"`
	Sessions   int         `json:"sessions"`
	// JournalDays counts the days inside the journal's span: before the
	// first entry there was nothing to be active in.
	JournalDays int      `json:"journal_days"`
	PainDays    int      `json:"pain_days"`
	MeanPain    *float64 `json:"mean_pain,omitempty"`
}

// Months summarises each calendar month that overlaps first to asOf, from
// first on. perDay must count sessions over that range; journalStart is
// Stats.JournalStart.
func Months(perDay []journal.DayCount, pain []journal.PainEntry, first, asOf journal.Day, journalStart *journal.Day) []Month {
	active := map[journal.Day]int{}
	for _, c := range perDay {
		if c.Day >= first && c.Day <= asOf {
			active[c.Day] += c.Sessions
		}
	}
	idx := indexPain(pain)
	var out []Month
	for start := first; start <= asOf; {
		t := start.Time()
		end := min(asOf, journal.DayOf(time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC))-1)
		m := Month{Start: start, End: end, Days: int(end-start) + 1}
		for d := start; d <= end; d++ {
			if journalStart != nil && d >= *journalStart {
				m.JournalDays++
			}
			if n := active[d]; n > 0 {
				m.ActiveDays++
				m.Sessions += n
			}
		}
		if mean, n := idx.mean(start, end); n > 0 {
			m.MeanPain, m.PainDays = &mean, n
		}
		out = append(out, m)
		start = end + 1
	}
	return out
}
