package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"backlog/journal"
)

// Progression thresholds, from graded activity: keep a dose about a week,
// then raise one thing by a small step.
const (
	// WindowDays is how recent an exercise's sessions must be for it to get
	// a suggestion.
	WindowDays = 28

	// SessionsBeforeRaise is how many sessions a dose needs before it is
	// raised.
	SessionsBeforeRaise = 3

	// DaysBeforeRaise is how many calendar days, first to last, those
	// sessions must span: about a week at a dose (graded activity).
	DaysBeforeRaise = 7

	// BreakDays is a gap between sessions long enough to start counting
	// afresh: after two weeks off, a dose has to be re-established before it
	// is raised.
	BreakDays = 14

	// MinutesStep is the share by which timed exercises grow: about 10%
	// (graded activity), at least one minute.
	MinutesStep = 0.10
)

// Action is what a suggestion advises.
type Action string

// The actions: raise the dose by one step, keep it, or ease back a step.
const (
	Raise Action = "raise"
	Keep  Action = "keep"
	Ease  Action = "ease"
)

// Suggestion is the advice for one exercise.
type Suggestion struct {
	Exercise string       `json:"exercise"`
	Name     string       `json:"name"`
	Action   Action       `json:"action"`
	Current  journal.Dose `json:"current"`
	Next     journal.Dose `json:"next"`
	Reason   string       `json:"reason"`

	// SessionsAtDose and DaysAtDose count the sessions at the current dose
	// since it was started (or since the last long break), and the calendar
	// days they span.
	SessionsAtDose int `json:"sessions_at_dose"`
	DaysAtDose     int `json:"days_at_dose"`
	// AtCeiling is set when the current dose has reached the ceiling.
	AtCeiling bool `json:"at_ceiling,omitempty"`
	// PainRecorded is false when no pain scores were available to judge by.
	PainRecorded bool `json:"pain_recorded"`
}

// stopAdvice ends every ease reason.
const stopAdvice = "Sharp or persistent pain means stopping and asking a professional."

// Suggest returns advice for every exercise with sessions in the WindowDays
// days up to today, ordered by exercise slug. sessions and pain may be in any
// order and may include older entries, which are used for baselines.
func Suggest(catalog *journal.Catalog, sessions []journal.Session, pain []journal.PainEntry, today journal.Day) []Suggestion {
	byExercise := map[string][]journal.Session{}
	for _, s := range sessions {
		if s.Day <= today {
			byExercise[s.Exercise] = append(byExercise[s.Exercise], s)
		}
	}
	idx := indexPain(pain)
	var out []Suggestion
	for slug, list := range byExercise {
		ex, err := catalog.Lookup(slug)
		if err != nil {
			continue // an exercise no longer in the catalog cannot be dosed
		}
		if s, ok := suggestFor(ex, list, idx, today); ok {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int { return cmp.Compare(a.Exercise, b.Exercise) })
	return out
}

// SuggestFor returns the advice for one exercise. With no session in the last
// WindowDays days it advises the starting dose, or a step below the last dose
// done, after a break.
func SuggestFor(ex journal.Exercise, sessions []journal.Session, pain []journal.PainEntry, today journal.Day) Suggestion {
	var mine []journal.Session
	for _, s := range sessions {
		if s.Exercise == ex.Slug && s.Day <= today {
			mine = append(mine, s)
		}
	}
	idx := indexPain(pain)
	if s, ok := suggestFor(ex, mine, idx, today); ok {
		return s
	}
	start := ex.Start.Normalize(ex.Kind)
	s := Suggestion{Exercise: ex.Slug, Name: ex.Name, Action: Keep, Next: start, PainRecorded: len(pain) > 0}
	if len(mine) == 0 {
		s.Reason = fmt.Sprintf("No sessions yet: start at %s.", ex.FormatDose(start))
		return s
	}
	last := latestSession(mine)
	s.Current = last.Dose
	s.Next = clampDose(ex, stepDown(ex, last.Dose))
	s.Reason = fmt.Sprintf("Last done %d days ago: pick it up again at %s.", today-last.Day, ex.FormatDose(s.Next))
	return s
}

func latestSession(list []journal.Session) journal.Session {
	return slices.MaxFunc(list, func(a, b journal.Session) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), a.RecordedAt.Compare(b.RecordedAt))
	})
}

