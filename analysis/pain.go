// Package analysis turns a journal into advice and figures: progression
// suggestions, consistency, and pain against consistency. Its functions are
// pure: they take sessions, pain entries and the day to judge from, and do no
// I/O and read no clock.
package analysis

import (
	"fmt"
	"math"
	"strings"

	"backlog/journal"
)

// Thresholds on the 0–10 numeric rating scale (NRS) and the clinical
// references they come from.
const (
	// SeverePain is where the NRS's severe band begins (7–10); a latest
	// score this high is a flare.
	SeverePain = 7

	// MeaningfulChangePoints is the smallest change in pain that matters to
	// a person with chronic low back pain: about 2 points (Ostelo et al.
	// 2008, Spine; Farrar et al. 2001, Pain). A rise this large over the
	// baseline is a flare.
	MeaningfulChangePoints = 2

	// MeaningfulChangeFraction is the same threshold as a share of the
	// baseline: about 30% (Ostelo 2008; IMMPACT, Dworkin et al. 2008, for
	// whom 30% is a moderate and 50% a substantial improvement).
	MeaningfulChangeFraction = 0.30

	// MeaningfulChangePercent is MeaningfulChangeFraction as a whole
	// percentage, for comparisons in exact arithmetic.
	MeaningfulChangePercent = 30

	// MaxPainDuring is the most pain during an exercise that the
	// pain-monitoring model accepts, provided it settles by the next
	// morning (Silbernagel et al. 2007): above 5/10 is too much.
	MaxPainDuring = 5

	// BaselineDays is how many days the baseline that flares are judged
	// against covers: the 28 days before the RecentDays window.
	BaselineDays = 28

	// SeverePainRest is the score (or pain during an exercise) from which an
	// ease goes back to the start, with a day or two of rest.
	SeverePainRest = 8

	// RecentDays is the short window whose mean pain is compared with the
	// baseline to spot a flare building over a few days.
	RecentDays = 3

	// WorseningPoints is how much the last 7 days' mean pain may exceed the
	// 7 days before before a raise is held back: half the meaningful change,
	// so a dose is not raised while pain is trending up.
	WorseningPoints = 1
)

// painIndex answers questions about pain scores by day.
type painIndex map[journal.Day]int

func indexPain(pain []journal.PainEntry) painIndex {
	idx := make(painIndex, len(pain))
	for _, p := range pain {
		idx[p.Day] = p.Score
	}
	return idx
}

