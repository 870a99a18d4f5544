package journal_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"backlog/journal"
)

// snapshot is everything a person can see of a journal, as export writes it.
func snapshot(t *testing.T, s *journal.Store) string {
	t.Helper()
	x, err := s.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b []byte
	w := &byteWriter{&b}
	if err := x.WriteJSON(w); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type byteWriter struct{ b *[]byte }

func (w *byteWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }

// TestUndoTakesBackEveryKindOfChange makes one change of each kind, then
// undoes them one by one and checks that each undo restores exactly the
// journal as it was before that change.
func TestUndoTakesBackEveryKindOfChange(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var states []string
	step := func(name string, fn func() error) {
		t.Helper()
		states = append(states, snapshot(t, s))
		if err := fn(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var sess journal.Session
	wall := journal.Exercise{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps,
		Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 1}}
	step("record a session", func() (err error) {
		sess, err = s.RecordSession(ctx, journal.Session{Day: day(t, "2026-03-10"), Exercise: "plank", Dose: journal.Dose{HoldS: 20}})
		return err
	})
	step("record pain", func() error {
		_, _, err := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-10"), Score: 4, Note: "stiff"})
		return err
	})
	step("replace pain", func() error {
		_, _, err := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-10"), Score: 2})
		return err
	})
	step("edit the session", func() error {
		sess.HoldS, sess.Day, sess.Note = 25, day(t, "2026-03-09"), "moved"
		_, err := s.UpdateSession(ctx, sess)
		return err
	})
	step("add an exercise", func() error { _, err := s.AddExercise(ctx, wall); return err })
	step("edit the exercise", func() error {
		wall.Name = "Push-up against a wall"
		_, err := s.UpdateExercise(ctx, wall)
		return err
	})
	step("import", func() error {
		_, err := s.Import(ctx, journal.Rows([]journal.ImportRow{
			{Pos: "1", Session: &journal.Session{Day: day(t, "2026-03-08"), Exercise: "wall-push-up", Dose: journal.Dose{Sets: 1, Reps: 8}}},
			{Pos: "2", Pain: &journal.PainEntry{Day: day(t, "2026-03-10"), Score: 5}},
			{Pos: "3", Pain: &journal.PainEntry{Day: day(t, "2026-03-07"), Score: 3}},
		}))
		return err
	})
	step("remove the session", func() error { _, err := s.Remove(ctx, sess.ID); return err })
	step("edit a pain score", func() error {
		en, err := s.Entry(ctx, mustPainOn(t, s, "2026-03-07").ID)
		if err != nil {
			return err
		}
		en.Pain.Day, en.Pain.Score = day(t, "2026-03-06"), 1
		_, err = s.UpdatePain(ctx, *en.Pain)
		return err
	})
	mwf, err := journal.ParseDays("mon,wed,fri")
	if err != nil {
		t.Fatal(err)
	}
	step("put exercises in the routine", func() error {
		_, err := s.SetRoutine(ctx, []string{"plank", "wall-push-up"}, mwf, day(t, "2026-03-02"))
		return err
	})
	step("change the routine", func() error {
		daily, _ := journal.ParseDays("daily")
		_, err := s.SetRoutine(ctx, []string{"plank"}, daily, day(t, "2026-03-09"))
		return err
	})
	step("take one out of the routine", func() error {
		_, err := s.EndRoutine(ctx, []string{"wall-push-up"}, day(t, "2026-03-10"))
		return err
	})
	step("record several sessions at once", func() error {
		_, err := s.RecordSessions(ctx, []journal.Session{
			{Day: day(t, "2026-03-10"), Exercise: "plank", Dose: journal.Dose{HoldS: 15}},
			{Day: day(t, "2026-03-10"), Exercise: "wall-push-up", Dose: journal.Dose{Reps: 8}},
		})
		return err
	})
	final := snapshot(t, s)
	if final == states[len(states)-1] {
		t.Fatal("the last change changed nothing")
	}
	for i := len(states) - 1; i >= 0; i-- {
		c, err := s.Undo(ctx)
		if err != nil {
			t.Fatalf("undo %d: %v", i, err)
		}
		if got := snapshot(t, s); got != states[i] {
			t.Fatalf("after undoing %q the journal is\n%s\nwant\n%s", c.What, got, states[i])
		}
	}
	if _, err := s.Undo(ctx); !errors.Is(err, journal.ErrNotFound) {
		t.Errorf("undo on an empty change log: %v, want ErrNotFound", err)
	}
}

func mustPainOn(t *testing.T, s *journal.Store, d string) journal.PainEntry {
	t.Helper()
	list, err := s.Pain(context.Background(), day(t, d), day(t, d))
	if err != nil || len(list) != 1 {
		t.Fatalf("pain on %s: %v, %v", d, list, err)
	}
	return list[0]
}

func TestCorrectionsRefuseWhatCannotBe(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	wall := journal.Exercise{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps,
		Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 1}}
	if _, err := s.AddExercise(ctx, wall); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-03-01", "2026-03-02"} {
		if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, d), Exercise: "wall-push-up", Dose: journal.Dose{Reps: 8}}); err != nil {
			t.Fatal(err)
		}
	}
	a, _, _ := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-01"), Score: 4})
	if _, _, err := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-02"), Score: 5}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	var verr *journal.ValidationError
	for name, err := range map[string]error{
		"remove a used exercise": second(s.RemoveExercise(ctx, "wall-push-up")),
		"remove a built-in":      second(s.RemoveExercise(ctx, "plank")),
		"edit an unknown id":     second(s.Remove(ctx, "s0000000000000000")),
		"move pain onto a scored day": func() error {
			a.Day = day(t, "2026-03-02")
			_, err := s.UpdatePain(ctx, a)
			return err
		}(),
	} {
		if !errors.As(err, &verr) {
			t.Errorf("%s: %v, want a ValidationError", name, err)
		}
	}
	if _, err := s.RemoveExercise(ctx, "wall-push-up"); err == nil || err.Error() != "wall-push-up is used by 2 sessions; remove them first (backlog log --exercise wall-push-up lists them), or keep the exercise" {
		t.Errorf("removing a used exercise: %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("refused corrections changed the journal")
	}
}

