package main

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
	"backlog/reports"
)

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write the HTML report of pain against consistency and open it",
		Description: `Writes one self-contained HTML file that works offline: mail it to your physiotherapist or
print it. By default it goes next to your journal (report.html) and opens in your browser,
except with --no-open, when CI is set, or without a display. The path is always printed.

Examples:
   backlog report
   backlog report --weeks 26 --out ~/Desktop/back.html --no-open`,
		Flags: append(rangeFlags(),
			&cli.StringFlag{Name: "out", Usage: "file to write (default: report.html beside the journal)", TakesFile: true},
			&cli.BoolFlag{Name: "no-open", Usage: "do not open the report in a browser"},
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			weeks, asOf, err := parseRange(c, e)
			if err != nil {
				return err
			}
			out, err := outputPath(c, e, "out", "report.html")
			if err != nil {
				return err
			}
			if out == "" {
				db, err := dbPath(c, e)
				if err != nil {
					return err
				}
				out = filepath.Join(filepath.Dir(db), "report.html")
			}
			if err := refuseJournalAsOutput(c, e, out); err != nil {
				return err
			}
			var page bytes.Buffer
			err = withStore(c, e, func(s *journal.Store) error {
				in, err := reportInput(c, s, weeks, asOf)
				if err != nil {
					return err
				}
				return reports.WriteHTML(&page, reports.Build(in))
			})
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, page.Bytes()); err != nil {
				return fmt.Errorf("writing the report: %w", err)
			}
			abs, err := filepath.Abs(out)
			if err != nil {
				return err
			}
			// The path is always printed, and beside it why the report was
			// not opened, so nobody waits for a browser that will not come.
			why := noOpenReason(c.Bool("no-open"), e)
			if why != "" {
				fmt.Fprintf(c.App.Writer, "Report written to %s (not opened: %s)\n", abs, why)
				return nil
			}
			fmt.Fprintf(c.App.Writer, "Report written to %s\n", abs)
			if err := openInBrowser(e, abs); err != nil {
				fmt.Fprintf(c.App.ErrWriter, "Warning: could not open a browser (%v); open the file above yourself.\n", err)
			}
			return nil
		},
	}
}

// reportInput reads what the report draws: sessions and pain over the range
// (and the suggestion window), the first two weeks of pain for the baseline,
// and sessions per day, from the day index, for streaks.
func reportInput(c *cli.Context, s *journal.Store, weeks int, asOf journal.Day) (reports.Input, error) {
	in := reports.Input{AsOf: asOf, Weeks: weeks}
	var err error
	if in.Catalog, err = s.Catalog(c.Context); err != nil {
		return in, err
	}
	first := asOf.WeeksStart(weeks)
	// The range's sessions are most of the reading on a long journal; they
	// are read on a second connection while the rest is read on this one.
	var sessionsErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		in.Sessions, sessionsErr = s.DoseHistory(c.Context, first, asOf)
	}()
	err = readReportRest(c, s, &in, weeks, asOf)
	<-read
	return in, cmp.Or(err, sessionsErr)
}

// readReportRest reads all of a report's input but the range's sessions.
func readReportRest(c *cli.Context, s *journal.Store, in *reports.Input, weeks int, asOf journal.Day) error {
	var err error
	first := asOf.WeeksStart(weeks)
	if in.Recent, err = s.Sessions(c.Context, journal.SessionFilter{Since: asOf - analysis.WindowDays, Until: asOf}); err != nil {
		return err
	}
	if in.Recent == nil {
		in.Recent = []journal.Session{}
	}
	first = min(first, asOf-analysis.WindowDays)
	if in.PerDay, err = s.SessionsPerDay(c.Context, first, asOf); err != nil {
		return err
	}
	if in.Adherence, _, err = routineAdherence(c.Context, s, asOf.WeeksStart(weeks), asOf); err != nil {
		return err
	}
	// The range, the week before it for the moving average, what the
	// suggestions judge by, and the first two weeks for the baseline.
	painFrom := min(first-analysis.MovingAverageDays, asOf-analysis.PainHistoryDays)
	if in.Pain, err = s.PainSince(c.Context, painFrom, asOf, 7*analysis.BaselineWeeks); err != nil {
		return err
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, so a reader never sees half a report. The report holds health
// data, so it is readable by its owner only.
func writeFileAtomic(path string, data []byte) error {
	return writeFileAtomicWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileAtomicWith is writeFileAtomic for output written as it is made,
// such as a long export: write writes to the temporary file, and path
// appears only if it succeeds.
func writeFileAtomicWith(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".backlog-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// noOpenReason says why the report should not be opened, or "" to open it.
func noOpenReason(noOpen bool, e *env) string {
	switch {
	case noOpen:
		return "--no-open"
	case e.getenv("CI") != "":
		return "CI is set"
	case runtime.GOOS != "darwin" && runtime.GOOS != "windows" && e.getenv("DISPLAY") == "" && e.getenv("WAYLAND_DISPLAY") == "":
		return "no display"
	}
	return ""
}

// openInBrowser starts the desktop's browser on path and does not wait for
// it. $BROWSER, when set, is used as the command; the browser's own output
// goes nowhere near the terminal.
func openInBrowser(e *env, path string) error {
	var cmd *exec.Cmd
	switch b := e.getenv("BROWSER"); {
	case b != "":
		cmd = exec.Command(b, path)
	case runtime.GOOS == "darwin":
		cmd = exec.Command("open", path)
	case runtime.GOOS == "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release()
}
