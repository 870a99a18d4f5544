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
	"os"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

func main() {
	years := flag.Int("years", 10, "years of entries")
	out := flag.String("out", "", "journal file to create (must not exist)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *years < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen-journal -years N -out FILE")
		os.Exit(2)
	}
	if err := generate(*out, *years, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
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
