package main

import (
	"context"
	"fmt"

	"backlog/analysis"
	"backlog/journal"
)

// plan is what backlog proposes for a session of one exercise on a day,
// with the history it was worked out from, so the advice after recording is
// worked out again without reading the journal twice.
type plan struct {
	ex       journal.Exercise
	advice   analysis.Suggestion // as of the session's day, before it
	sessions []journal.Session
	pain     []journal.PainEntry
	today    journal.Day
}

// planFor reads the exercise's recent history up to today and works out the
// suggestion as of day: the dose "done" records when it is given none.
func planFor(ctx context.Context, store *journal.Store, ex journal.Exercise, day, today journal.Day) (plan, error) {
	sessions, pain, err := store.Recent(ctx, ex.Slug, historySince(day), painSince(day), today)
	if err != nil {
		return plan{}, err
	}
	return newPlan(ex, sessions, pain, day, today), nil
}

// newPlan works out the plan from the history planFor reads.
func newPlan(ex journal.Exercise, sessions []journal.Session, pain []journal.PainEntry, day, today journal.Day) plan {
	return plan{ex: ex, today: today, sessions: sessions, pain: pain, advice: analysis.SuggestFor(ex, sessions, pain, day)}
}

// historySince and painSince are where the history a plan for day starts.
func historySince(day journal.Day) journal.Day { return day - analysis.WindowDays }
func painSince(day journal.Day) journal.Day    { return day - analysis.PainHistoryDays }

// dose is the dose to record when none is given: the suggestion's, or the
// current dose when the suggestion is to move on to another exercise.
func (p plan) dose() journal.Dose {
	return p.advice.Next
}

// chosen says how the suggested dose came about, for the line that reports
// what was recorded: "eased from 8 reps", "raised from …", "the starting
// dose".
func (p plan) chosen() string {
	a := p.advice
	switch {
	case a.Rule == "first-session":
		return "the starting dose"
	case a.Rule == "break-deload" && a.Next != a.Current:
		return fmt.Sprintf("a step back from %s after a break", p.ex.FormatDose(a.Current))
	case a.Action == analysis.Ease && a.Next != a.Current:
		return fmt.Sprintf("eased from %s", p.ex.FormatDose(a.Current))
	case a.Action == analysis.Raise:
		return fmt.Sprintf("raised from %s", p.ex.FormatDose(a.Current))
	}
	return "the dose backlog suggests"
}

// after is the advice as of today once sess is recorded: the same as
// "backlog suggest" gives.
func (p plan) after(sess journal.Session) analysis.Suggestion {
	return analysis.SuggestFor(p.ex, append(p.sessions, sess), p.pain, p.today)
}
