package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
	"backlog/reports"
)

func routineCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "routine",
		Usage: "the exercises you mean to do and how often; reminders for your calendar",
		Description: `Without a subcommand, lists the routine with each exercise's current and next dose.
A change applies from its day on (--from, default today); earlier weeks keep the plan they had.

Examples:
   backlog routine add bird-dog plank cat-cow --days mon,wed,fri
   backlog routine add walking --per-week 5
   backlog routine rm cat-cow
   backlog routine calendar --at 18:00 --out backlog.ics`,
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			if c.Bool("json") {
				return withStore(c, e, func(s *journal.Store) error { return writeRoutineJSON(c, e, s) })
			}
			return withStore(c, e, func(s *journal.Store) error { return listRoutine(c, e, s) })
		},
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "write JSON instead of a list"}},
		Subcommands: []*cli.Command{
			{
				Name:      "add",
				Usage:     "put exercises in the routine, or change how often",
				ArgsUsage: "EXERCISE…",
				Description: `--days takes daily, weekdays, weekends or day names (mon,wed,fri); --per-week N means
N days a week, any days. An exercise already in the routine changes from --from on.`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "days", Usage: "daily, weekdays, weekends or day names such as mon,wed,fri"},
					&cli.StringFlag{Name: "per-week", Usage: "days a week, any days: 1 to 7"},
					&cli.StringFlag{Name: "from", Value: "today", Usage: "first day of the change: YYYY-MM-DD, today or yesterday"},
				},
				BashComplete: completeExercises,
				Action: func(c *cli.Context) error {
					sch, err := scheduleFlags(c)
					if err != nil {
						return err
					}
					from, err := journal.ParseDayRelative(c.String("from"), e.today())
					if err != nil {
						return err
					}
					return withStore(c, e, func(s *journal.Store) error {
						changes, err := s.SetRoutine(c.Context, c.Args().Slice(), sch, from)
						if err != nil {
							return err
						}
						return printChanges(c.App.Writer, changes, from, e.today())
					})
				},
			},
			{
				Name:      "rm",
				Usage:     "take exercises out of the routine",
				ArgsUsage: "EXERCISE…",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "from", Value: "today", Usage: "first day without them: YYYY-MM-DD, today or yesterday"},
				},
				BashComplete: completeExercises,
				Action: func(c *cli.Context) error {
					from, err := journal.ParseDayRelative(c.String("from"), e.today())
					if err != nil {
						return err
					}
					return withStore(c, e, func(s *journal.Store) error {
						changes, err := s.EndRoutine(c.Context, c.Args().Slice(), from)
						if err != nil {
							return err
						}
						return printChanges(c.App.Writer, changes, from, e.today())
					})
				},
			},
			{
				Name:  "calendar",
				Usage: "write the routine's reminders as an iCalendar file any calendar app imports",
				Description: `One repeating event per set of days, with an alarm at its start. Import the file again
after changing the routine: the events are updated, not added twice. Times are local
wherever the calendar is.

Example:
   backlog routine calendar --at 18:00 --out backlog.ics`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "at", Value: "18:00", Usage: "time of day of the reminders, HH:MM (24-hour)"},
					&cli.StringFlag{Name: "out", Usage: "file to write (default: standard output)", TakesFile: true},
				},
				Action: func(c *cli.Context) error {
					if err := noArgs(c); err != nil {
						return err
					}
					hour, minute, err := parseClock(c.String("at"))
					if err != nil {
						return err
					}
					return withStore(c, e, func(s *journal.Store) error { return writeCalendar(c, e, s, hour, minute) })
				},
			},
		},
	}
}

// scheduleFlags reads --days or --per-week; exactly one must be given.
func scheduleFlags(c *cli.Context) (journal.Schedule, error) {
	days, perWeek := c.String("days"), c.String("per-week")
	switch {
	case days != "" && perWeek != "":
		return journal.Schedule{}, usagef("such as --days mon,wed,fri or --per-week 3", "give --days or --per-week, not both")
	case days == "" && perWeek == "":
		return journal.Schedule{}, usagef("such as --days mon,wed,fri, --days daily or --per-week 3", "say how often with --days or --per-week")
	case days != "":
		return journal.ParseDays(days)
	}
	n, err := strconv.Atoi(strings.TrimSpace(perWeek))
	if err != nil || n < 1 || n > 7 {
		return journal.Schedule{}, &journal.ValidationError{Field: "per-week",
			Msg:  fmt.Sprintf("--per-week must be a whole number from 1 to 7, not %q", perWeek),
			Hint: "for every day use --days daily"}
	}
	return journal.Schedule{PerWeek: n}, nil
}

