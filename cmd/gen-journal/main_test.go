package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

// TestJSONImportsAsTheJournal checks that the export gen-journal writes is
// one backlog imports whole, with the notes asked for, and that a journal
// written directly holds the same entries.
func TestJSONImportsAsTheJournal(t *testing.T) {
	dir := t.TempDir()
	file, db := filepath.Join(dir, "one.json"), filepath.Join(dir, "one.db")
	if code := run([]string{"-years", "1", "-notes", "100", "-json", "-out", file}, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if code := run([]string{"-years", "1", "-notes", "100", "-json", "-out", file}, io.Discard); code != 1 {
		t.Errorf("writing over %s: exit %d, want 1", file, code)
	}
	if code := run([]string{"-years", "1", "-notes", "100", "-out", db}, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	sessions, pain := journaltest.Generate(1, journal.DayOf(time.Now())-1, 1)

	ctx := context.Background()
	store, err := journal.Open(ctx, filepath.Join(dir, "imported.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := store.Import(ctx, journal.ReadImport(f))
	if err != nil {
		t.Fatal(err)
	}
	if res.Sessions != len(sessions) || res.Pain != len(pain) {
		t.Errorf("imported %d sessions and %d pain scores, want %d and %d", res.Sessions, res.Pain, len(sessions), len(pain))
	}
	direct, err := journal.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	for _, s := range []*journal.Store{store, direct} {
		x, err := s.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Sessions) != len(sessions) || len(x.Pain) != len(pain) {
			t.Fatalf("%s: %d sessions and %d pain scores, want %d and %d", s.Path(), len(x.Sessions), len(x.Pain), len(sessions), len(pain))
		}
		for _, sess := range x.Sessions {
			if len(sess.Note) != 100 {
				t.Fatalf("%s: session %s has a note of %d bytes, want 100", s.Path(), sess.ID, len(sess.Note))
			}
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-years", "51", "-out", "x"}, {"-notes", "2001", "-out", "x"}, {"-years", "0", "-out", "x"}} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("gen-journal %v: exit %d, want 2", args, code)
		}
	}
}
