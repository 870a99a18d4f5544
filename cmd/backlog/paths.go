package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// refuseJournalAsOutput refuses an output path (report --out, export --out, a
// backup, a restore's source) that is the journal or one of the files SQLite
// keeps beside it, so no command can write over the journal. The journal is
// the one --db, BACKLOG_DB or the default names.
func refuseJournalAsOutput(c *cli.Context, e *env, out string) error {
	db, err := dbPath(c, e)
	if err != nil {
		return err
	}
	return refuseSameFile(out, db)
}

// refuseSameFile compares out with the journal at db and its -wal, -shm and
// -journal files by file identity, so a hard link, a symbolic link or another
// spelling of the path is caught, and by absolute path for files that do not
// exist yet.
func refuseSameFile(out, db string) error {
	outAbs := resolvedPath(out)
	outInfo, outErr := os.Stat(out)
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		p := db + suffix
		same := resolvedPath(p) == outAbs
		if info, err := os.Stat(p); !same && outErr == nil && err == nil {
			same = os.SameFile(info, outInfo)
		}
		if !same {
			continue
		}
		what := "the journal"
		if suffix != "" {
			what = "the journal's " + suffix + " file"
		}
		return &journal.ValidationError{Field: "out", Msg: fmt.Sprintf("%s is %s; writing there would destroy it", out, what),
			Hint: "choose another file"}
	}
	return nil
}

// resolvedPath is path made absolute with the symbolic links of its directory
// resolved, or path as given when that fails.
func resolvedPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}