// printChanges says what add or rm did, one line per exercise.
func printChanges(w io.Writer, changes []journal.RoutineChange, from, today journal.Day) error {
	when := "from " + describeDay(from, today)
	for _, ch := range changes {
		var err error
		switch {
		case ch.After == nil:
			_, err = fmt.Fprintf(w, "Removed %s (%s) from the routine %s.\n", ch.Exercise.Name, ch.Before.Describe(), when)
		case ch.Before == nil:
			_, err = fmt.Fprintf(w, "Added %s to the routine, %s, %s.\n", ch.Exercise.Name, ch.After.Describe(), when)
		case *ch.Before == *ch.After:
			_, err = fmt.Fprintf(w, "%s is already in the routine, %s; nothing changed.\n", ch.Exercise.Name, ch.After.Describe())
		default:
			_, err = fmt.Fprintf(w, "Changed %s from %s to %s, %s.\n", ch.Exercise.Name, ch.Before.Describe(), ch.After.Describe(), when)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// inForce returns the routine entries that apply on day, and the whole
// history.
func inForce(entries []journal.RoutineEntry, day journal.Day) []journal.RoutineEntry {
	var out []journal.RoutineEntry
	for _, en := range entries {
		if en.InForce(day) {
			out = append(out, en)
		}
	}
	return out
}

// noRoutine is what commands that need a routine say without one.
const noRoutine = "No routine yet. Make one, for example:\n" +
	"  backlog routine add bird-dog plank cat-cow --days mon,wed,fri\n" +
	"  backlog routine add walking --per-week 5\n"

// plannedEntry is an entry of the routine with its exercise and the plan
// for it as of today.
type plannedEntry struct {
	journal.RoutineEntry
	ex   journal.Exercise
	plan plan
}

// planRoutine works out the plan for each entry of the routine in force on
// today; none when there is no routine.
func planRoutine(ctx context.Context, s *journal.Store, today journal.Day) ([]plannedEntry, error) {
	entries, err := s.Routine(ctx)
	if err != nil {
		return nil, err
	}
	now := inForce(entries, today)
	if len(now) == 0 {
		return nil, nil
	}
	catalog, err := s.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	var out []plannedEntry
	for _, en := range now {
		ex, err := catalog.Lookup(en.Exercise)
		if err != nil {
			return nil, err
		}
		p, err := planFor(ctx, s, ex, today, today)
		if err != nil {
			return nil, err
		}
		out = append(out, plannedEntry{RoutineEntry: en, ex: ex, plan: p})
	}
	return out, nil
}

// listRoutine prints the routine in force today, each exercise with its
// schedule and its current and next dose.
func listRoutine(c *cli.Context, e *env, s *journal.Store) error {
	w := c.App.Writer
	planned, err := planRoutine(c.Context, s, e.today())
	if err != nil {
		return err
	}
	if len(planned) == 0 {
		_, err := fmt.Fprint(w, noRoutine)
		return err
	}
	fmt.Fprintln(w, "Your routine:")
	caution := ""
	for _, it := range planned {
		en, ex, a := it.RoutineEntry, it.ex, it.plan.advice
		fmt.Fprintf(w, "  %s: %s, since %s\n", ex.Name, en.Describe(), en.Since)
		var dose string
		switch {
		case a.Rule == "first-session":
			dose = "not done yet: start at " + ex.FormatDose(a.Next)
		case a.Next == a.Current:
			dose = "now " + ex.FormatDose(a.Current)
		default:
			dose = "now " + ex.FormatDose(a.Current) + " → next " + ex.FormatDose(a.Next)
		}
		if a.Rest {
			dose += "; rest it a day or two"
		}
		fmt.Fprint(w, wrapText(dose, 80, fmt.Sprintf("    %-5s  ", strings.ToUpper(string(a.Action))), "           "))
		caution = cmp.Or(caution, a.Caution)
	}
	if caution != "" {
		fmt.Fprint(w, "\n"+wrapText(caution, 80, "", ""))
	}
	_, err = fmt.Fprintln(w, "\nbacklog today shows what is due today; backlog suggest gives the reasons.")
	return err
}

// parseClock reads --at: HH:MM on a 24-hour clock.
func parseClock(s string) (int, int, error) {
	bad := &journal.ValidationError{Field: "at", Msg: fmt.Sprintf("--at %q is not a time of day", s), Hint: "write it as HH:MM on a 24-hour clock, such as 18:00 or 7:30"}
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, 0, bad
	}
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, 0, bad
	}
	return hour, minute, nil
}

// writeCalendar writes the routine in force today as iCalendar, to --out or
// standard output.
func writeCalendar(c *cli.Context, e *env, s *journal.Store, hour, minute int) error {
	ctx, today := c.Context, e.today()
	entries, err := s.Routine(ctx)
	if err != nil {
		return err
	}
	now := inForce(entries, today)
	if len(now) == 0 {
		return usagef("make one first, such as: backlog routine add bird-dog --days daily", "the routine is empty, so there is nothing to remind you of")
	}
	catalog, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	cal := reports.Calendar{Hour: hour, Minute: minute, From: today, Stamp: e.now()}
	for _, en := range now {
		ex, err := catalog.Lookup(en.Exercise)
		if err != nil {
			return err
		}
		cal.Items = append(cal.Items, reports.CalendarItem{Name: ex.Name, Schedule: en.Schedule})
	}
	for _, en := range entries {
		if en.Ended != 0 && en.Ended <= today {
			cal.Past = append(cal.Past, en.Schedule)
		}
	}
	var buf bytes.Buffer
	if err := reports.WriteCalendar(&buf, cal); err != nil {
		return err
	}
	out := c.String("out")
	if out == "" {
		_, err := c.App.Writer.Write(buf.Bytes())
		return err
	}
	if isJournal(out, s.Path()) {
		return usagef("choose another file, such as backlog.ics", "%s is the journal itself; backlog will not write over it", out)
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return fmt.Errorf("writing the calendar: %w", err)
	}
	fmt.Fprintf(c.App.Writer, "Wrote %d reminders at %02d:%02d to %s; import it into your calendar app.\n",
		countEvents(cal), hour, minute, out)
	return nil
}

// isJournal reports whether path names the journal file (or its WAL files).
func isJournal(path, journalPath string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for _, j := range []string{journalPath, journalPath + "-wal", journalPath + "-shm"} {
		if abs == j {
			return true
		}
		a, err1 := os.Stat(abs)
		b, err2 := os.Stat(j)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return true
		}
	}
	return false
}

