package journal_test

import (
	"context"
	"testing"

	"backlog/journal"
	"backlog/journal/journaltest"
)

// TestDoseHistoryReadsWhatSessionsReads checks the report's lean read
// against the full one: the same sessions in the same order with the same
// day, exercise, dose, pain during and note, over every edge of the packed
// dose.
func TestDoseHistoryReadsWhatSessionsReads(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	last := day(t, "2026-03-09")
	if err := journaltest.Fill(ctx, s, 1, last, 3); err != nil {
		t.Fatal(err)
	}
	pain := func(n int) *int { return &n }
	for _, sess := range []journal.Session{
		{Day: last - 3, Exercise: "walking", Dose: journal.Dose{Sets: journal.MaxSets, Minutes: journal.MaxMinutes}, PainDuring: pain(10), Note: "all of it"},
		{Day: last - 3, Exercise: "plank", Dose: journal.Dose{Sets: 1, Reps: journal.MaxReps, HoldS: journal.MaxHoldS}, PainDuring: pain(0)},
		{Day: last - 400, Exercise: "bird-dog", Dose: journal.Dose{Sets: 2, Reps: 1, HoldS: 1}, PainDuring: pain(5), Note: "before"},
	} {
		if _, err := s.RecordSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []struct{ since, until journal.Day }{{last - 400, last}, {last - 30, last - 3}, {last + 1, last + 9}} {
		want, err := s.Sessions(ctx, journal.SessionFilter{Since: r.since, Until: r.until})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.DoseHistory(ctx, r.since, r.until)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s to %s: %d sessions, want %d", r.since, r.until, len(got), len(want))
		}
		for i := range want {
			w, g := want[i], got[i]
			if g.Day != w.Day || g.Exercise != w.Exercise || g.Dose != w.Dose || g.Note != w.Note ||
				(g.PainDuring == nil) != (w.PainDuring == nil) || g.PainDuring != nil && *g.PainDuring != *w.PainDuring {
				t.Fatalf("session %d: got %s %s %v pain %v %q, want %s %s %v pain %v %q", i,
					g.Day, g.Exercise, g.Dose, g.PainDuring, g.Note, w.Day, w.Exercise, w.Dose, w.PainDuring, w.Note)
			}
		}
	}
}
