// Package journal holds backlog's domain types (exercises, sessions, pain
// entries, days), the built-in exercise catalog, and the Store that keeps
// them in one SQLite file.
package journal

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the pure-Go "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID is written to PRAGMA application_id so a backlog journal can
// be told apart from any other SQLite file. It spells "bklg" in ASCII.
const ApplicationID = 0x626b6c67

//go:embed migrations/*.sql
var migrationFiles embed.FS

// SchemaVersion is the schema this binary writes: the number of migrations.
func SchemaVersion() int {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	return len(names)
}

// Store keeps the journal in one SQLite file. Every exported method runs in
// its own transaction.
type Store struct {
	db   *sql.DB
	path string

	// Now is the clock entries are stamped with and future days are judged
	// by. Tests pin it.
	Now func() time.Time
	// NewID makes entry ids. Ids are stable: export and import keep them.
	NewID func(prefix string) string
}

// settings are applied to every pooled connection. WAL lets readers and one
// writer work at once; synchronous=FULL makes a recorded entry survive a power
// cut; the busy timeout makes concurrent writers queue rather than fail; and
// immediate transactions take the write lock up front, so two writers never
// deadlock upgrading a read lock.
const settings = "_busy_timeout=10000&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1&_txlock=immediate"

// DSN returns the driver data source name for the journal at path with
// backlog's connection settings.
func DSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + settings
}

// Open opens the journal at path, creating it and its directory if they do not
// exist and migrating an older schema in place. A file that is not a backlog
// journal, or whose schema is newer than this binary's, is refused with
// ErrNotJournal or ErrNewerSchema and left exactly as it was.
func Open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	if err := prepareFile(abs); err != nil {
		return nil, err
	}
	// Switching a new file to WAL takes an exclusive lock that SQLite does not
	// wait for with its busy timeout, so when several processes create the
	// journal at once, all but one are told it is busy. They try again.
	// The waits double from 2 ms to 200 ms, about ten seconds in all.
	wait := 2 * time.Millisecond
	for attempt := 1; ; attempt++ {
		s, err := open(ctx, abs)
		if err == nil || !isBusy(err) || attempt == openAttempts {
			return s, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// openAttempts bounds the retries of Open while other processes create the
// journal.
const openAttempts = 56

func open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	s := &Store{db: db, path: path, Now: time.Now, NewID: randomID}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// isBusy reports whether err is SQLite saying another connection holds a
// lock it could not wait for.
func isBusy(err error) bool {
	var serr *sqlite.Error
	if !errors.As(err, &serr) {
		return false
	}
	code := serr.Code() & 0xff
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// Path returns the absolute path of the journal file.
func (s *Store) Path() string { return s.path }

// Close closes the database. The last connection to close checkpoints the WAL
// into the main file.
func (s *Store) Close() error { return s.db.Close() }

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// prepareFile makes sure path is either a new, empty file with owner-only
// permissions or an existing file that looks like a backlog journal. It reads
// the 100-byte SQLite header itself, so a foreign file is refused before the
// driver could change a single byte of it (setting WAL mode would).
func prepareFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the journal directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	if !writable(path) || !writable(filepath.Dir(path)) {
		what := "the journal " + path
		if writable(path) {
			what = "the directory " + filepath.Dir(path)
		}
		return fmt.Errorf("cannot write to %s (permission denied), so nothing was recorded: %w", what, ErrReadOnly)
	}
	f, err = os.Open(path)
	if err != nil {
		return fmt.Errorf("opening journal %s: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return fmt.Errorf("opening journal %s: %w", path, err)
	} else if st.IsDir() {
		return fmt.Errorf("journal %s is a directory: %w", path, ErrNotJournal)
	}
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	switch {
	case n == 0 && (err == io.EOF):
		return nil // an empty file, as a crash during creation leaves: initialise it
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("reading journal %s: %w", path, err)
	case n < len(header) || !bytes.Equal(header[:16], sqliteMagic):
		return fmt.Errorf("%s is not a SQLite database: %w", path, ErrNotJournal)
	}
	userVersion := int(binary.BigEndian.Uint32(header[60:64]))
	appID := binary.BigEndian.Uint32(header[68:72])
	switch {
	case appID == ApplicationID && userVersion > SchemaVersion():
		return newerSchema(path, userVersion)
	case appID == ApplicationID:
		return nil
	case appID != 0:
		return fmt.Errorf("%s belongs to another program (application id %#x): %w", path, appID, ErrNotJournal)
	}
	// Application id 0: either a journal whose first transaction still sits
	// in its WAL, or a SQLite file of another program. Ask SQLite, read-only.
	return probe(path)
}

// probe opens path read-only, without changing its journal mode, and accepts
// it only if it is a backlog journal or has no tables at all.
func probe(path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return fmt.Errorf("opening journal %s: %w", path, err)
	}
	defer db.Close()
	var appID uint32
	var userVersion, tables int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &userVersion, &tables)
	switch {
	case err != nil:
		return fmt.Errorf("%s is not a readable SQLite database (%v): %w", path, err, ErrNotJournal)
	case appID == ApplicationID && userVersion > SchemaVersion():
		return newerSchema(path, userVersion)
	case appID == ApplicationID || appID == 0 && tables == 0:
		return nil
	}
	return fmt.Errorf("%s is a SQLite database of another program: %w", path, ErrNotJournal)
}

func newerSchema(path string, v int) error {
	return fmt.Errorf("%s has schema version %d but this backlog understands up to %d; install a newer backlog: %w", path, v, SchemaVersion(), ErrNewerSchema)
}

// migrate brings the schema up to date. On the common path it reads
// user_version once and returns.
func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("reading journal %s: %w", s.path, err)
	}
	if v == SchemaVersion() {
		return nil
	}
	if v > SchemaVersion() {
		return newerSchema(s.path, v)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrating journal %s: %w", s.path, err)
	}
	defer tx.Rollback()
	// Another process may have migrated while this one waited for the lock.
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("migrating journal %s: %w", s.path, err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for i := v; i < len(names); i++ {
		script, err := migrationFiles.ReadFile(names[i])
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(script)); err != nil {
			return fmt.Errorf("migrating journal %s to version %d: %w", s.path, i+1, err)
		}
	}
	// PRAGMA statements take no parameters; both values are integers.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", len(names), ApplicationID)); err != nil {
		return fmt.Errorf("migrating journal %s: %w", s.path, err)
	}
	return tx.Commit()
}

// randomID returns prefix followed by 16 random hex digits.
func randomID(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("journal: no randomness for ids: " + err.Error())
	}
	return prefix + hex.EncodeToString(b[:])
}

// timeLayout is how recorded_at is stored: UTC with nanoseconds, so it sorts
// as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// nextSeq returns the next recording sequence number, inside tx.
func nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT 1 + max(
		coalesce((SELECT max(seq) FROM sessions), 0),
		coalesce((SELECT max(seq) FROM pain), 0))`).Scan(&seq)
	return seq, err
}

// today is the store clock's calendar day.
func (s *Store) today() Day { return DayOf(s.Now()) }

// trimNote tidies a note and enforces its length.
func trimNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	if len(note) > MaxNoteBytes {
		return "", invalid("note", "shorten it", "note is %d bytes; the limit is %d", len(note), MaxNoteBytes)
	}
	return note, nil
}

// MaxNoteBytes bounds a note; a journal note is a sentence or two.
const MaxNoteBytes = 2000
