package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

func TestNormalizeArgs(t *testing.T) {
	app := newApp(&env{})
	for _, tc := range []struct {
		in, want string
		err      string
	}{
		{in: "done bird-dog --reps 10", want: "done --reps 10 -- bird-dog"},
		{in: "done --reps 10 bird-dog", want: "done --reps 10 -- bird-dog"},
		{in: "done bird-dog --reps=10", want: "done --reps=10 -- bird-dog"},
		{in: "done bird dog --note -5|and|worse", want: "done --note -5 and worse -- bird dog"},
		{in: "pain -1", want: "pain -- -1"},
		{in: "pain 4 --db x.db", want: "--db x.db pain -- 4"},
		{in: "--db x.db log --json", want: "--db x.db log --json"},
		{in: "log --json --", want: "log --json"},
		{in: "done -- --weird-name", want: "done -- --weird-name"},
		{in: "exercises show child's|pose", want: "exercises show -- child's pose"},
		{in: "exercises add x --kind reps --per-side --start 5", want: "exercises add --kind reps --per-side --start 5 -- x"},
		{in: "done --help", want: "done --help"},
		{in: "--version", want: "--version"},
		{in: "done plank --rep 3", err: "backlog done has no flag --rep; did you mean --reps?"},
		{in: "done plank --note", err: "flag --note of backlog done needs a value"},
		{in: "dne plank", err: `unknown command "dne"; did you mean backlog done?`},
		{in: "--bogus log", err: "backlog has no flag --bogus; see backlog --help"},
		{in: "done plank --note ''", want: "done --note  -- plank"},
		{in: "done plank --date -3", want: "done --date -3 -- plank"},
		{in: "help done", want: "done --help"},
		{in: "help exercises show", want: "exercises show --help"},
		{in: "exercises help", want: "exercises --help"},
		{in: "help", want: "--help"},
	} {
		// "|" stands for a space inside one argument, '' for an empty one.
		var args []string
		for _, a := range strings.Fields(tc.in) {
			if a == "''" {
				a = ""
			}
			args = append(args, strings.ReplaceAll(a, "|", " "))
		}
		got, err := normalizeArgs(app, args)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("normalizeArgs(%q) error = %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || strings.Join(got, " ") != tc.want):
			t.Errorf("normalizeArgs(%q) = %q, %v; want %q", tc.in, strings.Join(got, " "), err, tc.want)
		}
	}
}

// runIn runs backlog in-process on a new journal with a pinned clock and
// returns its exit status and output.
func runIn(t *testing.T, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	return runWith(t, now, filepath.Join(t.TempDir(), "j.db"), args...)
}

// testEnv is an environment with empty input, the clock stopped at now and
// BACKLOG_DB set to db, and nothing else set.
func testEnv(now time.Time, db string, stdout, stderr *bytes.Buffer) *env {
	return &env{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, now: func() time.Time { return now },
		getenv: func(k string) string {
			if k == "BACKLOG_DB" {
				return db
			}
			return ""
		}}
}

// runWith runs backlog in-process on the journal db with a pinned clock.
func runWith(t *testing.T, now time.Time, db string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, testEnv(now, db, &stdout, &stderr))
	return code, stdout.String(), stderr.String()
}

func TestDatesFollowTheClock(t *testing.T) {
	// Just before midnight on the last day of February in a leap year.
	now := time.Date(2028, 2, 29, 23, 59, 0, 0, time.Local)
	for _, tc := range []struct {
		args   []string
		code   int
		output string
	}{
		{[]string{"pain", "3"}, 0, "for 2028-02-29 (today)"},
		{[]string{"pain", "3", "--date", "yesterday"}, 0, "for 2028-02-28 (yesterday)"},
		{[]string{"pain", "3", "--date", "2028-03-01"}, 2, "2028-03-01 is in the future (today is 2028-02-29)"},
		{[]string{"done", "plank", "--date", "2028-02-29"}, 0, "Recorded Plank: 15 s hold (the starting dose) on 2028-02-29 (today)"},
		{[]string{"suggest", "--as-of", "2028-03-01"}, 2, "is in the future"},
		// 2028-02-29 is a Tuesday.
		{[]string{"pain", "3", "--date", "sunday"}, 0, "for 2028-02-27."},
		{[]string{"pain", "3", "--date", "tue"}, 0, "for 2028-02-29 (today)"},
		{[]string{"pain", "3", "--date", "3 days ago"}, 0, "for 2028-02-26."},
		{[]string{"done", "plank", "--date", "-1"}, 0, "on 2028-02-28 (yesterday)"},
		{[]string{"done", "plank", "--date=-30"}, 0, "on 2028-01-30."},
		{[]string{"done", "plank", "--date", "last tuesday"}, 0, "on 2028-02-22."},
		{[]string{"pain", "3", "--date", "someday"}, 2, `"someday" is not a date; write it as YYYY-MM-DD, today, yesterday, a weekday (monday: the most recent one), N days ago or -N`},
		{[]string{"pain", "3", "--date", ""}, 2, "--date is empty; give it a value, or leave it out"},
		{[]string{"done", "plank", "--hold", ""}, 2, "--hold is empty; give it a value, or leave it out"},
	} {
		code, stdout, stderr := runIn(t, now, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.output) {
			t.Errorf("backlog %s: exit %d, output %q; want exit %d and %q", strings.Join(tc.args, " "), code, stdout+stderr, tc.code, tc.output)
		}
	}
}

