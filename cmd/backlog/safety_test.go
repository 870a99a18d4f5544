package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"backlog/journal"
)

// cmdSQLExec runs SQL on a SQLite file directly, as another program (or an
// older backlog) could have: sqlexec FILE SQL.
func cmdSQLExec(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: sqlexec FILE SQL")
	}
	db, err := sql.Open("sqlite", journal.DSN(ts.MkAbs(args[0])))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(args[1])
	ts.Check(err)
}

// cmdWALOnly runs SQL on a journal and leaves the change only in its -wal
// file, the way a command killed with SIGKILL after its commit leaves it:
// walonly FILE SQL.
func cmdWALOnly(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: walonly FILE SQL")
	}
	path := ts.MkAbs(args[0])
	db, err := sql.Open("sqlite", journal.DSN(path))
	ts.Check(err)
	db.SetMaxOpenConns(1)
	_, err = db.Exec("PRAGMA wal_autocheckpoint = 0")
	ts.Check(err)
	_, err = db.Exec(args[1])
	ts.Check(err)
	// Copy the files while the connection is open: the main file without the
	// change, the -wal with it. Closing checkpoints; the copies go back.
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(path + suffix)
		ts.Check(err)
		ts.Check(os.WriteFile(path+suffix+".kept", data, 0o600))
	}
	ts.Check(db.Close())
	for _, suffix := range []string{"", "-wal"} {
		ts.Check(os.Rename(path+suffix+".kept", path+suffix))
	}
}

// cmdGenImport writes a CSV import of N sessions, one a minute apart in
// recorded time, on days before 2020: genimport FILE N.
func cmdGenImport(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: genimport FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "kind,id,day,exercise,reps,note")
	start := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(w, "session,gen%07d,%s,cat-cow,%d,imported row %d\n", i, start.AddDate(0, 0, i/10).Format(time.DateOnly), 5+i%5, i)
	}
	ts.Check(w.Flush())
	ts.Check(f.Close())
}

// holdLockMain is the program "holdlock FILE SECONDS": it takes the journal's
// write lock, writes FILE.locked, and holds the lock that long, as a long
// import does.
func holdLockMain() int {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: holdlock FILE SECONDS")
		return 2
	}
	secs, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	db, err := sql.Open("sqlite", journal.DSN(os.Args[1]))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE pain SET note = note"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := os.WriteFile(os.Args[1]+".locked", []byte("locked\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	time.Sleep(time.Duration(secs) * time.Second)
	return 0
}
