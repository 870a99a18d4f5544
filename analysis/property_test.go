package analysis_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"backlog/analysis"
	"backlog/journal"
)

var journals = flag.Int("journals", 12000, "how many generated journals TestSuggestInvariants checks")

// propertyExercises returns, for each dosing kind, exercises to judge the
// generated journals by: built-in ones with their own ladders (stabilisation
// holds, fixed holds, timed, several sets) and custom ones with odd steps.
func propertyExercises(t *testing.T) map[string][]journal.Exercise {
	out := map[string][]journal.Exercise{}
	for _, ex := range journal.Builtin() {
		out[string(ex.Kind)] = append(out[string(ex.Kind)], ex)
	}
	custom := []journal.Exercise{
		{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps, Custom: true,
			Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 20}, Step: journal.Dose{Reps: 3}, SetsMax: 4},
		{Slug: "hang", Name: "Hang", Category: journal.Stretch, Kind: journal.Hold, Custom: true,
			Start: journal.Dose{HoldS: 7}, Goal: journal.Dose{HoldS: 44}, Step: journal.Dose{HoldS: 6}},
		{Slug: "rowing", Name: "Rowing", Category: journal.Cardio, Kind: journal.Minutes, Custom: true,
			Start: journal.Dose{Minutes: 5}, Goal: journal.Dose{Minutes: 40}, Step: journal.Dose{Minutes: 4}, SetsMax: 2},
		{Slug: "slow-squat", Name: "Slow squat", Category: journal.Hips, Kind: journal.RepsHold, Custom: true,
			Start: journal.Dose{Reps: 4, HoldS: 3}, Goal: journal.Dose{Reps: 9, HoldS: 12}, Step: journal.Dose{Reps: 2, HoldS: 4}},
	}
	for _, ex := range custom {
		if err := ex.Validate(); err != nil {
			t.Fatal(err)
		}
		out[string(ex.Kind)] = append(out[string(ex.Kind)], ex)
	}
	return out
}

// epoch is day 0 of the generated journals.
var epoch = journal.DayOf(time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC))

// toJournal turns a generated journal into backlog's own types. Pain older
// than analysis.PainHistoryDays is dropped from both sides: it is not part of
// what any command reads.
func toJournal(ex journal.Exercise, j refJournal) (refJournal, []journal.Session, []journal.PainEntry, journal.Day) {
	today := epoch + journal.Day(j.Today)
	var sessions []journal.Session
	for _, s := range j.Sessions {
		sess := journal.Session{ID: fmt.Sprint("s", s.Seq), Day: epoch + journal.Day(s.Day), Exercise: ex.Slug,
			Dose:       journal.Dose{Sets: s.Sets, Reps: s.Reps, HoldS: s.HoldS, Minutes: s.Minutes},
			RecordedAt: time.Unix(1e9+int64(s.Seq), 0)}
		if s.PainDuring >= 0 {
			p := s.PainDuring
			sess.PainDuring = &p
		}
		sessions = append(sessions, sess)
	}
	kept := refJournal{Today: j.Today, Sessions: j.Sessions, Pain: map[int]int{}}
	var pain []journal.PainEntry
	for d, score := range j.Pain {
		if d > j.Today-analysis.PainHistoryDays {
			kept.Pain[d] = score
			pain = append(pain, journal.PainEntry{Day: epoch + journal.Day(d), Score: score})
		}
	}
	return kept, sessions, pain, today
}

// TestSuggestInvariants checks SPEC §5's safety invariants over generated
// journals, against the independent exact-arithmetic reference in
// reference_test.go:
//
//   - never a raise where the reference forbids one;
//   - an ease exactly when a flare calls for one or a break brings the dose back;
//   - an ease never increases any part of the dose, never goes below the
//     start, and goes back to the start after a score or pain during of 8+;
//   - back after a break: one rung, two rungs or the start, by the gap;
//   - a keep never changes the dose;
//   - a raise changes exactly one field, up, by at most one step, never past
//     the goal, and sets only once the goal is reached;
//   - the same advice from Suggest as from SuggestFor, whatever the order of
//     the input.
func TestSuggestInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261122, 9))
	byKind := propertyExercises(t)
	var checked, raised, refAllowed, stricter int
	rules, held := map[string]int{}, map[string]int{}
	for i := 0; i < *journals; i++ {
		kind := refKinds()[i%len(refKinds())]
		list := byKind[kind]
		ex := list[rng.IntN(len(list))]
		j, sessions, pain, today := toJournal(ex, genRefJournal(rng, kind))
		if len(sessions) == 0 {
			continue
		}
		checked++
		s := analysis.SuggestFor(ex, sessions, pain, today)
		rules[s.Rule]++
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("journal %d (%s, %s): %s\nsuggestion: %s %v → %v, rule %s: %s\njournal: %+v",
				i, ex.Slug, kind, fmt.Sprintf(format, args...), s.Action, s.Current, s.Next, s.Rule, s.Reason, j)
		}
		never, why := refNeverRaise(j)
		ease, easeWhy := refMustEase(j)
		steps := refBreakSteps(j)
		if !never {
			refAllowed++
			if s.Action != analysis.Raise {
				stricter++
				held[s.Rule]++
			}
		}
		if s.Action == analysis.Raise {
			raised++
			if never {
				fail("raised, but the reference forbids it: %s", why)
			}
		}
		if ease && s.Action != analysis.Ease {
			fail("did not ease, but the reference says ease: %s", easeWhy)
		}
		if s.Action == analysis.Ease && !ease && steps == 0 {
			fail("eased with no flare and no break")
		}
		last := ex.LadderDose(latest(sessions, today).Dose)
		checkDose(t, ex, s, last, fail)
		if s.Action == analysis.Ease && s.Rule == "break-deload" {
			want := last
			switch steps {
			case -1:
				want = ex.Floor(last)
			case 2:
				want = ex.Down(ex.Down(last))
			case 1:
				want = ex.Down(last)
			}
			if s.Next != want {
				fail("back after a break of %d steps: want %v", steps, want)
			}
		}
		if severeToday(sessions, pain, today) && s.Action == analysis.Ease && s.Next != ex.Floor(last) {
			fail("a score or pain during of 8 or more must go back to the start, %v", ex.Floor(last))
		}
		if latest(sessions, today).Day > today-analysis.WindowDays {
			shuffled := append([]journal.Session(nil), sessions...)
			rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
			all := analysis.Suggest(journal.NewCatalog(ex), shuffled, pain, today)
			if len(all) != 1 || fmt.Sprint(all[0]) != fmt.Sprint(s) {
				fail("Suggest gave %+v", all)
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d journals with sessions were checked; run with -journals above 10000", checked)
	}
	t.Logf("%d journals checked, 0 violations; %d raises; the reference allowed a raise in %d, of which the engine held back %d, by rule %v; all rules: %v",
		checked, raised, refAllowed, stricter, held, rules)
}

