package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write every entry as JSON, CSV or FHIR R4",
		Description: `Writes to standard output unless --out is given. backlog import reads
every format back. The FHIR R4 bundle is for a clinic's record system.

Examples:
   backlog export > backlog.json
   backlog export --format csv --out backlog.csv
   backlog export --format fhir --patient 'Ada Lovelace' --out clinic.json`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "json", Usage: "json, csv or fhir"},
			&cli.StringFlag{Name: "out", Usage: "file to write (default: standard output)", TakesFile: true},
		}, fhirExportFlags()...),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format := strings.ToLower(c.String("format"))
			if format != "json" && format != "csv" && format != "fhir" {
				return &journal.ValidationError{Field: "format", Msg: fmt.Sprintf("--format %q is not json, csv or fhir", c.String("format"))}
			}
			fhirOpt, err := fhirExportOptions(c, e, format)
			if err != nil {
				return err
			}
			out, err := outputPath(c, e, "out", exportName(format))
			if err != nil {
				return err
			}
			if out != "" {
				if err := refuseJournalAsOutput(c, e, out); err != nil {
					return err
				}
			}
			// The export is written as it is made, to a temporary file that
			// becomes --out only once it is whole, or to standard output.
			// The data goes out as stored, so export > file round-trips
			// exactly; only a terminal gets it made safe.
			return withStore(c, e, func(s *journal.Store) error {
				x, err := s.Export(c.Context)
				if err != nil {
					return err
				}
				write := func(w io.Writer) error {
					switch format {
					case "fhir":
						return x.WriteFHIR(w, fhirOpt)
					case "csv":
						return x.WriteCSV(w)
					}
					return x.WriteJSON(w)
				}
				if out != "" {
					if err := writeFileAtomicWith(out, write); err != nil {
						return fmt.Errorf("writing the export: %w", err)
					}
					fmt.Fprintf(c.App.ErrWriter, "Exported to %s\n", out)
					return nil
				}
				w := e.rawStdout
				if isTerminal(w) {
					w = c.App.Writer
				}
				bw := bufio.NewWriterSize(w, 64<<10)
				if err := write(bw); err != nil {
					return err
				}
				return bw.Flush()
			})
		},
	}
}

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "add the entries of a file written by backlog export (JSON, CSV or FHIR)",
		ArgsUsage: "FILE",
		Description: `Checks every row and then adds them all, or none: a bad row (an unknown or missing field, a
day that is not a date, data after the end of the export) is listed and nothing is written.
Entries already in the journal (same id) are skipped, so importing a file twice adds nothing.
Rows without an id get one. An imported pain score replaces that day's score if it was recorded
later; otherwise the journal's newer score stays. backlog says how many of each. A CSV edited in a
spreadsheet imports as long as its first row names the columns. --dry-run says what would change
and writes nothing.

Examples:
   backlog import backlog.json
   backlog import from-spreadsheet.csv --dry-run`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Usage: "check the file and say what would change, without writing"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || c.Args().First() == "" {
				return usagef("such as: backlog import backlog.json", "give one file to import")
			}
			name := c.Args().First()
			f, err := os.Open(name)
			if err != nil {
				return fmt.Errorf("reading %s: %w", name, err)
			}
			defer f.Close()
			if st, err := f.Stat(); err != nil {
				return fmt.Errorf("reading %s: %w", name, err)
			} else if st.Mode().IsRegular() && st.Size() > journal.MaxImportBytes {
				return &journal.ValidationError{Field: "file", Msg: fmt.Sprintf("%s is %d MiB, more than the %d MiB backlog imports at once", name, st.Size()>>20, journal.MaxImportBytes>>20),
					Hint: "split it into smaller files"}
			}
			return withStore(c, e, func(s *journal.Store) error {
				importRows := s.Import
				if c.Bool("dry-run") {
					importRows = s.ImportDryRun
				}
				res, err := importRows(c.Context, journal.ReadImport(f))
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				w := c.App.Writer
				verb := "Imported"
				if c.Bool("dry-run") {
					verb = "Would import"
				}
				fmt.Fprintf(w, "%s %d sessions, %d pain scores and %d exercises from %s", verb, res.Sessions, res.Pain, res.Exercises, name)
				if res.Routine > 0 {
					fmt.Fprintf(w, "; %d routine entries", res.Routine)
				}
				if res.Replaced > 0 {
					fmt.Fprintf(w, "; %s the pain score of %d days", map[bool]string{true: "would replace", false: "replaced"}[c.Bool("dry-run")], res.Replaced)
				}
				if res.KeptNewer > 0 {
					fmt.Fprintf(w, "; kept the journal's newer pain score of %d days over the file's", res.KeptNewer)
				}
				if res.Present > 0 {
					fmt.Fprintf(w, "; %d entries were already in the journal", res.Present)
				}
				fmt.Fprintln(w, ".")
				for _, d := range res.Defaults {
					fmt.Fprintln(w, "Note: "+d+".")
				}
				if c.Bool("dry-run") {
					fmt.Fprintln(w, "Nothing was written (--dry-run).")
				}
				return nil
			})
		},
	}
}

func backupCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "backup",
		Usage:     "write a consistent copy of the journal to a new file",
		ArgsUsage: "FILE",
		Description: `Safe while other backlog commands run. Never overwrites a file, and an interrupted backup
leaves no file behind. To restore, use backlog restore FILE (never copy it over the journal), or
read the copy directly with --db FILE.

Example:
   backlog backup ~/backlog-$(date +%F).db`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("such as: backlog backup ~/backlog-copy.db", "give the file to write the backup to")
			}
			if c.Args().First() == "" {
				return usagef("such as: backlog backup ~/backlog-copy.db", "the backup's file name is empty")
			}
			if err := refuseJournalAsOutput(c, e, c.Args().First()); err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				if err := s.Backup(c.Context, c.Args().First()); err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "Backed up %s to %s.\n", s.Path(), c.Args().First())
				return nil
			})
		},
	}
}

func restoreCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "restore",
		Usage:     "put a backup back in place of the journal, keeping the current one aside",
		ArgsUsage: "FILE",
		Description: `Checks the backup first (a backlog journal, sound, every entry valid) and refuses a bad one.
Then it keeps the current journal beside it as NAME-before-restore-DATE-TIME.db and replaces its
entries with the backup's in one step, under the journal's lock: commands started meanwhile wait
and then see the restored journal. Safe after a crash or kill; never copy a backup over the
journal file yourself.

Example:
   backlog restore ~/backlog-2026-11-21.db`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || c.Args().First() == "" {
				return usagef("such as: backlog restore ~/backlog-2026-11-21.db", "give the backup file to restore")
			}
			backup := c.Args().First()
			if err := refuseJournalAsOutput(c, e, backup); err != nil {
				return &journal.ValidationError{Field: "file", Msg: backup + " is the journal itself, not a backup", Hint: "give a file written by backlog backup"}
			}
			path, err := dbPath(c, e)
			if err != nil {
				return err
			}
			prepared, err := journal.PrepareRestore(c.Context, backup, path)
			if err != nil {
				return err
			}
			defer func() {
				if rerr := prepared.Remove(); rerr != nil {
					fmt.Fprintf(c.App.ErrWriter, "Warning: could not remove a temporary copy: %v\n", rerr)
				}
			}()
			aside := journal.AsidePath(path, e.now())
			store, err := journal.Open(c.Context, path)
			if err == nil {
				err = store.Explain(store.Restore(c.Context, prepared, aside))
				if cerr := store.Close(); err == nil && cerr != nil {
					err = fmt.Errorf("closing the journal: %w", cerr)
				}
			}
			if journal.IsDamaged(err) {
				// SQLite cannot read or change the journal: set the damaged
				// files aside as they are and put the backup in their place.
				aside = journal.AsidePath(path, e.now())
				err = journal.RestoreFiles(path, prepared, aside)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "Restored %s from %s. The journal as it was is kept in %s.\n", path, backup, aside)
			return nil
		},
	}
}

// errCheckFailed reports a journal that failed backlog check; the problems
// are already printed.
type errCheckFailed int

func (n errCheckFailed) Error() string {
	return fmt.Sprintf("the journal has %d problems; backlog backup keeps a copy before anything is changed", int(n))
}

// checkResult is what check --json writes.
type checkResult struct {
	Journal  string   `json:"journal"`
	OK       bool     `json:"ok"`
	Problems []string `json:"problems"`
}

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "check the journal's integrity and entries",
		Description: `Runs SQLite's integrity check, then checks every entry: scores from 0 to 10, doses that
fit their exercise, exercises that exist. Exits 1 if anything is wrong.
With --json it writes {"journal": PATH, "ok": true|false, "problems": [...]}.`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "write JSON instead of text"}},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				problems, err := s.Check(c.Context)
				if err != nil {
					return err
				}
				if c.Bool("json") {
					if err := writeJSON(c, checkResult{Journal: s.Path(), OK: len(problems) == 0, Problems: append([]string{}, problems...)}); err != nil || len(problems) == 0 {
						return err
					}
					return errCheckFailed(len(problems))
				}
				if len(problems) == 0 {
					fmt.Fprintf(c.App.Writer, "%s is sound: integrity check passed and every entry is valid.\n", s.Path())
					return nil
				}
				for _, p := range problems {
					fmt.Fprintln(c.App.Writer, "Problem: "+p)
				}
				return errCheckFailed(len(problems))
			})
		},
	}
}
