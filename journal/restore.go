package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"
)

// PreparedBackup is a backup checked by PrepareRestore and copied, migrated to
// this binary's schema, into a temporary file beside the journal, ready to
// take the journal's place.
type PreparedBackup struct {
	Source string // the backup as the user named it
	path   string // the checked copy
}

// Remove deletes the checked copy.
func (b *PreparedBackup) Remove() error { return removeDatabase(b.path) }

// PrepareRestore checks that backup is a sound backlog journal (its header,
// its schema version, SQLite's integrity check and every entry's rules) and
// copies it, through SQLite so that a -wal beside it is included, into a
// temporary file in the directory of the journal at journalPath. A file that
// is not a usable backup is a ValidationError; backup itself is only read.
func PrepareRestore(ctx context.Context, backup, journalPath string) (_ *PreparedBackup, err error) {
	notBackup := func(format string, args ...any) error {
		return invalid("file", "give a file written by backlog backup", format, args...)
	}
	if st, err := os.Stat(backup); err != nil {
		return nil, fmt.Errorf("reading the backup: %w", err)
	} else if st.IsDir() || st.Size() == 0 {
		return nil, notBackup("%s is not a backlog journal (it is empty or a directory)", backup)
	}
	appID, userVersion, _, err := probeHeader(backup, "mode=ro&")
	switch {
	case err != nil:
		return nil, notBackup("%s is not a readable SQLite database (%v)", backup, err)
	case appID != ApplicationID:
		return nil, notBackup("%s is not a backlog journal", backup)
	case userVersion > SchemaVersion():
		return nil, invalid("file", "install a newer backlog to restore it", "%s was written by a newer backlog (schema version %d; this one understands up to %d)", backup, userVersion, SchemaVersion())
	}
	dir := filepath.Dir(journalPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the journal directory: %w", err)
	}
	b := &PreparedBackup{Source: backup, path: filepath.Join(dir, "."+filepath.Base(journalPath)+randomID(".restore-"))}
	ok := false
	defer func() {
		if !ok {
			// The copy is only ours; the error that led here matters more.
			if rerr := b.Remove(); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
	}()
	if err := copyDatabase(ctx, backup, b.path); err != nil {
		return nil, notBackup("%s cannot be read as a journal (%v)", backup, err)
	}
	s, err := Open(ctx, b.path)
	if err != nil {
		return nil, notBackup("%s cannot be opened as a journal (%v)", backup, err)
	}
	problems, err := s.Check(ctx)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("checking the backup: %w", err)
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Field: "file", Msg: fmt.Sprintf("%s has %d problems, so it was not restored", backup, len(problems)),
			Hint: "restore another backup", Details: problems}
	}
	ok = true
	return b, nil
}

// copyDatabase writes a consistent copy of the SQLite database src to the new
// file dst, readable by its owner only.
func copyDatabase(ctx context.Context, src, dst string) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: src}).EscapedPath()+"?mode=ro&_busy_timeout="+busyTimeoutMS)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return err
	}
	return syncFile(dst)
}

// AsidePath is where restore keeps the journal it replaces: beside it, named
// after it and the time, such as backlog-before-restore-20261122-083015.db,
// with -2, -3 … added when a restore in the same second took that name.
func AsidePath(journalPath string, now time.Time) string {
	ext := filepath.Ext(journalPath)
	base := strings.TrimSuffix(journalPath, ext) + "-before-restore-" + now.Format("20060102-150405")
	aside := base + ext
	for n := 2; ; n++ {
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			return aside
		}
		aside = fmt.Sprintf("%s-%d%s", base, n, ext)
	}
}

// restoreAttempts bounds how often Restore starts again because another
// process wrote to the journal while its copy was being set aside.
const restoreAttempts = 5

// Restore replaces every entry of the live journal with those of the prepared
// backup, in one transaction under the journal's write lock, after writing a
// consistent copy of the journal as it was to aside (see AsidePath). Other
// backlog commands wait for it and then see the restored journal; SQLite's
// -wal and -shm stay consistent because SQLite itself does the writing. If
// another process records something between the copy and the lock, Restore
// starts again, so nothing recorded is lost.
func (s *Store) Restore(ctx context.Context, b *PreparedBackup, aside string) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	for attempt := 1; ; attempt++ {
		done, err := s.restoreOnce(ctx, b, aside)
		if done || err != nil {
			return err
		}
		if attempt == restoreAttempts {
			return fmt.Errorf("restoring: other backlog commands kept writing to the journal; try again when they are done")
		}
		if err := removeDatabase(aside); err != nil {
			return fmt.Errorf("restoring: %w", err)
		}
	}
}

