package journal_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"backlog/journal"
)

// filled returns a store with a custom exercise, sessions with and without
// pain during and notes with commas and quotes, and pain with a replaced day.
func filled(t *testing.T) *journal.Store {
	t.Helper()
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.AddExercise(ctx, journal.Exercise{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps,
		Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 1}}); err != nil {
		t.Fatal(err)
	}
	three := 3
	for _, sess := range []journal.Session{
		{Day: day(t, "2026-03-01"), Exercise: "bird-dog", Dose: journal.Dose{Reps: 6, HoldS: 10}, PainDuring: &three, Note: `tight, but "ok"`},
		{Day: day(t, "2026-03-02"), Exercise: "wall-push-up", Dose: journal.Dose{Reps: 9, Sets: 2}, Note: "line one\nline two"},
		{Day: day(t, "2026-03-02"), Exercise: "walking", Dose: journal.Dose{Minutes: 25}},
	} {
		if _, err := s.RecordSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []journal.PainEntry{{Day: day(t, "2026-03-01"), Score: 5, Note: "ä, ß and 痛"}, {Day: day(t, "2026-03-02"), Score: 4}, {Day: day(t, "2026-03-02"), Score: 3}} {
		if _, _, err := s.RecordPain(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func exportOf(t *testing.T, s *journal.Store, format string) []byte {
	t.Helper()
	x, err := s.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if format == "csv" {
		err = x.WriteCSV(&buf)
	} else {
		err = x.WriteJSON(&buf)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importInto(t *testing.T, s *journal.Store, data []byte) (journal.ImportResult, error) {
	t.Helper()
	return s.Import(context.Background(), journal.ReadImport(bytes.NewReader(data)))
}

func TestExportImportRoundTrips(t *testing.T) {
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			first := exportOf(t, filled(t), format)
			empty := openTest(t)
			res, err := importInto(t, empty, first)
			if err != nil {
				t.Fatal(err)
			}
			if res.Sessions != 3 || res.Pain != 2 || res.Exercises != 1 || res.Replaced != 0 {
				t.Errorf("import result %+v, want 3 sessions, 2 pain scores, 1 exercise", res)
			}
			if second := exportOf(t, empty, format); !bytes.Equal(first, second) {
				t.Errorf("export → import → export differs:\n%s\n----\n%s", first, second)
			}
			again, err := importInto(t, empty, first)
			if err != nil || again.Sessions+again.Pain+again.Exercises != 0 || again.Present != 6 {
				t.Errorf("importing again: %+v, %v; want nothing added, 6 present", again, err)
			}
		})
	}
}

func TestImportSpreadsheetCSV(t *testing.T) {
	s := openTest(t)
	if _, _, err := s.RecordPain(context.Background(), journal.PainEntry{Day: day(t, "2026-03-03"), Score: 6}); err != nil {
		t.Fatal(err)
	}
	// A BOM, CRLF line ends, a reordered header without kind or id, quoted
	// commas and quotes, and blank lines, as a spreadsheet saves them.
	csv := "\xEF\xBB\xBFday,exercise,reps,hold_s,score,note\r\n" +
		"2026-03-01,bird dog,6,10,,\"slow, steady \"\"good\"\"\"\r\n" +
		"\r\n" +
		",,,,,\r\n" +
		"2026-03-02,,,,4,\r\n" +
		"2026-03-03,,,,2,better\r\n"
	res, err := importInto(t, s, []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if res.Sessions != 1 || res.Pain != 2 || res.Replaced != 1 {
		t.Errorf("import result %+v, want 1 session, 2 pain scores, 1 replaced day", res)
	}
	list, _ := s.Sessions(context.Background(), journal.SessionFilter{})
	if len(list) != 1 || list[0].Note != `slow, steady "good"` || list[0].Exercise != "bird-dog" || list[0].ID == "" {
		t.Errorf("imported session %+v", list)
	}
	assertPain(t, s, day(t, "2026-03-03"), 2)
}

func TestImportIsAllOrNothing(t *testing.T) {
	s := filled(t)
	before := exportOf(t, s, "json")
	csv := "kind,id,day,exercise,reps,minutes,score\n" +
		"session,,2026-03-04,cat-cow,6,,\n" + // fine
		"session,,2026-03-04,juggling,6,,\n" + // unknown exercise
		"pain,,2026-03-04,,,,11\n" + // out of range
		"pain,,2026-13-01,,,,3\n" + // not a date
		"session,,2099-01-01,walking,,20,\n" + // future
		"session,,2026-03-04,walking,5,,\n" + // reps for a timed exercise
		"pain,,2026-03-05,,,,four\n"
	_, err := importInto(t, s, []byte(csv))
	var verr *journal.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("error %v, want a ValidationError", err)
	}
	if len(verr.Details) != 6 {
		t.Errorf("%d problems reported, want 6:\n%s", len(verr.Details), strings.Join(verr.Details, "\n"))
	}
	for _, want := range []string{"line 3:", "line 4:", "line 5:", "line 6:", "line 7:", "line 8:"} {
		if !strings.Contains(strings.Join(verr.Details, "\n"), want) {
			t.Errorf("no problem reported at %s:\n%s", want, strings.Join(verr.Details, "\n"))
		}
	}
	if after := exportOf(t, s, "json"); !bytes.Equal(before, after) {
		t.Error("a refused import changed the journal")
	}
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	s := filled(t)
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	copied := openAt(t, path)
	if !bytes.Equal(exportOf(t, s, "json"), exportOf(t, copied, "json")) {
		t.Error("the backup holds different entries")
	}
	var verr *journal.ValidationError
	if err := s.Backup(context.Background(), path); !errors.As(err, &verr) {
		t.Errorf("backing up over an existing file: %v, want a refusal", err)
	}
}

// TestCSVGuardsFormulasReversibly exports notes a spreadsheet would run as
// formulas, or that look like the guard itself, and checks that no cell of
// the CSV starts a formula and that import gives every note back exactly.
func TestCSVGuardsFormulasReversibly(t *testing.T) {
	ctx := context.Background()
	notes := []string{"=1+1", "+1", "-1", "@SUM(A1)", "'=1", "''=1", "'tis fine", "'", "''", "=", "plain", "a=b", "'-'"}
	s := openTest(t)
	for i, note := range notes {
		sess := journal.Session{Day: day(t, "2026-02-01") + journal.Day(i), Exercise: "cat-cow", Dose: journal.Dose{Reps: 5}, Note: note}
		if _, err := s.RecordSession(ctx, sess); err != nil {
			t.Fatalf("%q: %v", note, err)
		}
	}
	first := exportOf(t, s, "csv")
	for _, line := range strings.Split(string(first), "\n") {
		for _, cell := range strings.Split(line, ",") {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q of line %q starts a formula", cell, line)
			}
		}
	}
	again := openTest(t)
	if _, err := importInto(t, again, first); err != nil {
		t.Fatal(err)
	}
	sessions, err := again.Sessions(ctx, journal.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, sess := range sessions {
		if sess.Note != notes[i] {
			t.Errorf("note %q came back as %q", notes[i], sess.Note)
		}
	}
	if second := exportOf(t, again, "csv"); !bytes.Equal(first, second) {
		t.Errorf("the CSV round trip differs:\n%s\n----\n%s", first, second)
	}
}

// TestImportKeepsTheSessionIndexes checks that an import into a journal with
// few sessions, which builds the day and exercise indexes once at the end,
// leaves them exactly as the schema defines them, and uses them: whether the
// import succeeds, is refused or is a dry run.
func TestImportKeepsTheSessionIndexes(t *testing.T) {
	ctx := context.Background()
	data := exportOf(t, filled(t), "json")
	indexes := func(s *journal.Store) string {
		t.Helper()
		db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var got string
		if err := db.QueryRow(`SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master
			WHERE type = 'index' AND tbl_name = 'sessions' AND sql IS NOT NULL ORDER BY name)`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	s := openTest(t)
	want := indexes(s)
	if !strings.Contains(want, "sessions_by_day") || !strings.Contains(want, "sessions_by_exercise") {
		t.Fatalf("a new journal's session indexes: %q", want)
	}
	if _, err := s.ImportDryRun(ctx, journal.ReadImport(bytes.NewReader(data))); err != nil {
		t.Fatal(err)
	}
	if got := indexes(s); got != want {
		t.Errorf("after a dry run the indexes are %q, want %q", got, want)
	}
	if _, err := importInto(t, s, append(bytes.Clone(data[:len(data)-2]), "x}"...)); err == nil {
		t.Fatal("a damaged file was imported")
	}
	if got := indexes(s); got != want {
		t.Errorf("after a refused import the indexes are %q, want %q", got, want)
	}
	if _, err := importInto(t, s, data); err != nil {
		t.Fatal(err)
	}
	if got := indexes(s); got != want {
		t.Errorf("after an import the indexes are %q, want %q", got, want)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check after the import: %v %v", problems, err)
	}
	list, err := s.Sessions(ctx, journal.SessionFilter{Exercise: "bird-dog"})
	if err != nil || len(list) != 1 {
		t.Errorf("bird-dog sessions after the import: %v %v", list, err)
	}
}