func second[T any](_ T, err error) error { return err }

// TestMigratedJournalUndoesInRecordingOrder opens a version 1 journal, whose
// entries predate the change log, and checks that undo still takes back its
// entries newest first, by their recording numbers.
func TestMigratedJournalUndoesInRecordingOrder(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/journal.db"
	copyFile(t, v1Fixture, path)
	s := openAt(t, path)
	var got []string
	for range 3 {
		c, err := s.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Undo)
	}
	want := []string{"Removed pain 2/10 for 2025-01-30.", "Removed bird-dog on 2025-01-29.", "Removed pain 2/10 for 2025-01-29."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("undo took back %q, want %q", got, want)
	}
	list, err := s.Sessions(ctx, journal.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if last := list[len(list)-1]; last.ID != "s027" {
		t.Errorf("the newest session left is %s, want s027", last.ID)
	}
}

// TestEntriesByTheStartOfTheirID checks that edit and rm take the short ids
// log shows, and refuse a start that names more than one entry.
func TestEntriesByTheStartOfTheirID(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ids := []string{"s0123456789abcdef", "s0123999999999999"}
	s.NewID = func(string) string { id := ids[0]; ids = ids[1:]; return id }
	for _, d := range []string{"2026-03-01", "2026-03-02"} {
		if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, d), Exercise: "plank", Dose: journal.Dose{HoldS: 20}}); err != nil {
			t.Fatal(err)
		}
	}
	if got := journal.ShortID("s0123456789abcdef"); got != "s01234567" {
		t.Errorf("ShortID = %q", got)
	}
	en, err := s.Entry(ctx, "s01234567")
	if err != nil || en.Session == nil || en.Session.ID != "s0123456789abcdef" {
		t.Errorf("Entry(s01234567) = %+v, %v", en, err)
	}
	var verr *journal.ValidationError
	if _, err := s.Remove(ctx, "s0123"); !errors.As(err, &verr) || !strings.Contains(err.Error(), "more than one") {
		t.Errorf("Remove(s0123) = %v, want a refusal naming the ambiguity", err)
	}
	if list, _ := s.Sessions(ctx, journal.SessionFilter{}); len(list) != 2 {
		t.Errorf("%d sessions after a refused remove", len(list))
	}
}

