package main

import (
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"backlog/journal"
)

// TestReportGivesSuggestsAdvice builds random journals through the command
// line, long and short, and checks that the report's suggestions are the
// ones backlog suggest prints for the same day: the same exercises, actions
// and reasons, in the same order, whatever range the report covers.
func TestReportGivesSuggestsAdvice(t *testing.T) {
	now := time.Date(2026, 6, 15, 18, 0, 0, 0, time.Local)
	today := journal.DayOf(now)
	rng := rand.New(rand.NewPCG(3, 5))
	row := regexp.MustCompile(`<tr><td data-label="Exercise">(.*?)</td><td data-label="Advice" class="action action-(\w+)">.*?<td data-label="Why">(.*?)</td></tr>`)
	compared := 0
	for j := 0; j < 6; j++ {
		db := filepath.Join(t.TempDir(), "j.db")
		do := runner(t, now, db)
		fillRandom(do, rng, today, 20+rng.IntN(30), 0, 120)
		day := today - journal.Day(rng.IntN(5))
		want := suggestions(t, do, day)
		for _, weeks := range []string{"1", "12", "520"} {
			out := filepath.Join(t.TempDir(), "report.html")
			do("report", "--as-of", day.String(), "--weeks", weeks, "--out", out, "--no-open")
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			got := row.FindAllStringSubmatch(strings.NewReplacer(`<span class="nowrap">`, "", "</span>", "").Replace(string(page)), -1)
			if len(got) != len(want) {
				t.Fatalf("journal %d, %s weeks: the report has %d suggestions, suggest %d", j, weeks, len(got), len(want))
			}
			for i, s := range want {
				if string(s.Action) != got[i][2] || s.Reason != html.UnescapeString(got[i][3]) {
					t.Errorf("journal %d, %s weeks, %s: the report says %s %q, suggest %s %q", j, weeks, s.Exercise,
						got[i][2], html.UnescapeString(got[i][3]), s.Action, s.Reason)
				}
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("only %d suggestions compared: the journals are too thin to test anything", compared)
	}
}
