package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backlog/journal"
)

// TestTodayAgreesWithSuggest builds random journals with a daily routine and
// checks that today gives, for every exercise left, the action, rule and
// dose suggest gives for the same day, and that done --routine records
// exactly those doses.
func TestTodayAgreesWithSuggest(t *testing.T) {
	now := time.Date(2026, 6, 15, 18, 0, 0, 0, time.Local)
	today := journal.DayOf(now)
	rng := rand.New(rand.NewPCG(3, 5))
	catalog := journal.NewCatalog()
	slugs := []string{"bird-dog", "plank", "walking", "cat-cow", "glute-bridge"}
	compared, eased := 0, 0
	for j := 0; j < 15; j++ {
		db := filepath.Join(t.TempDir(), "j.db")
		do := runner(t, now, db)
		do(append(append([]string{"routine", "add"}, slugs...), "--days", "daily", "--from", (today - 45).String())...)
		fillRandom(do, rng, today, 10+rng.IntN(30), 1, 40)
		day := today - journal.Day(rng.IntN(5))
		var out todayOutput
		if err := json.Unmarshal([]byte(do("today", "--json", "--date", day.String())), &out); err != nil {
			t.Fatal(err)
		}
		advice := map[string]string{}
		for _, s := range suggestions(t, do, day) {
			advice[s.Exercise] = fmt.Sprintf("%s %s %+v", s.Action, s.Rule, s.Next)
		}
		var recorded []string
		for _, it := range out.Items {
			if it.Status != "left" {
				continue // done already that day
			}
			if it.Dose == nil {
				t.Fatalf("journal %d: %s is left on %s without a dose", j, it.Exercise, day)
			}
			if want, ok := advice[it.Exercise]; ok {
				if got := fmt.Sprintf("%s %s %+v", it.Action, it.Rule, *it.Dose); got != want {
					t.Errorf("journal %d, %s on %s: today says %s, suggest says %s", j, it.Exercise, day, got, want)
				}
				compared++
			}
			if it.Action == "ease" {
				eased++
			}
			if !it.Rest {
				ex, err := catalog.Lookup(it.Exercise)
				if err != nil {
					t.Fatal(err)
				}
				recorded = append(recorded, ex.Name+": "+ex.FormatDose(*it.Dose))
			}
		}
		if len(recorded) == 0 {
			continue
		}
		got := do("done", "--routine", "--date", day.String())
		for _, line := range recorded {
			if !strings.Contains(got, "\n  "+line) {
				t.Errorf("journal %d: done --routine on %s printed\n%s\nwithout %q", j, day, got, line)
			}
		}
	}
	if compared < 40 || eased == 0 {
		t.Errorf("compared %d exercises, %d eased: the journals do not exercise enough of the rules", compared, eased)
	}
}
