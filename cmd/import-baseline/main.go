// Command import-baseline is the yardstick for backlog's import speed: the
// least a Go program can do to import backlog's JSON export, namely decode it
// and insert its rows with prepared statements in one transaction, into a
// SQLite file opened with backlog's connection settings and a unique index on
// the entry ids. .ci/bench times "backlog import" against it side by side.
//
//	import-baseline EXPORT.json NEW.db
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"

	_ "modernc.org/sqlite"
)

// settings are backlog's connection settings (see journal.DSN).
const settings = "_busy_timeout=300000&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1&_txlock=immediate"

func dsn(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + settings
}

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// run imports the file and returns the exit status.
func run(args []string, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "usage: import-baseline EXPORT.json NEW.db")
		return 2
	}
	if err := load(args[0], args[1]); err != nil {
		fmt.Fprintln(stderr, "Error:", err)
		return 1
	}
	return 0
}

// export is the part of backlog's export the floor reads: every field of
// every session and pain score.
type export struct {
	Sessions []struct {
		ID         string `json:"id"`
		Day        string `json:"day"`
		Exercise   string `json:"exercise"`
		Sets       int    `json:"sets"`
		Reps       int    `json:"reps"`
		HoldS      int    `json:"hold_s"`
		Minutes    int    `json:"minutes"`
		PainDuring *int   `json:"pain_during"`
		Note       string `json:"note"`
		RecordedAt string `json:"recorded_at"`
	} `json:"sessions"`
	Pain []struct {
		ID         string `json:"id"`
		Day        string `json:"day"`
		Score      int    `json:"score"`
		Note       string `json:"note"`
		RecordedAt string `json:"recorded_at"`
	} `json:"pain"`
}

func load(from, to string) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	var x export
	if err := json.NewDecoder(f).Decode(&x); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn(to))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(`
		CREATE TABLE sessions (id TEXT PRIMARY KEY, day TEXT, exercise TEXT, sets INTEGER, reps INTEGER,
			hold_s INTEGER, minutes INTEGER, pain_during INTEGER, note TEXT, recorded_at TEXT);
		CREATE TABLE pain (day TEXT PRIMARY KEY, id TEXT UNIQUE, score INTEGER, note TEXT, recorded_at TEXT)`); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insSession, err := tx.Prepare(`INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, s := range x.Sessions {
		if _, err := insSession.Exec(s.ID, s.Day, s.Exercise, s.Sets, s.Reps, s.HoldS, s.Minutes, s.PainDuring, s.Note, s.RecordedAt); err != nil {
			return err
		}
	}
	insPain, err := tx.Prepare(`INSERT INTO pain VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, p := range x.Pain {
		if _, err := insPain.Exec(p.Day, p.ID, p.Score, p.Note, p.RecordedAt); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return db.Close()
}
