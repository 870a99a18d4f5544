package main

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"backlog/journal"
)

func TestSettingsMatchTheJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if got, want := dsn(path), journal.DSN(path); got != want {
		t.Errorf("baseline DSN %q differs from the journal's %q: the comparison would not be like for like", got, want)
	}
}

func TestInsertWritesOneRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	for range 2 {
		if err := insert(path); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM entries`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows after two runs (%v), want 2", n, err)
	}
}

// TestJournalFloorWritesWhatDoneWrites holds -journal to what the journal
// package stores for the same session: the same columns, numbered after
// every entry, and a change-log row that undo takes back.
func TestJournalFloorWritesWhatDoneWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "j.db")
	store, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	today := journal.DayOf(time.Now())
	if _, err := store.RecordSession(ctx, journal.Session{Day: today, Exercise: "bird-dog", Dose: journal.Dose{Sets: 1, Reps: 10, HoldS: 5}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.RecordPain(ctx, journal.PainEntry{Day: today - 1, Score: 3}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	if code := run([]string{"-journal", path}, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	rows := func(q string) []string {
		t.Helper()
		r, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var out []string
		for r.Next() {
			var s string
			if err := r.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	sessions := rows(`SELECT concat_ws('|', seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note) FROM sessions ORDER BY seq`)
	// Each change's floor is the number before its session's.
	changes := rows(`SELECT concat_ws('|', kind, what, undo, open, (SELECT count(*) FROM sessions WHERE seq = floor + 1))
		FROM changes WHERE what LIKE '%bird-dog%' ORDER BY seq`)
	db.Close()
	want := []string{"1|" + today.String() + "|bird-dog|1|10|5|0|", "3|" + today.String() + "|bird-dog|1|10|5|0|"}
	if !slices.Equal(sessions, want) {
		t.Errorf("sessions %q, want %q", sessions, want)
	}
	if len(changes) != 2 || changes[0] != changes[1] || !strings.HasSuffix(changes[0], "|0|1") {
		t.Errorf("change-log rows %q: the floor's should read as the journal's", changes)
	}

	store, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if problems, err := store.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %q", err, problems)
	}
	if _, err := store.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if left, err := store.Sessions(ctx, journal.SessionFilter{}); err != nil || len(left) != 1 {
		t.Errorf("after undo %d sessions (%v), want the journal's own one", len(left), err)
	}
}
