package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"backlog/journal"
	"backlog/reports"
)

func exercisesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "exercises",
		Usage: "the exercise catalog: list, show one, add your own",
		Description: `Examples:
   backlog exercises
   backlog exercises --category core
   backlog exercises show "child's pose"
   backlog exercises --json
   backlog exercises add wall-push-up --name "Wall push-up" --kind reps --start 8 --goal 15 --step 1`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "category", Usage: "only this category: " + categoryList()},
			&cli.BoolFlag{Name: "json", Usage: "write JSON instead of text"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return unknownSubcommand(c)
			}
			return withStore(c, e, func(s *journal.Store) error { return listExercises(c, s, e.width()) })
		},
		Subcommands: []*cli.Command{
			{
				Name:         "show",
				Usage:        "how to do an exercise, its dose and where it comes from",
				ArgsUsage:    "EXERCISE",
				BashComplete: completeExercises,
				Action: func(c *cli.Context) error {
					var b strings.Builder
					err := withStore(c, e, func(s *journal.Store) error { return showExercise(c, &b, s) })
					if err == nil {
						_, err = io.WriteString(c.App.Writer, reports.WrapLines(b.String(), e.width()))
					}
					return err
				},
			},
			addExerciseCommand(e),
			editExerciseCommand(e),
			rmExerciseCommand(e),
		},
	}
}

// wideListing is the width from which exercises lists names beside slugs.
const wideListing = 120

