package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/urfave/cli/v2"

	"backlog/journal"
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
			&cli.StringFlag{Name: "since", Usage: "first day to list: YYYY-MM-DD, today or yesterday"},
			&cli.StringFlag{Name: "until", Usage: "last day to list"},
			&cli.StringFlag{Name: "exercise", Usage: "only sessions of this exercise"},
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
				if until == 0 { // day 0 (1970-01-01) reads as no bound at all
					until = -1
				}
			}
			return withStore(c, e, func(s *journal.Store) error {
				return runLog(c, s, since, until)
			})
		},
	}
}

func runLog(c *cli.Context, s *journal.Store, since, until journal.Day) error {
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
	slices.SortStableFunc(entries, func(a, b logEntry) int {
		return cmp.Or(cmp.Compare(b.day(), a.day()), b.recordedAt().Compare(a.recordedAt()))
	})
	if c.Bool("json") {
		return writeLogJSON(c, entries)
	}
	if len(entries) == 0 {
		fmt.Fprintln(c.App.Writer, "No entries yet. Record one with: backlog done bird-dog, or backlog pain 4")
		return nil
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DAY\tENTRY\tDOSE / SCORE\tPAIN DURING\tNOTE")
	for _, en := range entries {
		if en.Pain != nil {
			fmt.Fprintf(tw, "%s\tpain\t%d/10 (%s)\t\t%s\n", en.Pain.Day, en.Pain.Score, journal.PainBand(en.Pain.Score), printable(en.Pain.Note))
			continue
		}
		during := ""
		if en.Session.PainDuring != nil {
			during = fmt.Sprintf("%d/10", *en.Session.PainDuring)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", en.Session.Day, en.Session.Exercise, formatSessionDose(catalog, *en.Session), during, printable(en.Session.Note))
	}
	return tw.Flush()
}

func (en logEntry) day() journal.Day {
	if en.Pain != nil {
		return en.Pain.Day
	}
	return en.Session.Day
}

func (en logEntry) recordedAt() time.Time {
	if en.Pain != nil {
		return en.Pain.RecordedAt
	}
	return en.Session.RecordedAt
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
