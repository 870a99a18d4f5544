// Package analysis turns a journal into advice and figures: progression
// suggestions, consistency, and pain against consistency. Its functions are
// pure: they take sessions, pain entries and the day to judge from, and do no
// I/O and read no clock.
package analysis

import (
	"math"

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
	MeaningfulChangePoints = 2.0

	// MeaningfulChangeFraction is the same threshold as a share of the
	// baseline: about 30% (Ostelo 2008; IMMPACT, Dworkin et al. 2008, for
	// whom 30% is a moderate and 50% a substantial improvement).
	MeaningfulChangeFraction = 0.30

	// MaxPainDuring is the most pain during an exercise that the
	// pain-monitoring model accepts, provided it settles by the next
	// morning (Silbernagel et al. 2007): above 5/10 is too much.
	MaxPainDuring = 5

	// BaselineDays is how far back the baseline that flares are judged
	// against reaches.
	BaselineDays = 28

	// RecentDays is the short window whose mean pain is compared with the
	// baseline to spot a flare building over a few days.
	RecentDays = 3

	// WorseningPoints is how much the last 7 days' mean pain may exceed the
	// 7 days before before a raise is held back: half the meaningful change,
	// so a dose is not raised while pain is trending up.
	WorseningPoints = 1.0
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

// latest returns the most recent score on or before today and at most
// BaselineDays old.
func (idx painIndex) latest(today journal.Day) (journal.Day, int, bool) {
	for d := today; d > today-BaselineDays; d-- {
		if s, ok := idx[d]; ok {
			return d, s, true
		}
	}
	return 0, 0, false
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
