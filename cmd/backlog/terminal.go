package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/reports"
)

// terminalSize reports whether w is a terminal and, if so, its size.
type terminalSize struct {
	ok            bool
	width, height int
}

// width is how wide output may be: 80 columns, or the terminal's width when
// it is wider. COLUMNS, when set, is the width a person asked for.
func (e *env) width() int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	if t := e.terminal(); t.ok && t.width > reports.Width {
		return t.width
	}
	return reports.Width
}

// colour reports whether RAISE, KEEP and EASE may be coloured: only on a
// terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb.
func (e *env) colour() bool {
	return e.terminal().ok && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}

// rawOut is standard output itself, without the escaping of e.stdout.
func (e *env) rawOut() io.Writer {
	if e.rawStdout != nil {
		return e.rawStdout
	}
	return e.stdout
}

// terminal reports whether standard output is a terminal, and its size.
func (e *env) terminal() terminalSize { return sizeOf(e.rawOut()) }

// writeColoured writes what render writes, with RAISE, KEEP and EASE
// coloured when standard output is a terminal that may have colour: the
// text is made safe first, then coloured, then written to the terminal.
func writeColoured(c *cli.Context, e *env, render func(io.Writer) error) error {
	if !e.colour() {
		return render(c.App.Writer)
	}
	var safe strings.Builder
	sw := newTerminalWriter(&safe)
	if err := render(sw); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(e.rawOut(), reports.ColourActions(safe.String()))
	return err
}

// writePaged writes text to standard output, through $PAGER (or less) when
// standard output is a terminal too short to show it all.
func writePaged(c *cli.Context, e *env, text string) error {
	t := e.terminal()
	if !t.ok || t.height == 0 || strings.Count(text, "\n") <= t.height-1 {
		_, err := io.WriteString(c.App.Writer, text)
		return err
	}
	pager := strings.TrimSpace(e.getenv("PAGER"))
	if pager == "" {
		pager = "less"
	}
	if pager == "cat" {
		_, err := io.WriteString(c.App.Writer, text)
		return err
	}
	// The pager gets the text made safe here, and the terminal itself, so
	// its own control sequences are not escaped.
	var safe strings.Builder
	sw := newTerminalWriter(&safe)
	if _, err := io.WriteString(sw, text); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	cmd := exec.CommandContext(c.Context, "/bin/sh", "-c", pager)
	cmd.Stdin = strings.NewReader(safe.String())
	cmd.Stdout, cmd.Stderr = e.rawOut(), e.stderr
	cmd.Env = os.Environ()
	if e.getenv("LESS") == "" {
		// less: quit if it fits, keep colours, leave the text on screen.
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); ok {
			return nil // the person quit the pager
		}
		if _, werr := io.WriteString(c.App.Writer, text); werr != nil {
			return werr
		}
		fmt.Fprintf(e.stderr, "Warning: could not start the pager %q: %v\n", pager, err)
	}
	return nil
}