// suggestFor decides for one exercise's sessions; ok is false when none falls
// in the window.
func suggestFor(ex journal.Exercise, list []journal.Session, idx painIndex, today journal.Day) (Suggestion, bool) {
	slices.SortFunc(list, func(a, b journal.Session) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), a.RecordedAt.Compare(b.RecordedAt))
	})
	if len(list) == 0 || list[len(list)-1].Day <= today-WindowDays {
		return Suggestion{}, false
	}
	last := list[len(list)-1]
	current := last.Dose.Normalize(ex.Kind)
	s := Suggestion{Exercise: ex.Slug, Name: ex.Name, Current: current, PainRecorded: len(idx) > 0}

	// The run of sessions at the current dose, back to a change of dose, a
	// long break, or the edge of the window.
	run := []journal.Session{last}
	breakDays := 0 // the break that ended the run, if one did
	for i := len(list) - 2; i >= 0; i-- {
		prev := list[i]
		if gap := int(run[len(run)-1].Day - prev.Day); gap >= BreakDays {
			breakDays = gap
			break
		}
		if prev.Dose.Normalize(ex.Kind) != current || prev.Day <= today-WindowDays {
			break
		}
		run = append(run, prev)
	}
	s.SessionsAtDose = len(run)
	s.DaysAtDose = int(last.Day-run[len(run)-1].Day) + 1

	if why := flare(ex, last, idx, today); why != "" {
		s.Action = Ease
		s.Next = clampDose(ex, stepDown(ex, current))
		if s.Next == clampDose(ex, current) {
			s.Reason = fmt.Sprintf("%s → stay at the starting dose, %s, or rest it for a day or two. %s", why, ex.FormatDose(s.Next), stopAdvice)
		} else {
			s.Reason = fmt.Sprintf("%s → ease to %s. %s", why, ex.FormatDose(s.Next), stopAdvice)
		}
		return s, true
	}

	next, atCeiling := stepUp(ex, current)
	s.AtCeiling = atCeiling
	s.Action, s.Next = Keep, clampDose(ex, current)
	painNote := painSummary(idx, today)
	switch {
	case atCeiling:
		s.Reason = fmt.Sprintf("At the ceiling of %s the articles give: keep it up", ex.FormatDose(s.Next))
		if ex.Harder != "" {
			s.Reason += fmt.Sprintf(", or move on to %s, a harder variant", ex.Harder)
		}
		s.Reason += "."
	case s.SessionsAtDose < SessionsBeforeRaise:
		s.Reason = fmt.Sprintf("%d of %d sessions at %s so far; keep it.", s.SessionsAtDose, SessionsBeforeRaise, ex.FormatDose(current))
		if breakDays > 0 {
			s.Reason = fmt.Sprintf("Back after a %d-day break: %d of %d sessions at %s since; keep it.", breakDays, s.SessionsAtDose, SessionsBeforeRaise, ex.FormatDose(current))
		}
	case s.DaysAtDose < DaysBeforeRaise:
		s.Reason = fmt.Sprintf("%d sessions at %s, but over %d of the %d days a dose needs; keep it.", s.SessionsAtDose, ex.FormatDose(current), s.DaysAtDose, DaysBeforeRaise)
	case painDuringTooHigh(run):
		s.Reason = fmt.Sprintf("Pain during %s went above %d/10 at this dose; keep it until it stays at %d or less.", ex.Slug, MaxPainDuring, MaxPainDuring)
	default:
		if rise, ok := weekOnWeekRise(idx, today); ok && rise >= WorseningPoints {
			s.Reason = fmt.Sprintf("%d sessions at %s over %d days, but pain this week is up %.1f on the week before; keep it until pain settles.",
				s.SessionsAtDose, ex.FormatDose(current), s.DaysAtDose, rise)
			break
		}
		s.Action, s.Next = Raise, clampDose(ex, next)
		s.Reason = fmt.Sprintf("%d sessions at %s over %d days, %s → try %s.",
			s.SessionsAtDose, ex.FormatDose(current), s.DaysAtDose, painNote, ex.FormatDose(s.Next))
	}
	return s, true
}

// flare returns why the journal shows a flare for this exercise, or "".
func flare(ex journal.Exercise, last journal.Session, idx painIndex, today journal.Day) string {
	if d, score, ok := idx.latest(today); ok && score >= SeverePain {
		return fmt.Sprintf("Latest pain score is %d/10 (severe, on %s)", score, d)
	}
	recent, n := idx.mean(today-RecentDays+1, today)
	base, nb := idx.baselineBefore(today - RecentDays + 1)
	if n > 0 && nb > 0 && recent-base >= MeaningfulChangePoints {
		return fmt.Sprintf("Pain over the last %d days averages %.1f, %.1f above your %d-day baseline of %.1f", RecentDays, recent, recent-base, BaselineDays, base)
	}
	if last.PainDuring != nil && *last.PainDuring > MaxPainDuring {
		return fmt.Sprintf("Pain during the last session was %d/10, above the %d/10 the pain-monitoring model accepts", *last.PainDuring, MaxPainDuring)
	}
	if next, ok := idx[last.Day+1]; ok {
		if base, nb := idx.baselineBefore(last.Day); nb > 0 && float64(next)-base >= MeaningfulChangePoints {
			return fmt.Sprintf("The day after the last session pain was %d/10, %.1f above its baseline of %.1f", next, float64(next)-base, base)
		}
	}
	return ""
}

func painDuringTooHigh(run []journal.Session) bool {
	for _, s := range run {
		if s.PainDuring != nil && *s.PainDuring > MaxPainDuring {
			return true
		}
	}
	return false
}

// weekOnWeekRise is the last 7 days' mean pain minus the 7 days before; ok is
// false when either week has no score.
func weekOnWeekRise(idx painIndex, today journal.Day) (float64, bool) {
	this, n := idx.mean(today-6, today)
	prev, m := idx.mean(today-13, today-7)
	return this - prev, n > 0 && m > 0
}

