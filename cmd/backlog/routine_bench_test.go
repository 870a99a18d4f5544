package main

import (
	"fmt"
	"testing"

	"backlog/journal"
)

// withRoutine gives a generated journal a routine over its whole span: the
// worst case for stats, which counts the routine streak from its first day.
func withRoutine(b *testing.B, db string, years int) {
	b.Helper()
	from := (journal.DayOf(benchNow) - journal.Day(365*years)).String()
	runBench(b, db, "routine", "add", "bird-dog", "plank", "cat-cow", "--days", "mon,wed,fri", "--from", from)
	runBench(b, db, "routine", "add", "walking", "glute-bridge", "--per-week", "5", "--from", from)
	runBench(b, db, "routine", "add", "childs-pose", "--days", "daily", "--from", from)
}

// BenchmarkStatsWithRoutine is "backlog stats" with adherence and the
// routine streak over every year of the journal.
func BenchmarkStatsWithRoutine(b *testing.B) {
	for _, years := range []int{1, 10} {
		b.Run(fmt.Sprintf("years=%d", years), func(b *testing.B) {
			db := benchJournal(b, years)
			withRoutine(b, db, years)
			b.ResetTimer()
			for b.Loop() {
				runBench(b, db, "stats")
			}
		})
	}
}

// BenchmarkToday is "backlog today" with six exercises in the routine.
func BenchmarkToday(b *testing.B) {
	db := benchJournal(b, 10)
	withRoutine(b, db, 10)
	b.ResetTimer()
	for b.Loop() {
		runBench(b, db, "today")
	}
}
