package journal_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"backlog/journal"
)

// clock is a fixed "now" for stores under test: 2026-03-10 18:00 local.
var clock = time.Date(2026, 3, 10, 18, 0, 0, 0, time.Local)

func openTest(t *testing.T) *journal.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "journal.db"))
}

func openAt(t *testing.T, path string) *journal.Store {
	t.Helper()
	s, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	now := clock
	s.Now = func() time.Time { now = now.Add(time.Second); return now }
	return s
}

func day(t *testing.T, s string) journal.Day {
	t.Helper()
	d, err := journal.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "backlog")
	path := filepath.Join(dir, "backlog.db")
	openAt(t, path)
	for _, tc := range []struct {
		path string
		mode os.FileMode
	}{{dir, 0o700}, {path, 0o600}} {
		st, err := os.Stat(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != tc.mode {
			t.Errorf("%s has mode %o, want %o", tc.path, got, tc.mode)
		}
	}
}

func TestRecordSessionStoresTheDose(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	pain := 3
	got, err := s.RecordSession(ctx, journal.Session{Day: day(t, "2026-03-09"), Exercise: "bird dog",
		Dose: journal.Dose{Reps: 8, HoldS: 10}, PainDuring: &pain, Note: "  steady  "})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == "" || got.Exercise != "bird-dog" || got.Sets != 1 || got.Note != "steady" {
		t.Errorf("recorded %+v: want an id, slug bird-dog, 1 set and a trimmed note", got)
	}
	list, err := s.Sessions(ctx, journal.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("%d sessions stored, want 1", len(list))
	}
	back := list[0]
	if back.ID != got.ID || back.Day != got.Day || back.Dose != got.Dose || *back.PainDuring != 3 || !back.RecordedAt.Equal(got.RecordedAt) {
		t.Errorf("read back %+v, want %+v", back, got)
	}
}

func TestRecordSessionRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	tooMuch := 11
	for name, sess := range map[string]journal.Session{
		"unknown exercise":  {Day: day(t, "2026-03-09"), Exercise: "juggling", Dose: journal.Dose{Reps: 3}},
		"zero reps":         {Day: day(t, "2026-03-09"), Exercise: "cat-cow", Dose: journal.Dose{Reps: 0}},
		"negative reps":     {Day: day(t, "2026-03-09"), Exercise: "cat-cow", Dose: journal.Dose{Reps: -3}},
		"hold on reps":      {Day: day(t, "2026-03-09"), Exercise: "cat-cow", Dose: journal.Dose{Reps: 5, HoldS: 5}},
		"reps on minutes":   {Day: day(t, "2026-03-09"), Exercise: "walking", Dose: journal.Dose{Reps: 5}},
		"no hold":           {Day: day(t, "2026-03-09"), Exercise: "plank", Dose: journal.Dose{}},
		"tomorrow":          {Day: day(t, "2026-03-11"), Exercise: "plank", Dose: journal.Dose{HoldS: 20}},
		"pain during of 11": {Day: day(t, "2026-03-09"), Exercise: "plank", Dose: journal.Dose{HoldS: 20}, PainDuring: &tooMuch},
	} {
		_, err := s.RecordSession(ctx, sess)
		var verr *journal.ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("%s: error %v, want a ValidationError", name, err)
		}
	}
	if list, err := s.Sessions(ctx, journal.SessionFilter{}); err != nil || len(list) != 0 {
		t.Errorf("after refused input the journal holds %d sessions (%v), want none", len(list), err)
	}
}

func TestRecordPainReplacesAndUndoRestores(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	d := day(t, "2026-03-10")
	first, replaced, err := s.RecordPain(ctx, journal.PainEntry{Day: d, Score: 6, Note: "bad night"})
	if err != nil || replaced != nil {
		t.Fatalf("first score: replaced %v, err %v", replaced, err)
	}
	_, replaced, err = s.RecordPain(ctx, journal.PainEntry{Day: d, Score: 3})
	if err != nil {
		t.Fatal(err)
	}
	if replaced == nil || replaced.Score != 6 || replaced.ID != first.ID {
		t.Fatalf("second score replaced %+v, want the first entry", replaced)
	}
	assertPain(t, s, d, 3)

	u, err := s.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Removed pain 3/10 for 2026-03-10; the earlier 6/10 is back."; u.Undo != want {
		t.Fatalf("undo says %q, want %q", u.Undo, want)
	}
	assertPain(t, s, d, 6)
	list, _ := s.Pain(ctx, 0, 0)
	if list[0].ID != first.ID || list[0].Note != "bad night" {
		t.Errorf("restored entry %+v, want the original id and note", list[0])
	}
}

