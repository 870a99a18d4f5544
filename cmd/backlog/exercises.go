package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

func exercisesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "exercises",
		Usage: "the exercise catalog: list, show one, add your own",
		Description: `Examples:
   backlog exercises
   backlog exercises --category core
   backlog exercises show "child's pose"
   backlog exercises add wall-push-up --name "Wall push-up" --kind reps --start 8 --ceiling 15 --step 1`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "category", Usage: "only this category: " + categoryList()},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef(fmt.Sprintf("to see one exercise: backlog exercises show %q", c.Args().First()),
					"unknown subcommand %q of backlog exercises", c.Args().First())
			}
			return withStore(c, e, func(s *journal.Store) error { return listExercises(c, s) })
		},
		Subcommands: []*cli.Command{
			{
				Name:         "show",
				Usage:        "how to do an exercise, its dose and where it comes from",
				ArgsUsage:    "EXERCISE",
				BashComplete: completeExercises,
				Action: func(c *cli.Context) error {
					return withStore(c, e, func(s *journal.Store) error { return showExercise(c, s) })
				},
			},
			addExerciseCommand(e),
		},
	}
}

func categoryList() string {
	var names []string
	for _, c := range journal.Categories() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

func listExercises(c *cli.Context, s *journal.Store) error {
	catalog, err := s.Catalog(c.Context)
	if err != nil {
		return err
	}
	want := journal.Category(strings.ToLower(c.String("category")))
	if want != "" && !slices.Contains(journal.Categories(), want) {
		return &journal.ValidationError{Field: "category", Msg: fmt.Sprintf("unknown category %q", c.String("category")), Hint: "use one of: " + categoryList()}
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	for _, cat := range journal.Categories() {
		if want != "" && cat != want {
			continue
		}
		var rows []journal.Exercise
		for _, ex := range catalog.All() {
			if ex.Category == cat {
				rows = append(rows, ex)
			}
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\n", strings.ToUpper(string(cat)))
		for _, ex := range rows {
			mark := ""
			if ex.Custom {
				mark = " (yours)"
			}
			fmt.Fprintf(tw, "  %s\t%s%s\t%s → %s\n", ex.Slug, ex.Name, mark, ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(ex.Goal.Normalize(ex.Kind)))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, "\nStart dose → ceiling. See one with: backlog exercises show NAME")
	return nil
}

func showExercise(c *cli.Context, s *journal.Store) error {
	catalog, err := s.Catalog(c.Context)
	if err != nil {
		return err
	}
	ex, err := catalog.Lookup(strings.Join(c.Args().Slice(), " "))
	if err != nil {
		return err
	}
	writeExercise(c.App.Writer, ex)
	return nil
}

func writeExercise(w io.Writer, ex journal.Exercise) {
	fmt.Fprintf(w, "%s (%s)\n", ex.Name, ex.Slug)
	fmt.Fprintf(w, "Category: %s. Works: %s. Dosed in %s.\n", ex.Category, orDash(ex.Region), ex.Kind)
	if len(ex.Aliases) > 0 {
		fmt.Fprintf(w, "Also called: %s.\n", strings.Join(ex.Aliases, ", "))
	}
	fmt.Fprintf(w, "\nHow to: %s\n\n", orDash(ex.HowTo))
	fmt.Fprintf(w, "Start:   %s\n", ex.FormatDose(ex.Start.Normalize(ex.Kind)))
	fmt.Fprintf(w, "Ceiling: %s\n", ex.FormatDose(ex.Goal.Normalize(ex.Kind)))
	fmt.Fprintf(w, "Step:    %s\n", describeStep(ex))
	if ex.Harder != "" {
		fmt.Fprintf(w, "Then:    %s, a harder variant\n", ex.Harder)
	}
	if ex.DoseNote != "" {
		fmt.Fprintf(w, "\n%s\n", ex.DoseNote)
	}
	if ex.Custom {
		fmt.Fprintln(w, "\nSource: added by you.")
	} else {
		fmt.Fprintf(w, "\nSources: %s\n", strings.Join(ex.Sources, ", "))
	}
}

// describeStep says what one progression adds.
func describeStep(ex journal.Exercise) string {
	var parts []string
	if ex.Step.HoldS > 0 && (ex.Kind == journal.Hold || ex.Goal.HoldS > ex.Start.HoldS) {
		parts = append(parts, fmt.Sprintf("+%d s hold", ex.Step.HoldS))
	}
	if ex.Step.Reps > 0 && ex.Kind != journal.Hold {
		parts = append(parts, fmt.Sprintf("+%d reps", ex.Step.Reps))
	}
	if ex.Kind == journal.Minutes {
		if ex.Step.Minutes > 0 {
			parts = append(parts, fmt.Sprintf("+%d min", ex.Step.Minutes))
		} else {
			parts = append(parts, "about +10% of the minutes")
		}
	}
	if ex.Stabilisation {
		return strings.Join(parts, ", then ") + fmt.Sprintf(" (holds stay at %d s or less; repetitions grow instead)", journal.StabilisationHoldCapS)
	}
	return strings.Join(parts, ", then ")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func addExerciseCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "add",
		Usage:     "add your own exercise",
		ArgsUsage: "SLUG",
		Description: `Doses follow the kind: reps "10", hold "30s", minutes "20", reps-hold "10x6s".
The step is what one progression adds: reps "1", hold "5s", minutes "2", reps-hold "1" or "1x5s".

Examples:
   backlog exercises add wall-push-up --name "Wall push-up" --kind reps --start 8 --ceiling 15 --step 1
   backlog exercises add doorway-stretch --kind hold --start 20s --ceiling 45s --step 5s --category stretch`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "name", Usage: "display name (default: from the slug)"},
			&cli.StringFlag{Name: "kind", Usage: "how it is dosed: reps, hold, minutes or reps-hold"},
			&cli.StringFlag{Name: "start", Usage: "starting dose"},
			&cli.StringFlag{Name: "ceiling", Usage: "the most to build up to"},
			&cli.StringFlag{Name: "step", Usage: "what one progression adds"},
			&cli.StringFlag{Name: "category", Value: string(journal.Core), Usage: "one of: " + categoryList()},
			&cli.StringFlag{Name: "region", Usage: "body region it works"},
			&cli.BoolFlag{Name: "per-side", Usage: "done on each side in turn"},
			&cli.StringSliceFlag{Name: "alias", Usage: "another name to find it by (repeatable)"},
			&cli.StringFlag{Name: "how-to", Usage: "how to do it"},
		},
		Action: func(c *cli.Context) error {
			ex, err := exerciseFromFlags(c)
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				ex, err := s.AddExercise(c.Context, ex)
				if err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "Added %s: %s → %s. Record it with: backlog done %s\n",
					ex.Slug, ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(ex.Goal.Normalize(ex.Kind)), ex.Slug)
				return nil
			})
		},
	}
}

