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
	db       *sql.DB
	path     string
	readOnly error // why the journal cannot be written, or nil

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
const settings = "_busy_timeout=" + busyTimeoutMS + "&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1&_txlock=immediate"

// busyTimeoutMS is how long a command waits for another one's write lock:
// five minutes, so that nothing a person records fails because an import
// (bounded by MaxImportBytes, and far quicker than this) holds the lock.
const busyTimeoutMS = "300000"

// DSN returns the driver data source name for the journal at path with
// backlog's connection settings.
func DSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + settings
}

// Open opens the journal at path, creating it and its directory if they do not
// exist and migrating an older schema in place. A file that is not a backlog
// journal, or whose schema is newer than this binary's, is refused with
// ErrNotJournal or ErrNewerSchema and left exactly as it was. A journal this
// process cannot write is opened read-only, so it can still be read and
// rescued; writing to it then fails with the reason (see Explain).
func Open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	readOnly, err := prepareFile(ctx, abs)
	if err != nil {
		return nil, err
	}
	// Switching a file to WAL takes an exclusive lock that SQLite does not
	// wait for with its busy timeout, so when several processes set up an
	// empty journal at once, all but one are told it is busy. They try again.
	// The waits double from 2 ms to 200 ms, about ten seconds in all.
	wait := 2 * time.Millisecond
	for attempt := 1; ; attempt++ {
		s, err := open(ctx, abs, readOnly)
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

func open(ctx context.Context, path string, readOnly error) (*Store, error) {
	dsn := DSN(path)
	if readOnly != nil {
		dsn = readOnlyDSN(path, false)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	s := &Store{db: db, path: path, readOnly: readOnly, Now: time.Now, NewID: randomID}
	err = s.migrate(ctx)
	if err != nil && readOnly != nil {
		// On a read-only file system SQLite cannot create the -shm file a
		// WAL journal is read through; read the file as it stands instead.
		db.Close()
		if db, err = sql.Open("sqlite", readOnlyDSN(path, true)); err != nil {
			return nil, fmt.Errorf("opening journal %s: %w", path, err)
		}
		s.db = db
		err = s.migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// readOnlyDSN opens the journal for reading only; immutable also tells SQLite
// that nothing can change the file, for media where not even its -shm file
// can be created.
func readOnlyDSN(path string, immutable bool) string {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&_busy_timeout=" + busyTimeoutMS + "&_foreign_keys=1"
	if immutable {
		dsn += "&immutable=1"
	}
	return dsn
}

// isBusy reports whether err is SQLite saying another connection holds a
// lock it could not wait for.
func isBusy(err error) bool {
	code := sqliteCode(err) & 0xff
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// sqliteCode returns the extended SQLite result code in err, or 0.
func sqliteCode(err error) int {
	var serr *sqlite.Error
	if !errors.As(err, &serr) {
		return 0
	}
	return serr.Code()
}

// Path returns the absolute path of the journal file.
func (s *Store) Path() string { return s.path }

// ReadOnly returns why the journal was opened read-only, or nil when it can
// be written.
func (s *Store) ReadOnly() error { return s.readOnly }

// Close closes the database. The last connection to close checkpoints the WAL
// into the main file.
func (s *Store) Close() error { return s.db.Close() }

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// prepareFile makes sure path is either a backlog journal or can become one:
// a missing journal is created whole (see createJournal), an empty file is
// initialised, and anything else must carry a backlog journal's header. It
// reads the 100-byte SQLite header itself, so a foreign file is refused before
// the driver could change a single byte of it (setting WAL mode would). It
// returns why the journal must be opened read-only, or nil.
func prepareFile(ctx context.Context, path string) (readOnly error, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the journal directory: %w", err)
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := createJournal(ctx, path); err != nil {
			return nil, err
		}
	}
	if !writable(path) || !writable(dir) {
		what := "the journal " + path
		if writable(path) {
			what = "the directory " + dir
		}
		why := "permission denied"
		if readOnlyFS(dir) {
			why = "the file system is read-only"
		}
		readOnly = fmt.Errorf("cannot write to %s (%s), so nothing was recorded: %w", what, why, ErrReadOnly)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	} else if st.IsDir() {
		return nil, fmt.Errorf("journal %s is a directory: %w", path, ErrNotJournal)
	}
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	switch {
	case n == 0 && (err == io.EOF):
		if readOnly != nil {
			return nil, readOnly
		}
		return nil, keepPrivate(path, true) // an empty file, as touch leaves: initialise it
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("reading journal %s: %w", path, err)
	case n < len(header) || !bytes.Equal(header[:16], sqliteMagic):
		return nil, fmt.Errorf("%s is not a SQLite database: %w", path, ErrNotJournal)
	}
	userVersion := int(binary.BigEndian.Uint32(header[60:64]))
	appID := binary.BigEndian.Uint32(header[68:72])
	switch {
	case appID == ApplicationID && userVersion > SchemaVersion():
		return nil, newerSchema(path, userVersion)
	case appID == ApplicationID:
		return readOnly, keepPrivate(path, readOnly == nil)
	case appID != 0:
		return nil, fmt.Errorf("%s belongs to another program (application id %#x): %w", path, appID, ErrNotJournal)
	}
	// Application id 0: either a journal whose first transaction still sits
	// in its WAL, or a SQLite file of another program. Ask SQLite, read-only.
	if err := probe(path, readOnly == nil); err != nil {
		return nil, err
	}
	return readOnly, keepPrivate(path, readOnly == nil)
}

// probe opens path read-only, without changing its journal mode, and accepts
// it only if it is a backlog journal or has no tables at all. A file with a
// hot rollback journal beside it (a creation killed half-way by an older
// backlog) cannot be read before SQLite rolls that journal back, which needs
// write access; when the file can be written, probe lets SQLite do so.
func probe(path string, canWrite bool) error {
	appID, userVersion, tables, err := probeHeader(path, "mode=ro&")
	if _, jerr := os.Stat(path + "-journal"); err != nil && jerr == nil && canWrite {
		appID, userVersion, tables, err = probeHeader(path, "")
	}
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

// probeHeader reads a SQLite file's application id, user version and number
// of schema entries, opening it with the given extra DSN parameters.
func probeHeader(path, params string) (appID uint32, userVersion, tables int, err error) {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+params+"_busy_timeout="+busyTimeoutMS)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("opening journal %s: %w", path, err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &userVersion, &tables)
	return appID, userVersion, tables, err
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
	if s.readOnly != nil {
		return fmt.Errorf("%s was written by an older backlog and must be upgraded before use, which needs write access: %w", s.path, s.readOnly)
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

// nextSeq returns the next recording sequence number, inside tx: above every
// entry, and above the floor of the open change, so an entry that replaces
// the newest one (a day's pain score) still counts as recorded by the change.
func nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT 1 + max(
		coalesce((SELECT max(seq) FROM sessions), 0),
		coalesce((SELECT max(seq) FROM pain), 0),
		coalesce((SELECT floor FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1), 0))`).Scan(&seq)
	return seq, err
}

// today is the store clock's calendar day.
func (s *Store) today() Day { return DayOf(s.Now()) }

// MaxNoteBytes bounds a note; a journal note is a sentence or two.
const MaxNoteBytes = 2000
