package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// demoWeeks is how long the sample journal of backlog demo runs.
const demoWeeks = 12

// demoRoutine is what the sample person does, and from which week: a few
// exercises from the articles, each at the dose backlog suggests that day.
func demoRoutine() []demoExercise {
	return []demoExercise{{"cat-cow", 0}, {"bird-dog", 2}, {"walking", 5}, {"glute-bridge", 9}}
}

// demoExercise is one exercise of the sample routine and the week it starts.
type demoExercise struct {
	slug string
	week int
}

func demoCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "try backlog on a sample 12-week journal, without touching yours",
		Description: `Builds a made-up journal of 12 weeks in a new temporary directory (sessions
on most days at the doses backlog suggests, and a pain score a day that
eases from about 6 to about 3), prints backlog suggest and backlog stats for
it, and writes its HTML report there. Your own journal is not read or
written. The sample stays where it is printed, to try other commands on with
--db.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-open", Usage: "do not open the report in the browser"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			dir, err := os.MkdirTemp("", "backlog-demo-")
			if err != nil {
				return fmt.Errorf("making a place for the sample journal: %w", err)
			}
			db := filepath.Join(dir, "demo.db")
			if err := buildDemo(c, e, db); err != nil {
				return err
			}
			w := c.App.Writer
			fmt.Fprintf(w, "A sample journal of %d weeks, made up; yours was not touched:\n  %s\n\n$ backlog suggest\n", demoWeeks, db)
			for _, args := range [][]string{{"suggest"}, {"stats", "--weeks", "6"}} {
				if args[0] == "stats" {
					fmt.Fprintln(w, "\n$ backlog stats --weeks 6")
				}
				if err := runNested(c, e, append([]string{"--db", db}, args...)); err != nil {
					return err
				}
			}
			fmt.Fprintln(w, "\n$ backlog report")
			report := []string{"--db", db, "report", "--out", filepath.Join(dir, "report.html")}
			if c.Bool("no-open") {
				report = append(report, "--no-open")
			}
			if err := runNested(c, e, report); err != nil {
				return err
			}
			fmt.Fprintf(w, "\nTry more on the sample, such as:\n  backlog --db %s log -n 10\n", db)
			fmt.Fprintln(w, "Start your own journal with: backlog done EXERCISE (see backlog exercises)")
			return nil
		},
	}
}

// runNested runs another backlog command line with this one's streams,
// returning its error rather than printing it.
func runNested(c *cli.Context, e *env, args []string) error {
	app := newApp(e)
	args, err := normalizeArgs(app, args)
	if err != nil {
		return err
	}
	return app.RunContext(c.Context, append([]string{"backlog"}, args...))
}

// buildDemo records the sample journal: on about five days in seven, each
// exercise of the routine at the dose backlog suggests for that day, and
// a pain score every day. The same day always gives the same journal.
func buildDemo(c *cli.Context, e *env, db string) (err error) {
	store, err := journal.Open(c.Context, db)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing the sample journal: %w", cerr)
		}
	}()
	store.Now = e.now
	rng := rand.New(rand.NewPCG(uint64(e.today()), 12))
	today := e.today()
	first := today - demoWeeks*7 + 1
	for d := first; d <= today; d++ {
		progress := float64(d-first) / float64(today-first)
		score := min(10, max(0, int(6-3*progress+rng.NormFloat64()*0.9+0.5)))
		if _, _, err := store.RecordPain(c.Context, journal.PainEntry{Day: d, Score: score}); err != nil {
			return err
		}
		if rng.IntN(7) < 2 {
			continue // a day off
		}
		for _, r := range demoRoutine() {
			if int(d-first) < 7*r.week {
				continue
			}
			ex, err := findExercise(c.Context, store, r.slug)
			if err != nil {
				return err
			}
			p, err := planFor(c.Context, store, ex, d, d)
			if err != nil {
				return err
			}
			during := min(10, max(0, score-1-rng.IntN(2)))
			if _, err := store.RecordSession(c.Context, journal.Session{Day: d, Exercise: ex.Slug, Dose: p.dose(), PainDuring: &during}); err != nil {
				return err
			}
		}
	}
	return nil
}
