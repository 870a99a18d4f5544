package journal_test

import (
	"testing"

	"backlog/journal"
)

func TestLadderUpDown(t *testing.T) {
	birdDog := journal.Exercise{Slug: "b", Kind: journal.RepsHold, Stabilisation: true,
		Start: journal.Dose{Reps: 6, HoldS: 5}, Goal: journal.Dose{Reps: 12, HoldS: 10}, Step: journal.Dose{Reps: 1, HoldS: 5}}
	bridge := journal.Exercise{Slug: "g", Kind: journal.RepsHold,
		Start: journal.Dose{Reps: 10, HoldS: 6}, Goal: journal.Dose{Reps: 15, HoldS: 6}, Step: journal.Dose{Reps: 1}}
	plank := journal.Exercise{Slug: "p", Kind: journal.Hold,
		Start: journal.Dose{HoldS: 15}, Goal: journal.Dose{HoldS: 60}, Step: journal.Dose{HoldS: 5}}
	walking := journal.Exercise{Slug: "w", Kind: journal.Minutes,
		Start: journal.Dose{Minutes: 10}, Goal: journal.Dose{Minutes: 45}}
	d := func(sets, reps, hold, minutes int) journal.Dose {
		return journal.Dose{Sets: sets, Reps: reps, HoldS: hold, Minutes: minutes}
	}
	for _, tc := range []struct {
		name     string
		ex       journal.Exercise
		from     journal.Dose
		up       journal.Dose
		upOK     bool
		down     journal.Dose
		floorDur journal.Dose
	}{
		{"bird-dog start: hold first", birdDog, d(1, 6, 5, 0), d(1, 6, 10, 0), true, d(1, 6, 5, 0), d(1, 6, 5, 0)},
		{"bird-dog off the ladder: one field only", birdDog, d(1, 3, 5, 0), d(1, 3, 10, 0), true, d(1, 3, 5, 0), d(1, 3, 5, 0)},
		{"bird-dog at the hold cap: reps", birdDog, d(1, 8, 10, 0), d(1, 9, 10, 0), true, d(1, 7, 10, 0), d(1, 6, 5, 0)},
		{"bird-dog at the goal: a set", birdDog, d(1, 12, 10, 0), d(2, 12, 10, 0), true, d(1, 11, 10, 0), d(1, 6, 5, 0)},
		{"bird-dog at the top", birdDog, d(3, 12, 10, 0), d(3, 12, 10, 0), false, d(2, 12, 10, 0), d(1, 6, 5, 0)},
		{"bridge with a long hold keeps it", bridge, d(1, 10, 20, 0), d(1, 11, 20, 0), true, d(1, 10, 20, 0), d(1, 10, 6, 0)},
		{"plank above the goal is at the top after sets", plank, d(3, 1, 90, 0), d(3, 1, 90, 0), false, d(2, 1, 90, 0), d(1, 1, 15, 0)},
		{"plank off the ladder snaps up", plank, d(1, 1, 12, 0), d(1, 1, 15, 0), true, d(1, 1, 12, 0), d(1, 1, 12, 0)},
		{"plank down a rung", plank, d(1, 1, 33, 0), d(1, 1, 35, 0), true, d(1, 1, 30, 0), d(1, 1, 15, 0)},
		{"walking +10%", walking, d(1, 0, 0, 19), d(1, 0, 0, 21), true, d(1, 0, 0, 17), d(1, 0, 0, 10)},
		{"walking off the ladder", walking, d(1, 0, 0, 20), d(1, 0, 0, 21), true, d(1, 0, 0, 19), d(1, 0, 0, 10)},
		{"walking below the start", walking, d(1, 0, 0, 5), d(1, 0, 0, 6), true, d(1, 0, 0, 5), d(1, 0, 0, 5)},
		{"walking at the goal is the top", walking, d(1, 0, 0, 45), d(1, 0, 0, 45), false, d(1, 0, 0, 41), d(1, 0, 0, 10)},
		{"walking above the goal", walking, d(1, 0, 0, 60), d(1, 0, 0, 60), false, d(1, 0, 0, 55), d(1, 0, 0, 10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			up, ok := tc.ex.Up(tc.from)
			if up != tc.up || ok != tc.upOK {
				t.Errorf("Up(%v) = %v, %v; want %v, %v", tc.from, up, ok, tc.up, tc.upOK)
			}
			if down := tc.ex.Down(tc.from); down != tc.down {
				t.Errorf("Down(%v) = %v; want %v", tc.from, down, tc.down)
			}
			if floor := tc.ex.Floor(tc.from); floor != tc.floorDur {
				t.Errorf("Floor(%v) = %v; want %v", tc.from, floor, tc.floorDur)
			}
		})
	}
}

// TestLadderRungs walks every built-in exercise up its ladder: each rung
// changes one field by at most one step, never passes the goal, and the
// ladder ends at the goal with the most sets.
func TestLadderRungs(t *testing.T) {
	for _, ex := range journal.Builtin() {
		rungs := ex.Rungs()
		for i := 1; i < len(rungs); i++ {
			a, b := rungs[i-1], rungs[i]
			changed := 0
			for _, pair := range [][2]int{{a.Sets, b.Sets}, {a.Reps, b.Reps}, {a.HoldS, b.HoldS}, {a.Minutes, b.Minutes}} {
				if pair[0] != pair[1] {
					changed++
					if pair[1] < pair[0] {
						t.Errorf("%s: rung %d %v → %v goes down", ex.Slug, i, a, b)
					}
				}
			}
			if changed != 1 {
				t.Errorf("%s: rung %d %v → %v changes %d fields", ex.Slug, i, a, b, changed)
			}
			if b.Reps > max(ex.Goal.Reps, a.Reps) || b.HoldS > max(ex.Goal.HoldS, a.HoldS) || b.Minutes > max(ex.Goal.Minutes, a.Minutes) {
				t.Errorf("%s: rung %d %v passes the goal %v", ex.Slug, i, b, ex.Goal)
			}
			if down := ex.Down(b); down != a {
				t.Errorf("%s: Down(%v) = %v, want the rung below, %v", ex.Slug, b, down, a)
			}
		}
		top := rungs[len(rungs)-1]
		if !ex.AtGoal(top) || top.Sets != ex.MaxSets() {
			t.Errorf("%s: the ladder ends at %v, not the goal %v with %d sets", ex.Slug, top, ex.Goal, ex.MaxSets())
		}
	}
}
