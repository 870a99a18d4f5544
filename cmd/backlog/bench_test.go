package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

// benchNow is the clock of every benchmark: generated journals end the day
// before.
var benchNow = time.Date(2026, 11, 21, 19, 0, 0, 0, time.Local)

// benchJournal generates a journal of the given years in a fresh directory.
func benchJournal(b *testing.B, years int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), fmt.Sprintf("%dy.db", years))
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := journaltest.Fill(ctx, s, years, journal.DayOf(benchNow)-1, 1); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// runBench runs one backlog command in-process against db, output discarded.
func runBench(b *testing.B, db string, args ...string) {
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return benchNow },
		getenv: func(k string) string {
			if k == "CI" {
				return "true"
			}
			return ""
		}}
	if code := run(context.Background(), append([]string{"--db", db}, args...), e); code != 0 {
		b.Fatalf("backlog %s: exit %d", strings.Join(args, " "), code)
	}
}

func benchYears(b *testing.B, fn func(b *testing.B, db string)) {
	for _, years := range []int{1, 10} {
		b.Run(fmt.Sprintf("years=%d", years), func(b *testing.B) {
			db := benchJournal(b, years)
			b.ResetTimer()
			fn(b, db)
		})
	}
}

// BenchmarkRecord is "backlog done bird-dog --reps 10 --yes" in-process (--yes,
// as it records many sessions a day): open, read the exercise's recent
// history, record, print the hint, close. Each run records into a fresh copy
// of the journal, as a person records once into their journal, rather than
// piling hundreds of sessions onto one day.
func BenchmarkRecord(b *testing.B) {
	benchYears(b, func(b *testing.B, db string) {
		orig, err := os.ReadFile(db)
		if err != nil {
			b.Fatal(err)
		}
		fresh := db + ".run"
		for b.Loop() {
			b.StopTimer()
			os.Remove(fresh + "-wal")
			if err := os.WriteFile(fresh, orig, 0o600); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			runBench(b, fresh, "done", "bird-dog", "--reps", "10", "--yes")
		}
	})
}

func BenchmarkSuggest(b *testing.B) {
	benchYears(b, func(b *testing.B, db string) {
		for b.Loop() {
			runBench(b, db, "suggest")
		}
	})
}

func BenchmarkStats(b *testing.B) {
	benchYears(b, func(b *testing.B, db string) {
		for b.Loop() {
			runBench(b, db, "stats")
		}
	})
}

func BenchmarkReport(b *testing.B) {
	benchYears(b, func(b *testing.B, db string) {
		out := filepath.Join(b.TempDir(), "report.html")
		for b.Loop() {
			runBench(b, db, "report", "--out", out)
		}
		b.StopTimer()
		if st, err := os.Stat(out); err == nil {
			b.ReportMetric(float64(st.Size())/1e6, "MB/report")
		}
	})
}

// BenchmarkReportLong is "backlog report --weeks 520" on a 10-year journal:
// the longest report, grouped by month.
func BenchmarkReportLong(b *testing.B) {
	db := benchJournal(b, 10)
	out := filepath.Join(b.TempDir(), "report.html")
	b.ResetTimer()
	for b.Loop() {
		runBench(b, db, "report", "--weeks", "520", "--out", out)
	}
	b.StopTimer()
	if st, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB/report")
	}
}
