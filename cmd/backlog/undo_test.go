package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLogAndUndoAgreeAfterTheClockGoesBack records entries while the clock
// is set back and the time zone changes between them; log must list the
// last one recorded first on its day, and undo must take that one back.
func TestLogAndUndoAgreeAfterTheClockGoesBack(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.db")
	paris := time.FixedZone("Paris", 1*3600)
	newYork := time.FixedZone("New York", -5*3600)
	steps := []struct {
		now  time.Time
		args []string
	}{
		{time.Date(2026, 3, 10, 20, 0, 0, 0, paris), []string{"done", "plank", "--hold", "20"}},
		// Flown to New York: 14:00 there is 19:00 in Paris, an hour "earlier".
		{time.Date(2026, 3, 10, 14, 0, 0, 0, newYork), []string{"done", "cat-cow", "--reps", "6"}},
		// The clock is then set back by a day's worth of hours, same date.
		{time.Date(2026, 3, 10, 1, 0, 0, 0, newYork), []string{"pain", "4"}},
	}
	for _, s := range steps {
		if code, _, stderr := runWith(t, s.now, db, s.args...); code != 0 {
			t.Fatalf("backlog %s: exit %d, %s", strings.Join(s.args, " "), code, stderr)
		}
	}
	later := time.Date(2026, 3, 10, 22, 0, 0, 0, paris)
	_, out, _ := runWith(t, later, db, "log")
	var order []string
	for _, line := range strings.Split(out, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 2 {
			order = append(order, f[2])
		}
	}
	if got, want := strings.Join(order, " "), "pain cat-cow plank"; got != want {
		t.Fatalf("log lists %q, want the order of recording reversed, %q:\n%s", got, want, out)
	}
	for _, want := range []string{"Removed pain 4/10 for 2026-03-10.", "Removed cat-cow: 6 reps on 2026-03-10.", "Removed plank: 20 s hold on 2026-03-10."} {
		code, out, stderr := runWith(t, later, db, "undo")
		if code != 0 || strings.TrimSpace(out) != want {
			t.Fatalf("undo: exit %d, %q %q; want %q", code, out, stderr, want)
		}
	}
}