// painSummary describes recent pain for a raise reason, and says so plainly
// when none was recorded.
func painSummary(idx painIndex, today journal.Day) string {
	mean, n := idx.mean(today-6, today)
	if n == 0 {
		if len(idx) == 0 {
			return "no pain scores recorded (so this rests on consistency alone; add them with backlog pain N)"
		}
		return "no pain scores this week (so this rests on consistency alone)"
	}
	return fmt.Sprintf("pain steady around %.0f", math.Round(mean))
}

// stepUp returns the dose one step up and whether the dose is already at the
// ceiling. Only one thing changes: a hold lengthens until its ceiling (for
// stabilisation holds, about 10 s), then repetitions grow.
func stepUp(ex journal.Exercise, d journal.Dose) (journal.Dose, bool) {
	c := ex.Goal
	switch ex.Kind {
	case journal.Hold:
		if d.HoldS < c.HoldS {
			d.HoldS = min(d.HoldS+ex.Step.HoldS, c.HoldS)
			return d, false
		}
	case journal.Reps:
		if d.Reps < c.Reps {
			d.Reps = min(d.Reps+ex.Step.Reps, c.Reps)
			return d, false
		}
	case journal.Minutes:
		if d.Minutes < c.Minutes {
			d.Minutes = min(d.Minutes+minutesStep(ex, d.Minutes), c.Minutes)
			return d, false
		}
	case journal.RepsHold:
		if d.HoldS < c.HoldS && ex.Step.HoldS > 0 {
			d.HoldS = min(d.HoldS+ex.Step.HoldS, c.HoldS)
			return d, false
		}
		if d.Reps < c.Reps {
			d.Reps = min(d.Reps+ex.Step.Reps, c.Reps)
			return d, false
		}
	}
	return d, true
}

// stepDown returns the dose one step down: the reverse of the last step up.
func stepDown(ex journal.Exercise, d journal.Dose) journal.Dose {
	s := ex.Start
	switch ex.Kind {
	case journal.Hold:
		d.HoldS = max(d.HoldS-ex.Step.HoldS, s.HoldS)
	case journal.Reps:
		d.Reps = max(d.Reps-ex.Step.Reps, s.Reps)
	case journal.Minutes:
		d.Minutes = max(d.Minutes-minutesStep(ex, d.Minutes), s.Minutes)
	case journal.RepsHold:
		if d.Reps > s.Reps {
			d.Reps = max(d.Reps-ex.Step.Reps, s.Reps)
		} else {
			d.HoldS = max(d.HoldS-ex.Step.HoldS, s.HoldS)
		}
	}
	return d
}

func minutesStep(ex journal.Exercise, m int) int {
	if ex.Step.Minutes > 0 {
		return ex.Step.Minutes
	}
	return max(1, int(math.Round(float64(m)*MinutesStep)))
}

// clampDose keeps every dosed quantity between the exercise's start and its
// ceiling, so no suggestion goes past the ceiling or below the start, and
// clears quantities the exercise is not dosed in.
func clampDose(ex journal.Exercise, d journal.Dose) journal.Dose {
	d = d.Normalize(ex.Kind)
	s, c := ex.Start, ex.Goal
	switch ex.Kind {
	case journal.Reps:
		d.Reps = min(max(d.Reps, s.Reps), c.Reps)
		d.HoldS, d.Minutes = 0, 0
	case journal.Hold:
		d.HoldS = min(max(d.HoldS, s.HoldS), c.HoldS)
		d.Reps = max(d.Reps, 1)
		d.Minutes = 0
	case journal.Minutes:
		d.Minutes = min(max(d.Minutes, s.Minutes), c.Minutes)
		d.Reps, d.HoldS = 0, 0
	case journal.RepsHold:
		d.Minutes = 0
		d.Reps = min(max(d.Reps, s.Reps), c.Reps)
		d.HoldS = min(max(d.HoldS, s.HoldS), c.HoldS)
	}
	return d
}

// Hint is the one line printed after a session is recorded: how far the
// exercise is from its next step.
func (s Suggestion) Hint(ex journal.Exercise) string {
	switch {
	case s.Action == Ease:
		return fmt.Sprintf("Pain is up: ease to %s next time. %s", ex.FormatDose(s.Next), stopAdvice)
	case s.Action == Raise:
		return fmt.Sprintf("Ready to raise: try %s next time.", ex.FormatDose(s.Next))
	case s.AtCeiling:
		hint := "At the ceiling for " + ex.Slug + ": keep it up"
		if ex.Harder != "" {
			hint += ", or try " + ex.Harder
		}
		return hint + "."
	case s.SessionsAtDose < SessionsBeforeRaise:
		n := SessionsBeforeRaise - s.SessionsAtDose
		return fmt.Sprintf("%d more %s at this dose before raising.", n, pluralWord(n, "session"))
	case s.DaysAtDose < DaysBeforeRaise:
		n := DaysBeforeRaise - s.DaysAtDose
		return fmt.Sprintf("Keep this dose %d more %s before raising.", n, pluralWord(n, "day"))
	}
	return s.Reason
}

func pluralWord(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}
