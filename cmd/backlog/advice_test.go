package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backlog/analysis"
	"backlog/journal"
)

// TestOneAnswerEverywhere builds random journals through the command line
// and checks that done and suggest agree: done with no dose records the dose
// suggest gives as of that day, and the hint after any done, backdated or
// not, is the suggestion as of today that suggest then prints.
func TestOneAnswerEverywhere(t *testing.T) {
	now := time.Date(2026, 6, 15, 18, 0, 0, 0, time.Local)
	today := journal.DayOf(now)
	rng := rand.New(rand.NewPCG(7, 11))
	catalog := journal.NewCatalog()
	checked := 0
	for j := 0; j < 40; j++ {
		db := filepath.Join(t.TempDir(), "j.db")
		do := runner(t, now, db)
		fillRandom(do, rng, today, 10+rng.IntN(30), 0, 40)

		// done with no dose records what suggest said for that day.
		day := today - journal.Day(rng.IntN(10))
		list := suggestions(t, do, day)
		if len(list) == 0 {
			continue
		}
		before := list[rng.IntN(len(list))]
		ex, err := catalog.Lookup(before.Exercise)
		if err != nil {
			t.Fatal(err)
		}
		out := do("done", ex.Slug, "--date", day.String(), "--yes")
		if want := fmt.Sprintf("Recorded %s: %s ", ex.Name, ex.FormatDose(before.Next)); !strings.HasPrefix(out, want) {
			t.Errorf("journal %d: done %s on %s printed %q; suggest --as-of said %s %v", j, ex.Slug, day, out, before.Action, before.Next)
		}
		checked++

		// Its hint is the suggestion as of today, after recording.
		var after analysis.Suggestion
		for _, s := range suggestions(t, do, today) {
			if s.Exercise == ex.Slug {
				after = s
			}
		}
		if want := after.Hint(ex); after.Exercise == "" || !strings.Contains(out, "\n"+want+"\n") {
			t.Errorf("journal %d: done %s on %s hinted\n%s\nbut suggest says %q", j, ex.Slug, day, out, want)
		}
	}
	if checked < 30 {
		t.Errorf("only %d of 40 journals had a suggestion to check", checked)
	}
}

// suggestions returns what suggest --json advises as of day.
func suggestions(t *testing.T, do func(...string) string, day journal.Day) []analysis.Suggestion {
	t.Helper()
	var list []analysis.Suggestion
	if err := json.Unmarshal([]byte(do("suggest", "--json", "--as-of", day.String())), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// runner returns a function that runs backlog in-process on db with the clock
// at now, failing the test on any exit status but 0, and returns its output.
func runner(t *testing.T, now time.Time, db string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		code, stdout, stderr := runWith(t, now, db, args...)
		if code != 0 {
			t.Fatalf("backlog %s on %s: exit %d: %s", strings.Join(args, " "), db, code, stderr)
		}
		return stdout
	}
}

// fillRandom records n random entries through the command line on days from
// first to first+span-1 days before today: a third pain scores, the rest
// sessions of a few exercises at their suggested dose, a quarter of them with
// pain during.
func fillRandom(do func(...string) string, rng *rand.Rand, today journal.Day, n, first, span int) {
	slugs := []string{"bird-dog", "plank", "walking", "cat-cow", "glute-bridge"}
	for ; n > 0; n-- {
		day := (today - journal.Day(first+rng.IntN(span))).String()
		if rng.IntN(3) == 0 {
			do("pain", fmt.Sprint(rng.IntN(11)), "--date", day)
			continue
		}
		args := []string{"done", slugs[rng.IntN(len(slugs))], "--date", day, "--yes"}
		if rng.IntN(4) == 0 {
			args = append(args, "--pain-during", fmt.Sprint(rng.IntN(11)))
		}
		do(args...)
	}
}
