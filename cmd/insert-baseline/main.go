// Command insert-baseline is the yardstick for backlog's recording speed: the
// least a Go program can do to record one entry, namely open a SQLite file
// with backlog's connection settings and insert one row. Benchmarks time
// "backlog done" against it side by side.
package main

import (
	"database/sql"
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
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: insert-baseline FILE")
		return 2
	}
	if err := insert(args[0]); err != nil {
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
