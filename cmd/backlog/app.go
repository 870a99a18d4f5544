package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/urfave/cli/v2"

	"backlog/journal"
	"backlog/reports"
)

// env is everything backlog takes from the outside world, so tests can run
// the whole program in-process with their own streams, environment and clock.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	// rawStdout is standard output without the terminal safety of stdout,
	// for export's data to a file or a pipe (set by run).
	rawStdout io.Writer
}

// run executes one backlog invocation and returns its exit status.
func run(ctx context.Context, args []string, e *env) int {
	return runApp(ctx, args, e, appFor)
}

// runApp is run with the command tree that build makes for the arguments.
func runApp(ctx context.Context, args []string, e *env, build func(*env, []string) *cli.App) int {
	out, errOut := newTerminalWriter(e.stdout), newTerminalWriter(e.stderr)
	safe := *e
	safe.stdout, safe.stderr, safe.rawStdout = out, errOut, e.stdout
	e = &safe
	app := build(e, args)
	args, err := normalizeArgs(app, args)
	if err == nil && wantsHelp(args) {
		// Help is laid out for the terminal's width, wrapped at words.
		var help bytes.Buffer
		app.Writer = &help
		err = app.RunContext(ctx, append([]string{"backlog"}, args...))
		if _, werr := io.WriteString(e.stdout, reports.WrapLines(help.String(), e.width())); err == nil {
			err = werr
		}
	} else if err == nil && writesProse(args) && e.terminal().ok {
		// On a terminal, sentences are wrapped at words to its width;
		// scripts reading them from a pipe get one line each.
		var out bytes.Buffer
		app.Writer = &out
		err = app.RunContext(ctx, append([]string{"backlog"}, args...))
		if _, werr := io.WriteString(e.stdout, reports.WrapLines(out.String(), e.width())); err == nil {
			err = werr
		}
	} else if err == nil {
		err = app.RunContext(ctx, append([]string{"backlog"}, args...))
	}
	if err != nil {
		printError(e.stderr, err)
	}
	code := exitCode(err)
	// What is left is at most a character cut short at the very end.
	if ferr := errors.Join(out.Flush(), errOut.Flush()); ferr != nil && code == exitOK {
		code = exitFailure
	}
	return code
}

// namedCommand is one of backlog's commands, by the one name it answers to.
type namedCommand struct {
	name  string
	build func(*env) *cli.Command
	// wholeTree marks a command that reads the whole command tree.
	wholeTree bool
}

// commands are backlog's commands in the order help lists them. Most runs
// build only the command they are given (see appFor): building and setting up
// all of them cost every run a few tenths of a millisecond.
func commands() []namedCommand {
	return []namedCommand{
		{name: "done", build: doneCommand},
		{name: "pain", build: painCommand},
		{name: "today", build: todayCommand},
		{name: "routine", build: routineCommand},
		{name: "log", build: logCommand},
		{name: "undo", build: undoCommand},
		{name: "edit", build: editCommand},
		{name: "rm", build: rmCommand},
		{name: "suggest", build: suggestCommand},
		{name: "stats", build: statsCommand},
		{name: "report", build: reportCommand},
		{name: "export", build: exportCommand},
		{name: "import", build: importCommand},
		{name: "backup", build: backupCommand},
		{name: "restore", build: restoreCommand},
		{name: "check", build: checkCommand},
		{name: "exercises", build: exercisesCommand},
		{name: "completion", build: completionCommand},
		{name: "__complete", build: completeCommand, wholeTree: true},
		{name: "demo", build: demoCommand},
	}
}

// globalFlags are the flags backlog takes before or after any command.
func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "db", Usage: "journal file (default $BACKLOG_DB, else $XDG_DATA_HOME/backlog/backlog.db)", TakesFile: true},
	}
}

// appFor builds the command tree args need: when they name a command, that
// command alone, and otherwise every command, for help, suggestions of the
// nearest name and completion.
func appFor(e *env, args []string) *cli.App {
	word := commandWord(args)
	for _, c := range commands() {
		if c.name == word && !c.wholeTree {
			return newAppOf(e, []*cli.Command{c.build(e)})
		}
	}
	return newApp(e)
}

// commandWord returns the command's name in args, the first word after
// backlog's own flags; "" when there is none, when "--" ends the flags, or
// when the flags cannot be read (the whole tree then reports the mistake).
func commandWord(args []string) string {
	i, err := commandIndex(globalFlags(), args)
	if err != nil || i < 0 || i == len(args) {
		return ""
	}
	return args[i]
}

// newApp builds the whole command tree. Nothing here touches the journal:
// commands open it when they run.
func newApp(e *env) *cli.App {
	var cmds []*cli.Command
	for _, c := range commands() {
		cmds = append(cmds, c.build(e))
	}
	return newAppOf(e, cmds)
}

