package journal_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"backlog/journal"
)

var makeV1 = flag.Bool("make-v1-fixture", false, "write testdata/journal-v1.db with the first schema")

// v1Fixture is a journal written by backlog's first schema, committed so
// every later schema is tested against real old data. It is made by
// TestMakeV1Fixture with -make-v1-fixture, from migrations/0001_init.sql
// alone.
var v1Fixture = filepath.Join("testdata", "journal-v1.db")

func TestMakeV1Fixture(t *testing.T) {
	if !*makeV1 {
		t.Skip("run with -make-v1-fixture to rewrite " + v1Fixture)
	}
	os.Remove(v1Fixture)
	db, err := sql.Open("sqlite", v1Fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema, err := os.ReadFile(filepath.Join("migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{string(schema), fmt.Sprintf("PRAGMA user_version = 1; PRAGMA application_id = %d", journal.ApplicationID),
		`INSERT INTO exercises VALUES ('wall-push-up', '{"slug":"wall-push-up","name":"Wall push-up","category":"core","region":"chest","kind":"reps","per_side":false,"start":{"reps":8},"ceiling":{"reps":15},"step":{"reps":1},"how_to":"","custom":true}', '2025-01-02T08:00:00.000000000Z')`}
	seq := 0
	for d := 0; d < 30; d++ {
		day := fmt.Sprintf("2025-01-%02d", d+1)
		seq++
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO pain VALUES ('%s', 'p%03d', %d, %d, '%s', '%sT20:00:00.000000000Z')`, day, d, seq, 6-d/6, map[bool]string{true: "stiff morning", false: ""}[d%7 == 0], day))
		if d%3 != 2 {
			seq++
			during := "NULL"
			if d%4 == 0 {
				during = fmt.Sprint(d % 6)
			}
			stmts = append(stmts, fmt.Sprintf(`INSERT INTO sessions VALUES ('s%03d', %d, '%s', 'bird-dog', 1, %d, 10, 0, %s, '', '%sT18:00:00.000000000Z')`, d, seq, day, 5+d/10, during, day))
		}
		if d%5 == 0 {
			seq++
			stmts = append(stmts, fmt.Sprintf(`INSERT INTO sessions VALUES ('w%03d', %d, '%s', 'wall-push-up', 2, 9, 0, 0, NULL, 'it''s fine, "really"', '%sT19:00:00.000000000Z')`, d, seq, day, day))
		}
	}
	stmts = append(stmts, `INSERT INTO pain_replaced VALUES ('p-old', '2025-01-05', 7, 'first guess', '2025-01-05T09:00:00.000000000Z', 999, 'p004')`)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// dump lists every row of every table, as text, from a journal of any
// schema.
func dump(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, q := range []string{
		"SELECT slug, definition, created_at FROM exercises ORDER BY slug",
		"SELECT id, seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at FROM sessions ORDER BY id",
		"SELECT day, id, seq, score, note, recorded_at FROM pain ORDER BY day",
		"SELECT id, day, score, note, recorded_at, seq, replaced_by FROM pain_replaced ORDER BY id",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals...))
		}
		rows.Close()
	}
	return out
}

func TestVersion1MigratesInPlaceWithoutLoss(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	copyFile(t, v1Fixture, path)
	before := dump(t, path)
	if len(before) < 50 {
		t.Fatalf("the fixture has only %d rows", len(before))
	}
	s := openAt(t, path)
	after := dump(t, path)
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("migration changed the data:\nbefore %d rows, after %d rows", len(before), len(after))
	}
	var v int
	db, _ := sql.Open("sqlite", "file:"+path+"?mode=ro")
	defer db.Close()
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != journal.SchemaVersion() {
		t.Errorf("user_version %d (%v) after migration, want %d", v, err, journal.SchemaVersion())
	}
	problems, err := s.Check(context.Background())
	if err != nil || len(problems) > 0 {
		t.Errorf("check after migration: %v %v", problems, err)
	}
	// The bounds version 2 added hold.
	rw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if _, err := rw.Exec(`INSERT INTO sessions VALUES ('x', 5000, '2025-02-01', 'bird-dog', 1000, 5, 5, 0, NULL, '', '2025-02-01T00:00:00Z')`); err == nil {
		t.Error("version 2 accepted 1000 sets")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
