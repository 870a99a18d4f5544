package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backlog/analysis"
	"backlog/journal"
	"backlog/reports"
)

// jsonJournal records three weeks of sessions and pain and returns the
// journal's path and the pinned clock.
func jsonJournal(t *testing.T) (string, time.Time) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "j.db")
	now := time.Date(2026, 3, 22, 20, 0, 0, 0, time.UTC)
	for i := 20; i >= 0; i-- {
		day := journal.DayOf(now.AddDate(0, 0, -i)).String()
		steps := [][]string{{"pain", []string{"5", "4", "3"}[i%3], "--date", day}}
		if i%4 != 3 {
			steps = append(steps, []string{"done", "plank", "--hold", "20", "--date", day, "--pain-during", "2"},
				[]string{"done", "walking", "--minutes", "15", "--date", day, "--note", "round the block"})
		}
		for _, args := range steps {
			if code, _, stderr := runWith(t, now, db, args...); code != 0 {
				t.Fatalf("backlog %s: %s", strings.Join(args, " "), stderr)
			}
		}
	}
	return db, now
}

func runOK(t *testing.T, now time.Time, db string, args ...string) string {
	t.Helper()
	code, stdout, stderr := runWith(t, now, db, args...)
	if code != 0 {
		t.Fatalf("backlog %s: exit %d, %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// TestJSONCarriesWhatTheTextShows parses each data command's --json and
// lays it out again as the terminal text; it must be exactly what the
// command printed, so the JSON holds every figure the person sees.
func TestJSONCarriesWhatTheTextShows(t *testing.T) {
	db, now := jsonJournal(t)

	var st analysis.Stats
	if err := json.Unmarshal([]byte(runOK(t, now, db, "stats", "--json", "--weeks", "4")), &st); err != nil {
		t.Fatalf("stats --json: %v", err)
	}
	var text bytes.Buffer
	if err := (reports.Terminal{}).WriteStats(&text, st); err != nil {
		t.Fatal(err)
	}
	if want := runOK(t, now, db, "stats", "--weeks", "4"); text.String() != want {
		t.Errorf("stats from its JSON:\n%s\nstats:\n%s", text.String(), want)
	}

	var list []analysis.Suggestion
	if err := json.Unmarshal([]byte(runOK(t, now, db, "suggest", "--json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("suggest --json: %d suggestions, %v", len(list), err)
	}
	text.Reset()
	if err := (reports.Terminal{}).WriteSuggestions(&text, journal.NewCatalog(), list); err != nil {
		t.Fatal(err)
	}
	if want := runOK(t, now, db, "suggest"); text.String() != want {
		t.Errorf("suggest from its JSON:\n%s\nsuggest:\n%s", text.String(), want)
	}

	// log --json holds every entry export has, with the same fields.
	var logged []map[string]any
	if err := json.Unmarshal([]byte(runOK(t, now, db, "log", "--json")), &logged); err != nil {
		t.Fatalf("log --json: %v", err)
	}
	var export struct {
		Sessions []map[string]any `json:"sessions"`
		Pain     []map[string]any `json:"pain"`
	}
	if err := json.Unmarshal([]byte(runOK(t, now, db, "export")), &export); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, m := range append(export.Sessions, export.Pain...) {
		byID[m["id"].(string)] = m
	}
	if len(logged) != len(byID) || len(logged) != 21+2*16 {
		t.Fatalf("log --json has %d entries, export %d", len(logged), len(byID))
	}
	for _, m := range logged {
		want := byID[m["id"].(string)]
		for k, v := range want {
			if got, _ := json.Marshal(m[k]); string(got) != string(mustJSON(t, v)) {
				t.Errorf("log --json %s %s = %s, export has %s", m["id"], k, got, mustJSON(t, v))
			}
		}
	}

	// exercises --json lists every exercise the text lists, with its doses.
	var exercises []struct {
		Slug  string       `json:"slug"`
		Start journal.Dose `json:"start"`
		Goal  journal.Dose `json:"goal"`
	}
	if err := json.Unmarshal([]byte(runOK(t, now, db, "exercises", "--json")), &exercises); err != nil || len(exercises) < 50 {
		t.Fatalf("exercises --json: %d exercises, %v", len(exercises), err)
	}
	listing := runOK(t, now, db, "exercises")
	for _, ex := range exercises {
		full, err := journal.NewCatalog().Lookup(ex.Slug)
		if err != nil {
			t.Fatal(err)
		}
		row := "  " + ex.Slug + " "
		if !strings.Contains(listing, row) || !strings.Contains(listing, full.FormatDose(ex.Start.Normalize(full.Kind))+" → "+full.FormatDose(ex.Goal.Normalize(full.Kind))) {
			t.Errorf("exercises --json has %s %v → %v, which the listing does not show", ex.Slug, ex.Start, ex.Goal)
		}
	}

	// routine --json: every exercise the list shows, with its schedule and
	// the dose the list gives.
	runOK(t, now, db, "routine", "add", "plank", "walking", "--days", "mon,wed,fri")
	var routine []struct {
		Exercise string       `json:"exercise"`
		Name     string       `json:"name"`
		Days     string       `json:"days"`
		Next     journal.Dose `json:"next"`
	}
	if err := json.Unmarshal([]byte(runOK(t, now, db, "routine", "--json")), &routine); err != nil || len(routine) != 2 {
		t.Fatalf("routine --json: %+v, %v", routine, err)
	}
	listed := runOK(t, now, db, "routine")
	for _, it := range routine {
		ex, _ := journal.NewCatalog().Lookup(it.Exercise)
		if it.Days != "mon,wed,fri" || !strings.Contains(listed, it.Name+": Mon, Wed, Fri") || !strings.Contains(listed, ex.FormatDose(it.Next)) {
			t.Errorf("routine --json has %+v; the list shows\n%s", it, listed)
		}
	}

	var check checkResult
	if err := json.Unmarshal([]byte(runOK(t, now, db, "check", "--json")), &check); err != nil || !check.OK || check.Problems == nil {
		t.Errorf("check --json = %+v, %v; want ok with an empty list", check, err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
