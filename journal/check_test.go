package journal_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"backlog/journal"
)

func TestCheckFindsDomainProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s := openAt(t, path)
	ctx := context.Background()
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("a new journal has problems: %v %v", problems, err)
	}
	// Another tool wrote rows backlog itself would refuse.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO sessions VALUES ('x1', 100, '2026-03-01', 'juggling', 1, 5, 0, 0, NULL, '', '2026-03-01T00:00:00Z')`,
		`INSERT INTO sessions VALUES ('x2', 101, '2026-03-01', 'walking', 1, 5, 0, 0, NULL, '', '2026-03-01T00:00:00Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(problems, "\n")
	if len(problems) != 2 || !strings.Contains(got, `session x1 on 2026-03-01: unknown exercise "juggling"`) || !strings.Contains(got, "session x2") {
		t.Errorf("problems:\n%s\nwant the unknown exercise and the walk dosed in reps", got)
	}
}

func TestCheckFindsADamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s := filled(t)
	if err := s.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over the second page, where the tables' rows start.
	for i := 4096 + 8; i < 4096+600 && i < len(b); i++ {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	damaged, err := journal.Open(context.Background(), path)
	if err != nil {
		return // refusing to open a damaged file is also a verdict
	}
	defer damaged.Close()
	problems, err := damaged.Check(context.Background())
	if err == nil && len(problems) == 0 {
		t.Error("check called a damaged file sound")
	}
}