func assertPain(t *testing.T, s *journal.Store, d journal.Day, score int) {
	t.Helper()
	list, err := s.Pain(context.Background(), d, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Score != score {
		t.Fatalf("pain on %s = %+v, want one score of %d", d, list, score)
	}
}

func TestUndoRemovesTheLatestEntryFirst(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	// Recorded out of day order: undo follows recording order, not days.
	if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, "2026-03-10"), Exercise: "plank", Dose: journal.Dose{HoldS: 20}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-10"), Score: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, "2026-03-01"), Exercise: "walking", Dose: journal.Dose{Minutes: 15}}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		u, err := s.Undo(ctx)
		if errors.Is(err, journal.ErrNotFound) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, u.What)
	}
	if want := fmt.Sprint([]string{"recorded walking: 15 min on 2026-03-01", "recorded pain 2/10 for 2026-03-10", "recorded plank: 20 s hold on 2026-03-10"}); fmt.Sprint(got) != want {
		t.Errorf("undo order %v, want %s", got, want)
	}
}

func TestCustomExercises(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ex := journal.Exercise{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps,
		Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 1}}
	if _, err := s.AddExercise(ctx, ex); err != nil {
		t.Fatal(err)
	}
	for _, clash := range []journal.Exercise{ex, {Slug: "birddog", Name: "x", Category: journal.Core, Kind: journal.Reps,
		Start: journal.Dose{Reps: 1}, Goal: journal.Dose{Reps: 2}, Step: journal.Dose{Reps: 1}}} {
		var verr *journal.ValidationError
		if _, err := s.AddExercise(ctx, clash); !errors.As(err, &verr) {
			t.Errorf("adding %s again: %v, want a ValidationError", clash.Slug, err)
		}
	}
	if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, "2026-03-10"), Exercise: "wall push up", Dose: journal.Dose{Reps: 9}}); err != nil {
		t.Fatal(err)
	}
	catalog, err := s.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := catalog.Lookup("Wall push-up")
	if err != nil || !got.Custom || got.Goal.Reps != 15 {
		t.Errorf("custom exercise read back as %+v, %v", got, err)
	}
}

