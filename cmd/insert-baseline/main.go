// Command insert-baseline is the yardstick for backlog's recording speed: the
// least a Go program can do to record one entry, namely open a SQLite file
// with backlog's connection settings and insert one row. Benchmarks time
// "backlog done" against it side by side.
//
// With -journal it writes into a backlog journal the rows "backlog done"
// must write, and no more: one session, numbered after every entry, and the
// change-log row undo reads, in one transaction. What "backlog done" spends
// beyond that is everything but storage: starting up, checking the file,
// reading the history the dose is planned from, and planning it.
//
//	insert-baseline FILE
//	insert-baseline -journal JOURNAL
package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	_ "modernc.org/sqlite"
)

// settings must match journal's connection settings; a test checks it.
const settings = "_busy_timeout=300000&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1&_txlock=immediate"

func dsn(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + settings
}

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// run inserts the row and returns the exit status.
func run(args []string, stderr io.Writer) int {
	write := insert
	if len(args) == 2 && args[0] == "-journal" {
		write, args = recordSession, args[1:]
	}
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: insert-baseline [-journal] FILE")
		return 2
	}
	if err := write(args[0]); err != nil {
		fmt.Fprintln(stderr, "Error:", err)
		return 1
	}
	return 0
}

func insert(path string) error {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, day TEXT, what TEXT, reps INTEGER)`); err != nil {
		return err
	}
	_, err = db.Exec(`INSERT INTO entries (day, what, reps) VALUES (?, ?, ?)`, time.Now().Format(time.DateOnly), "bird-dog", 10)
	if err != nil {
		return err
	}
	return db.Close()
}

// recordSession writes one bird-dog session and its change-log row into the
// backlog journal at path, as "backlog done bird-dog --reps 10" stores them.
func recordSession(path string) error {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return err
	}
	now := time.Now()
	at := now.UTC().Format("2006-01-02T15:04:05.000000000Z")
	day := now.Format(time.DateOnly)
	var seq int64
	err = tx.QueryRow(`INSERT INTO sessions (id, seq, day, exercise, sets, reps, hold_s, minutes, note, recorded_at)
		VALUES (?, 1 + max(coalesce((SELECT max(seq) FROM sessions), 0), coalesce((SELECT max(seq) FROM pain), 0)), ?, 'bird-dog', 1, 10, 5, 0, '', ?)
		RETURNING seq`, "s"+hex.EncodeToString(id[:]), day, at).Scan(&seq)
	if err != nil {
		return err
	}
	what := "bird-dog: 10 reps × 5 s hold each side on " + day
	if _, err := tx.Exec(`INSERT INTO changes (kind, what, undo, made_at, floor, open) VALUES ('record', ?, ?, ?, ?, 0)`,
		"recorded "+what, "Removed "+what+".", at, seq-1); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return db.Close()
}
