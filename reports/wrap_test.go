package reports_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"backlog/reports"
)

func TestWrapBreaksAtWordsWithinTheWidth(t *testing.T) {
	for _, tc := range []struct {
		text, indent string
		width        int
		want         string
	}{
		{"the quick brown fox jumps", "", 10, "the quick\nbrown fox\njumps"},
		{"the quick brown fox jumps", "  ", 11, "the quick\n  brown fox\n  jumps"},
		{"a supercalifragilistic word", "", 8, "a\nsupercalifragilistic\nword"},
		{"one\ntwo three", "", 80, "one\ntwo three"},
		{"", "", 10, ""},
	} {
		if got := reports.Wrap(tc.text, tc.width, tc.indent); got != tc.want {
			t.Errorf("Wrap(%q, %d, %q) = %q, want %q", tc.text, tc.width, tc.indent, got, tc.want)
		}
	}
	long := strings.Repeat("pain during the exercise settles by morning ", 20)
	for _, line := range strings.Split(reports.Wrap(long, 80, "       "), "\n") {
		if utf8.RuneCountInString(line) > 80 {
			t.Errorf("line of %d columns: %q", utf8.RuneCountInString(line), line)
		}
		if strings.HasSuffix(line, " ") {
			t.Errorf("line ends in a space: %q", line)
		}
	}
}

func TestCut(t *testing.T) {
	if got := reports.Cut("abcdefghij", 5); got != "abcd…" {
		t.Errorf("Cut = %q", got)
	}
	if got := reports.Cut("abc", 5); got != "abc" {
		t.Errorf("Cut = %q", got)
	}
}

func TestHang(t *testing.T) {
	got := reports.Hang("KEEP   ", "one two three four", 16)
	if want := "KEEP   one two\n       three\n       four"; got != want {
		t.Errorf("Hang = %q, want %q", got, want)
	}
}

func TestWrapLinesHangsUnderTheText(t *testing.T) {
	in := "   backlog suggest        when to raise, keep or ease each exercise, and why\n" +
		"   backlog is not medical advice: stop if an exercise hurts sharply and ask\n" +
		"   backlog exercises add wall-push-up --name \"Wall push-up\" --kind reps\n" +
		"   --db value  journal file (default $BACKLOG_DB, else $XDG_DATA_HOME/backlog/backlog.db)\n" +
		"How to: On hands and knees, hands under shoulders and knees under hips, tighten the belly.\n" +
		"short line"
	want := "   backlog suggest        when to raise, keep or ease each exercise,\n" +
		strings.Repeat(" ", 26) + "and why\n" +
		"   backlog is not medical advice: stop if an exercise hurts sharply\n" +
		"   and ask\n" +
		"   backlog exercises add wall-push-up --name \"Wall push-up\" --kind\n" +
		strings.Repeat(" ", 11) + "reps\n" +
		"   --db value  journal file (default $BACKLOG_DB, else\n" +
		"               $XDG_DATA_HOME/backlog/backlog.db)\n" +
		"How to: On hands and knees, hands under shoulders and knees under\n" +
		"        hips, tighten the belly.\n" +
		"short line"
	if got := reports.WrapLines(in, 70); got != want {
		t.Errorf("WrapLines =\n%s\nwant\n%s", got, want)
	}
}

func TestWriteTableWrapsTheLastColumn(t *testing.T) {
	var b strings.Builder
	rows := [][]string{{"ID", "DAY", "NOTE"}, {"s1", "2026-01-01", "a note long enough to need a second line here"}, {"s2", "2026-01-02", ""}}
	if err := reports.WriteTable(&b, rows, 40); err != nil {
		t.Fatal(err)
	}
	want := "ID  DAY         NOTE\n" +
		"s1  2026-01-01  a note long enough to\n" +
		"                need a second line here\n" +
		"s2  2026-01-02\n"
	if b.String() != want {
		t.Errorf("WriteTable =\n%s\nwant\n%s", b.String(), want)
	}
}