// TestJournalWithoutTheChangeLogMigrates builds a journal as a backlog
// without the change log left it (migrations 0001 to 0004, at
// schema version 4), opens it, and checks that it migrates and that undo
// takes back its newest entry, then a new change.
func TestJournalWithoutTheChangeLogMigrates(t *testing.T) {
	ctx := context.Background()
	path := journalAtVersion(t, 4,
		`INSERT INTO sessions (id, seq, day, exercise, sets, reps, recorded_at) VALUES ('s1', 1, '2026-03-01', 'cat-cow', 1, 5, '2026-03-01T08:00:00Z')`,
		`INSERT INTO pain (day, id, seq, score, recorded_at) VALUES ('2026-03-01', 'p1', 2, 4, '2026-03-01T09:00:00Z')`)
	s := openAt(t, path)
	if _, err := s.RecordSession(ctx, journal.Session{Day: day(t, "2026-03-02"), Exercise: "plank", Dose: journal.Dose{HoldS: 20}}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 3 {
		c, err := s.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Undo)
	}
	want := []string{"Removed plank: 20 s hold on 2026-03-02.", "Removed pain 4/10 for 2026-03-01.", "Removed cat-cow on 2026-03-01."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("undo took back %q, want %q", got, want)
	}
}

// TestVersion5MigratesToTheLighterSchema builds a journal at schema version
// 5 (stored change-log triggers, seq beside the rowid), opens it, and checks
// that version 6 keeps every entry, makes seq the rowid, leaves only the
// batch trigger in the stored schema, and that edits, removals and their
// undo still work through the change log's TEMP triggers.
func TestVersion5MigratesToTheLighterSchema(t *testing.T) {
	ctx := context.Background()
	path := journalAtVersion(t, 5,
		`INSERT INTO sessions (id, seq, day, exercise, sets, reps, recorded_at) VALUES ('s1', 3, '2026-03-01', 'cat-cow', 1, 5, '2026-03-01T08:00:00Z')`,
		`INSERT INTO sessions (id, seq, day, exercise, sets, reps, note, recorded_at) VALUES ('s2', 1, '2026-02-27', 'cat-cow', 2, 6, 'first', '2026-02-27T08:00:00Z')`,
		`INSERT INTO pain (day, id, seq, score, recorded_at) VALUES ('2026-03-01', 'p1', 2, 4, '2026-03-01T09:00:00Z')`,
		`INSERT INTO changes (seq, kind, what, undo, made_at, floor) VALUES (3, 'record', 'recorded cat-cow', 'Removed cat-cow on 2026-03-01.', '2026-03-01T08:00:00Z', 2)`)
	before := dump(t, path)
	s := openAt(t, path)
	if after := dump(t, path); strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("migration changed the data:\nbefore %q\nafter  %q", before, after)
	}

	ro, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var triggers string
	if err := ro.QueryRow(`SELECT group_concat(name) FROM sqlite_master WHERE type = 'trigger'`).Scan(&triggers); err != nil {
		t.Fatal(err)
	}
	if triggers != "session_batches_follow" {
		t.Errorf("stored triggers %q, want only session_batches_follow", triggers)
	}
	var notRowid int
	if err := ro.QueryRow(`SELECT count(*) FROM sessions WHERE rowid <> seq`).Scan(&notRowid); err != nil || notRowid != 0 {
		t.Errorf("%d sessions whose seq is not their rowid (%v)", notRowid, err)
	}

	old, err := s.Entry(ctx, "s2")
	if err != nil {
		t.Fatal(err)
	}
	edited := *old.Session
	edited.Reps, edited.Note = 9, "edited"
	if _, err := s.UpdateSession(ctx, edited); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := s.Undo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if after := dump(t, path); strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("an edit and a removal, undone, left:\n%q\nwant\n%q", after, before)
	}
}

// journalAtVersion writes a journal as the backlog of that schema version
// left it, running the first version migrations, and then the given
// statements, and returns its path.
func journalAtVersion(t *testing.T, version int, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(names) < version {
		t.Fatalf("%d migrations (%v), want at least %d", len(names), err, version)
	}
	sort.Strings(names)
	for _, name := range names[:version] {
		script, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(script)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	stmts = append([]string{fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", version, journal.ApplicationID)}, stmts...)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
