package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"backlog/journal"
)

// usageError is a mistake in how backlog was called: an unknown command or
// flag, a missing argument. Like a journal.ValidationError it exits with 2.
type usageError struct {
	msg  string
	hint string
}

func (e *usageError) Error() string {
	if e.hint == "" {
		return e.msg
	}
	return e.msg + "; " + e.hint
}

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// Exit statuses, as SPEC §4 fixes them.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// exitCode maps an error to the process exit status: 2 for bad input or
// usage, when nothing was written; 1 for anything else.
func exitCode(err error) int {
	var verr *journal.ValidationError
	var uerr *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &verr), errors.As(err, &uerr):
		return exitUsage
	}
	return exitFailure
}

// printError writes err to w as one line, with a hint where one helps.
func printError(w io.Writer, err error) {
	msg := err.Error()
	switch {
	case errors.Is(err, journal.ErrNotJournal):
		msg += "; backlog left it untouched: point --db or BACKLOG_DB at your journal, or move the file away"
	case errors.Is(err, journal.ErrNewerSchema):
		msg += "; backlog left it untouched"
	case errors.Is(err, journal.ErrReadOnly), errors.Is(err, fs.ErrPermission):
		msg += "; check the permissions of the journal file and its directory"
	}
	fmt.Fprintln(w, "Error: "+msg)
	var verr *journal.ValidationError
	if errors.As(err, &verr) {
		for _, d := range verr.Details {
			fmt.Fprintln(w, "  "+d)
		}
	}
}