// countEvents is how many recurring events the calendar holds.
func countEvents(cal reports.Calendar) int {
	seen := map[journal.Schedule]bool{}
	for _, it := range cal.Items {
		seen[it.Schedule] = true
	}
	return len(seen)
}

// wrapText wraps s at width, starting with first and continuing lines with
// rest, and ends it with a newline.
func wrapText(s string, width int, first, rest string) string {
	var b strings.Builder
	line := first
	empty := true
	for _, word := range strings.Fields(s) {
		if !empty && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}

// routineAdherence works out adherence to the routine over the weeks from
// since to asOf, for stats; nil without a routine.
func routineAdherence(ctx context.Context, s *journal.Store, since, asOf journal.Day) (*analysis.Adherence, func(string) string, error) {
	entries, err := s.Routine(ctx)
	if err != nil || len(entries) == 0 {
		return nil, nil, err
	}
	first := asOf
	for _, en := range entries {
		first = min(first, en.Since)
	}
	done, err := s.ExerciseDays(ctx, routineSlugs(entries), min(first, since), asOf)
	if err != nil {
		return nil, nil, err
	}
	catalog, err := s.Catalog(ctx)
	if err != nil {
		return nil, nil, err
	}
	name := func(slug string) string {
		if ex, err := catalog.Lookup(slug); err == nil {
			return ex.Name
		}
		return slug
	}
	a := analysis.ComputeAdherence(entries, done, since, asOf)
	return &a, name, nil
}

// statsOutput is "backlog stats --json": the stats, and adherence to the
// routine when there is one.
type statsOutput struct {
	analysis.Stats
	Adherence *analysis.Adherence `json:"adherence,omitempty"`
}

// routineSlugs lists the exercises of routine entries.
func routineSlugs(entries []journal.RoutineEntry) []string {
	var slugs []string
	for _, en := range entries {
		slugs = append(slugs, en.Exercise)
	}
	return slugs
}
