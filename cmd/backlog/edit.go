package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

func editCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "edit",
		Usage:     "correct an entry by its id (backlog log shows ids)",
		ArgsUsage: "ID",
		Description: `Changes only what you give; everything else stays as it was. backlog undo
takes the edit back.

Sessions take --exercise, --reps, --hold, --sets, --minutes, --pain-during,
--date and --note; pain scores take --score, --date and --note.

Examples:
   backlog edit s3f2a9c1d4e5b6a70 --reps 8
   backlog edit p0c1d2e3f4a5b6c78 --date 2026-11-02 --score 3`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "exercise", Usage: "the exercise the session was"},
			&cli.StringFlag{Name: "reps", Usage: "repetitions"},
			&cli.StringFlag{Name: "hold", Usage: "hold time: 30, 30s or 1m30s"},
			&cli.StringFlag{Name: "sets", Usage: "sets"},
			&cli.StringFlag{Name: "minutes", Usage: "minutes"},
			&cli.StringFlag{Name: "pain-during", Usage: "pain during the exercise, 0–10"},
			&cli.StringFlag{Name: "score", Usage: "the day's pain score, 0–10"},
			&cli.StringFlag{Name: "date", Usage: "the day: YYYY-MM-DD, today, yesterday, a weekday, N days ago"},
			&cli.StringFlag{Name: "note", Usage: "the note (an empty one removes it)"},
		},
		Action: func(c *cli.Context) error {
			id, err := oneID(c)
			if err != nil {
				return err
			}
			changed := false
			for _, f := range c.Command.Flags {
				changed = changed || c.IsSet(f.Names()[0])
			}
			if !changed {
				return usagef("see backlog edit --help", "say what to change, such as --reps 8 or --date yesterday")
			}
			return withStore(c, e, func(s *journal.Store) error {
				en, err := s.Entry(c.Context, id)
				if err != nil {
					return err
				}
				if en.Session != nil {
					return editSession(c, e, s, *en.Session)
				}
				return editPain(c, e, s, *en.Pain)
			})
		},
	}
}

func editSession(c *cli.Context, e *env, s *journal.Store, sess journal.Session) error {
	if c.IsSet("score") {
		return usagef("use --pain-during for pain during a session", "%s is a session; --score is for pain scores", sess.ID)
	}
	if c.IsSet("exercise") {
		ex, err := findExercise(c.Context, s, c.String("exercise"))
		if err != nil {
			return err
		}
		if sess.Exercise != ex.Slug {
			sess.Exercise, sess.Dose = ex.Slug, journal.Dose{Sets: sess.Sets}
			if !c.IsSet("reps") && !c.IsSet("hold") && !c.IsSet("minutes") {
				sess.Dose = ex.Start
				sess.Sets = max(sess.Sets, 1)
			}
		}
	}
	var err error
	if sess.Dose, err = doseFromFlags(sess.Dose, doneOptions{reps: c.String("reps"), hold: c.String("hold"),
		sets: c.String("sets"), minutes: c.String("minutes")}); err != nil {
		return err
	}
	if c.IsSet("pain-during") {
		p, err := journal.ParseScore("pain-during", c.String("pain-during"))
		if err != nil {
			return err
		}
		sess.PainDuring = &p
	}
	if c.IsSet("date") {
		if sess.Day, err = journal.ParseDayRelative(c.String("date"), e.today()); err != nil {
			return err
		}
	}
	if c.IsSet("note") {
		sess.Note = c.String("note")
	}
	sess, err = s.UpdateSession(c.Context, sess)
	if err != nil {
		return err
	}
	catalog, err := s.Catalog(c.Context)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "Changed %s: now %s: %s on %s. Undo with: backlog undo\n", sess.ID, sess.Exercise, formatSessionDose(catalog, sess), sess.Day)
	return nil
}

func editPain(c *cli.Context, e *env, s *journal.Store, p journal.PainEntry) error {
	for _, f := range []string{"exercise", "reps", "hold", "sets", "minutes", "pain-during"} {
		if c.IsSet(f) {
			return usagef("a pain score takes --score, --date and --note", "%s is a pain score; --%s is for sessions", p.ID, f)
		}
	}
	var err error
	if c.IsSet("score") {
		if p.Score, err = journal.ParseScore("score", c.String("score")); err != nil {
			return err
		}
	}
	if c.IsSet("date") {
		if p.Day, err = journal.ParseDayRelative(c.String("date"), e.today()); err != nil {
			return err
		}
	}
	if c.IsSet("note") {
		p.Note = c.String("note")
	}
	if p, err = s.UpdatePain(c.Context, p); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "Changed %s: now pain %d/10 for %s. Undo with: backlog undo\n", p.ID, p.Score, p.Day)
	return nil
}

func rmCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "rm",
		Usage:     "remove an entry by its id (backlog log shows ids)",
		ArgsUsage: "ID",
		Description: `backlog undo brings the entry back.

Example:
   backlog rm s3f2a9c1d4e5b6a70`,
		Action: func(c *cli.Context) error {
			id, err := oneID(c)
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				en, err := s.Remove(c.Context, id)
				if err != nil {
					return err
				}
				if en.Session != nil {
					catalog, err := s.Catalog(c.Context)
					if err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "Removed %s: %s on %s. Bring it back with: backlog undo\n",
						en.Session.Exercise, formatSessionDose(catalog, *en.Session), en.Session.Day)
					return nil
				}
				fmt.Fprintf(c.App.Writer, "Removed pain %d/10 for %s. Bring it back with: backlog undo\n", en.Pain.Score, en.Pain.Day)
				return nil
			})
		},
	}
}

// oneID reads the single entry id edit and rm take.
func oneID(c *cli.Context) (string, error) {
	if c.NArg() != 1 || strings.TrimSpace(c.Args().First()) == "" {
		return "", usagef("backlog log lists every entry with its id", "backlog %s needs one entry id", c.Command.Name)
	}
	return strings.TrimSpace(c.Args().First()), nil
}
