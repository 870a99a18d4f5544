package journal_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"backlog/journal"
)

func FuzzParseDay(f *testing.F) {
	today := journal.DayOf(time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
	for _, s := range []string{"2026-03-10", "today", "yesterday", "2024-02-29", "2026-13-01", "0000-01-01", " 2026-01-01 ", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := journal.ParseDayRelative(s, today)
		if err != nil {
			return
		}
		if d > today {
			t.Fatalf("%q accepted as %s, after today", s, d)
		}
		back, err := journal.ParseDay(d.String())
		if err != nil || back != d {
			t.Fatalf("%q → %s → %v, %v: does not round-trip", s, d, back, err)
		}
	})
}

func FuzzParseHold(f *testing.F) {
	for _, s := range []string{"45", "45s", "1m30s", "0", "-5", "1.5s", "1h", "60m", "999999999999s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		secs, err := journal.ParseHold(s)
		if err != nil {
			return
		}
		if secs < 1 || secs > journal.MaxHoldS {
			t.Fatalf("%q accepted as %d s", s, secs)
		}
		if back, err := journal.ParseHold(strconv.Itoa(secs) + "s"); err != nil || back != secs {
			t.Fatalf("%q → %d s does not round-trip: %d, %v", s, secs, back, err)
		}
	})
}

func FuzzParseScore(f *testing.F) {
	for _, s := range []string{"0", "10", "11", "-1", "4.5", "four", " 7 ", "+3", "007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := journal.ParseScore("score", s)
		if err != nil {
			return
		}
		if n < 0 || n > 10 {
			t.Fatalf("%q accepted as %d", s, n)
		}
		if back, err := journal.ParseScore("score", strconv.Itoa(n)); err != nil || back != n {
			t.Fatalf("%q → %d does not round-trip", s, n)
		}
	})
}

// fuzzImport imports data into a fresh journal; whatever is accepted must
// export, import into another fresh journal, and export again identically.
func fuzzImport(t *testing.T, data []byte, format string) {
	s := openTest(t)
	if _, err := s.Import(context.Background(), journal.ReadImport(bytes.NewReader(data))); err != nil {
		return
	}
	first := exportOf(t, s, format)
	again := openTest(t)
	if _, err := importInto(t, again, first); err != nil {
		t.Fatalf("an accepted import exported as something import refuses: %v\n%s", err, first)
	}
	if second := exportOf(t, again, format); !bytes.Equal(first, second) {
		t.Fatalf("round trip differs:\n%s\n----\n%s", first, second)
	}
}

func FuzzImportJSON(f *testing.F) {
	f.Add([]byte(`{"format":"backlog-export","version":1,"exercises":[],"sessions":[{"id":"s1","day":"2026-03-01","exercise":"cat-cow","sets":1,"reps":5,"hold_s":0,"minutes":0,"pain_during":null,"note":"x"}],"pain":[{"id":"p1","day":"2026-03-01","score":4,"note":""}]}`))
	f.Add([]byte(`{"format":"backlog-export","version":1,"sessions":[{"day":"2026-03-01","exercise":"plank","hold_s":20,"pain_during":3}],"pain":[{"day":"2026-03-02","score":11}]}`))
	f.Add([]byte(`{"format":"backlog-export","version":1,"exercises":[{"slug":"x","name":"X","category":"core","kind":"reps","start":{"reps":1},"ceiling":{"reps":2},"step":{"reps":1}}],"sessions":[{"day":"2026-03-01","exercise":"x","reps":2}]}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, data, "json") })
}

func FuzzImportCSV(f *testing.F) {
	f.Add([]byte("kind,id,day,exercise,sets,reps,hold_s,minutes,pain_during,score,note,recorded_at\nsession,s1,2026-03-01,cat-cow,1,5,,,2,,\"a, \"\"b\"\"\",\npain,p1,2026-03-01,,,,,,,4,,\n"))
	f.Add([]byte("\xEF\xBB\xBFday,score\r\n2026-03-01,3\r\n\r\n"))
	f.Add([]byte("day,exercise,minutes\n2026-03-01,walking,20\n2026-03-02,walk,abc\n"))
	f.Add([]byte("kind,day\nexercise,2026-01-01\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, data, "csv") })
}
