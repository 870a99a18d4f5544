package analysis

import (
	"cmp"
	"slices"
	"time"

	"backlog/journal"
)

// PlannedDone counts planned days of routine exercises and how many of them
// were done.
type PlannedDone struct {
	Planned int `json:"planned"`
	Done    int `json:"done"`
}

func (p *PlannedDone) add(q PlannedDone) { p.Planned += q.Planned; p.Done += q.Done }

// ExerciseAdherence is one exercise's planned and done days.
type ExerciseAdherence struct {
	Exercise string `json:"exercise"`
	PlannedDone
}

// WeekAdherence is one Monday-to-Sunday week of the routine: in all and per
// exercise. A week before the routine existed has no exercises and plans
// nothing.
type WeekAdherence struct {
	Start journal.Day `json:"start"` // the Monday
	PlannedDone
	Exercises []ExerciseAdherence `json:"exercises"`
}

// Adherence is how closely the journal followed the routine over a range of
// weeks, with the streak of planned days done.
type Adherence struct {
	Weeks []WeekAdherence `json:"weeks"`
	// Exercises totals the range per exercise, by slug.
	Exercises []ExerciseAdherence `json:"exercises"`
	// Total is the whole range; Last4Weeks the 28 days up to today.
	Total      PlannedDone `json:"total"`
	Last4Weeks PlannedDone `json:"last_4_weeks"`
	// CurrentStreak counts planned days done in a row up to today: a day
	// the routine does not plan (a rest day) neither adds nor breaks it, nor
	// does today before it is done. LongestStreak is the longest on record.
	CurrentStreak int `json:"current_streak"`
	LongestStreak int `json:"longest_streak"`
}

// doneSet tells which exercise was done on which day: per exercise, one
// flag a day from the earliest day given.
type doneSet struct {
	first journal.Day
	days  map[string][]bool
}

func newDoneSet(done []journal.ExerciseDay) doneSet {
	set := doneSet{days: map[string][]bool{}}
	if len(done) == 0 {
		return set
	}
	last := done[0].Day
	set.first = last
	for _, d := range done {
		set.first, last = min(set.first, d.Day), max(last, d.Day)
	}
	for _, d := range done {
		flags := set.days[d.Exercise]
		if flags == nil {
			flags = make([]bool, last-set.first+1)
			set.days[d.Exercise] = flags
		}
		flags[d.Day-set.first] = true
	}
	return set
}

func (s doneSet) did(d journal.Day, slug string) bool {
	flags := s.days[slug]
	i := int(d - s.first)
	return i >= 0 && i < len(flags) && flags[i]
}

// entryWeek counts one routine entry's planned and done days in the week
// starting w. A weekday entry plans its days in force; a per-week entry plans
// PerWeek days a week, in proportion for a week it is in force only in part.
// Days still to come, and today until it is done, are not held against it
// yet: the week plans only what can no longer be made up, or has been done.
// A day done that the entry did not name (Tuesday for Monday) counts, up to
// the week's plan. ok is false when the entry is not in force that week.
func entryWeek(e journal.RoutineEntry, w journal.Day, done doneSet, today journal.Day) (pd PlannedDone, ok bool) {
	var target, active, doneDays, remaining int
	for d := w; d <= w+6; d++ {
		if !e.InForce(d) {
			continue
		}
		active++
		did := d <= today && done.did(d, e.Exercise)
		if did {
			doneDays++
		}
		if e.PerWeek > 0 || e.On(d) {
			if e.PerWeek == 0 {
				target++
			}
			if d >= today {
				remaining++ // still to come: a day done today counts below
			}
		}
	}
	if active == 0 {
		return pd, false
	}
	if e.PerWeek > 0 {
		target = perWeekPlan(e.PerWeek, active)
	}
	pd.Done = min(doneDays, target)
	pd.Planned = min(target, max(target-remaining, pd.Done))
	return pd, true
}

// ComputeAdherence counts the routine's planned days against the days each
// exercise was done, per week from the week of from to the week of today and
// per exercise, and the streak of planned days done. entries is the whole
// routine history (journal.Store.Routine); done lists the exercises done each
// day, at least from the earliest entry's start for the streaks
// (journal.Store.ExerciseDays). Weeks before the routine planned anything
// count for nothing, and a change to the routine applies from its day on.
func ComputeAdherence(entries []journal.RoutineEntry, done []journal.ExerciseDay, from, today journal.Day) Adherence {
	set := newDoneSet(done)
	var a Adherence
	totals := map[string]*PlannedDone{}
	for w := from.WeekStart(); w <= today.WeekStart(); w += 7 {
		wk := WeekAdherence{Start: w, Exercises: []ExerciseAdherence{}}
		for _, e := range entries {
			pd, ok := entryWeek(e, w, set, today)
			if !ok {
				continue
			}
			i := slices.IndexFunc(wk.Exercises, func(x ExerciseAdherence) bool { return x.Exercise == e.Exercise })
			if i < 0 {
				wk.Exercises = append(wk.Exercises, ExerciseAdherence{Exercise: e.Exercise})
				i = len(wk.Exercises) - 1
			}
			wk.Exercises[i].add(pd)
			wk.add(pd)
			if totals[e.Exercise] == nil {
				totals[e.Exercise] = &PlannedDone{}
			}
			totals[e.Exercise].add(pd)
		}
		slices.SortFunc(wk.Exercises, func(x, y ExerciseAdherence) int { return cmp.Compare(x.Exercise, y.Exercise) })
		a.Total.add(wk.PlannedDone)
		a.Weeks = append(a.Weeks, wk)
	}
	a.Exercises = []ExerciseAdherence{}
	for slug, pd := range totals {
		a.Exercises = append(a.Exercises, ExerciseAdherence{Exercise: slug, PlannedDone: *pd})
	}
	slices.SortFunc(a.Exercises, func(x, y ExerciseAdherence) int { return cmp.Compare(x.Exercise, y.Exercise) })
	a.Last4Weeks = plannedDoneBetween(entries, set, today-27, today)
	a.CurrentStreak, a.LongestStreak = routineStreaks(entries, set, today)
	return a
}

