package main

import (
	"database/sql"
	"path/filepath"
	"testing"

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