// restoreOnce makes one attempt; it reports false when the journal changed
// under it and the attempt was given up, leaving everything as it was.
func (s *Store) restoreOnce(ctx context.Context, b *PreparedBackup, aside string) (done bool, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("restoring: %w", err)
	}
	defer conn.Close()
	var before, after int64
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&before); err != nil {
		return false, fmt.Errorf("restoring: %w", err)
	}
	f, err := os.OpenFile(aside, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return false, fmt.Errorf("keeping the current journal aside: %w", err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("keeping the current journal aside: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", aside); err != nil {
		if rerr := removeDatabase(aside); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return false, fmt.Errorf("keeping the current journal aside in %s: %w", aside, err)
	}
	if err := syncFile(aside); err != nil {
		return false, fmt.Errorf("keeping the current journal aside in %s: %w", aside, err)
	}
	if _, err := conn.ExecContext(ctx, "ATTACH ? AS restored", "file:"+(&url.URL{Path: b.path}).EscapedPath()+"?mode=ro"); err != nil {
		return false, fmt.Errorf("restoring: %w", err)
	}
	defer func() {
		if _, derr := conn.ExecContext(context.WithoutCancel(ctx), "DETACH restored"); derr != nil && err == nil {
			err = fmt.Errorf("restoring: %w", derr)
		}
	}()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return false, fmt.Errorf("restoring: waiting for the journal's lock: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil && err == nil {
				err = fmt.Errorf("restoring: %w", rerr)
			}
		}
	}()
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&after); err != nil {
		return false, fmt.Errorf("restoring: %w", err)
	}
	if after != before {
		return false, nil
	}
	if err := copyTables(ctx, conn); err != nil {
		return false, fmt.Errorf("restoring: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return false, fmt.Errorf("restoring: %w", err)
	}
	committed = true
	return true, nil
}

// copyTables replaces the rows of every table of the main database with those
// of the attached database "restored", which has the same schema.
func copyTables(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, `SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, t := range tables {
		cols, err := columns(ctx, conn, t)
		if err != nil {
			return err
		}
		// Table and column names come from the journal's own schema.
		q := quoteIdent(t)
		list := strings.Join(cols, ", ")
		if _, err := conn.ExecContext(ctx, "DELETE FROM main."+q); err != nil {
			return fmt.Errorf("emptying %s: %w", t, err)
		}
		if _, err := conn.ExecContext(ctx, "INSERT INTO main."+q+" ("+list+") SELECT "+list+" FROM restored."+q); err != nil {
			return fmt.Errorf("copying %s: %w", t, err)
		}
	}
	// Tables with delete triggers (the change log's) are emptied row by row,
	// which leaves a damaged index page as it was; rebuilding every index
	// rewrites them.
	for _, t := range tables {
		if _, err := conn.ExecContext(ctx, "REINDEX main."+quoteIdent(t)); err != nil {
			return fmt.Errorf("rebuilding the indexes of %s: %w", t, err)
		}
	}
	return nil
}

func columns(ctx context.Context, conn *sql.Conn, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT name FROM pragma_table_info(?, 'main')", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, quoteIdent(c))
	}
	return cols, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// IsDamaged reports whether err is SQLite finding the journal file damaged,
// so that it cannot be copied or changed through SQLite.
func IsDamaged(err error) bool {
	code := sqliteCode(err) & 0xff
	return code == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB || errors.Is(err, ErrNotJournal)
}

// RestoreFiles puts the prepared backup in place of a journal that SQLite
// cannot open or copy: the journal's files (with its -wal and -shm) are
// renamed to aside, and the backup is linked in where the journal was. It is
// for damaged journals only; no backlog command should run meanwhile.
func RestoreFiles(journalPath string, b *PreparedBackup, aside string) error {
	for _, suffix := range []string{"-wal", "-shm", "-journal", ""} {
		if _, err := os.Lstat(aside + suffix); err == nil {
			return fmt.Errorf("keeping the current journal aside: %s already exists", aside+suffix)
		}
	}
	// The main file last: until it moves, the journal is still whole.
	for _, suffix := range []string{"-wal", "-journal", "-shm", ""} {
		if err := os.Rename(journalPath+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("keeping the current journal aside: %w", err)
		}
	}
	if err := linkNew(b.path, journalPath); err != nil {
		return fmt.Errorf("putting the backup in place: %w", err)
	}
	return syncDir(filepath.Dir(journalPath))
}