// checkDose checks the dose invariants of one suggestion: last is the dose
// of the latest session.
func checkDose(t *testing.T, ex journal.Exercise, s analysis.Suggestion, last journal.Dose, fail func(string, ...any)) {
	t.Helper()
	cur, next, start, goal := s.Current, s.Next, ex.LadderDose(ex.Start), ex.LadderDose(ex.Goal)
	if next != ex.LadderDose(next) {
		fail("next %v has parts a %s exercise is not dosed in", next, ex.Kind)
	}
	type part struct {
		name            string
		cur, next, step int
		start, goal     int
	}
	minutesStep := ex.Step.Minutes
	if minutesStep == 0 {
		minutesStep = max(1, (cur.Minutes+5)/10)
	}
	parts := []part{
		{"sets", cur.Sets, next.Sets, 1, 1, ex.MaxSets()},
		{"reps", cur.Reps, next.Reps, max(ex.Step.Reps, 1), start.Reps, goal.Reps},
		{"hold", cur.HoldS, next.HoldS, max(ex.Step.HoldS, 1), start.HoldS, goal.HoldS},
		{"minutes", cur.Minutes, next.Minutes, minutesStep, start.Minutes, goal.Minutes},
	}
	switch s.Action {
	case analysis.Keep:
		if next != cur {
			fail("keep changed the dose")
		}
	case analysis.Ease:
		if cur != last {
			fail("an ease starts from the last session's dose %v", last)
		}
		for _, p := range parts {
			if p.next > p.cur {
				fail("ease increased %s", p.name)
			}
			if p.next < min(p.cur, p.start) {
				fail("ease took %s below the start %d", p.name, p.start)
			}
		}
	case analysis.Raise:
		changed := 0
		for _, p := range parts {
			switch {
			case p.next < p.cur:
				fail("raise lowered %s", p.name)
			case p.next > p.cur:
				changed++
				if p.next-p.cur > p.step {
					fail("raise moved %s by %d, more than one step of %d", p.name, p.next-p.cur, p.step)
				}
				if p.next > p.goal {
					fail("raise took %s to %d, past the goal %d", p.name, p.next, p.goal)
				}
				if p.name == "sets" && !ex.AtGoal(cur) {
					fail("raise added a set before the goal %v", goal)
				}
			}
		}
		if changed != 1 {
			fail("raise changed %d parts of the dose", changed)
		}
	default:
		fail("unknown action")
	}
}

// latest is the latest session on or before today, in the order they were done.
func latest(sessions []journal.Session, today journal.Day) journal.Session {
	var last journal.Session
	for _, s := range sessions {
		if s.Day <= today && (s.Day > last.Day || s.Day == last.Day && s.RecordedAt.After(last.RecordedAt)) {
			last = s
		}
	}
	return last
}

// severeToday reports, from the raw journal, a score of 8 or more in the last
// three days or as the latest score, or pain during of 8 or more on the day of
// the last session.
func severeToday(sessions []journal.Session, pain []journal.PainEntry, today journal.Day) bool {
	var latestDay journal.Day
	latestScore := -1
	for _, p := range pain {
		if p.Day > today {
			continue
		}
		if p.Day > today-3 && p.Score >= 8 {
			return true
		}
		if p.Day > latestDay {
			latestDay, latestScore = p.Day, p.Score
		}
	}
	if latestScore >= 8 {
		return true
	}
	last := latest(sessions, today)
	for _, s := range sessions {
		if s.Day == last.Day && s.PainDuring != nil && *s.PainDuring >= 8 {
			return true
		}
	}
	return false
}