func categoryList() string {
	var names []string
	for _, c := range journal.Categories() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

func listExercises(c *cli.Context, s *journal.Store, width int) error {
	catalog, err := s.Catalog(c.Context)
	if err != nil {
		return err
	}
	want := journal.Category(strings.ToLower(c.String("category")))
	if want != "" && !slices.Contains(journal.Categories(), want) {
		return &journal.ValidationError{Field: "category", Msg: fmt.Sprintf("unknown category %q", c.String("category")), Hint: "use one of: " + categoryList()}
	}
	if c.Bool("json") {
		out := []exerciseJSON{}
		for _, ex := range catalog.All() {
			if want == "" || ex.Category == want {
				out = append(out, newExerciseJSON(ex))
			}
		}
		return writeJSON(c, out)
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
			if width < wideListing {
				// At 80 columns the slug, which is what you type, stands for
				// the name; exercises show gives the rest.
				fmt.Fprintf(tw, "  %s%s\t%s → %s\n", ex.Slug, mark, ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(ex.Goal.Normalize(ex.Kind)))
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s%s\t%s → %s\n", ex.Slug, ex.Name, mark, ex.FormatDose(ex.Start.Normalize(ex.Kind)), ex.FormatDose(ex.Goal.Normalize(ex.Kind)))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, "\n"+reports.Wrap("Start dose → goal; then sets. See one, with its ladder: backlog exercises show NAME", width, ""))
	return nil
}

func showExercise(c *cli.Context, w io.Writer, s *journal.Store) error {
	catalog, err := s.Catalog(c.Context)
	if err != nil {
		return err
	}
	ex, err := catalog.Lookup(strings.Join(c.Args().Slice(), " "))
	if err != nil {
		return err
	}
	writeExercise(w, ex)
	return nil
}

func writeExercise(w io.Writer, ex journal.Exercise) {
	fmt.Fprintf(w, "%s (%s)\n", ex.Name, ex.Slug)
	fmt.Fprintf(w, "Category: %s. Works: %s. Dosed in %s.\n", ex.Category, orDash(ex.Region), ex.Kind)
	if len(ex.Aliases) > 0 {
		fmt.Fprintf(w, "Also called: %s.\n", strings.Join(ex.Aliases, ", "))
	}
	fmt.Fprintf(w, "\nHow to: %s\n\n", orDash(ex.HowTo))
	goal := "the articles' goal"
	if ex.Custom {
		goal = "your goal"
	}
	fmt.Fprintf(w, "Start:   %s\n", ex.FormatDose(ex.LadderDose(ex.Start)))
	fmt.Fprintf(w, "Goal:    %s (%s), then up to %s\n", ex.FormatDose(ex.LadderDose(ex.Goal)), goal, plural(ex.MaxSets(), "set"))
	fmt.Fprintf(w, "Step:    %s\n", describeStep(ex))
	if ex.Harder != "" {
		fmt.Fprintf(w, "Then:    %s, a harder variant, from its start\n", ex.Harder)
	}
	if ex.Easier != "" {
		fmt.Fprintf(w, "Easier:  %s, to fall back to in a bad flare\n", ex.Easier)
	}
	fmt.Fprintln(w, "\nLadder, one rung at a time with about a week on each:")
	var rungs []string
	for _, d := range ex.Rungs() {
		rungs = append(rungs, ex.FormatDose(d))
	}
	fmt.Fprintln(w, wrapJoin(rungs, " → ", 78, "  "))
	if ex.DoseNote != "" {
		fmt.Fprintf(w, "\n%s\n", ex.DoseNote)
	}
	if ex.Custom {
		fmt.Fprintln(w, "\nSource: added by you.")
	} else {
		fmt.Fprintln(w, "\nSources (articles under shared/seeds):")
		for _, f := range ex.Sources {
			fmt.Fprintf(w, "  %s (%s)\n", journal.SourceTitle(f), f)
		}
	}
}

// describeStep says what one progression adds.
func describeStep(ex journal.Exercise) string {
	var parts []string
	if ex.Step.HoldS > 0 && (ex.Kind == journal.Hold || ex.Goal.HoldS > ex.Start.HoldS) {
		parts = append(parts, fmt.Sprintf("+%d s hold", ex.Step.HoldS))
	}
	if ex.Step.Reps > 0 && ex.Kind != journal.Hold {
		parts = append(parts, "+"+plural(ex.Step.Reps, "rep"))
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

// wrapJoin joins items with sep into lines of at most width columns, each
// starting with indent, breaking only between items.
func wrapJoin(items []string, sep string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for i, item := range items {
		piece := item
		if i < len(items)-1 {
			piece += strings.TrimRight(sep, " ")
		}
		if line != indent && len([]rune(line))+1+len([]rune(piece)) > width {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += piece
	}
	b.WriteString(line)
	return b.String()
}

// exerciseJSON is an exercise as exercises --json writes it: every field
// present, so scripts need not guess, and the ladder spelled out.
type exerciseJSON struct {
	Slug          string         `json:"slug"`
	Name          string         `json:"name"`
	Aliases       []string       `json:"aliases"`
	Category      string         `json:"category"`
	Region        string         `json:"region"`
	Kind          string         `json:"kind"`
	PerSide       bool           `json:"per_side"`
	Start         journal.Dose   `json:"start"`
	Goal          journal.Dose   `json:"goal"`
	Step          journal.Dose   `json:"step"`
	SetsMax       int            `json:"sets_max"`
	Stabilisation bool           `json:"stabilisation"`
	Harder        string         `json:"harder"`
	Easier        string         `json:"easier"`
	Ladder        []journal.Dose `json:"ladder"`
	Sources       []string       `json:"sources"`
	HowTo         string         `json:"how_to"`
	DoseNote      string         `json:"dose_note"`
	Custom        bool           `json:"custom"`
}

func newExerciseJSON(ex journal.Exercise) exerciseJSON {
	return exerciseJSON{Slug: ex.Slug, Name: ex.Name, Aliases: orEmpty(ex.Aliases), Category: string(ex.Category),
		Region: ex.Region, Kind: string(ex.Kind), PerSide: ex.PerSide,
		Start: ex.LadderDose(ex.Start), Goal: ex.LadderDose(ex.Goal), Step: ex.Step, SetsMax: ex.MaxSets(),
		Stabilisation: ex.Stabilisation, Harder: ex.Harder, Easier: ex.Easier, Ladder: ex.Rungs(),
		Sources: orEmpty(ex.Sources), HowTo: ex.HowTo, DoseNote: ex.DoseNote, Custom: ex.Custom}
}

// orEmpty writes a missing list as [] rather than null.
func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// plural writes a count with its noun: "1 set", "3 sets".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
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
   backlog exercises add wall-push-up --name "Wall push-up" --kind reps --start 8 --goal 15 --step 1
   backlog exercises add doorway-stretch --kind hold --start 20s --goal 45s --step 5s --category stretch`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "name", Usage: "display name (default: from the slug)"},
			&cli.StringFlag{Name: "kind", Usage: "how it is dosed: reps, hold, minutes or reps-hold"},
			&cli.StringFlag{Name: "start", Usage: "starting dose"},
			&cli.StringFlag{Name: "goal", Aliases: []string{"ceiling"}, Usage: "the dose to build up to, before sets"},
			&cli.StringFlag{Name: "step", Usage: "what one progression adds"},
			&cli.StringFlag{Name: "sets-max", Usage: "how many sets to build up to at the goal (default 3; 1 for minutes)"},
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
				fmt.Fprintf(c.App.Writer, "Added %s: %s → %s, then up to %s. Record it with: backlog done %s\n",
					ex.Slug, ex.FormatDose(ex.LadderDose(ex.Start)), ex.FormatDose(ex.LadderDose(ex.Goal)), plural(ex.MaxSets(), "set"), ex.Slug)
				return nil
			})
		},
	}
}

// kindFlag reads --kind, the dosing kind of an exercise.
func kindFlag(c *cli.Context) (journal.DoseKind, error) {
	kind := journal.DoseKind(strings.ToLower(c.String("kind")))
	if !kind.Valid() {
		return kind, &journal.ValidationError{Field: "kind", Msg: fmt.Sprintf("--kind %q is not a dosing kind", c.String("kind")), Hint: "use reps, hold, minutes or reps-hold"}
	}
	return kind, nil
}

// doseFlag is a flag that sets one of an exercise's doses; a step is a dose
// added at each raise.
type doseFlag struct {
	flag string
	dose *journal.Dose
	step bool
}

// doseFlags are the flags that set ex's doses.
func doseFlags(ex *journal.Exercise) []doseFlag {
	return []doseFlag{{"start", &ex.Start, false}, {"goal", &ex.Goal, false}, {"step", &ex.Step, true}}
}

func exerciseFromFlags(c *cli.Context) (journal.Exercise, error) {
	if c.NArg() != 1 {
		return journal.Exercise{}, usagef("such as: backlog exercises add wall-push-up --kind reps --start 8 --goal 15 --step 1", "give the new exercise's slug")
	}
	ex := journal.Exercise{
		Slug:     strings.ToLower(c.Args().First()),
		Name:     c.String("name"),
		Aliases:  c.StringSlice("alias"),
		Category: journal.Category(strings.ToLower(c.String("category"))),
		Region:   c.String("region"),
		PerSide:  c.Bool("per-side"),
		HowTo:    c.String("how-to"),
	}
	if ex.Name == "" {
		ex.Name = strings.ReplaceAll(ex.Slug, "-", " ")
	}
	var err error
	if ex.Kind, err = kindFlag(c); err != nil {
		return ex, err
	}
	for _, f := range doseFlags(&ex) {
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
	if v := c.String("sets-max"); v != "" {
		n, err := journal.ParseCount("sets-max", v, 1, journal.MaxSets)
		if err != nil {
			return ex, err
		}
		ex.SetsMax = n
	}
	if err := journal.CheckExerciseText(ex); err != nil {
		return ex, err
	}
	return ex, ex.Validate()
}
