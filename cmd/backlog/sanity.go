package main

import (
	"fmt"
	"strconv"
	"strings"

	"backlog/journal"
)

// Bounds above which a session is more likely a typo than a workout; backlog
// asks for --yes rather than record it silently.
const (
	plausibleMinutes = 180 // three hours of one exercise
	plausibleReps    = 100
	plausibleHoldS   = 10 * 60
	plausibleSets    = 10
	plausiblePerDay  = 2 // sessions of one exercise in a day before a third asks
)

// checkPlausible refuses, unless yes is set, a session whose dose is far
// beyond what a home programme asks for, or a third session of the same
// exercise on one day. recent is the exercise's sessions around the day, as
// done has already read them.
func checkPlausible(ex journal.Exercise, sess journal.Session, recent []journal.Session, yes bool) error {
	if yes {
		return nil
	}
	var odd []string
	if sess.Minutes > plausibleMinutes {
		odd = append(odd, fmt.Sprintf("%d minutes is more than %d", sess.Minutes, plausibleMinutes))
	}
	if sess.Reps > plausibleReps {
		odd = append(odd, fmt.Sprintf("%d reps is more than %d", sess.Reps, plausibleReps))
	}
	if sess.HoldS > plausibleHoldS {
		odd = append(odd, fmt.Sprintf("a %s hold is longer than %s", journal.FormatSeconds(sess.HoldS), journal.FormatSeconds(plausibleHoldS)))
	}
	if sess.Sets > plausibleSets {
		odd = append(odd, fmt.Sprintf("%d sets is more than %d", sess.Sets, plausibleSets))
	}
	if len(odd) == 0 {
		done := 0
		for _, r := range recent {
			if r.Day == sess.Day && r.Exercise == ex.Slug {
				done++
			}
		}
		if done >= plausiblePerDay {
			odd = append(odd, fmt.Sprintf("%s already has %d sessions on %s", ex.Slug, done, sess.Day))
		}
	}
	if len(odd) == 0 {
		return nil
	}
	return &journal.ValidationError{Field: "dose", Msg: strings.Join(odd, "; ") + ", so nothing was recorded",
		Hint: "check it, or add --yes if it is right"}
}

// doseInName explains "backlog done bird-dog 10": a number after the
// exercise's name is a dose given without its flag.
func doseInName(name string, err error) error {
	words := strings.Fields(name)
	if len(words) < 2 {
		return err
	}
	n := words[len(words)-1]
	if _, perr := strconv.Atoi(strings.TrimSuffix(n, "s")); perr != nil {
		return err
	}
	ex, lerr := journal.NewCatalog().Lookup(strings.Join(words[:len(words)-1], " "))
	if lerr != nil {
		return err
	}
	flag := "--reps"
	switch ex.Kind {
	case journal.Hold:
		flag = "--hold"
	case journal.Minutes:
		flag = "--minutes"
	}
	return usagef(fmt.Sprintf("did you mean backlog done %s %s %s?", ex.Slug, flag, n),
		"%q is not an exercise: a dose needs its flag", name)
}
