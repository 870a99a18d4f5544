package main

import (
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"backlog/journal"
)

// terminalWriter is the one place where text leaves backlog for a terminal:
// standard output and standard error pass through it, so no stored text (a
// note, an exercise name or how-to from exercises add or an import) can
// reach the terminal with a control or bidirectional override character
// (journal.IsControl). Each such character is written as the six characters
// \uXXXX instead, which is also its JSON escape: --json output stays valid
// JSON with the same content. A carriage return passes only as part of a
// CRLF line end (iCalendar's). Bytes that are not UTF-8 become U+FFFD, since
// a lone byte 0x9b is a control sequence on some terminals.
type terminalWriter struct {
	w     io.Writer
	carry []byte // the start of a character split between two writes
}

func newTerminalWriter(w io.Writer) *terminalWriter { return &terminalWriter{w: w} }

// Write writes p with every unsafe character escaped. It reports len(p) when
// all of it was handled.
func (t *terminalWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(t.carry) > 0 {
		p = append(t.carry, p...)
		t.carry = nil
	}
	if safeASCII(p) {
		_, err := t.w.Write(p)
		return n, err
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(p[i:]) {
				t.carry = append([]byte(nil), p[i:]...)
				break
			}
			out = utf8.AppendRune(out, utf8.RuneError)
			i++
			continue
		}
		switch {
		case r == '\r' && i+1 == len(p):
			t.carry = []byte{'\r'} // a line end split between two writes?
		case r == '\r' && p[i+1] == '\n':
			out = append(out, '\r') // CRLF line ends, as iCalendar has them
		case journal.IsControl(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	_, err := t.w.Write(out)
	return n, err
}

// Flush writes what is left of a character cut short at the very end: a
// lone carriage return escaped, anything else as U+FFFD.
func (t *terminalWriter) Flush() error {
	if len(t.carry) == 0 {
		return nil
	}
	rest := string(utf8.RuneError)
	if t.carry[0] == '\r' {
		rest = `\u000d`
	}
	t.carry = nil
	_, err := t.w.Write([]byte(rest))
	return err
}

// safeASCII reports whether p is printable ASCII, newlines and tabs only:
// the common case, written as it is.
func safeASCII(p []byte) bool {
	for _, b := range p {
		if b >= 0x7f || b < 0x20 && b != '\n' && b != '\t' {
			return false
		}
	}
	return true
}

// isTerminal reports whether w is a character device such as a terminal,
// where export's raw data must be made safe like any other output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
