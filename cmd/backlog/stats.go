package main

import (
	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
	"backlog/reports"
)

func statsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "weekly consistency and pain in the terminal",
		Description: `A week runs Monday to Sunday. The baseline is your mean pain over your first two weeks
of scores; a change of 2 points or 30% is marked meaningful.

Examples:
   backlog stats
   backlog stats --weeks 26 --json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "weeks", Value: "12", Usage: "how many weeks to show"},
			&cli.StringFlag{Name: "as-of", Value: "today", Usage: "last day to include: YYYY-MM-DD, today or yesterday"},
			&cli.BoolFlag{Name: "json", Usage: "write JSON instead of a table"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			weeks, err := journal.ParseCount("weeks", c.String("weeks"), 1, 520)
			if err != nil {
				return err
			}
			asOf, err := journal.ParseDayRelative(c.String("as-of"), e.today())
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				since := asOf.WeekStart() - journal.Day(7*(weeks-1))
				perDay, err := s.SessionsPerDay(c.Context, since, asOf)
				if err != nil {
					return err
				}
				pain, err := s.PainSince(c.Context, since, asOf, 7*analysis.BaselineWeeks)
				if err != nil {
					return err
				}
				st := analysis.Summarize(perDay, pain, weeks, asOf)
				if c.Bool("json") {
					return writeJSON(c, st)
				}
				return reports.WriteStats(c.App.Writer, st)
			})
		},
	}
}
