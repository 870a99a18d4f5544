package reports

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"backlog/analysis"
)

// WriteAdherence prints the routine's planned days against those done, week
// by week, then per exercise, the last four weeks and the routine streak.
// name turns a slug into a display name.
func WriteAdherence(w io.Writer, a analysis.Adherence, name func(slug string) string) error {
	fmt.Fprintln(w, "\nRoutine: planned days done (a day done instead of another counts).")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "WEEK OF\tPLANNED\tDONE\tSHARE\t")
	weeks := a.Weeks
	for len(weeks) > 0 && len(weeks[0].Exercises) == 0 {
		weeks = weeks[1:] // before the routine: nothing to show
	}
	for _, wk := range weeks {
		if wk.Planned == 0 && len(wk.Exercises) == 0 {
			fmt.Fprintf(tw, "%s\t–\t–\t–\t\n", wk.Start)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", wk.Start, wk.Planned, wk.Done, share(wk.PlannedDone))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var parts []string
	for _, ex := range a.Exercises {
		parts = append(parts, fmt.Sprintf("%s %d/%d", name(ex.Exercise), ex.Done, ex.Planned))
	}
	if len(parts) > 0 {
		fmt.Fprint(w, wrap("Per exercise over these weeks: "+strings.Join(parts, ", ")+".", 80))
	}
	fmt.Fprintf(w, "Last 4 weeks: %d of %d planned days done (%s).\n", a.Last4Weeks.Done, a.Last4Weeks.Planned, share(a.Last4Weeks))
	_, err := fmt.Fprint(w, wrap(fmt.Sprintf("Routine streak: %s done in a row, longest %s; a day the routine does not plan (a rest day) does not break it.",
		plannedDays(a.CurrentStreak), plannedDays(a.LongestStreak)), 80))
	return err
}

func share(p analysis.PlannedDone) string {
	if p.Planned == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(p.Done)/float64(p.Planned))
}

func plannedDays(n int) string {
	if n == 1 {
		return "1 planned day"
	}
	return fmt.Sprintf("%d planned days", n)
}

// wrap breaks s into lines of at most width columns, at spaces.
func wrap(s string, width int) string {
	var b strings.Builder
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}
