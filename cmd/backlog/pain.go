package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

func painCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "pain",
		Usage:     "record the day's pain, 0 (none) to 10 (worst imaginable)",
		ArgsUsage: "SCORE",
		Description: `One score per day: recording a day again replaces its score (undo brings the old one back).
1–3 is mild, 4–6 moderate, 7–10 severe.

Examples:
   backlog pain 4
   backlog pain 6 --date yesterday --note "long drive"`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "date", Value: "today", Usage: "day the score is for: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -N"},
			&cli.StringFlag{Name: "note", Usage: "a note to keep with the score"},
			&cli.BoolFlag{Name: "yes", Usage: "record a day more than a year before your other entries"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return &journal.ValidationError{Field: "score", Msg: "no pain score given", Hint: "give a whole number from 0 to 10, such as: backlog pain 4"}
			}
			if c.NArg() > 1 {
				return usagef("quote a note with --note \"…\"", "backlog pain takes one score, got %q", strings.Join(c.Args().Slice(), " "))
			}
			score, err := journal.ParseScore("pain score", c.Args().First())
			if err != nil {
				return err
			}
			day, err := journal.ParseDayRelative(c.String("date"), e.today())
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				if err := checkFarBack(c, s, day); err != nil {
					return err
				}
				p, replaced, err := s.RecordPain(c.Context, journal.PainEntry{Day: day, Score: score, Note: c.String("note")})
				if err != nil {
					return err
				}
				line := fmt.Sprintf("Recorded pain %d/10 (%s) for %s", p.Score, journal.PainBand(p.Score), describeDay(p.Day, e.today()))
				if replaced != nil {
					line += fmt.Sprintf(", replacing %d/10", replaced.Score)
				}
				fmt.Fprintln(c.App.Writer, line+".")
				return nil
			})
		},
	}
}

// farBackDays is how far before the journal's first entry a pain score may be
// dated without --yes: further back is more likely a mistyped year, and it
// would become the baseline everything is measured against.
const farBackDays = 365

func checkFarBack(c *cli.Context, s *journal.Store, day journal.Day) error {
	if c.Bool("yes") {
		return nil
	}
	first, ok, err := s.FirstDay(c.Context)
	if err != nil || !ok || day >= first-farBackDays {
		return err
	}
	return &journal.ValidationError{Field: "date",
		Msg:  fmt.Sprintf("%s is more than a year before your first entry (%s), and would become the baseline", day, first),
		Hint: "check the year, or add --yes if it is right"}
}
