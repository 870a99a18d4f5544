// Command gen-journal writes a realistic, deterministic journal for
// benchmarks: a pain score every day and 8–10 sessions on 80% of days,
// ending yesterday. With -json it writes the journal's export instead, so
// imports can be timed without building the journal first, and -notes gives
// every session a note of about that many bytes, to make large files.
//
//	gen-journal -years 10 -out /tmp/ten-years.db
//	gen-journal -years 50 -notes 1200 -json -out /tmp/200mb.json
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// run generates the journal and returns the exit status: 2 for bad usage,
// 1 for any other failure.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen-journal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	years := fs.Int("years", 10, "years of entries")
	out := fs.String("out", "", "journal file to create (must not exist)")
	seed := fs.Uint64("seed", 1, "random seed")
	asJSON := fs.Bool("json", false, "write the export JSON, not a journal")
	notes := fs.Int("notes", 0, "bytes of note on every session, up to 2000")
	if err := fs.Parse(args); err != nil || *out == "" || *years < 1 || *years > 50 || *notes < 0 || *notes > journal.MaxNoteBytes {
		fmt.Fprintln(stderr, "usage: gen-journal [-json] [-notes BYTES] -years N -out FILE (N from 1 to 50)")
		return 2
	}
	if err := generate(*out, *years, *seed, *notes, *asJSON); err != nil {
		fmt.Fprintln(stderr, "Error:", err)
		return 1
	}
	return 0
}

func generate(path string, years int, seed uint64, notes int, asJSON bool) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	}
	sessions, pain := journaltest.Generate(years, journal.DayOf(time.Now())-1, seed)
	if notes > 0 {
		note := strings.Repeat("Felt steady; ", notes/13+1)[:notes]
		for i := range sessions {
			sessions[i].Note = note
		}
	}
	if asJSON {
		return writeJSON(path, journal.Export{Sessions: sessions, Pain: pain})
	}
	ctx := context.Background()
	store, err := journal.Open(ctx, path)
	if err != nil {
		return err
	}
	if err := journaltest.Load(ctx, store, sessions, pain); err != nil {
		store.Close()
		return err
	}
	return store.Close()
}

// writeJSON writes x as "backlog export" does, to a new file.
func writeJSON(path string, x journal.Export) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := x.WriteJSON(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
