// Package journaltest makes realistic journals for benchmarks and tests.
package journaltest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"backlog/journal"
)

// routine is the exercises a generated person does, with starting doses.
var routine = []struct {
	slug string
	dose journal.Dose
}{
	{"cat-cow", journal.Dose{Reps: 5}},
	{"bird-dog", journal.Dose{Reps: 5, HoldS: 5}},
	{"glute-bridge", journal.Dose{Reps: 10, HoldS: 6}},
	{"childs-pose", journal.Dose{HoldS: 20}},
	{"knee-to-chest", journal.Dose{Reps: 3, HoldS: 15}},
	{"pelvic-tilt", journal.Dose{Reps: 8, HoldS: 5}},
	{"plank", journal.Dose{HoldS: 15}},
	{"dead-bug", journal.Dose{Reps: 10}},
	{"piriformis-stretch", journal.Dose{HoldS: 20}},
	{"walking", journal.Dose{Minutes: 10}},
}

// Generate returns the entries of a journal of the given number of years
// ending on last: a pain score every day, drifting down from 6 with noise,
// and on 80% of days 8 to 10 sessions (mostly 10) whose doses creep up. The
// same arguments always give the same journal; 10 years are 3,650 pain
// scores and about 28,000 sessions.
func Generate(years int, last journal.Day, seed uint64) ([]journal.Session, []journal.PainEntry) {
	rng := rand.New(rand.NewPCG(seed, 7))
	first := last - journal.Day(365*years) + 1
	var sessions []journal.Session
	var pain []journal.PainEntry
	at := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := first; d <= last; d++ {
		i := int(d - first)
		base := 6 - 3*float64(i)/float64(365*years)
		score := min(10, max(0, int(base+rng.NormFloat64()*1.2+0.5)))
		at = at.Add(time.Minute)
		pain = append(pain, journal.PainEntry{ID: fmt.Sprintf("p%06d", i), Day: d, Score: score, RecordedAt: at})
		if rng.IntN(10) >= 8 {
			continue
		}
		n := [...]int{8, 9, 10, 10, 10, 10, 10, 10, 10, 10}[rng.IntN(10)] // 8 to 10, mostly the whole routine
		for k, r := range routine[:n] {
			dose := r.dose
			grow := i / 30 // a small step a month, capped by the exercise's ceiling below
			switch {
			case dose.Minutes > 0:
				dose.Minutes = min(30, dose.Minutes+grow)
			case dose.Reps > 0 && dose.HoldS > 0:
				dose.Reps = min(dose.Reps+grow, 10)
			case dose.HoldS > 0:
				dose.HoldS = min(dose.HoldS+5*grow, 30)
			default:
				dose.Reps = min(dose.Reps+grow, 10)
			}
			dose.Sets = 1
			if dose.HoldS > 0 && dose.Reps == 0 {
				dose.Reps = 1
			}
			at = at.Add(time.Second)
			sessions = append(sessions, journal.Session{ID: fmt.Sprintf("s%06d-%d", i, k), Day: d, Exercise: r.slug, Dose: dose, RecordedAt: at})
		}
	}
	return sessions, pain
}

// Fill writes a generated journal into store in one import.
func Fill(ctx context.Context, store *journal.Store, years int, last journal.Day, seed uint64) error {
	sessions, pain := Generate(years, last, seed)
	return Load(ctx, store, sessions, pain)
}

// Load writes sessions and pain scores into store in one import.
func Load(ctx context.Context, store *journal.Store, sessions []journal.Session, pain []journal.PainEntry) error {
	rows := make([]journal.ImportRow, 0, len(sessions)+len(pain))
	for i := range sessions {
		rows = append(rows, journal.ImportRow{Pos: sessions[i].ID, Session: &sessions[i]})
	}
	for i := range pain {
		rows = append(rows, journal.ImportRow{Pos: pain[i].ID, Pain: &pain[i]})
	}
	_, err := store.Import(ctx, journal.Rows(rows))
	return err
}
