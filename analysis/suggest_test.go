package analysis_test

import (
	"cmp"
	"fmt"
	"strings"
	"testing"
	"time"

	"backlog/analysis"
	"backlog/journal"
)

// today is the day the tests judge from.
var today = mustDay("2026-06-15")

func mustDay(s string) journal.Day {
	d, err := journal.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// sessions builds sessions of one exercise at one dose on days before today
// (0 is today, 1 yesterday …).
func sessions(slug string, dose journal.Dose, daysAgo ...int) []journal.Session {
	var out []journal.Session
	for i, ago := range daysAgo {
		out = append(out, journal.Session{ID: fmt.Sprintf("s%d", i), Day: today - journal.Day(ago), Exercise: slug, Dose: dose,
			RecordedAt: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC)})
	}
	return out
}

// painDays gives the same score on each of the last n days up to today.
func painDays(score, n int) []journal.PainEntry {
	var out []journal.PainEntry
	for ago := 0; ago < n; ago++ {
		out = append(out, journal.PainEntry{Day: today - journal.Day(ago), Score: score})
	}
	return out
}

// withPain overrides the score on the given day.
func withPain(pain []journal.PainEntry, daysAgo, score int) []journal.PainEntry {
	out := append([]journal.PainEntry(nil), pain...)
	for i := range out {
		if out[i].Day == today-journal.Day(daysAgo) {
			out[i].Score = score
			return out
		}
	}
	return append(out, journal.PainEntry{Day: today - journal.Day(daysAgo), Score: score})
}

func intp(n int) *int { return &n }

func lookup(t *testing.T, slug string) journal.Exercise {
	t.Helper()
	ex, err := journal.NewCatalog().Lookup(slug)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// at builds one session daysAgo with a dose and, if given, pain during.
func at(slug string, daysAgo int, dose journal.Dose, painDuring ...int) journal.Session {
	s := journal.Session{ID: fmt.Sprint("s", daysAgo), Day: today - journal.Day(daysAgo), Exercise: slug, Dose: dose,
		RecordedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(1000-daysAgo) * time.Minute)}
	if len(painDuring) > 0 {
		s.PainDuring = intp(painDuring[0])
	}
	return s
}

// scores gives scores on days ago: scores(ago0, score0, ago1, score1, …)
// over a base.
func scores(base []journal.PainEntry, pairs ...int) []journal.PainEntry {
	for i := 0; i+1 < len(pairs); i += 2 {
		base = withPain(base, pairs[i], pairs[i+1])
	}
	return base
}

// pattern repeats scores backwards from daysAgo first to last: the exact
// baselines of the threshold cases.
func pattern(first, last int, cycle ...int) []journal.PainEntry {
	var out []journal.PainEntry
	for ago, i := first, 0; ago <= last; ago, i = ago+1, i+1 {
		out = append(out, journal.PainEntry{Day: today - journal.Day(ago), Score: cycle[i%len(cycle)]})
	}
	return out
}

func d(sets, reps, hold, minutes int) journal.Dose {
	return journal.Dose{Sets: sets, Reps: reps, HoldS: hold, Minutes: minutes}
}

