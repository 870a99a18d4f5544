package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
)

func todayCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "today",
		Usage: "what your routine has for today, at which dose, and what is done",
		Description: `The dose of each exercise is the one backlog suggest gives for the day, easing or resting
after a flare. backlog done --routine records what is left.

Examples:
   backlog today
   backlog today --date yesterday --json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "date", Value: "today", Usage: "the day to show: YYYY-MM-DD, today or yesterday"},
			&cli.BoolFlag{Name: "json", Usage: "write JSON instead of text"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			day, err := journal.ParseDayRelative(c.String("date"), e.today())
			if err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				items, hasRoutine, err := loadDue(c.Context, s, day, e.today())
				if err != nil {
					return err
				}
				if c.Bool("json") {
					return writeJSON(c, todayJSON(day, hasRoutine, items))
				}
				return writeToday(c.App.Writer, day, e.today(), hasRoutine, items)
			})
		},
	}
}

// dueAdvice is a routine exercise in force on a day, with the advice for it
// and the sessions of it that day.
type dueAdvice struct {
	analysis.DueItem
	ex   journal.Exercise
	plan plan
	done []journal.Session
}

// left reports whether the item is due and not yet done.
func (d dueAdvice) left() bool { return d.Due && !d.DoneToday }

// loadDue reads the routine in force on day and works out each exercise's
// advice for the day, as "backlog done" and "backlog suggest" do.
func loadDue(ctx context.Context, s *journal.Store, day, today journal.Day) ([]dueAdvice, bool, error) {
	entries, err := s.Routine(ctx)
	if err != nil {
		return nil, false, err
	}
	now := inForce(entries, day)
	if len(now) == 0 {
		return nil, false, nil
	}
	done, err := s.ExerciseDays(ctx, routineSlugs(now), day.WeekStart(), day)
	if err != nil {
		return nil, false, err
	}
	catalog, err := s.Catalog(ctx)
	if err != nil {
		return nil, false, err
	}
	var out []dueAdvice
	for _, it := range analysis.DueOn(now, done, day) {
		ex, err := catalog.Lookup(it.Exercise)
		if err != nil {
			return nil, false, err
		}
		p, err := planFor(ctx, s, ex, day, today)
		if err != nil {
			return nil, false, err
		}
		d := dueAdvice{DueItem: it, ex: ex, plan: p}
		for _, sess := range p.sessions {
			if sess.Day == day {
				d.done = append(d.done, sess)
			}
		}
		out = append(out, d)
	}
	return out, true, nil
}

// weekNote says how far a number of days a week has got: "2 of 5 this week".
func (d dueAdvice) weekNote() string {
	if d.Schedule.PerWeek == 0 {
		return ""
	}
	return fmt.Sprintf(" – %d of %d this week", d.WeekDone, d.WeekPlan)
}

// doneDoses writes the doses recorded on the day.
func (d dueAdvice) doneDoses() string {
	var doses []string
	for _, s := range d.done {
		doses = append(doses, d.ex.FormatDose(s.Dose))
	}
	return strings.Join(doses, ", ")
}

// adviceDose writes the suggested dose and how it came about.
func (d dueAdvice) adviceDose() string {
	a := d.plan.advice
	if a.Rest {
		return fmt.Sprintf("rest it today; then %s", d.ex.FormatDose(a.Next))
	}
	s := d.ex.FormatDose(a.Next)
	if why := d.plan.chosen(); why != "the dose backlog suggests" {
		s += " (" + why + ")"
	}
	return s
}

// writeToday prints the day's routine: what is left at which dose, what is
// done, and what the day does not plan. Every line fits 80 columns.
func writeToday(w io.Writer, day, today journal.Day, hasRoutine bool, items []dueAdvice) error {
	if !hasRoutine {
		_, err := fmt.Fprint(w, noRoutine)
		return err
	}
	var left, done, rest []dueAdvice
	due := 0
	for _, it := range items {
		switch {
		case it.DoneToday:
			done = append(done, it)
		case it.Due:
			left = append(left, it)
		default:
			rest = append(rest, it)
		}
		if it.Due || it.DoneToday {
			due++
		}
	}
	when := fmt.Sprintf("%s %s", day.Weekday(), day)
	if day == today {
		when = "Today, " + when
	}
	fmt.Fprintf(w, "%s: %d due, %d done, %d left.\n", when, due, len(done), len(left))
	caution := ""
	if len(left) > 0 {
		fmt.Fprintln(w, "\nLeft to do:")
		for _, it := range left {
			label := strings.ToUpper(string(it.plan.advice.Action))
			if it.plan.advice.Rest {
				label = "REST"
			}
			fmt.Fprint(w, wrapText(it.ex.Name+": "+it.adviceDose()+it.weekNote(), 80, fmt.Sprintf("  %-5s  ", label), "         "))
			caution = cmp.Or(caution, it.plan.advice.Caution)
		}
	}
	if len(done) > 0 {
		fmt.Fprintln(w, "\nDone:")
		for _, it := range done {
			fmt.Fprint(w, wrapText(it.ex.Name+": "+it.doneDoses()+it.weekNote(), 80, "  DONE   ", "         "))
		}
	}
	if len(rest) > 0 {
		fmt.Fprintln(w, "\nNot planned for this day:")
		for _, it := range rest {
			note := it.Schedule.Describe()
			if it.Schedule.PerWeek > 0 {
				note = fmt.Sprintf("%d of %d done this week", it.WeekDone, it.WeekPlan)
			}
			fmt.Fprint(w, wrapText(it.ex.Name+" ("+note+")", 80, "         ", "         "))
		}
	}
	recordable := 0
	for _, it := range left {
		if !it.plan.advice.Rest {
			recordable++
		}
	}
	switch {
	case recordable > 0 && day == today:
		fmt.Fprintln(w, "\nRecord what is left with: backlog done --routine")
	case recordable > 0:
		fmt.Fprintf(w, "\nRecord what is left with: backlog done --routine --date %s\n", day)
	case len(left) > 0:
		fmt.Fprintln(w, "\nRest is advised for what is left; backlog suggest says why.")
	case due > 0:
		fmt.Fprintln(w, "\nAll done for the day.")
	default:
		fmt.Fprintln(w, "\nA rest day: nothing is planned.")
	}
	if caution != "" {
		fmt.Fprint(w, "\n"+wrapText(caution, 80, "", ""))
	}
	return nil
}

// todayItemJSON is one exercise in "backlog today --json".
type todayItemJSON struct {
	Exercise string         `json:"exercise"`
	Name     string         `json:"name"`
	Days     string         `json:"days"`
	Status   string         `json:"status"` // left, done or not-planned
	Action   string         `json:"action,omitempty"`
	Rule     string         `json:"rule,omitempty"`
	Dose     *journal.Dose  `json:"dose,omitempty"`
	Rest     bool           `json:"rest,omitempty"`
	Done     []journal.Dose `json:"done"`
	WeekDone int            `json:"week_done"`
	WeekPlan int            `json:"week_plan"`
}

// todayOutput is "backlog today --json".
type todayOutput struct {
	Day     journal.Day     `json:"day"`
	Routine bool            `json:"routine"`
	Due     int             `json:"due"`
	Done    int             `json:"done"`
	Left    int             `json:"left"`
	Items   []todayItemJSON `json:"items"`
	Caution string          `json:"caution,omitempty"`
}

func todayJSON(day journal.Day, hasRoutine bool, items []dueAdvice) todayOutput {
	out := todayOutput{Day: day, Routine: hasRoutine, Items: []todayItemJSON{}}
	for _, it := range items {
		j := todayItemJSON{Exercise: it.ex.Slug, Name: it.ex.Name, Days: it.Schedule.String(),
			Done: []journal.Dose{}, WeekDone: it.WeekDone, WeekPlan: it.WeekPlan}
		for _, s := range it.done {
			j.Done = append(j.Done, s.Dose)
		}
		switch {
		case it.DoneToday:
			j.Status = "done"
			out.Done++
		case it.Due:
			a := it.plan.advice
			next := a.Next
			j.Status, j.Action, j.Rule, j.Dose, j.Rest = "left", string(a.Action), a.Rule, &next, a.Rest
			out.Left++
			out.Caution = cmp.Or(out.Caution, a.Caution)
		default:
			j.Status = "not-planned"
		}
		if it.Due || it.DoneToday {
			out.Due++
		}
		out.Items = append(out.Items, j)
	}
	return out
}
