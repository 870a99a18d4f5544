// Package reports presents analysis results: as tables in the terminal and
// as the self-contained HTML report.
package reports

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"backlog/analysis"
	"backlog/journal"
)

// WriteSuggestions prints one block per suggestion: the action, the dose now
// and next, and the reason.
func WriteSuggestions(w io.Writer, catalog *journal.Catalog, list []analysis.Suggestion) error {
	if len(list) == 0 {
		_, err := fmt.Fprintf(w, "No sessions in the last %d days, so nothing to suggest yet.\nRecord one with: backlog done EXERCISE (see backlog exercises)\n", analysis.WindowDays)
		return err
	}
	caution := ""
	for _, s := range list {
		ex, err := catalog.Lookup(s.Exercise)
		if err != nil {
			return err
		}
		dose := ex.FormatDose(s.Current)
		if s.Next != s.Current {
			dose += " → " + ex.FormatDose(s.Next)
		}
		if _, err := fmt.Fprintf(w, "%-5s  %s: %s\n       %s\n", strings.ToUpper(string(s.Action)), ex.Name, dose, s.Reason); err != nil {
			return err
		}
		caution = cmp.Or(caution, s.Caution)
	}
	if caution != "" {
		if _, err := fmt.Fprintln(w, "\n"+caution); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, "\nGeneral guidance, not medical advice: stop anything that hurts sharply.")
	return err
}

// WriteStats prints the weekly table, then the pain trend, streaks and
// consistency score.
func WriteStats(w io.Writer, st analysis.Stats) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "WEEK OF\tACTIVE DAYS\tSESSIONS\tMEAN PAIN\tCHANGE FROM BASELINE\t")
	for _, wk := range st.Weeks {
		pain, change := "–", "–"
		if wk.MeanPain != nil {
			pain = fmt.Sprintf("%.1f", *wk.MeanPain)
		}
		if wk.Change != nil {
			change = FormatChange(*wk.Change)
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%d\t%s\t%s\t\n", wk.Start, wk.ActiveDays, wk.Days, wk.Sessions, pain, change)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	switch {
	case st.Baseline == nil:
		fmt.Fprintln(w, "No pain scores yet: record one a day with backlog pain N (0–10) to see the trend.")
	case st.Current == nil:
		fmt.Fprintf(w, "Baseline pain %.1f (first %d weeks from %s); no scores in the last 7 days.\n", *st.Baseline, analysis.BaselineWeeks, *st.BaselineStart)
	default:
		fmt.Fprintf(w, "Pain: %.1f over the last 7 days against a baseline of %.1f (first %d weeks from %s): %s.\n",
			*st.Current, *st.Baseline, analysis.BaselineWeeks, *st.BaselineStart, FormatChange(*st.Change))
	}
	fmt.Fprintf(w, "Streak: %s now, longest %s. Active days in the last 4 weeks: %d of 28.\n",
		days(st.CurrentStreak), days(st.LongestStreak), st.ActiveDaysLast28)
	fmt.Fprintf(w, "Consistency score: %.0f%% (recent days count most; a day's weight halves every %.0f days).\n",
		100*st.Consistency, analysis.ConsistencyHalfLifeDays)
	_, err := fmt.Fprintln(w, CorrelationSentence(st))
	return err
}

// FormatChange writes a change from the baseline: "-2.1 (-45%), meaningful".
func FormatChange(c analysis.Change) string {
	s := fmt.Sprintf("%+.1f", c.Points)
	if c.Percent != 0 {
		s += fmt.Sprintf(" (%+.0f%%)", c.Percent)
	}
	if c.Meaningful {
		if c.Points < 0 {
			s += ", meaningful improvement"
		} else {
			s += ", meaningful worsening"
		}
	}
	return s
}

// CorrelationSentence explains the consistency–pain correlation, or why it is
// not shown, without suggesting that one causes the other.
func CorrelationSentence(st analysis.Stats) string {
	if st.Correlation == nil && st.Pairs >= analysis.MinWeeksForCorrelation {
		return fmt.Sprintf("Consistency against next week's pain: not computed, because active days or pain did not vary over the %d weeks.", st.Pairs)
	}
	if st.Correlation == nil {
		return fmt.Sprintf("Consistency against next week's pain: needs at least %d weeks with pain scores (%d so far).",
			analysis.MinWeeksForCorrelation, st.Pairs)
	}
	r := *st.Correlation
	direction := "no clear relation"
	switch {
	case r <= -0.3:
		direction = "more active weeks tended to be followed by lower pain"
	case r >= 0.3:
		direction = "more active weeks tended to be followed by higher pain"
	}
	return fmt.Sprintf("Consistency against next week's pain: r = %.2f over %d weeks, %s. This is an association, not proof of cause.", r, st.Pairs, direction)
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
