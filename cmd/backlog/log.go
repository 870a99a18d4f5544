package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"

	"backlog/journal"
	"backlog/reports"
)

// logEntry is one line of "backlog log": a session or a pain score.
type logEntry struct {
	Session *journal.Session
	Pain    *journal.PainEntry
}

func logCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "log",
		Usage: "list what you recorded, newest first",
		Description: `Examples:
   backlog log
   backlog log --since 2026-11-01 --exercise bird-dog
   backlog log --json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "since", Usage: "first day to list: YYYY-MM-DD, today, yesterday, a weekday, N days ago"},
			&cli.StringFlag{Name: "until", Usage: "last day to list"},
			&cli.StringFlag{Name: "exercise", Usage: "only sessions of this exercise"},
			&cli.StringFlag{Name: "n", Usage: "list only the N newest entries"},
			&cli.BoolFlag{Name: "json", Usage: "write JSON instead of a table"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			var since, until journal.Day
			var err error
			if v := c.String("since"); v != "" {
				if since, err = journal.ParseDayRelative(v, e.today()); err != nil {
					return err
				}
			}
			if v := c.String("until"); v != "" {
				if until, err = journal.ParseDayRelative(v, e.today()); err != nil {
					return err
				}
			}
			if since != 0 && until != 0 && since > until {
				return usagef("swap them", "--since %s is after --until %s", since, until)
			}
			limit := 0
			if c.IsSet("n") {
				if limit, err = journal.ParseCount("n", c.String("n"), 1, 1_000_000); err != nil {
					return err
				}
			}
			return withStore(c, e, func(s *journal.Store) error {
				return runLog(c, e, s, since, until, limit)
			})
		},
	}
}

func runLog(c *cli.Context, e *env, s *journal.Store, since, until journal.Day, limit int) error {
	ctx := c.Context
	catalog, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	filter := journal.SessionFilter{Since: since, Until: until}
	if name := c.String("exercise"); name != "" {
		ex, err := catalog.Lookup(name)
		if err != nil {
			return err
		}
		filter.Exercise = ex.Slug
	}
	sessions, err := s.Sessions(ctx, filter)
	if err != nil {
		return err
	}
	var pain []journal.PainEntry
	if filter.Exercise == "" {
		if pain, err = s.Pain(ctx, since, until); err != nil {
			return err
		}
	}
	entries := make([]logEntry, 0, len(sessions)+len(pain))
	for i := range sessions {
		entries = append(entries, logEntry{Session: &sessions[i]})
	}
	for i := range pain {
		entries = append(entries, logEntry{Pain: &pain[i]})
	}
	// The journal reads a zero day as no bound; --until 1970-01-01 is one.
	if c.IsSet("until") && until == 0 {
		entries = slices.DeleteFunc(entries, func(en logEntry) bool { return en.day() > until })
	}
	// Newest first: by day, then by the order of recording, which is the
	// order undo takes entries back in even after the clock was set back.
	order, err := s.RecordOrder(ctx, since, until)
	if err != nil {
		return err
	}
	slices.SortStableFunc(entries, func(a, b logEntry) int {
		return cmp.Or(cmp.Compare(b.day(), a.day()), cmp.Compare(order[b.id()], order[a.id()]))
	})
	if limit > 0 && len(entries) > limit {
		entries = entries[:limit]
	}
	if c.Bool("json") {
		return writeLogJSON(c, entries)
	}
	if len(entries) == 0 {
		fmt.Fprintln(c.App.Writer, emptyLogMessage(c, filter, since, until))
		return nil
	}
	rows := [][]string{{"ID", "DAY", "ENTRY", "DOSE / SCORE", "NOTE"}}
	for _, en := range entries {
		if en.Pain != nil {
			rows = append(rows, []string{journal.ShortID(en.Pain.ID), en.Pain.Day.String(), "pain",
				fmt.Sprintf("%d/10 (%s)", en.Pain.Score, journal.PainBand(en.Pain.Score)), printable(en.Pain.Note)})
			continue
		}
		dose := formatSessionDose(catalog, *en.Session)
		if en.Session.PainDuring != nil {
			dose += fmt.Sprintf(", pain %d/10", *en.Session.PainDuring)
		}
		rows = append(rows, []string{journal.ShortID(en.Session.ID), en.Session.Day.String(), en.Session.Exercise, dose, printable(en.Session.Note)})
	}
	var b strings.Builder
	reports.WriteTable(&b, rows, e.width())
	return writePaged(c, e, b.String())
}

// emptyLogMessage says why log found nothing: no entries at all, none in the
// range, or none of the exercise asked for.
func emptyLogMessage(c *cli.Context, filter journal.SessionFilter, since, until journal.Day) string {
	var where []string
	if filter.Exercise != "" {
		where = append(where, "no sessions of "+filter.Exercise)
	}
	hasSince, hasUntil := c.IsSet("since"), c.IsSet("until")
	switch {
	case hasSince && hasUntil:
		where = append(where, fmt.Sprintf("from %s to %s", since, until))
	case hasSince:
		where = append(where, fmt.Sprintf("since %s", since))
	case hasUntil:
		where = append(where, fmt.Sprintf("until %s", until))
	}
	if len(where) == 0 {
		return "No entries yet. Record one with: backlog done bird-dog, or backlog pain 4"
	}
	if filter.Exercise == "" {
		return "No entries " + strings.Join(where, " ") + "."
	}
	return "There are " + strings.Join(where, " ") + "."
}

func (en logEntry) day() journal.Day {
	if en.Pain != nil {
		return en.Pain.Day
	}
	return en.Session.Day
}

func (en logEntry) id() string {
	if en.Pain != nil {
		return en.Pain.ID
	}
	return en.Session.ID
}

// writeLogJSON writes the entries as a JSON array; each object has "kind" and
// the fields of a session or a pain entry as export writes them.
func writeLogJSON(c *cli.Context, entries []logEntry) error {
	out := make([]map[string]any, 0, len(entries))
	for _, en := range entries {
		var v any = en.Session
		kind := "session"
		if en.Pain != nil {
			v, kind = en.Pain, "pain"
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		m := map[string]any{}
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		m["kind"] = kind
		out = append(out, m)
	}
	return writeJSON(c, out)
}

// printable keeps a note on one table line and strips control characters, so
// a note cannot move the cursor or recolour the terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
