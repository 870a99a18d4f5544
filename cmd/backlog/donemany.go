package main

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
)

// runDoneMany records several exercises at once, each at its suggested dose,
// in one transaction: the exercises named, or with --routine what today's
// routine has left. Names of one exercise may span several arguments
// ("bird dog"), so when the arguments as a whole name one exercise, it is
// recorded as "backlog done" always has.
func runDoneMany(c *cli.Context, e *env, store *journal.Store, opts doneOptions, args []string, routine bool) error {
	ctx := c.Context
	if routine && len(args) > 0 {
		return usagef("use backlog done --routine alone, or name the exercises", "give exercises or --routine, not both")
	}
	if !routine {
		if _, err := findExercise(ctx, store, strings.Join(args, " ")); err == nil {
			return runDone(c, e, store, opts)
		}
	}
	day, err := journal.ParseDayRelative(opts.date, e.today())
	if err != nil {
		return err
	}
	var exercises []journal.Exercise
	var plans []plan
	var resting []string
	if routine {
		items, hasRoutine, err := loadDue(ctx, store, day, e.today())
		if err != nil {
			return err
		}
		if !hasRoutine {
			return usagef("make one first, such as: backlog routine add bird-dog --days mon,wed,fri", "there is no routine to record")
		}
		for _, it := range items {
			switch {
			case it.left() && it.plan.advice.Rest:
				resting = append(resting, fmt.Sprintf("Not recorded: %s, rest it today (backlog suggest says why).", it.ex.Name))
			case it.left():
				exercises, plans = append(exercises, it.ex), append(plans, it.plan)
			}
		}
		if err := refuseDoseFlags(c, exercises, "the routine's exercises"); err != nil {
			return err
		}
		if len(exercises) == 0 {
			return writeNothingLeft(c, items, day, e.today())
		}
	} else {
		if exercises, err = resolveExercises(ctx, store, args); err != nil {
			return doseInName(strings.Join(args, " "), err)
		}
		if err := refuseDoseFlags(c, exercises, fmt.Sprintf("%d exercises", len(exercises))); err != nil {
			return err
		}
		for _, ex := range exercises {
			p, err := planFor(ctx, store, ex, day, e.today())
			if err != nil {
				return err
			}
			plans = append(plans, p)
		}
	}
	var list []journal.Session
	for i, ex := range exercises {
		list = append(list, journal.Session{Day: day, Exercise: ex.Slug, Dose: plans[i].dose(), Note: opts.note})
	}
	recorded, err := store.RecordSessions(ctx, list)
	if err != nil {
		return err
	}
	w := c.App.Writer
	if len(recorded) == 1 {
		fmt.Fprintf(w, "Recorded 1 session on %s, at the dose backlog suggests:\n", describeDay(day, e.today()))
	} else {
		fmt.Fprintf(w, "Recorded %d sessions on %s, each at the dose backlog suggests:\n", len(recorded), describeDay(day, e.today()))
	}
	caution := ""
	for i, sess := range recorded {
		ex, p := exercises[i], plans[i]
		line := ex.Name + ": " + ex.FormatDose(sess.Dose)
		if why := p.chosen(); why != "the dose backlog suggests" {
			line += " (" + why + ")"
		}
		fmt.Fprint(w, wrapText(line, 80, "  ", "    "))
		caution = cmp.Or(caution, p.after(sess).Caution)
	}
	for _, r := range resting {
		fmt.Fprint(w, wrapText(r, 80, "  ", "    "))
	}
	if len(recorded) == 1 {
		fmt.Fprintln(w, "backlog undo takes it back.")
	} else {
		fmt.Fprintf(w, "backlog undo takes back all %d.\n", len(recorded))
	}
	if caution != "" {
		fmt.Fprint(w, wrapText(caution, 80, "", ""))
	}
	return nil
}

// writeNothingLeft says why --routine recorded nothing.
func writeNothingLeft(c *cli.Context, items []dueAdvice, day, today journal.Day) error {
	w := c.App.Writer
	due, resting := 0, 0
	for _, it := range items {
		if it.Due || it.DoneToday {
			due++
		}
		if it.left() && it.plan.advice.Rest {
			resting++
			fmt.Fprintf(w, "Not recorded: %s, rest it today (backlog suggest says why).\n", it.ex.Name)
		}
	}
	switch {
	case resting > 0:
		fmt.Fprintln(w, "Nothing else is left for "+describeDay(day, today)+", so nothing was recorded.")
		_, err := fmt.Fprint(w, wrapText(analysis.StopAdvice, 80, "", ""))
		return err
	case due == 0:
		_, err := fmt.Fprintf(w, "Nothing to record: the routine plans nothing for %s (a rest day).\n", describeDay(day, today))
		return err
	}
	_, err := fmt.Fprintf(w, "Nothing left to record: all %d exercises due on %s are done.\n", due, describeDay(day, today))
	return err
}

// refuseDoseFlags refuses flags that set one exercise's dose or pain when
// several are recorded at once: nobody could tell which one they meant.
func refuseDoseFlags(c *cli.Context, exercises []journal.Exercise, what string) error {
	for _, f := range []string{"reps", "hold", "sets", "minutes", "pain-during"} {
		if !c.IsSet(f) {
			continue
		}
		var slugs []string
		for _, ex := range exercises {
			slugs = append(slugs, ex.Slug)
		}
		which := what
		if len(slugs) > 0 {
			which += " (" + strings.Join(slugs, ", ") + ")"
		}
		return usagef("record that one on its own, such as: backlog done plank --"+f+" …",
			"--%s is for one exercise, but %s are recorded together, each at its suggested dose, so it cannot say which; nothing was recorded", f, which)
	}
	return nil
}

// resolveExercises reads several exercise names from args. A name may span
// several arguments ("bird dog plank" is bird-dog and plank): the longest
// run of arguments that names an exercise is taken first.
func resolveExercises(ctx context.Context, store *journal.Store, args []string) ([]journal.Exercise, error) {
	catalog, err := store.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	var out []journal.Exercise
	seen := map[string]bool{}
	for i := 0; i < len(args); {
		found := false
		for j := len(args); j > i; j-- {
			ex, err := catalog.Lookup(strings.Join(args[i:j], " "))
			if err != nil {
				continue
			}
			if seen[ex.Slug] {
				return nil, &journal.ValidationError{Field: "exercise", Msg: fmt.Sprintf("%s is named twice", ex.Slug),
					Hint: "name each exercise once; record a second session of it on its own"}
			}
			seen[ex.Slug] = true
			out = append(out, ex)
			i, found = j, true
			break
		}
		if !found {
			return nil, unknownAmong(catalog, args, i)
		}
	}
	return out, nil
}

// unknownAmong explains the argument at i that names no exercise, with a
// did-you-mean from the argument alone or from the rest of the line.
func unknownAmong(catalog *journal.Catalog, args []string, i int) error {
	_, one := catalog.Lookup(args[i])
	_, all := catalog.Lookup(strings.Join(args[i:], " "))
	if strings.Contains(one.Error(), "did you mean") || !strings.Contains(all.Error(), "did you mean") {
		return one
	}
	return all
}