func TestErrorsAreOneLine(t *testing.T) {
	code, stdout, stderr := runIn(t, time.Now(), "done", "bird-dgo", "--reps", "ten")
	if code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "Error: ") {
		t.Errorf("exit %d, stdout %q, stderr %q: want exit 2 and one Error line", code, stdout, stderr)
	}
}

// TestEachCommandBuildsAlone holds the lazy command tree (appFor) to the
// whole one: every command answers to the name it is listed under, and its
// help, completion and usage errors read the same whichever tree runs it.
func TestEachCommandBuildsAlone(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	// runTree runs args, where DB stands for the journal, in a directory of
	// its own with a new journal, as commands such as backup write there.
	runTree := func(build func(*env, []string) *cli.App, args []string) string {
		dir := t.TempDir()
		t.Chdir(dir)
		db := filepath.Join(dir, "j.db")
		args = slices.Clone(args)
		for i, a := range args {
			if a == "DB" {
				args[i] = db
			}
		}
		var stdout, stderr bytes.Buffer
		code := runApp(context.Background(), args, testEnv(now, db, &stdout, &stderr), build)
		return strings.ReplaceAll(fmt.Sprintf("exit %d\n%s\n%s", code, stdout.String(), stderr.String()), dir, "DIR")
	}
	whole := func(e *env, _ []string) *cli.App { return newApp(e) }

	var paths [][]string
	for _, c := range commands() {
		built := c.build(&env{})
		if built.Name != c.name || len(built.Aliases) > 0 {
			t.Errorf("command listed as %q is named %q with aliases %q", c.name, built.Name, built.Aliases)
		}
		paths = append(paths, []string{c.name})
		for _, sub := range built.Subcommands {
			paths = append(paths, []string{c.name, sub.Name})
		}
	}
	// What the completion scripts ask: the commands, and a command's words.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "--", ""}, "\nroutine\n"},
		{[]string{"__complete", "--", "d"}, "\ndemo\n"},
		{[]string{"__complete", "--", "exercises", ""}, "\nshow\n"},
		{[]string{"__complete", "--", "done", "--"}, "\n--reps\n"},
	} {
		args := tc.args
		lazy, full := runTree(appFor, args), runTree(whole, args)
		if lazy != full || !strings.Contains(full, tc.want) {
			t.Errorf("backlog %s\nbuilt alone:\n%s\nin the whole tree:\n%s", strings.Join(args, " "), lazy, full)
		}
	}
	// Around each command, the shapes where the cli package's own help,
	// version and completion code meets the command built alone.
	for _, path := range paths {
		var shapes [][]string
		for _, before := range [][]string{nil, {"--db", "DB"}, {"-h"}, {"--help"}, {"--version"}, {"--generate-bash-completion"}} {
			for _, after := range [][]string{nil, {"--help"}, {"help"}, {"--no-such-flag"}, {"--generate-bash-completion"}, {"--"}, {"--db"}} {
				shapes = append(shapes, slices.Concat(before, path, after))
			}
		}
		for _, args := range shapes {
			if path[0] == "demo" && !slices.ContainsFunc(args, func(a string) bool {
				return slices.Contains([]string{"-h", "--help", "help", "--version", "--generate-bash-completion", "--no-such-flag"}, a)
			}) {
				continue // would write a sample journal in a new temporary directory
			}
			lazy, full := runTree(appFor, args), runTree(whole, args)
			if lazy != full {
				t.Errorf("backlog %s\nbuilt alone:\n%s\nin the whole tree:\n%s", strings.Join(args, " "), lazy, full)
			}
		}
	}
	for _, tc := range []struct{ args, want string }{
		{"done bird-dog", "done"},
		{"--db x.db done bird-dog", "done"},
		{"--db=x.db pain 4", "pain"},
		{"-h exercises", "exercises"},
		{"help done", "help"},
		{"--db", ""},
		{"-- done", ""},
		{"--version", ""},
		{"--bogus done", ""},
	} {
		if got := commandWord(strings.Fields(tc.args)); got != tc.want {
			t.Errorf("commandWord(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
