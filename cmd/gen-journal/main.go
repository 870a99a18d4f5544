// Command gen-journal writes a realistic, deterministic journal for
// benchmarks: a pain score every day and 8–10 sessions on 80% of days,
// ending yesterday.
//
//	gen-journal -years 10 -out /tmp/ten-years.db
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
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
	if err := fs.Parse(args); err != nil || *out == "" || *years < 1 {
		fmt.Fprintln(stderr, "usage: gen-journal -years N -out FILE")
		return 2
	}
	if err := generate(*out, *years, *seed); err != nil {
		fmt.Fprintln(stderr, "Error:", err)
		return 1
	}
	return 0
}

func generate(path string, years int, seed uint64) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	}
	ctx := context.Background()
	store, err := journal.Open(ctx, path)
	if err != nil {
		return err
	}
	last := journal.DayOf(time.Now()) - 1
	if err := journaltest.Fill(ctx, store, years, last, seed); err != nil {
		store.Close()
		return err
	}
	return store.Close()
}
