package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

func TestSettingsMatchTheJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if got, want := dsn(path), journal.DSN(path); got != want {
		t.Errorf("baseline DSN %q differs from the journal's %q: the comparison would not be like for like", got, want)
	}
}

// TestLoadImportsEveryRow imports a real export and counts what landed, so
// the floor does the whole job backlog's import is timed against.
func TestLoadImportsEveryRow(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	store, err := journal.Open(ctx, filepath.Join(dir, "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := journaltest.Fill(ctx, store, 1, journal.DayOf(time.Now())-1, 1); err != nil {
		t.Fatal(err)
	}
	x, err := store.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	f, err := os.Create(filepath.Join(dir, "x.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.WriteJSON(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := load(filepath.Join(dir, "x.json"), filepath.Join(dir, "floor.db")); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "floor.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sessions, pain int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM pain)`).Scan(&sessions, &pain); err != nil {
		t.Fatal(err)
	}
	if sessions != len(x.Sessions) || pain != len(x.Pain) || sessions == 0 {
		t.Errorf("floor imported %d sessions and %d scores, want %d and %d", sessions, pain, len(x.Sessions), len(x.Pain))
	}
}