// TestSuggestRules gives a case for every rule, and one for every unsafe or
// wrong answer an earlier engine gave.
func TestSuggestRules(t *testing.T) {
	custom := journal.Exercise{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps, Custom: true,
		Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 1}}
	calm := painDays(2, 60)
	reps8 := d(1, 8, 0, 0)
	catCow8 := []journal.Session{at("cat-cow", 9, reps8), at("cat-cow", 5, reps8), at("cat-cow", 1, reps8)}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	var dst []journal.Session // 2026-03-29 is the day British clocks go forward
	for i, when := range []time.Time{time.Date(2026, 3, 24, 19, 0, 0, 0, london), time.Date(2026, 3, 28, 0, 30, 0, 0, london), time.Date(2026, 3, 31, 7, 30, 0, 0, london)} {
		dst = append(dst, journal.Session{Day: journal.DayOf(when), Exercise: "cat-cow", Dose: reps8, RecordedAt: when.Add(time.Duration(i))})
	}
	for _, tc := range []struct {
		name     string
		ex       journal.Exercise
		sessions []journal.Session
		pain     []journal.PainEntry
		today    journal.Day
		action   analysis.Action
		rule     string
		next     journal.Dose
		says     []string
	}{
		// The rules, in the order they apply.
		{name: "first session", ex: lookup(t, "cat-cow"), action: analysis.Keep, rule: "first-session", next: d(1, 5, 0, 0),
			says: []string{"No sessions yet", "start at 5 reps"}},
		{name: "severe pain yesterday, 2 today", ex: lookup(t, "cat-cow"), sessions: catCow8, pain: scores(calm, 1, 7, 0, 2),
			action: analysis.Ease, rule: "severe-pain", next: d(1, 7, 0, 0), says: []string{"Yesterday's pain score was 7/10", "ease from 8 reps to 7 reps"}},
		{name: "a month at 7 and 6 today", ex: lookup(t, "cat-cow"), sessions: catCow8, pain: scores(painDays(7, 40), 0, 6),
			action: analysis.Ease, rule: "severe-pain", next: d(1, 7, 0, 0)},
		{name: "9/10: back to the start and rest", ex: lookup(t, "plank"), sessions: []journal.Session{at("plank", 9, d(1, 1, 60, 0)), at("plank", 1, d(1, 1, 60, 0))},
			pain: scores(calm, 0, 9), action: analysis.Ease, rule: "severe-pain", next: d(1, 1, 15, 0), says: []string{"rest it for a day or two, then go back to 15 s hold"}},
		{name: "latest score severe, however old", ex: lookup(t, "cat-cow"), sessions: catCow8, pain: scores(painDays(2, 60)[10:], 10, 7),
			action: analysis.Ease, rule: "severe-pain", next: d(1, 7, 0, 0), says: []string{"The pain score on 2026-06-05 was 7/10"}},
		{name: "walking at 5 min with pain during 9 never goes up to the start", ex: lookup(t, "walking"),
			sessions: []journal.Session{at("walking", 1, d(1, 0, 0, 5), 9)}, pain: calm, action: analysis.Ease, rule: "pain-during", next: d(1, 0, 0, 5)},
		{name: "side plank at 12 s with pain during 6 stays at 12 s", ex: lookup(t, "side-plank"),
			sessions: []journal.Session{at("side-plank", 1, d(1, 1, 12, 0), 6)}, pain: calm, action: analysis.Ease, rule: "pain-during", next: d(1, 1, 12, 0),
			says: []string{"Pain during Side plank yesterday was 6/10", "stay at 12 s hold"}},
		{name: "pain during 5 is accepted", ex: lookup(t, "cat-cow"), sessions: append(catCow8[:2:2], at("cat-cow", 1, reps8, 5)), pain: calm,
			action: analysis.Raise, rule: "step-up", next: d(1, 9, 0, 0)},
		{name: "pain during 6 in an earlier session of the last day", ex: lookup(t, "cat-cow"),
			sessions: append(catCow8[:2:2], at("cat-cow", 1, reps8, 6), at("cat-cow", 1, reps8, 2)), pain: calm, action: analysis.Ease, rule: "pain-during"},
		{name: "3-day mean exactly 2 points over a baseline of thirds", ex: lookup(t, "cat-cow"), sessions: catCow8,
			pain: append(pattern(3, 30, 3, 3, 4), pattern(0, 2, 5, 5, 6)...), action: analysis.Ease, rule: "pain-rise", next: d(1, 7, 0, 0),
			says: []string{"averages 5.3, up 2.0 on your 28-day baseline of 3.3"}},
		{name: "3-day mean 30% over a low baseline", ex: lookup(t, "cat-cow"), sessions: catCow8,
			pain: append(pattern(3, 30, 1), pattern(0, 2, 1, 2, 1)...), action: analysis.Ease, rule: "pain-rise"},
		{name: "next morning 2 over the baseline, even with a session today", ex: lookup(t, "cat-cow"),
			sessions: append(catCow8[:3:3], at("cat-cow", 0, reps8)), pain: scores(calm, 0, 4),
			action: analysis.Ease, rule: "pain-rise"},
		{name: "next morning alone", ex: lookup(t, "cat-cow"),
			sessions: append(catCow8[:2:2], at("cat-cow", 2, reps8), at("cat-cow", 0, reps8)), pain: append(pattern(2, 60, 4), pattern(0, 1, 4, 6)...),
			action: analysis.Ease, rule: "next-morning", says: []string{"The morning after Cat-cow on 2026-06-13, pain was 6/10, 2.0 above"}},
		{name: "custom exercise 18 days after three sessions", ex: custom,
			sessions: []journal.Session{at("wall-push-up", 30, reps8), at("wall-push-up", 25, reps8), at("wall-push-up", 18, reps8)},
			pain:     calm, action: analysis.Ease, rule: "break-deload", next: reps8, says: []string{"Last done 18 days ago", "the start"}},
		{name: "back after 20 days: a rung lower", ex: lookup(t, "cat-cow"), sessions: []journal.Session{at("cat-cow", 30, reps8), at("cat-cow", 25, reps8), at("cat-cow", 20, reps8)},
			pain: calm, action: analysis.Ease, rule: "break-deload", next: d(1, 7, 0, 0)},
		{name: "back after 40 days: two rungs lower", ex: lookup(t, "cat-cow"), sessions: []journal.Session{at("cat-cow", 45, reps8), at("cat-cow", 40, reps8)},
			pain: calm, action: analysis.Ease, rule: "break-deload", next: d(1, 6, 0, 0), says: []string{"two steps lower"}},
		{name: "back after 100 days: the start", ex: lookup(t, "cat-cow"), sessions: []journal.Session{at("cat-cow", 100, reps8)},
			pain: calm, action: analysis.Ease, rule: "break-deload", next: d(1, 5, 0, 0)},
		{name: "first session back is no raise", ex: lookup(t, "cat-cow"),
			sessions: []journal.Session{at("cat-cow", 27, reps8), at("cat-cow", 25, reps8), at("cat-cow", 23, reps8), at("cat-cow", 21, reps8), at("cat-cow", 0, reps8)},
			pain:     calm, action: analysis.Keep, rule: "establishing", says: []string{"Back after a 21-day break: 1 of 3 sessions"}},
		{name: "cool-down after a flare", ex: lookup(t, "cat-cow"), sessions: catCow8, pain: scores(calm, 4, 7, 1, 3),
			action: analysis.Keep, rule: "cool-down", next: reps8, says: []string{"Cooling down after the flare on 2026-06-13: 2 of 3 days"}},
		{name: "sessions in the flare do not count", ex: lookup(t, "cat-cow"),
			sessions: []journal.Session{at("cat-cow", 14, reps8), at("cat-cow", 12, reps8), at("cat-cow", 10, reps8), at("cat-cow", 6, reps8), at("cat-cow", 0, reps8)},
			pain:     scores(calm, 10, 7), action: analysis.Keep, rule: "establishing", says: []string{"Since the flare on 2026-06-07: 1 of 3 sessions"}},
		{name: "one bad session does not block raises for weeks", ex: lookup(t, "cat-cow"),
			sessions: []journal.Session{at("cat-cow", 20, reps8, 6), at("cat-cow", 15, reps8), at("cat-cow", 14, reps8), at("cat-cow", 12, reps8), at("cat-cow", 10, reps8),
				at("cat-cow", 8, reps8), at("cat-cow", 6, reps8), at("cat-cow", 4, reps8), at("cat-cow", 2, reps8), at("cat-cow", 1, reps8), at("cat-cow", 0, reps8)},
			pain: calm, action: analysis.Raise, rule: "step-up", next: d(1, 9, 0, 0)},
		{name: "a week exactly 1 point worse holds a raise back", ex: lookup(t, "cat-cow"), sessions: catCow8,
			pain:   append(append(pattern(14, 60, 4), pattern(7, 13, 4, 4, 4, 4, 4, 4, 3)...), pattern(0, 6, 5, 5, 5, 5, 5, 4, 5)...),
			action: analysis.Keep, rule: "pain-worsening", next: reps8, says: []string{"up 1.0 on the 7 days before"}},
		{name: "at the goal of a timed exercise", ex: lookup(t, "walking"),
			sessions: []journal.Session{at("walking", 9, d(1, 0, 0, 45)), at("walking", 5, d(1, 0, 0, 45)), at("walking", 0, d(1, 0, 0, 45))},
			pain:     calm, action: analysis.Keep, rule: "goal-reached", next: d(1, 0, 0, 45), says: []string{"at the articles' goal"}},
		{name: "45 min above a custom goal is kept, not cut", ex: journal.Exercise{Slug: "hike", Name: "Hike", Kind: journal.Minutes, Category: journal.Cardio,
			Custom: true, Start: d(0, 0, 0, 10), Goal: d(0, 0, 0, 30)},
			sessions: []journal.Session{at("hike", 3, d(1, 0, 0, 45)), at("hike", 0, d(1, 0, 0, 45))},
			pain:     calm, action: analysis.Keep, rule: "goal-reached", next: d(1, 0, 0, 45), says: []string{"above your goal"}},
		{name: "a 90 s plank is not cut", ex: lookup(t, "plank"), sessions: []journal.Session{at("plank", 0, d(1, 1, 90, 0))},
			pain: calm, action: analysis.Keep, rule: "establishing", next: d(1, 1, 90, 0)},
		{name: "two sessions on one day are not spread", ex: lookup(t, "cat-cow"),
			sessions: []journal.Session{at("cat-cow", 8, reps8), at("cat-cow", 8, reps8), at("cat-cow", 0, reps8)},
			pain:     calm, action: analysis.Keep, rule: "establishing", says: []string{"2 of 3 sessions on different days"}},
		{name: "six days apart is not yet a week", ex: lookup(t, "cat-cow"),
			sessions: []journal.Session{at("cat-cow", 6, reps8), at("cat-cow", 3, reps8), at("cat-cow", 0, reps8)},
			pain:     calm, action: analysis.Keep, rule: "establishing", says: []string{"raise from 2026-06-16 (tomorrow)"}},
		{name: "no pain data: raises on consistency alone, and says so", ex: lookup(t, "cat-cow"), sessions: catCow8,
			action: analysis.Raise, rule: "step-up", next: d(1, 9, 0, 0), says: []string{"no pain scores recorded", "consistency alone"}},
		{name: "one lighter session keeps the week", ex: lookup(t, "cat-cow"),
			sessions: append(catCow8[:3:3], at("cat-cow", 0, d(1, 6, 0, 0))), pain: calm, action: analysis.Raise, rule: "step-up", next: d(1, 9, 0, 0)},
		{name: "two lighter sessions make the lighter dose current", ex: lookup(t, "cat-cow"),
			sessions: append(catCow8[:3:3], at("cat-cow", 0, d(1, 6, 0, 0)), at("cat-cow", 0, d(1, 6, 0, 0))), pain: calm,
			action: analysis.Keep, rule: "establishing", next: d(1, 6, 0, 0)},
		{name: "bird-dog off the ladder changes one thing", ex: lookup(t, "bird-dog"),
			sessions: []journal.Session{at("bird-dog", 9, d(1, 3, 5, 0)), at("bird-dog", 5, d(1, 3, 5, 0)), at("bird-dog", 1, d(1, 3, 5, 0))},
			pain:     calm, action: analysis.Raise, rule: "step-up", next: d(1, 3, 10, 0)},
		{name: "a stabilisation hold at 10 s adds reps", ex: lookup(t, "bird-dog"),
			sessions: []journal.Session{at("bird-dog", 9, d(1, 5, 10, 0)), at("bird-dog", 5, d(1, 5, 10, 0)), at("bird-dog", 1, d(1, 5, 10, 0))},
			pain:     calm, action: analysis.Raise, rule: "step-up", next: d(1, 6, 10, 0)},
		{name: "bird-dog at its goal adds a set", ex: lookup(t, "bird-dog"),
			sessions: []journal.Session{at("bird-dog", 9, d(1, 10, 10, 0)), at("bird-dog", 5, d(1, 10, 10, 0)), at("bird-dog", 1, d(1, 10, 10, 0))},
			pain:     calm, action: analysis.Raise, rule: "step-up", next: d(2, 10, 10, 0)},
		{name: "a glute bridge held 20 s keeps its hold", ex: lookup(t, "glute-bridge"),
			sessions: []journal.Session{at("glute-bridge", 9, d(1, 10, 20, 0)), at("glute-bridge", 5, d(1, 10, 20, 0)), at("glute-bridge", 1, d(1, 10, 20, 0))},
			pain:     calm, action: analysis.Raise, rule: "step-up", next: d(1, 11, 20, 0)},
		{name: "the top of the plank points to the side plank", ex: lookup(t, "plank"),
			sessions: []journal.Session{at("plank", 9, d(3, 1, 60, 0)), at("plank", 5, d(3, 1, 60, 0)), at("plank", 1, d(3, 1, 60, 0))},
			pain:     calm, action: analysis.Keep, rule: "harder-variant", next: d(3, 1, 60, 0), says: []string{"backlog done side-plank"}},
		{name: "a week across the clocks going forward", ex: lookup(t, "cat-cow"), sessions: dst, pain: nil,
			today: journal.DayOf(time.Date(2026, 3, 31, 8, 0, 0, 0, london)), action: analysis.Raise, rule: "step-up", next: d(1, 9, 0, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day := cmp.Or(tc.today, today)
			s := analysis.SuggestFor(tc.ex, tc.sessions, tc.pain, day)
			if s.Action != tc.action || s.Rule != tc.rule || !tc.next.IsZero() && s.Next != tc.next {
				t.Errorf("got %s (%s) to %v, want %s (%s) to %v\nreason: %s", s.Action, s.Rule, s.Next, tc.action, tc.rule, tc.next, s.Reason)
			}
			for _, want := range tc.says {
				if !strings.Contains(s.Reason, want) {
					t.Errorf("reason %q does not say %q", s.Reason, want)
				}
			}
			if (s.Caution != "") != (s.Action == analysis.Ease && s.Rule != "break-deload") {
				t.Errorf("caution %q on a %s (%s)", s.Caution, s.Action, s.Rule)
			}
			if strings.Contains(s.Reason, analysis.StopAdvice) {
				t.Errorf("the reason repeats the safety sentence, which is said once per output")
			}
		})
	}
}

func TestSuggestCoversExercisesInTheWindowOnly(t *testing.T) {
	all := append(append(sessions("cat-cow", journal.Dose{Reps: 5}, 3, 1), sessions("plank", journal.Dose{HoldS: 15}, 40)...),
		sessions("walking", journal.Dose{Minutes: 10}, 27)...)
	got := analysis.Suggest(journal.NewCatalog(), all, painDays(3, 50), today)
	var slugs []string
	for _, s := range got {
		slugs = append(slugs, s.Exercise)
	}
	if fmt.Sprint(slugs) != "[cat-cow walking]" {
		t.Errorf("suggestions for %v, want cat-cow and walking", slugs)
	}
	if got := analysis.Suggest(journal.NewCatalog(), nil, painDays(3, 50), today); len(got) != 0 {
		t.Errorf("pain only gave %d suggestions", len(got))
	}
}

// TestRulesAreNamed checks every rule has a stable, unique ID and a source.
func TestRulesAreNamed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range analysis.Rules() {
		if r.ID == "" || r.Source == "" || seen[r.ID] {
			t.Errorf("rule %q: needs a unique ID and a source", r.ID)
		}
		seen[r.ID] = true
	}
}
