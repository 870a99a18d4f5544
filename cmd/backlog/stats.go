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
		Flags: append(rangeFlags(),
			&cli.BoolFlag{Name: "json", Usage: "write JSON instead of a table"},
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			weeks, asOf, err := parseRange(c, e)
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				since := asOf.WeeksStart(weeks)
				perDay, err := s.SessionsPerDay(c.Context, since, asOf)
				if err != nil {
					return err
				}
				pain, err := s.PainSince(c.Context, since, asOf, 7*analysis.BaselineWeeks)
				if err != nil {
					return err
				}
				st := analysis.Summarize(perDay, pain, weeks, asOf)
				adh, name, err := routineAdherence(c.Context, s, since, asOf)
				if err != nil {
					return err
				}
				if c.Bool("json") {
					return writeJSON(c, statsOutput{st, adh})
				}
				if err := (reports.Terminal{Width: e.width()}).WriteStats(c.App.Writer, st); err != nil || adh == nil {
					return err
				}
				return reports.WriteAdherence(c.App.Writer, *adh, name)
			})
		},
	}
}

// rangeFlags are the flags of commands that cover a range of weeks.
func rangeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "weeks", Value: "12", Usage: "how many weeks to cover, ending with the week of --as-of"},
		&cli.StringFlag{Name: "as-of", Value: "today", Usage: "last day to cover: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -N"},
	}
}

// parseRange reads --weeks and --as-of.
func parseRange(c *cli.Context, e *env) (int, journal.Day, error) {
	weeks, err := journal.ParseCount("weeks", c.String("weeks"), 1, 520)
	if err != nil {
		return 0, 0, err
	}
	asOf, err := journal.ParseDayRelative(c.String("as-of"), e.today())
	return weeks, asOf, err
}
