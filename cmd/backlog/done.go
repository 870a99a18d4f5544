package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// doneOptions is what "backlog done" was asked to record. Dose fields are
// strings so that bad values get backlog's own messages.
type doneOptions struct {
	exercise                        string
	reps, hold, sets, minutes, pain string
	date, note                      string
}

func doneCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "done",
		Usage:     "record an exercise you did",
		ArgsUsage: "EXERCISE…",
		Description: `With no dose, records the dose backlog currently suggests for the exercise.
Flags may come before or after the exercise. Several exercises, or --routine for what
today's routine has left, are recorded together, each at its suggested dose.

Examples:
   backlog done bird-dog --reps 6
   backlog done "child's pose" --hold 30s
   backlog done walking --minutes 20 --note "to the shop and back"
   backlog done plank --hold 20 --pain-during 3 --date yesterday
   backlog done bird-dog plank cat-cow
   backlog done --routine`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "reps", Usage: "repetitions (per side for one-sided exercises; number of holds for hold exercises)"},
			&cli.StringFlag{Name: "hold", Usage: "hold time: 30, 30s or 1m30s"},
			&cli.StringFlag{Name: "sets", Usage: "sets (default 1)"},
			&cli.StringFlag{Name: "minutes", Usage: "minutes, for timed exercises such as walking"},
			&cli.StringFlag{Name: "pain-during", Usage: "pain during the exercise, 0–10"},
			&cli.StringFlag{Name: "date", Value: "today", Usage: "day it was done: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -N"},
			&cli.StringFlag{Name: "note", Usage: "a note to keep with the session"},
			&cli.BoolFlag{Name: "routine", Usage: "record every exercise of the day's routine not yet done"},
			&cli.BoolFlag{Name: "yes", Usage: "record a dose far above the usual, or a third session of one exercise in a day"},
		},
		BashComplete: completeExercises,
		Action: func(c *cli.Context) error {
			opts := doneOptions{
				exercise: strings.Join(c.Args().Slice(), " "),
				reps:     c.String("reps"), hold: c.String("hold"), sets: c.String("sets"),
				minutes: c.String("minutes"), pain: c.String("pain-during"),
				date: c.String("date"), note: c.String("note"),
			}
			if c.Bool("routine") || c.NArg() > 1 {
				return withStore(c, e, func(s *journal.Store) error {
					return runDoneMany(c, e, s, opts, c.Args().Slice(), c.Bool("routine"))
				})
			}
			return withStore(c, e, func(s *journal.Store) error { return runDone(c, e, s, opts) })
		},
	}
}

func runDone(c *cli.Context, e *env, store *journal.Store, opts doneOptions) error {
	ctx := c.Context
	ex, err := findExercise(ctx, store, opts.exercise)
	if err != nil {
		return doseInName(opts.exercise, err)
	}
	today := e.today()
	day, err := journal.ParseDayRelative(opts.date, today)
	if err != nil {
		return err
	}
	var painDuring *int
	if opts.pain != "" {
		p, err := journal.ParseScore("pain-during", opts.pain)
		if err != nil {
			return err
		}
		painDuring = &p
	}
	suggested := opts.reps == "" && opts.hold == "" && opts.sets == "" && opts.minutes == ""
	// The history is read in the transaction that records the session, so
	// two sessions recorded at once are planned one after the other, each
	// from a journal holding the other.
	var plan plan
	sess, err := store.RecordPlanned(ctx, ex.Slug, historySince(day), painSince(day), today,
		func(sessions []journal.Session, pain []journal.PainEntry) (journal.Session, error) {
			plan = newPlan(ex, sessions, pain, day, today)
			sess := journal.Session{Day: day, Exercise: ex.Slug, Note: opts.note, PainDuring: painDuring}
			var err error
			if sess.Dose, err = doseFromFlags(plan.dose(), opts); err != nil {
				return sess, err
			}
			return sess, checkPlausible(ex, sess, plan.sessions, c.Bool("yes"))
		})
	if err != nil {
		return err
	}
	line := fmt.Sprintf("Recorded %s: %s", ex.Name, ex.FormatDose(sess.Dose))
	if suggested {
		line += " (" + plan.chosen() + ")"
	}
	line += " on " + describeDay(sess.Day, today)
	if sess.PainDuring != nil {
		line += fmt.Sprintf(", pain during %d/10", *sess.PainDuring)
	}
	fmt.Fprintln(c.App.Writer, line+".")
	next := plan.after(sess)
	fmt.Fprintln(c.App.Writer, next.Hint(ex))
	if next.Caution != "" {
		fmt.Fprintln(c.App.Writer, next.Caution)
	}
	return nil
}

// doseFromFlags starts from base and overrides what the flags give.
func doseFromFlags(base journal.Dose, o doneOptions) (journal.Dose, error) {
	d := base
	var err error
	if o.reps != "" {
		if d.Reps, err = journal.ParseCount("reps", o.reps, 1, journal.MaxReps); err != nil {
			return d, err
		}
	}
	if o.sets != "" {
		if d.Sets, err = journal.ParseCount("sets", o.sets, 1, journal.MaxSets); err != nil {
			return d, err
		}
	}
	if o.minutes != "" {
		if d.Minutes, err = journal.ParseCount("minutes", o.minutes, 1, journal.MaxMinutes); err != nil {
			return d, err
		}
	}
	if o.hold != "" {
		if d.HoldS, err = journal.ParseHold(o.hold); err != nil {
			return d, err
		}
	}
	return d, nil
}

// describeDay writes a day, naming today and yesterday.
func describeDay(d, today journal.Day) string {
	switch d {
	case today:
		return d.String() + " (today)"
	case today - 1:
		return d.String() + " (yesterday)"
	}
	return d.String()
}

// completeExercises offers exercise slugs to shell completion.
func completeExercises(c *cli.Context) {
	for _, ex := range journal.Builtin() {
		fmt.Fprintln(c.App.Writer, ex.Slug)
	}
}

// findExercise looks a name up in the built-in catalog, and only when it is
// not there reads the user's own exercises from the journal.
func findExercise(ctx context.Context, store *journal.Store, name string) (journal.Exercise, error) {
	if ex, err := journal.NewCatalog().Lookup(name); err == nil {
		return ex, nil
	}
	catalog, err := store.Catalog(ctx)
	if err != nil {
		return journal.Exercise{}, err
	}
	return catalog.Lookup(name)
}
