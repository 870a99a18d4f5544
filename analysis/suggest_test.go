package analysis_test

import (
	"fmt"
	"math/rand/v2"
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

func TestSuggestFor(t *testing.T) {
	reps5 := journal.Dose{Sets: 1, Reps: 5}
	custom := journal.Exercise{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps,
		Start: journal.Dose{Reps: 9}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 3}, Custom: true}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-03-29 is the day British clocks go forward.
	dstSessions := []journal.Session{}
	for i, at := range []time.Time{
		time.Date(2026, 3, 24, 19, 0, 0, 0, london), time.Date(2026, 3, 29, 0, 30, 0, 0, london), time.Date(2026, 3, 30, 23, 30, 0, 0, london),
	} {
		dstSessions = append(dstSessions, journal.Session{Day: journal.DayOf(at), Exercise: "cat-cow", Dose: reps5, RecordedAt: at.Add(time.Duration(i))})
	}

	for _, tc := range []struct {
		name       string
		ex         journal.Exercise
		sessions   []journal.Session
		pain       []journal.PainEntry
		today      journal.Day
		action     analysis.Action
		next       journal.Dose
		reasonHas  []string
		hintHas    string
		atCeiling  bool
		noPainSaid bool
	}{
		{
			name: "no sessions: start at the starting dose", ex: lookup(t, "cat-cow"),
			action: analysis.Keep, next: reps5, reasonHas: []string{"No sessions yet", "start at 5 reps"},
		},
		{
			name: "one session", ex: lookup(t, "cat-cow"), sessions: sessions("cat-cow", reps5, 0), pain: painDays(2, 14),
			action: analysis.Keep, next: reps5, reasonHas: []string{"1 of 3 sessions at 5 reps"}, hintHas: "2 more sessions at this dose",
		},
		{
			name: "three sessions over eight days with steady pain", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", reps5, 7, 3, 0), pain: painDays(2, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 6},
			reasonHas: []string{"3 sessions at 5 reps over 8 days", "pain steady around 2", "try 6 reps"}, hintHas: "Ready to raise: try 6 reps",
		},
		{
			name: "three sessions over five days", ex: lookup(t, "cat-cow"), sessions: sessions("cat-cow", reps5, 4, 2, 0), pain: painDays(2, 21),
			action: analysis.Keep, next: reps5, reasonHas: []string{"over 5 of the 7 days"}, hintHas: "Keep this dose 2 more days",
		},
		{
			name: "no pain data: raises, saying it rests on consistency alone", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", reps5, 7, 3, 0),
			action:   analysis.Raise, next: journal.Dose{Sets: 1, Reps: 6}, reasonHas: []string{"no pain scores recorded", "consistency alone"}, noPainSaid: true,
		},
		{
			name: "a break of weeks inside the window restarts the count", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", reps5, 27, 25, 21, 2, 0), pain: painDays(2, 40),
			action: analysis.Keep, next: reps5, reasonHas: []string{"Back after a 19-day break: 2 of 3 sessions"},
		},
		{
			name: "nothing in the window: resume a step down", ex: lookup(t, "plank"),
			sessions: sessions("plank", journal.Dose{Sets: 1, Reps: 1, HoldS: 25}, 45, 40, 35), pain: painDays(2, 60),
			action: analysis.Keep, next: journal.Dose{Sets: 1, Reps: 1, HoldS: 20}, reasonHas: []string{"Last done 35 days ago", "20 s hold"},
		},
		{
			name: "at the ceiling, naming the harder variant", ex: lookup(t, "plank"),
			sessions: sessions("plank", journal.Dose{Sets: 1, Reps: 1, HoldS: 30}, 8, 4, 0), pain: painDays(1, 21),
			action: analysis.Keep, next: journal.Dose{Sets: 1, Reps: 1, HoldS: 30}, atCeiling: true,
			reasonHas: []string{"At the ceiling of 30 s hold", "side-plank"}, hintHas: "or try side-plank",
		},
		{
			name: "holds grow by 5 s", ex: lookup(t, "childs-pose"),
			sessions: sessions("childs-pose", journal.Dose{HoldS: 20}, 9, 5, 1), pain: painDays(3, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 1, HoldS: 25},
		},
		{
			name: "a stabilisation hold at 10 s adds reps instead", ex: lookup(t, "bird-dog"),
			sessions: sessions("bird-dog", journal.Dose{Reps: 5, HoldS: 10}, 9, 5, 1), pain: painDays(3, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 6, HoldS: 10}, reasonHas: []string{"try 6 reps × 10 s hold each side"},
		},
		{
			name: "minutes grow by about 10%", ex: lookup(t, "walking"),
			sessions: sessions("walking", journal.Dose{Minutes: 20}, 9, 5, 1), pain: painDays(3, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Minutes: 22},
		},
		{
			name: "custom exercise uses its own step", ex: custom,
			sessions: sessions("wall-push-up", journal.Dose{Reps: 9}, 9, 5, 1), pain: painDays(3, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 12},
		},
		{
			name: "custom exercise stops at its own ceiling", ex: custom,
			sessions: sessions("wall-push-up", journal.Dose{Reps: 14}, 9, 5, 1), pain: painDays(3, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 15},
		},
		{
			name: "latest pain severe: ease a step", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", journal.Dose{Reps: 8}, 9, 5, 1), pain: withPain(painDays(3, 21), 0, 7),
			action: analysis.Ease, next: journal.Dose{Sets: 1, Reps: 7},
			reasonHas: []string{"Latest pain score is 7/10", "Sharp or persistent pain means stopping and asking a professional"}, hintHas: "Pain is up: ease to 7 reps",
		},
		{
			name: "ease never goes below the start", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", reps5, 9, 5, 1), pain: withPain(painDays(3, 21), 1, 9),
			action: analysis.Ease, next: reps5, reasonHas: []string{"stay at the starting dose, 5 reps, or rest it for a day or two"},
		},
		{
			name: "three-day mean two points over the baseline", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", journal.Dose{Reps: 8}, 9, 5, 1),
			pain:     withPain(withPain(withPain(painDays(2, 30), 0, 4), 1, 5), 2, 4),
			action:   analysis.Ease, next: journal.Dose{Sets: 1, Reps: 7}, reasonHas: []string{"last 3 days averages 4.3, 2.3 above your 28-day baseline of 2.0"},
		},
		{
			name: "pain during above 5 in the last session", ex: lookup(t, "cat-cow"),
			sessions: append(sessions("cat-cow", journal.Dose{Reps: 8}, 9, 5),
				journal.Session{Day: today - 1, Exercise: "cat-cow", Dose: journal.Dose{Reps: 8}, PainDuring: intp(6), RecordedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}),
			pain:   painDays(2, 21),
			action: analysis.Ease, next: journal.Dose{Sets: 1, Reps: 7}, reasonHas: []string{"Pain during the last session was 6/10"},
		},
		{
			name: "pain during of 5 is acceptable", ex: lookup(t, "cat-cow"),
			sessions: append(sessions("cat-cow", journal.Dose{Reps: 8}, 9, 5),
				journal.Session{Day: today - 1, Exercise: "cat-cow", Dose: journal.Dose{Reps: 8}, PainDuring: intp(5), RecordedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}),
			pain:   painDays(2, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 9},
		},
		{
			name: "flare the morning after the last session", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", journal.Dose{Reps: 8}, 12, 8, 4), pain: withPain(painDays(2, 40), 3, 4),
			action: analysis.Ease, next: journal.Dose{Sets: 1, Reps: 7}, reasonHas: []string{"The day after the last session pain was 4/10, 2.0 above its baseline of 2.0"},
		},
		{
			name: "pain trending up week on week holds a raise back", ex: lookup(t, "cat-cow"),
			sessions: sessions("cat-cow", journal.Dose{Reps: 8}, 9, 5, 1),
			pain: func() []journal.PainEntry {
				p := painDays(2, 28)
				for ago := 0; ago < 7; ago++ {
					p = withPain(p, ago, 3)
				}
				return p
			}(),
			action: analysis.Keep, next: journal.Dose{Sets: 1, Reps: 8}, reasonHas: []string{"pain this week is up 1.0"},
		},
		{
			name: "backdated entry: the latest day sets the current dose", ex: lookup(t, "cat-cow"),
			sessions: []journal.Session{
				{Day: today - 1, Exercise: "cat-cow", Dose: journal.Dose{Reps: 6}, RecordedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
				{Day: today - 9, Exercise: "cat-cow", Dose: journal.Dose{Reps: 6}, RecordedAt: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
				{Day: today - 5, Exercise: "cat-cow", Dose: journal.Dose{Reps: 6}, RecordedAt: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)},
				{Day: today - 20, Exercise: "cat-cow", Dose: journal.Dose{Reps: 5}, RecordedAt: time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)},
			},
			pain:   painDays(2, 21),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 7}, reasonHas: []string{"3 sessions at 6 reps over 9 days"},
		},
		{
			name: "a week across the clocks going forward counts as seven days", ex: lookup(t, "cat-cow"),
			sessions: dstSessions, today: journal.DayOf(time.Date(2026, 3, 31, 8, 0, 0, 0, london)),
			action: analysis.Raise, next: journal.Dose{Sets: 1, Reps: 6}, reasonHas: []string{"over 7 days"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day := today
			if tc.today != 0 {
				day = tc.today
			}
			s := analysis.SuggestFor(tc.ex, tc.sessions, tc.pain, day)
			if s.Action != tc.action || s.Next != tc.next {
				t.Errorf("got %s to %v, want %s to %v\nreason: %s", s.Action, s.Next, tc.action, tc.next, s.Reason)
			}
			for _, want := range tc.reasonHas {
				if !strings.Contains(s.Reason, want) {
					t.Errorf("reason %q does not say %q", s.Reason, want)
				}
			}
			if tc.hintHas != "" && !strings.Contains(s.Hint(tc.ex), tc.hintHas) {
				t.Errorf("hint %q does not say %q", s.Hint(tc.ex), tc.hintHas)
			}
			if s.AtCeiling != tc.atCeiling {
				t.Errorf("AtCeiling = %v, want %v", s.AtCeiling, tc.atCeiling)
			}
			if s.PainRecorded == tc.noPainSaid && len(tc.sessions) > 0 && tc.today == 0 {
				t.Errorf("PainRecorded = %v with %d pain entries", s.PainRecorded, len(tc.pain))
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

// TestSuggestProperties checks over generated journals that no suggestion
// goes past the ceiling or below the start, and none raises during a flare.
func TestSuggestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	catalog := journal.NewCatalog()
	exercises := catalog.All()
	for i := 0; i < 3000; i++ {
		ex := exercises[rng.IntN(len(exercises))]
		var list []journal.Session
		for n := rng.IntN(12); n > 0; n-- {
			d := ex.Start
			if rng.IntN(2) == 0 {
				d = ex.Goal
			}
			d.Reps += rng.IntN(5) - 2
			d.HoldS += rng.IntN(11) - 5
			d.Minutes += rng.IntN(5) - 2
			s := journal.Session{Day: today - journal.Day(rng.IntN(40)), Exercise: ex.Slug, Dose: d,
				RecordedAt: time.Unix(int64(rng.IntN(1e6)), 0)}
			if rng.IntN(3) == 0 {
				s.PainDuring = intp(rng.IntN(11))
			}
			list = append(list, s)
		}
		var pain []journal.PainEntry
		if rng.IntN(4) > 0 {
			for ago := 0; ago < 60; ago++ {
				if rng.IntN(3) > 0 {
					pain = append(pain, journal.PainEntry{Day: today - journal.Day(ago), Score: rng.IntN(11)})
				}
			}
		}
		s := analysis.SuggestFor(ex, list, pain, today)
		n := s.Next
		if (ex.Kind == journal.Reps || ex.Kind == journal.RepsHold) && (n.Reps < ex.Start.Reps || n.Reps > ex.Goal.Reps) ||
			(ex.Kind == journal.Hold || ex.Kind == journal.RepsHold) && (n.HoldS < ex.Start.HoldS || n.HoldS > ex.Goal.HoldS) ||
			ex.Kind == journal.Minutes && (n.Minutes < ex.Start.Minutes || n.Minutes > ex.Goal.Minutes) {
			t.Fatalf("journal %d, %s: next %v outside start %v and ceiling %v", i, ex.Slug, n, ex.Start, ex.Goal)
		}
		if n.Sets < 1 || ex.Kind != journal.Minutes && n.Minutes != 0 || ex.Kind == journal.Minutes && n.Reps+n.HoldS != 0 ||
			ex.Kind == journal.Reps && n.HoldS != 0 {
			t.Fatalf("journal %d, %s: next %v has quantities a %s exercise is not dosed in", i, ex.Slug, n, ex.Kind)
		}
		if s.Action == analysis.Raise && flaring(list, pain) {
			t.Fatalf("journal %d, %s: raised during a flare: %s", i, ex.Slug, s.Reason)
		}
	}
}

// flaring re-derives the simplest flare rules independently of the code
// under test: a severe latest score, or too much pain during the last
// session.
func flaring(list []journal.Session, pain []journal.PainEntry) bool {
	latestPain, latestDay := -1, journal.Day(-1)
	for _, p := range pain {
		if p.Day > latestDay && p.Day > today-analysis.BaselineDays {
			latestDay, latestPain = p.Day, p.Score
		}
	}
	if latestPain >= analysis.SeverePain {
		return true
	}
	var last *journal.Session
	for i := range list {
		s := &list[i]
		if last == nil || s.Day > last.Day || s.Day == last.Day && s.RecordedAt.After(last.RecordedAt) {
			last = s
		}
	}
	return last != nil && last.PainDuring != nil && *last.PainDuring > analysis.MaxPainDuring
}
