package analysis_test

import (
	"testing"

	"backlog/analysis"
	"backlog/journal"
)

// monday is a Monday; the tests count days from it.
func monday(t *testing.T) journal.Day {
	t.Helper()
	d, err := journal.ParseDay("2026-11-02")
	if err != nil || d.Weekday().String() != "Monday" {
		t.Fatalf("2026-11-02 is not a Monday: %v", err)
	}
	return d
}

func mwf() journal.Schedule { return journal.Schedule{Weekdays: 1<<0 | 1<<2 | 1<<4} }

// did lists slug as done on each day offset from m.
func did(m journal.Day, slug string, offsets ...int) []journal.ExerciseDay {
	var out []journal.ExerciseDay
	for _, o := range offsets {
		out = append(out, journal.ExerciseDay{Day: m + journal.Day(o), Exercise: slug})
	}
	return out
}

func TestAdherencePerWeek(t *testing.T) {
	m := monday(t)
	bird := func(since, ended int, sch journal.Schedule) journal.RoutineEntry {
		e := journal.RoutineEntry{Exercise: "bird-dog", Schedule: sch, Since: m + journal.Day(since)}
		if ended != 0 {
			e.Ended = m + journal.Day(ended)
		}
		return e
	}
	for _, tc := range []struct {
		name          string
		entries       []journal.RoutineEntry
		done          []int // days done, from m
		today         int   // from m
		planned, dn   int   // in the week of m+7 (the second week)
		firstPlanned  int   // in the week of m, before the routine existed here
		firstExercise int
	}{
		{"every planned day done", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{7, 9, 11}, 13, 3, 3, 0, 0},
		{"one missed", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{7, 11}, 13, 3, 2, 0, 0},
		{"Tuesday instead of Monday counts", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{8, 9, 11}, 13, 3, 3, 0, 0},
		{"extra days count up to the plan", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{7, 8, 9, 10, 11, 12}, 13, 3, 3, 0, 0},
		{"today not done yet is not held against it", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{7}, 9, 1, 1, 0, 0},
		{"today done counts", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{7, 9}, 9, 2, 2, 0, 0},
		{"a missed day that has passed counts", []journal.RoutineEntry{bird(7, 0, mwf())}, []int{9}, 10, 2, 1, 0, 0},
		{"changed mid-week: the old plan before, the new after",
			[]journal.RoutineEntry{bird(0, 9, mwf()), bird(9, 0, journal.Schedule{Weekdays: journal.EveryDay})},
			[]int{7, 9, 10, 11, 12, 13}, 14, 1 + 5, 6, 3, 1},
		{"5 a week from a Saturday plans 1 that week", []journal.RoutineEntry{bird(12, 0, journal.Schedule{PerWeek: 5})}, []int{12}, 20, 1, 1, 0, 0},
		{"5 a week, a whole week", []journal.RoutineEntry{bird(0, 0, journal.Schedule{PerWeek: 5})}, []int{7, 8, 10, 11}, 14, 5, 4, 5, 1},
		{"5 a week: on Friday with none done, 2 can no longer be made up", []journal.RoutineEntry{bird(7, 0, journal.Schedule{PerWeek: 5})}, nil, 11, 2, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := analysis.ComputeAdherence(tc.entries, did(m, "bird-dog", tc.done...), m, m+journal.Day(tc.today))
			if len(a.Weeks) < 2 {
				t.Fatalf("%d weeks, want at least 2", len(a.Weeks))
			}
			w := a.Weeks[1]
			if w.Planned != tc.planned || w.Done != tc.dn {
				t.Errorf("second week %d planned, %d done; want %d and %d", w.Planned, w.Done, tc.planned, tc.dn)
			}
			if f := a.Weeks[0]; f.Planned != tc.firstPlanned || len(f.Exercises) != tc.firstExercise {
				t.Errorf("first week plans %d over %d exercises, want %d over %d", f.Planned, len(f.Exercises), tc.firstPlanned, tc.firstExercise)
			}
			if len(w.Exercises) != 1 || w.Exercises[0].PlannedDone != w.PlannedDone {
				t.Errorf("per exercise %+v, want bird-dog alone with the week's counts", w.Exercises)
			}
		})
	}
}

