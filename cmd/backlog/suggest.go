package main

import (
	"encoding/json"
	"io"

	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
	"backlog/reports"
)

func suggestCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "suggest",
		Usage: "when to raise a hold or reps, when to stay, when to ease off",
		Description: `One line of advice for every exercise done in the last 28 days, with its reason.
See "How suggestions work" in the README for the rules and their sources.

Examples:
   backlog suggest
   backlog suggest --as-of 2026-10-01 --json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "as-of", Value: "today", Usage: "judge as of this day: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -N"},
			&cli.BoolFlag{Name: "json", Usage: "write JSON instead of text"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			asOf, err := journal.ParseDayRelative(c.String("as-of"), e.today())
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				catalog, err := s.Catalog(c.Context)
				if err != nil {
					return err
				}
				sessions, err := s.Sessions(c.Context, journal.SessionFilter{Since: asOf - analysis.WindowDays, Until: asOf})
				if err != nil {
					return err
				}
				pain, err := s.Pain(c.Context, asOf-analysis.PainHistoryDays, asOf)
				if err != nil {
					return err
				}
				list := analysis.Suggest(catalog, sessions, pain, asOf)
				if c.Bool("json") {
					if list == nil {
						list = []analysis.Suggestion{}
					}
					return writeJSON(c, list)
				}
				return writeColoured(c, e, func(w io.Writer) error {
					return reports.Terminal{Width: e.width()}.WriteSuggestions(w, catalog, list)
				})
			})
		},
	}
}

// writeJSON writes v as indented JSON to standard output.
func writeJSON(c *cli.Context, v any) error {
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
