package main

import (
	"bytes"
	"fmt"
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
			var buf bytes.Buffer
			err = withStore(c, e, func(s *journal.Store) error {
				x, err := s.Export(c.Context)
				if err != nil {
					return err
				}
				if format == "fhir" {
					return x.WriteFHIR(&buf, fhirOpt)
				}
				if format == "csv" {
					return x.WriteCSV(&buf)
				}
				return x.WriteJSON(&buf)
			})
			if err != nil {
				return err
			}
			if out := c.String("out"); out != "" {
				if err := writeFileAtomic(out, buf.Bytes()); err != nil {
					return fmt.Errorf("writing the export: %w", err)
				}
				fmt.Fprintf(c.App.ErrWriter, "Exported to %s\n", out)
				return nil
			}
			_, err = c.App.Writer.Write(buf.Bytes())
			return err
		},
	}
}

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "add the entries of a file written by backlog export (JSON, CSV or FHIR)",
		ArgsUsage: "FILE",
		Description: `Checks every row first and then adds them all, or none. Entries already in the journal (same
id) are skipped, so importing a file twice adds nothing. Rows without an id get one. An imported
pain score replaces that day's score (backlog says how many days it replaced). A CSV edited in a
spreadsheet imports as long as its first row names the columns.

Examples:
   backlog import backlog.json
   backlog import from-spreadsheet.csv`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("such as: backlog import backlog.json", "give one file to import")
			}
			name := c.Args().First()
			f, err := os.Open(name)
			if err != nil {
				return fmt.Errorf("reading %s: %w", name, err)
			}
			rows, err := journal.ReadImport(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			return withStore(c, e, func(s *journal.Store) error {
				res, err := s.Import(c.Context, rows)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				fmt.Fprintf(c.App.Writer, "Imported %d sessions, %d pain scores and %d exercises from %s", res.Sessions, res.Pain, res.Exercises, name)
				if res.Routine > 0 {
					fmt.Fprintf(c.App.Writer, "; %d routine entries", res.Routine)
				}
				if res.Replaced > 0 {
					fmt.Fprintf(c.App.Writer, "; replaced the pain score of %d days", res.Replaced)
				}
				if res.Present > 0 {
					fmt.Fprintf(c.App.Writer, "; %d entries were already in the journal", res.Present)
				}
				fmt.Fprintln(c.App.Writer, ".")
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
		Description: `Safe while other backlog commands run. Never overwrites a file. To restore, use the copy
with --db FILE, or copy it over the journal while no backlog command runs.

Example:
   backlog backup ~/backlog-$(date +%F).db`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("such as: backlog backup ~/backlog-copy.db", "give the file to write the backup to")
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

// errCheckFailed reports a journal that failed backlog check; the problems
// are already printed.
type errCheckFailed int

func (n errCheckFailed) Error() string {
	return fmt.Sprintf("the journal has %d problems; backlog backup keeps a copy before anything is changed", int(n))
}

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "check the journal's integrity and entries",
		Description: `Runs SQLite's integrity check, then checks every entry: scores from 0 to 10, doses that
fit their exercise, exercises that exist. Exits 1 if anything is wrong.`,
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return withStore(c, e, func(s *journal.Store) error {
				problems, err := s.Check(c.Context)
				if err != nil {
					return err
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
