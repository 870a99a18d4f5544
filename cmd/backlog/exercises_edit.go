package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// editExerciseCommand changes one of the user's own exercises: only the
// flags given change.
func editExerciseCommand(e *env) *cli.Command {
	add := addExerciseCommand(e)
	return &cli.Command{
		Name:      "edit",
		Usage:     "change one of your own exercises",
		ArgsUsage: "EXERCISE",
		Description: `Changes only what you give. backlog undo takes the change back.

Example:
   backlog exercises edit wall-push-up --goal 20 --how-to "Hands on the wall at shoulder height."`,
		Flags:        add.Flags,
		BashComplete: completeExercises,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("such as: backlog exercises edit wall-push-up --goal 20", "give the exercise to change")
			}
			return withStore(c, e, func(s *journal.Store) error {
				catalog, err := s.Catalog(c.Context)
				if err != nil {
					return err
				}
				ex, err := catalog.Lookup(c.Args().First())
				if err != nil {
					return err
				}
				if !ex.Custom {
					return &journal.ValidationError{Field: "exercise", Msg: ex.Slug + " is built in; only your own exercises can be changed",
						Hint: "add your own with backlog exercises add"}
				}
				if ex, err = applyExerciseFlags(c, ex); err != nil {
					return err
				}
				if ex, err = s.UpdateExercise(c.Context, ex); err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "Changed %s: %s → %s. Undo with: backlog undo\n",
					ex.Slug, ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(ex.Goal.Normalize(ex.Kind)))
				return nil
			})
		},
	}
}

// applyExerciseFlags overrides the parts of ex that flags give.
func applyExerciseFlags(c *cli.Context, ex journal.Exercise) (journal.Exercise, error) {
	if c.IsSet("kind") {
		var err error
		if ex.Kind, err = kindFlag(c); err != nil {
			return ex, err
		}
	}
	for _, f := range doseFlags(&ex) {
		if !c.IsSet(f.flag) && !c.IsSet("kind") {
			continue
		}
		if !c.IsSet(f.flag) {
			return ex, &journal.ValidationError{Field: f.flag, Msg: "a new --kind needs --start, --goal and --step too", Hint: "see backlog exercises edit --help"}
		}
		d, err := journal.ParseDose(ex.Kind, c.String(f.flag), f.step)
		if err != nil {
			return ex, err
		}
		*f.dose = d
	}
	if c.IsSet("name") {
		ex.Name = c.String("name")
	}
	if c.IsSet("category") {
		ex.Category = journal.Category(strings.ToLower(c.String("category")))
	}
	if c.IsSet("region") {
		ex.Region = c.String("region")
	}
	if c.IsSet("per-side") {
		ex.PerSide = c.Bool("per-side")
	}
	if c.IsSet("alias") {
		ex.Aliases = c.StringSlice("alias")
	}
	if c.IsSet("how-to") {
		ex.HowTo = c.String("how-to")
	}
	return ex, ex.Validate()
}

// rmExerciseCommand removes one of the user's own exercises.
func rmExerciseCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:         "rm",
		Usage:        "remove one of your own exercises (not while sessions use it)",
		ArgsUsage:    "EXERCISE",
		Description:  "backlog undo brings it back.",
		BashComplete: completeExercises,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("such as: backlog exercises rm wall-push-up", "give the exercise to remove")
			}
			return withStore(c, e, func(s *journal.Store) error {
				ex, err := s.RemoveExercise(c.Context, c.Args().First())
				if err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "Removed your exercise %s. Bring it back with: backlog undo\n", ex.Slug)
				return nil
			})
		},
	}
}