// plannedDoneBetween counts planned and done days from since to today,
// weeks cut at since counted in proportion to the days inside.
func plannedDoneBetween(entries []journal.RoutineEntry, set doneSet, since, today journal.Day) PlannedDone {
	var total PlannedDone
	for _, e := range entries {
		cut := e
		cut.Since = max(e.Since, since)
		if cut.Ended != 0 && cut.Ended <= cut.Since {
			continue
		}
		for w := since.WeekStart(); w <= today.WeekStart(); w += 7 {
			if pd, ok := entryWeek(cut, w, set, today); ok {
				total.add(pd)
			}
		}
	}
	return total
}

// routineStreaks walks the days from the routine's first to today. A day a
// weekday entry plans counts when every exercise planned for it was done,
// and breaks the streak when not (except today, which may still come). On
// other days, an exercise of a per-week entry done counts; a per-week entry
// whose week ended short of its plan breaks the streak at the week's end.
// Days nothing plans are rest days: they neither count nor break.
func routineStreaks(entries []journal.RoutineEntry, set doneSet, today journal.Day) (current, longest int) {
	if len(entries) == 0 {
		return 0, 0
	}
	start := today
	for _, e := range entries {
		start = min(start, e.Since)
	}
	run := 0
	for d := start; d <= today; d++ {
		planned, all, flexible := false, true, false
		for _, e := range entries {
			if !e.InForce(d) {
				continue
			}
			did := set.did(d, e.Exercise)
			switch {
			case e.PerWeek > 0:
				flexible = flexible || did
			case e.On(d):
				planned = true
				all = all && did
			}
		}
		switch {
		case planned && all, !planned && flexible:
			run++
		case planned && d < today:
			run = 0
		}
		longest = max(longest, run)
		if d.Weekday() == time.Sunday && d < today {
			for _, e := range entries {
				if e.PerWeek == 0 {
					continue
				}
				if pd, ok := entryWeek(e, d-6, set, today); ok && pd.Done < pd.Planned {
					run = 0
				}
			}
		}
	}
	return run, longest
}

// DueItem is one routine exercise on a day: whether the day plans it, and
// whether it was done.
type DueItem struct {
	Exercise string           `json:"exercise"`
	Schedule journal.Schedule `json:"-"`
	// Due is set when the day plans the exercise: one of its weekdays, or,
	// for a number of times a week, a day of a week whose plan is not met
	// yet by the days before.
	Due bool `json:"due"`
	// DoneToday is set when the exercise was done on the day.
	DoneToday bool `json:"done"`
	// WeekDone counts the days of the week up to the day on which it was
	// done, and WeekPlan how many days the week plans.
	WeekDone int `json:"week_done"`
	WeekPlan int `json:"week_plan"`
}

// DueOn lists the routine exercises in force on day, by slug: what "backlog
// today" shows and "backlog done --routine" records. done must hold the
// exercises done in day's week up to day.
func DueOn(entries []journal.RoutineEntry, done []journal.ExerciseDay, day journal.Day) []DueItem {
	set := newDoneSet(done)
	var out []DueItem
	w := day.WeekStart()
	for _, e := range entries {
		if !e.InForce(day) {
			continue
		}
		it := DueItem{Exercise: e.Exercise, Schedule: e.Schedule, DoneToday: set.did(day, e.Exercise)}
		active := 0
		for d := w; d <= w+6; d++ {
			if e.InForce(d) {
				active++
			}
			if e.InForce(d) && e.PerWeek == 0 && e.On(d) {
				it.WeekPlan++
			}
			if d <= day && e.InForce(d) && set.did(d, e.Exercise) {
				it.WeekDone++
			}
		}
		if e.PerWeek > 0 {
			it.WeekPlan = perWeekPlan(e.PerWeek, active)
			before := it.WeekDone
			if it.DoneToday {
				before--
			}
			it.Due = before < it.WeekPlan
		} else {
			it.Due = e.On(day)
		}
		out = append(out, it)
	}
	slices.SortFunc(out, func(x, y DueItem) int { return cmp.Compare(x.Exercise, y.Exercise) })
	return out
}

// perWeekPlan is how many days a week of n times a week plans when it is in
// force on active days of it: n for a whole week, in proportion (rounded
// half up) for part of one, such as the week a routine begins.
func perWeekPlan(n, active int) int { return (2*n*active + 7) / 14 }