// newAppOf builds backlog with the given commands.
func newAppOf(e *env, cmds []*cli.Command) *cli.App {
	app := &cli.App{
		Name:    "backlog",
		Usage:   "track back-pain exercises and daily pain, and progress gradually",
		Version: version(),
		UsageText: `backlog done bird-dog --reps 6           record a session
backlog pain 4                           record today's pain (0–10)
backlog suggest                          when to raise, keep or ease each exercise
backlog report                           pain against consistency, in your browser
backlog exercises show "child's pose"    how to do an exercise, and its dose`,
		Description: "Your journal stays on this machine, in one SQLite file (see --db).\n" +
			"backlog is not medical advice: stop if an exercise hurts sharply and ask a professional.",
		Flags:                globalFlags(),
		Commands:             cmds,
		Reader:               e.stdin,
		Writer:               e.stdout,
		ErrWriter:            e.stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		// Errors are printed and mapped to exit codes in one place, run; the
		// cli package must neither print them nor exit.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
	}
	forEachCommand(app.Commands, func(c *cli.Command) {
		c.OnUsageError, c.HideHelpCommand = onUsageError, true
		c.Before = func(ctx *cli.Context) error { return refuseEmptyFlags(ctx, c.Flags) }
	})
	app.Before = func(ctx *cli.Context) error { return refuseEmptyFlags(ctx, app.Flags) }
	return app
}

// refuseEmptyFlags refuses a flag given with an empty value (--reps "",
// --db ""), which would otherwise read as if it had not been given at all.
// An empty --note is a note left empty.
func refuseEmptyFlags(c *cli.Context, flags []cli.Flag) error {
	for _, f := range flags {
		sf, ok := f.(*cli.StringFlag)
		if !ok || sf.Name == "note" || !c.IsSet(sf.Name) || c.String(sf.Name) != "" {
			continue
		}
		return usagef("give it a value, or leave it out", "--%s is empty", sf.Name)
	}
	return nil
}

func onUsageError(_ *cli.Context, err error, _ bool) error {
	return &usageError{msg: err.Error(), hint: "see backlog --help"}
}

func forEachCommand(cmds []*cli.Command, fn func(*cli.Command)) {
	for _, c := range cmds {
		fn(c)
		forEachCommand(c.Subcommands, fn)
	}
}

// version reports the module version the binary was built from.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "0.1.0-dev"
}

// dbPath resolves where the journal lives: --db, then BACKLOG_DB, then the
// XDG data directory.
func dbPath(c *cli.Context, e *env) (string, error) {
	return resolveDBPath(c.String("db"), e)
}

// resolveDBPath is dbPath for a --db value given as a string.
func resolveDBPath(flag string, e *env) (string, error) {
	if p := flag; p != "" {
		return expandHome(p, e)
	}
	if p := e.getenv("BACKLOG_DB"); p != "" {
		return expandHome(p, e)
	}
	if dir := e.getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "backlog", "backlog.db"), nil
	}
	if home := e.getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "share", "backlog", "backlog.db"), nil
	}
	return "", errors.New("cannot tell where to keep the journal: HOME is not set; give --db FILE or set BACKLOG_DB")
}

// openStore opens the journal for a command, with the program's clock. The
// cleanup it returns runs after the store is closed.
func openStore(c *cli.Context, e *env) (*journal.Store, func(), error) {
	path, err := dbPath(c, e)
	if err != nil {
		return nil, nil, err
	}
	empty, err := missingJournal(c, e, path)
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() {}
	if empty {
		// Nothing recorded yet: read an empty journal made aside, rather
		// than create one where the person did not ask for it.
		dir, err := os.MkdirTemp("", "backlog-empty-")
		if err != nil {
			return nil, nil, err
		}
		path = filepath.Join(dir, "empty.db")
		cleanup = func() {
			if err := os.RemoveAll(dir); err != nil {
				fmt.Fprintf(e.stderr, "Warning: could not remove %s: %v\n", dir, err)
			}
		}
	}
	store, err := journal.Open(c.Context, path)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	store.Now = e.now
	return store, cleanup, nil
}

// withStore runs fn with an open journal and closes it afterwards, reporting
// a failure to close (which could mean the last write did not reach disk).
func withStore(c *cli.Context, e *env, fn func(*journal.Store) error) (err error) {
	store, cleanup, err := openStore(c, e)
	if err != nil {
		if path, perr := dbPath(c, e); perr == nil {
			err = journal.ExplainDiskFull(err, path)
		}
		return err
	}
	defer cleanup()
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = store.Explain(fmt.Errorf("closing the journal: %w", cerr))
		}
	}()
	return store.Explain(fn(store))
}

// today is the user's local calendar day.
func (e *env) today() journal.Day { return journal.DayOf(e.now()) }

// noArgs refuses positional arguments for commands that take none.
func noArgs(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("see backlog "+c.Command.Name+" --help", "backlog %s takes no arguments, got %q", c.Command.Name, c.Args().First())
	}
	return nil
}
