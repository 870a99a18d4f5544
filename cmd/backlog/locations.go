package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// expandHome expands a leading ~ or ~/ to the home directory, as a shell
// would have if the path had not been quoted or written after "=" (as in
// --db=~/x.db or BACKLOG_DB="~/x.db").
func expandHome(path string, e *env) (string, error) {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path, nil
	}
	home := e.getenv("HOME")
	if home == "" {
		return "", usagef("write the path out in full", "cannot expand %s: HOME is not set", path)
	}
	return filepath.Join(home, strings.TrimPrefix(path, "~")), nil
}

// outputPath reads a flag naming a file to write. A ~ is expanded; a
// directory (one that exists, or a name ending in /) means a file called
// name inside it. It returns "" when the flag was not given.
func outputPath(c *cli.Context, e *env, flag, name string) (string, error) {
	out := c.String(flag)
	if out == "" {
		return "", nil
	}
	out, err := expandHome(out, e)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(out)
	switch {
	case err == nil && st.IsDir():
		return filepath.Join(out, name), nil
	case strings.HasSuffix(out, string(filepath.Separator)) && errors.Is(err, fs.ErrNotExist):
		return "", usagef("create it first, or give a file name", "--%s %s: no such directory", flag, out)
	case strings.HasSuffix(out, string(filepath.Separator)):
		return "", usagef("give a directory or a file name", "--%s %s is not a directory", flag, out)
	}
	return out, nil
}

// exportName is the file export --out writes inside a directory.
func exportName(format string) string {
	if format == "fhir" {
		return "backlog-export.fhir.json"
	}
	return "backlog-export." + format
}

// createsJournal reports whether a command records something and so may
// create the journal. Every other command only reads it (or changes what is
// already there), and never creates one.
func createsJournal(c *cli.Context) bool {
	switch c.Command.Name {
	case "done", "pain", "import", "add", "restore":
		return true
	}
	return false
}

// readsCatalog reports whether a command only reads the exercise catalog,
// which is there without a journal: the journal adds the person's own.
func readsCatalog(c *cli.Context) bool {
	switch c.Command.Name {
	case "exercises", "show":
		return true
	}
	return false
}

// missingJournal decides what a command that only reads does when the
// journal does not exist: with the default location, it reads an empty
// journal (nothing has been recorded yet); with a path the person gave, the
// path is most likely mistyped, which is an error that names it.
func missingJournal(c *cli.Context, e *env, path string) (useEmpty bool, err error) {
	if createsJournal(c) {
		return false, nil
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if readsCatalog(c) || c.String("db") == "" && e.getenv("BACKLOG_DB") == "" {
		return true, nil
	}
	return false, &journal.ValidationError{Field: "db", Msg: fmt.Sprintf("no journal at %s", path),
		Hint: "check the path given with --db or BACKLOG_DB; backlog done or backlog pain creates a new journal there"}
}