func TestRoutineStreakSkipsRestDays(t *testing.T) {
	m := monday(t)
	both := []journal.RoutineEntry{
		{Exercise: "bird-dog", Schedule: mwf(), Since: m},
		{Exercise: "plank", Schedule: mwf(), Since: m},
	}
	var all []int
	for _, d := range []int{0, 2, 4, 7, 9, 11} {
		all = append(all, d)
	}
	doneBoth := func(days ...int) []journal.ExerciseDay {
		return append(did(m, "bird-dog", days...), did(m, "plank", days...)...)
	}
	for _, tc := range []struct {
		name             string
		entries          []journal.RoutineEntry
		done             []journal.ExerciseDay
		today            int
		current, longest int
	}{
		{"two weeks of Mon, Wed, Fri: rest days between do not break it", both, doneBoth(all...), 13, 6, 6},
		{"a rest day today keeps it", both, doneBoth(0), 1, 1, 1},
		{"today planned and not done yet keeps it", both, doneBoth(0, 2), 4, 2, 2},
		{"a missed Wednesday breaks it", both, doneBoth(0, 4, 7, 9, 11), 13, 4, 4},
		{"half a planned day does not count and breaks it", both, append(doneBoth(0, 4), did(m, "bird-dog", 2)...), 4, 1, 1},
		{"5 a week met: each day done counts", []journal.RoutineEntry{{Exercise: "walking", Schedule: journal.Schedule{PerWeek: 2}, Since: m}},
			did(m, "walking", 1, 3, 8, 12), 13, 4, 4},
		{"a week short of its number breaks it at its end", []journal.RoutineEntry{{Exercise: "walking", Schedule: journal.Schedule{PerWeek: 3}, Since: m}},
			did(m, "walking", 1, 3, 8), 13, 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := analysis.ComputeAdherence(tc.entries, tc.done, m, m+journal.Day(tc.today))
			if a.CurrentStreak != tc.current || a.LongestStreak != tc.longest {
				t.Errorf("streak %d, longest %d; want %d and %d", a.CurrentStreak, a.LongestStreak, tc.current, tc.longest)
			}
		})
	}
}

func TestDueOn(t *testing.T) {
	m := monday(t)
	entries := []journal.RoutineEntry{
		{Exercise: "bird-dog", Schedule: mwf(), Since: m},
		{Exercise: "walking", Schedule: journal.Schedule{PerWeek: 2}, Since: m},
		{Exercise: "plank", Schedule: journal.Schedule{Weekdays: journal.EveryDay}, Since: m, Ended: m + 2},
	}
	for _, tc := range []struct {
		name string
		done []journal.ExerciseDay
		day  int
		want map[string][2]bool // due, done
	}{
		{"Monday", nil, 0, map[string][2]bool{"bird-dog": {true, false}, "plank": {true, false}, "walking": {true, false}}},
		{"Tuesday: bird-dog rests, plank still in force", did(m, "walking", 0), 1,
			map[string][2]bool{"bird-dog": {false, false}, "plank": {true, false}, "walking": {true, false}}},
		{"Wednesday: plank ended, walking's two days are done", did(m, "walking", 0, 1), 2,
			map[string][2]bool{"bird-dog": {true, false}, "walking": {false, false}}},
		{"done today stays listed as done", did(m, "bird-dog", 2), 2,
			map[string][2]bool{"bird-dog": {true, true}, "walking": {true, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := analysis.DueOn(entries, tc.done, m+journal.Day(tc.day))
			if len(got) != len(tc.want) {
				t.Fatalf("%d items %+v, want %d", len(got), got, len(tc.want))
			}
			for _, it := range got {
				w, ok := tc.want[it.Exercise]
				if !ok || it.Due != w[0] || it.DoneToday != w[1] {
					t.Errorf("%s: due %v done %v, want %v", it.Exercise, it.Due, it.DoneToday, w)
				}
			}
		})
	}
}
