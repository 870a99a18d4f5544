package main

import (
	"context"

	"backlog/analysis"
	"backlog/journal"
)

// plan is what backlog proposes for the next session of one exercise, with
// the history it was worked out from so the hint after recording can be
// worked out again without reading the journal twice.
type plan struct {
	ex       journal.Exercise
	dose     journal.Dose
	sessions []journal.Session
	pain     []journal.PainEntry
	today    journal.Day
}

// painHistoryDays is how much pain history suggestions need: the window, and
// a baseline before its earliest session.
const painHistoryDays = analysis.WindowDays + analysis.BaselineDays

// planFor works out the dose to record when "done" is given none: the
// current suggestion for the exercise.
func planFor(ctx context.Context, store *journal.Store, ex journal.Exercise, today journal.Day) (plan, error) {
	p := plan{ex: ex, today: today}
	var err error
	p.sessions, p.pain, err = store.Recent(ctx, ex.Slug, today-analysis.WindowDays, today-painHistoryDays, today)
	if err != nil {
		return p, err
	}
	p.dose = analysis.SuggestFor(ex, p.sessions, p.pain, today).Next
	return p, nil
}

// hintAfter is the one line printed after sess is recorded.
func (p plan) hintAfter(sess journal.Session) string {
	s := analysis.SuggestFor(p.ex, append(p.sessions, sess), p.pain, p.today)
	return s.Hint(p.ex)
}
