package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

func undoCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "undo",
		Usage: "remove the most recently recorded entry",
		Description: `Removes the last session or pain score you recorded and says what it was.
If that pain score had replaced an earlier one for the same day, the earlier one comes back.`,
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				u, err := s.Undo(c.Context)
				if errors.Is(err, journal.ErrNotFound) {
					fmt.Fprintln(c.App.Writer, "Nothing to undo: the journal has no entries.")
					return nil
				}
				if err != nil {
					return err
				}
				w := c.App.Writer
				switch {
				case u.Session != nil:
					catalog, err := s.Catalog(c.Context)
					if err != nil {
						return err
					}
					for _, b := range u.Batch {
						fmt.Fprintf(w, "Removed %s: %s on %s.\n", b.Exercise, formatSessionDose(catalog, b), b.Day)
					}
					fmt.Fprintf(w, "Removed %s: %s on %s.\n", u.Session.Exercise, formatSessionDose(catalog, *u.Session), u.Session.Day)
				case u.Restored != nil:
					fmt.Fprintf(w, "Removed pain %d/10 for %s; the earlier %d/10 is back.\n", u.Pain.Score, u.Pain.Day, u.Restored.Score)
				default:
					fmt.Fprintf(w, "Removed pain %d/10 for %s.\n", u.Pain.Score, u.Pain.Day)
				}
				return nil
			})
		},
	}
}

// formatSessionDose writes a session's dose the way its exercise is dosed,
// falling back to the raw numbers for an exercise no longer in the catalog.
func formatSessionDose(catalog *journal.Catalog, s journal.Session) string {
	ex, err := catalog.Lookup(s.Exercise)
	if err != nil {
		return s.Dose.String()
	}
	return ex.FormatDose(s.Dose)
}
