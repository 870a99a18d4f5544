package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"backlog/journal"
)

var update = flag.Bool("update", false, "rewrite the golden output in testdata/script")

func TestMain(m *testing.M) {
	// Tests that start backlog themselves (to kill it, or to run it as
	// another user) run this test binary with BACKLOG_RUN_MAIN=1.
	if os.Getenv("BACKLOG_RUN_MAIN") == "1" {
		main()
	}
	testscript.Main(m, map[string]func(){"backlog": main, "holdlock": func() { os.Exit(holdLockMain()) }})
}

// TestScript runs the end-to-end scripts in testdata/script against the real
// backlog binary (the test binary re-executed as "backlog").
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			today := time.Now()
			e.Setenv("BACKLOG_DB", filepath.Join(e.WorkDir, "journal.db"))
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			e.Setenv("TODAY", today.Format(time.DateOnly))
			e.Setenv("YESTERDAY", today.AddDate(0, 0, -1).Format(time.DateOnly))
			e.Setenv("TOMORROW", today.AddDate(0, 0, 1).Format(time.DateOnly))
			fixtures, err := filepath.Abs(filepath.Join("..", "..", "journal", "testdata"))
			if err != nil {
				return err
			}
			e.Setenv("FIXTURES", fixtures)
			return nil
		},
		// [ci] holds when the CI variable is set: a test that needs a tool
		// skips without it elsewhere but must run, and so fails, in CI.
		Condition: func(cond string) (bool, error) {
			if cond == "ci" {
				return os.Getenv("CI") != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"perm":        cmdPerm,
			"count":       cmdCount,
			"waitfile":    cmdWaitFile,
			"mksqlite":    cmdMkSQLite,
			"sqlexec":     cmdSQLExec,
			"walonly":     cmdWALOnly,
			"maxwidth":    cmdMaxWidth,
			"tabcomplete": cmdTabComplete,
		},
	})
}

// cmdPerm checks a file's permission bits: perm FILE 0600.
func cmdPerm(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: perm FILE MODE")
	}
	want, err := strconv.ParseUint(args[1], 8, 32)
	ts.Check(err)
	st, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	if got := st.Mode().Perm(); (got == os.FileMode(want)) == neg {
		ts.Fatalf("%s has mode %04o, want %s%04o", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// cmdCount checks how many times a regular expression matches the last
// command's standard output: count N REGEXP.
func cmdCount(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: count N REGEXP")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	re, err := regexp.Compile("(?m)" + args[1])
	ts.Check(err)
	got := len(re.FindAllString(ts.ReadFile("stdout"), -1))
	if got != want {
		ts.Fatalf("%q matches stdout %d times, want %d", args[1], got, want)
	}
}

// cmdMaxWidth checks that no line of the last command's standard output is
// wider than N columns: maxwidth N.
func cmdMaxWidth(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: maxwidth N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	for i, line := range strings.Split(ts.ReadFile("stdout"), "\n") {
		if n := utf8.RuneCountInString(line); n > want {
			ts.Fatalf("line %d is %d columns wide, more than %d: %q", i+1, n, want, line)
		}
	}
}

// cmdWaitFile waits up to ten seconds for a file another process writes:
// waitfile FILE.
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: waitfile FILE")
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if st, err := os.Stat(ts.MkAbs(args[0])); err == nil && st.Size() > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("%s did not appear within 10s", args[0])
}

// cmdMkSQLite writes a SQLite database for the fault scripts:
// mksqlite foreign FILE makes another program's database;
// mksqlite newer FILE makes a backlog journal from a newer schema.
func cmdMkSQLite(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: mksqlite foreign|newer FILE")
	}
	path := ts.MkAbs(args[1])
	var stmts []string
	switch args[0] {
	case "foreign":
		stmts = []string{"CREATE TABLE photos (name TEXT, taken TEXT)", "INSERT INTO photos VALUES ('beach.jpg', '2025-08-01')"}
	case "newer":
		s, err := journal.Open(context.Background(), path)
		ts.Check(err)
		ts.Check(s.Close())
		stmts = []string{fmt.Sprintf("PRAGMA user_version = %d", journal.SchemaVersion()+1), "PRAGMA journal_mode = DELETE"}
	default:
		ts.Fatalf("mksqlite: unknown kind %q", args[0])
	}
	db, err := sql.Open("sqlite", path)
	ts.Check(err)
	defer db.Close()
	for _, q := range stmts {
		_, err := db.Exec(q)
		ts.Check(err)
	}
}
