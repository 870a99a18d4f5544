// Package reports presents analysis results: as tables in the terminal and
// as the self-contained HTML report.
package reports

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"backlog/analysis"
	"backlog/journal"
)

// Terminal lays text out for a terminal (or a pipe): how wide it may be.
type Terminal struct {
	Width int // columns; 0 means Width
}

func (t Terminal) width() int {
	if t.Width <= 0 {
		return Width
	}
	return t.Width
}

// ColourActions colours the RAISE, KEEP and EASE that start lines of text
// (as WriteSuggestions writes them) for a terminal: green to go on, bold to
// stay, yellow to ease off. Colour it after any escaping of the text, so the
// colour's own escape sequences reach the terminal.
func ColourActions(text string) string {
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		for _, a := range []struct{ word, colour string }{
			{"RAISE", "\x1b[1;32m"}, {"KEEP ", "\x1b[1m"}, {"EASE ", "\x1b[1;33m"},
		} {
			if strings.HasPrefix(l, a.word+"  ") {
				lines[i] = a.colour + a.word + "\x1b[0m" + strings.TrimPrefix(l, a.word)
			}
		}
	}
	return strings.Join(lines, "")
}

// WriteSuggestions prints one block per suggestion at 80 columns, without
// colour.
func WriteSuggestions(w io.Writer, catalog *journal.Catalog, list []analysis.Suggestion) error {
	return Terminal{}.WriteSuggestions(w, catalog, list)
}

// WriteSuggestions prints one block per suggestion: the action, the dose now
// and next, and the reason, wrapped at word boundaries.
func (t Terminal) WriteSuggestions(w io.Writer, catalog *journal.Catalog, list []analysis.Suggestion) error {
	if len(list) == 0 {
		_, err := fmt.Fprintf(w, "No sessions in the last %d days, so nothing to suggest yet.\nRecord one with: backlog done EXERCISE (see backlog exercises)\n", analysis.WindowDays)
		return err
	}
	const indent = "       "
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
		action := fmt.Sprintf("%-5s", strings.ToUpper(string(s.Action)))
		head := Hang(action+"  ", ex.Name+": "+dose, t.width())
		if _, err := fmt.Fprintf(w, "%s\n%s\n", head, Hang(indent, s.Reason, t.width())); err != nil {
			return err
		}
		caution = cmp.Or(caution, s.Caution)
	}
	if caution != "" {
		if _, err := fmt.Fprintln(w, "\n"+Wrap(caution, t.width(), "")); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, "\nGeneral guidance, not medical advice: stop anything that hurts sharply.")
	return err
}

// WriteStats prints the weekly table and the summary at 80 columns.
func WriteStats(w io.Writer, st analysis.Stats) error { return Terminal{}.WriteStats(w, st) }

// WriteStats prints the weekly table, then the pain trend, streaks and
// consistency score, each wrapped at word boundaries. Weeks before the
// first entry are left out: there was nothing to count yet.
func (t Terminal) WriteStats(w io.Writer, st analysis.Stats) error {
	weeks := st.Weeks
	for len(weeks) > 1 && weeks[0].ActiveDays == 0 && weeks[0].MeanPain == nil {
		weeks = weeks[1:]
	}
	var b strings.Builder
	if skipped := len(st.Weeks) - len(weeks); skipped > 0 && len(weeks) > 0 && (weeks[0].ActiveDays > 0 || weeks[0].MeanPain != nil) {
		fmt.Fprintf(&b, "(%s before your first entry left out.)\n", countNoun(skipped, "week"))
	}
	fmt.Fprintf(&b, "%-10s  %6s  %8s  %4s  %s\n", "WEEK OF", "ACTIVE", "SESSIONS", "PAIN", "CHANGE FROM BASELINE")
	meaningful := false
	for _, wk := range weeks {
		pain, change := "–", "–"
		if wk.MeanPain != nil {
			pain = fmt.Sprintf("%.1f", *wk.MeanPain)
		}
		if wk.Change != nil {
			change = shortChange(*wk.Change)
			meaningful = meaningful || wk.Change.Meaningful
		}
		fmt.Fprintf(&b, "%-10s  %6s  %8d  %4s  %s\n", wk.Start, fmt.Sprintf("%d/%d", wk.ActiveDays, wk.Days), wk.Sessions, pain, change)
	}
	if meaningful {
		b.WriteString(Wrap("Better or worse: a change of at least 2 points or 30% from your baseline, the smallest that matters in back pain.", t.width(), "") + "\n")
	}
	b.WriteString("\n")
	var lines []string
	switch {
	case st.Baseline == nil:
		lines = append(lines, "No pain scores yet: record one a day with backlog pain N (0–10) to see the trend.")
	case st.AsOf-*st.BaselineStart < 7*analysis.BaselineWeeks-1:
		lines = append(lines, fmt.Sprintf("Pain so far: %.1f on average since your first score on %s. Your baseline, the mean of your first %d weeks of scores, is complete on %s; the trend starts then.",
			*st.Baseline, *st.BaselineStart, analysis.BaselineWeeks, *st.BaselineStart+7*analysis.BaselineWeeks-1))
	case st.Current == nil:
		lines = append(lines, fmt.Sprintf("Baseline pain %.1f (your first %d weeks of scores, from %s); no scores in the last 7 days.", *st.Baseline, analysis.BaselineWeeks, *st.BaselineStart))
	default:
		lines = append(lines, fmt.Sprintf("Pain: %.1f over the last 7 days against a baseline of %.1f (your first %d weeks of scores, from %s): %s.",
			*st.Current, *st.Baseline, analysis.BaselineWeeks, *st.BaselineStart, FormatChange(*st.Change)))
	}
	lines = append(lines,
		fmt.Sprintf("Streak: %s now, longest %s. Active days in the last 4 weeks: %d of 28.", days(st.CurrentStreak), days(st.LongestStreak), st.ActiveDaysLast28),
		fmt.Sprintf("Consistency score: %.0f%% (recent days count most; a day's weight halves every %.0f days).", 100*st.Consistency, analysis.ConsistencyHalfLifeDays),
		CorrelationSentence(st))
	for _, l := range lines {
		b.WriteString(Wrap(l, t.width(), "") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shortChange writes a change from the baseline for the weekly table:
// "-2.4 (-43%) better" when it is meaningful.
func shortChange(c analysis.Change) string {
	return changeWords(c, " better", " worse")
}

// FormatChange writes a change from the baseline: "-2.1 (-45%), meaningful".
func FormatChange(c analysis.Change) string {
	return changeWords(c, ", meaningful improvement", ", meaningful worsening")
}

// changeWords writes the points and percent of a change, then better or
// worse when it is meaningful.
func changeWords(c analysis.Change, better, worse string) string {
	s := fmt.Sprintf("%+.1f", c.Points)
	if c.Percent != 0 {
		s += fmt.Sprintf(" (%+.0f%%)", c.Percent)
	}
	switch {
	case !c.Meaningful:
	case c.Points < 0:
		s += better
	default:
		s += worse
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

// countNoun writes "1 week" or "3 weeks".
func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
