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
		Usage: "take back the most recent change",
		Description: `Takes back the last change you made, whatever it was: a recording, an edit,
a removal, a whole import or a change to your own exercises, and says what it
was. Run it again to take back the change before that. Changes are taken back
in the order you made them, even if the clock or time zone changed between
them. If the last change was a pain score that replaced an earlier one for the
same day, the earlier one comes back.`,
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				ch, err := s.Undo(c.Context)
				if errors.Is(err, journal.ErrNotFound) {
					fmt.Fprintln(c.App.Writer, "Nothing to undo: the journal has no changes.")
					return nil
				}
				if err != nil {
					return err
				}
				fmt.Fprintln(c.App.Writer, ch.Undo)
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