// mean returns the mean score over the days from first to last inclusive,
// and how many days had a score.
func (idx painIndex) mean(first, last journal.Day) (float64, int) {
	sum, n := 0, 0
	for d := first; d <= last; d++ {
		if s, ok := idx[d]; ok {
			sum += s
			n++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return float64(sum) / float64(n), n
}

// baselineBefore is the mean score over the BaselineDays days before day.
func (idx painIndex) baselineBefore(day journal.Day) (float64, int) {
	return idx.mean(day-BaselineDays, day-1)
}

// latest returns the day of the most recent score on or before day, looking
// back as far as PainHistoryDays, the pain every caller reads.
func (idx painIndex) latest(day journal.Day) (journal.Day, bool) {
	for d := day; d > day-PainHistoryDays; d-- {
		if _, ok := idx[d]; ok {
			return d, true
		}
	}
	return 0, false
}

// Change is a difference in mean pain from a baseline.
type Change struct {
	Points     float64 `json:"points"`            // current minus baseline; negative is better
	Percent    float64 `json:"percent,omitempty"` // relative to the baseline; 0 when the baseline is 0
	Meaningful bool    `json:"meaningful"`        // at least 2 points or 30% either way
}

// ChangeFrom compares a mean pain with a baseline.
func ChangeFrom(baseline, current float64) Change {
	c := Change{Points: round1(current - baseline)}
	if baseline > 0 {
		c.Percent = math.Round(100 * (current - baseline) / baseline)
	}
	c.Meaningful = math.Abs(current-baseline) >= MeaningfulChangePoints ||
		baseline > 0 && math.Abs(current-baseline)/baseline >= MeaningfulChangeFraction
	return c
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// MovingAverageDays is the window of the daily pain chart's moving average,
// and MovingAverageMinScores the fewest scores in it for a value to be shown:
// an average of one or two days would only repeat them.
const (
	MovingAverageDays      = 7
	MovingAverageMinScores = 3
)

// DailyPain is one day of the pain chart.
type DailyPain struct {
	Day       journal.Day `json:"day"`
	Score     *int        `json:"score,omitempty"`      // nil on days without a score
	MovingAvg *float64    `json:"moving_avg,omitempty"` // trailing mean of the last 7 days' scores
}

// PainSeries returns every day from first to last with its score and the
// trailing 7-day mean, which uses scores from before first too.
func PainSeries(pain []journal.PainEntry, first, last journal.Day) []DailyPain {
	idx := indexPain(pain)
	out := make([]DailyPain, 0, int(last-first)+1)
	for d := first; d <= last; d++ {
		p := DailyPain{Day: d}
		if s, ok := idx[d]; ok {
			p.Score = &s
		}
		if m, n := idx.mean(d-MovingAverageDays+1, d); n >= MovingAverageMinScores {
			m = round1(m)
			p.MovingAvg = &m
		}
		out = append(out, p)
	}
	return out
}

// mean is a mean score kept as a sum and a count, so thresholds compare
// exactly: a mean of 4⅓ is 13/3, never 4.333….
type mean struct{ sum, n int }

// sum returns the scores from first to last inclusive as an exact mean.
func (idx painIndex) sum(first, last journal.Day) mean {
	var m mean
	for d := first; d <= last; d++ {
		if s, ok := idx[d]; ok {
			m.sum += s
			m.n++
		}
	}
	return m
}

// baseline is the mean of the BaselineDays days before the RecentDays days
// ending on day.
func (idx painIndex) baseline(day journal.Day) mean {
	return idx.sum(day-RecentDays-BaselineDays+1, day-RecentDays)
}

// atLeast reports whether m is at least points above o. Both must have
// scores.
func (m mean) atLeast(o mean, points int) bool {
	return m.sum*o.n-o.sum*m.n >= points*m.n*o.n
}

// atLeastPercent reports whether m is at least pct percent above o, which
// must be above zero.
func (m mean) atLeastPercent(o mean, pct int) bool {
	return o.sum > 0 && 100*m.sum*o.n >= (100+pct)*o.sum*m.n
}

func (m mean) float() float64 { return float64(m.sum) / float64(m.n) }

// String writes the mean to one decimal place.
func (m mean) String() string { return fmt.Sprintf("%.1f", m.float()) }

// diff writes a − b to one decimal place.
func diff(a, b mean) string { return fmt.Sprintf("%.1f", a.float()-b.float()) }

// calm reports whether day has a score within CalmPoints of its baseline:
// a day that counts toward the end of a cool-down. A day without a score,
// or without a baseline to judge it by, is not calm.
func (idx painIndex) calm(day journal.Day) bool {
	s, ok := idx[day]
	base := idx.baseline(day)
	return ok && base.n > 0 && s*base.n <= base.sum+CalmPoints*base.n
}

// triggerKind names the ways a flare shows in the journal.
type triggerKind int

const (
	triggerSevere  triggerKind = iota // a score of SeverePain or more in the last RecentDays days
	triggerDuring                     // pain during the last session above MaxPainDuring
	triggerRise                       // the RecentDays mean a meaningful change above the baseline
	triggerMorning                    // the morning after a recent session that far above the baseline
)

// trigger is one sign of a flare, why it fired in words, and whether it is
// severe enough to go back to the start.
type trigger struct {
	kind   triggerKind
	severe bool
	why    string
}

// triggersOn returns the flare triggers that hold for an exercise as of day,
// from its sessions (sorted by day, any after day ignored) and the pain
// scores up to day.
func triggersOn(ex journal.Exercise, sessions []journal.Session, idx painIndex, day journal.Day) []trigger {
	var out []trigger
	worst, worstDay := -1, journal.Day(0)
	for d := day; d > day-RecentDays; d-- {
		if s, ok := idx[d]; ok && s > worst {
			worst, worstDay = s, d
		}
	}
	if latest, ok := idx.latest(day); ok && worst < SeverePain && idx[latest] >= SeverePain {
		worst, worstDay = idx[latest], latest // the latest score, however long ago
	}
	if worst >= SeverePain {
		out = append(out, trigger{triggerSevere, worst >= SeverePainRest,
			fmt.Sprintf("%s was %d/10, in the severe band", capital(scoreOn(worstDay, day)), worst)})
	}
	last := -1
	for i := len(sessions) - 1; i >= 0; i-- {
		if sessions[i].Day <= day {
			last = i
			break
		}
	}
	if last >= 0 {
		lastDay, worst := sessions[last].Day, -1
		for i := last; i >= 0 && sessions[i].Day == lastDay; i-- {
			if p := sessions[i].PainDuring; p != nil && *p > worst {
				worst = *p
			}
		}
		if worst > MaxPainDuring {
			out = append(out, trigger{triggerDuring, worst >= SeverePainRest,
				fmt.Sprintf("Pain during %s %s was %d/10, above the %d/10 the pain-monitoring model accepts",
					ex.Name, onDay(lastDay, day), worst, MaxPainDuring)})
		}
	}
	recent, base := idx.sum(day-RecentDays+1, day), idx.baseline(day)
	if recent.n > 0 && base.n > 0 && (recent.atLeast(base, MeaningfulChangePoints) || recent.atLeastPercent(base, MeaningfulChangePercent)) {
		out = append(out, trigger{triggerRise, false,
			fmt.Sprintf("Pain over the last %d days averages %s, up %s on your %d-day baseline of %s",
				RecentDays, recent, diff(recent, base), BaselineDays, base)})
	}
	if base.n > 0 {
		for i := last; i >= 0 && sessions[i].Day > day-RecentDays; i-- {
			morning := sessions[i].Day + 1
			if s, ok := idx[morning]; ok && morning <= day && (mean{s, 1}).atLeast(base, MeaningfulChangePoints) {
				out = append(out, trigger{triggerMorning, false,
					fmt.Sprintf("The morning after %s %s, pain was %d/10, %s above your baseline of %s",
						ex.Name, onDay(sessions[i].Day, day), s, diff(mean{s, 1}, base), base)})
				break
			}
		}
	}
	return out
}

// scoreOn names a day's pain score relative to today: "today's pain
// score", "yesterday's pain score", "the pain score on 2026-11-18".
func scoreOn(d, today journal.Day) string {
	switch d {
	case today:
		return "today's pain score"
	case today - 1:
		return "yesterday's pain score"
	}
	return "the pain score on " + d.String()
}

// onDay names a day relative to today: "today", "yesterday", "on 2026-11-18".
func onDay(d, today journal.Day) string {
	switch d {
	case today:
		return "today"
	case today - 1:
		return "yesterday"
	}
	return "on " + d.String()
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
