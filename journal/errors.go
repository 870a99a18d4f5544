package journal

import (
	"errors"
	"fmt"
)

// ValidationError reports input that backlog refuses to record. Nothing is
// written when one is returned, and the command line exits with status 2.
type ValidationError struct {
	Field   string   // the flag or value at fault, such as "reps" or "date"
	Msg     string   // what is wrong, in a sentence fragment
	Hint    string   // what to do instead; may be empty
	Details []string // one line per problem, for inputs with many parts such as an import
}

func (e *ValidationError) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + "; " + e.Hint
}

// invalid builds a ValidationError with a formatted message.
func invalid(field, hint, format string, args ...any) error {
	return &ValidationError{Field: field, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// ErrNotFound is returned when an entry or exercise does not exist.
var ErrNotFound = errors.New("not found")

// ErrNotJournal is returned when a file exists at the journal path but is not
// a backlog journal. The file is left untouched.
var ErrNotJournal = errors.New("not a backlog journal")

// ErrNewerSchema is returned when the journal was written by a newer version
// of backlog. The file is left untouched.
var ErrNewerSchema = errors.New("journal was written by a newer backlog")

// ErrReadOnly is returned when the journal or its directory cannot be
// written. Nothing was changed.
var ErrReadOnly = errors.New("journal is read-only")

// ErrNotPrivate is returned when the journal or a file SQLite keeps beside it
// belongs to another user or could leak the journal. Nothing was read or
// written.
var ErrNotPrivate = errors.New("journal files are not private")