func exerciseFromFlags(c *cli.Context) (journal.Exercise, error) {
	if c.NArg() != 1 {
		return journal.Exercise{}, usagef("such as: backlog exercises add wall-push-up --kind reps --start 8 --ceiling 15 --step 1", "give the new exercise's slug")
	}
	ex := journal.Exercise{
		Slug:     strings.ToLower(c.Args().First()),
		Name:     c.String("name"),
		Aliases:  c.StringSlice("alias"),
		Category: journal.Category(strings.ToLower(c.String("category"))),
		Region:   c.String("region"),
		Kind:     journal.DoseKind(strings.ToLower(c.String("kind"))),
		PerSide:  c.Bool("per-side"),
		HowTo:    c.String("how-to"),
	}
	if ex.Name == "" {
		ex.Name = strings.ReplaceAll(ex.Slug, "-", " ")
	}
	if !ex.Kind.Valid() {
		return ex, &journal.ValidationError{Field: "kind", Msg: fmt.Sprintf("--kind %q is not a dosing kind", c.String("kind")), Hint: "use reps, hold, minutes or reps-hold"}
	}
	for _, f := range []struct {
		flag string
		dose *journal.Dose
		step bool
	}{{"start", &ex.Start, false}, {"ceiling", &ex.Goal, false}, {"step", &ex.Step, true}} {
		v := c.String(f.flag)
		if v == "" {
			return ex, &journal.ValidationError{Field: f.flag, Msg: "--" + f.flag + " is missing", Hint: "see backlog exercises add --help"}
		}
		d, err := journal.ParseDose(ex.Kind, v, f.step)
		if err != nil {
			return ex, err
		}
		*f.dose = d
	}
	return ex, ex.Validate()
}