// fileOf returns the bytes of path, failing the test if it cannot be read.
func fileOf(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('cat.jpg')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	random := filepath.Join(dir, "random.db")
	if err := os.WriteFile(random, bytes.Repeat([]byte("not sqlite at all "), 500), 0o600); err != nil {
		t.Fatal(err)
	}
	otherApp := filepath.Join(dir, "other-app.db")
	db, _ = sql.Open("sqlite", otherApp)
	if _, err := db.Exec(`PRAGMA application_id = 42; CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for _, path := range []string{foreign, random, otherApp} {
		before := fileOf(t, path)
		_, err := journal.Open(context.Background(), path)
		if !errors.Is(err, journal.ErrNotJournal) {
			t.Errorf("Open(%s) = %v, want ErrNotJournal", filepath.Base(path), err)
		}
		if !bytes.Equal(before, fileOf(t, path)) {
			t.Errorf("Open(%s) changed the file", filepath.Base(path))
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("Open(%s) left a WAL file", filepath.Base(path))
		}
	}
}

func TestOpenRefusesANewerSchemaUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", journal.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileOf(t, path)
	if _, err := journal.Open(context.Background(), path); !errors.Is(err, journal.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	if !bytes.Equal(before, fileOf(t, path)) {
		t.Error("refusing a newer schema changed the file")
	}
}

func TestOpenInitialisesAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openAt(t, path)
	if _, _, err := s.RecordPain(context.Background(), journal.PainEntry{Day: day(t, "2026-03-10"), Score: 1}); err != nil {
		t.Fatal(err)
	}
}

func TestPainSinceKeepsTheFirstWeeks(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for d := day(t, "2026-01-01"); d <= day(t, "2026-03-10"); d++ {
		if _, _, err := s.RecordPain(ctx, journal.PainEntry{Day: d, Score: int(d) % 11}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		since, until string
		want         int
	}{
		{"2026-03-01", "2026-03-10", 14 + 10},
		{"2026-01-10", "2026-01-20", 20}, // the ranges meet: one run from the first day
		{"2026-04-01", "2026-04-30", 14},
	} {
		got, err := s.PainSince(ctx, day(t, tc.since), day(t, tc.until), 14)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want || got[0].Day != day(t, "2026-01-01") {
			t.Errorf("PainSince(%s, %s) = %d entries from %s, want %d from 2026-01-01", tc.since, tc.until, len(got), got[0].Day, tc.want)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Day <= got[i-1].Day {
				t.Fatalf("entries out of order at %d", i)
			}
		}
	}
	if got, err := openTest(t).PainSince(ctx, day(t, "2026-03-01"), day(t, "2026-03-10"), 14); err != nil || got != nil {
		t.Errorf("an empty journal gave %v, %v", got, err)
	}
}

func TestSessionsPerDay(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, d := range []string{"2026-03-01", "2026-03-01", "2026-03-01", "2026-03-05", "2026-03-08", "2026-03-08", "2026-03-10"} {
		if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, d), Exercise: "cat-cow", Dose: journal.Dose{Reps: 5}}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.SessionsPerDay(ctx, day(t, "2026-03-05"), day(t, "2026-03-09"))
	if err != nil {
		t.Fatal(err)
	}
	want := "[{2026-03-01 1} {2026-03-05 1} {2026-03-08 2}]" // counts from 5 March; the 10th is after until
	if fmt.Sprint(got) != want {
		t.Errorf("SessionsPerDay = %v, want %s", got, want)
	}
}

// TestRecordPlannedPlansUnderTheWriteLock checks that RecordPlanned reads the
// history and plans inside the transaction that records: while plan runs, no
// other connection can begin writing, so two sessions recorded at once are
// each planned from a journal holding the other. It checks too that plan
// sees the history asked for, and that an error from plan records nothing.
func TestRecordPlannedPlansUnderTheWriteLock(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, d := range []string{"2026-03-01", "2026-03-03"} {
		if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, d), Exercise: "bird-dog", Dose: journal.Dose{Reps: 6, HoldS: 5}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-02"), Score: 4}); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+s.Path()+"?_busy_timeout=0&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	var seen string
	sess, err := s.RecordPlanned(ctx, "bird-dog", day(t, "2026-03-02"), day(t, "2026-03-01"), day(t, "2026-03-04"),
		func(sessions []journal.Session, pain []journal.PainEntry) (journal.Session, error) {
			seen = fmt.Sprintf("%d sessions, %d pain scores", len(sessions), len(pain))
			tx, err := other.Begin()
			if err == nil {
				tx.Rollback()
				return journal.Session{}, errors.New("another connection began writing while the session was planned")
			}
			return journal.Session{Day: day(t, "2026-03-04"), Exercise: "bird-dog", Dose: journal.Dose{Reps: 7, HoldS: 5}}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if seen != "1 sessions, 1 pain scores" {
		t.Errorf("plan saw %s, want the session of 03-03 and the score of 03-02", seen)
	}
	if sess.ID == "" || sess.Dose.Reps != 7 {
		t.Errorf("recorded %+v", sess)
	}
	refused := errors.New("refused")
	if _, err := s.RecordPlanned(ctx, "bird-dog", day(t, "2026-03-01"), day(t, "2026-03-01"), day(t, "2026-03-04"),
		func([]journal.Session, []journal.PainEntry) (journal.Session, error) {
			return journal.Session{Day: day(t, "2026-03-04"), Exercise: "bird-dog", Dose: journal.Dose{Reps: 8, HoldS: 5}}, refused
		}); !errors.Is(err, refused) {
		t.Errorf("error %v, want plan's", err)
	}
	if list, err := s.Sessions(ctx, journal.SessionFilter{}); err != nil || len(list) != 3 {
		t.Errorf("%d sessions (%v), want 3", len(list), err)
	}
	// Once recorded, the lock is free again.
	tx, err := other.Begin()
	if err != nil {
		t.Fatalf("the write lock is still held after recording: %v", err)
	}
	tx.Rollback()
}
