package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"
)

// createJournal makes a new, empty journal at path as one step: it builds the
// whole schema in a temporary file beside it, flushes it to disk and only then
// links it into place. A kill at any moment leaves either no journal or a
// complete one, never a half-initialised file that later runs would refuse.
// When another process creates the journal first, its journal is kept.
func createJournal(ctx context.Context, path string) (err error) {
	dir := filepath.Dir(path)
	if !writable(dir) {
		return fmt.Errorf("cannot write to the directory %s (permission denied), so nothing was recorded: %w", dir, ErrReadOnly)
	}
	tmp := filepath.Join(dir, "."+filepath.Base(path)+randomID(".new-"))
	defer func() {
		if rerr := removeDatabase(tmp); rerr != nil && err == nil {
			err = fmt.Errorf("creating journal %s: %w", path, rerr)
		}
	}()
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", DSN(tmp))
	if err != nil {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	s := &Store{db: db, path: tmp}
	err = s.migrate(ctx)
	// Closing the last connection checkpoints the WAL into the file.
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	if err := linkNew(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("creating journal %s: %w", path, err)
	}
	return syncDir(dir)
}

// linkNew puts the complete file tmp in place at path without ever replacing
// a file already there (fs.ErrExist then). Where the file system has no hard
// links it renames, which can only lose a race with another creator.
func linkNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, path)
}

// removeDatabase removes a temporary database and the files SQLite keeps
// beside it. Files already gone are what it wants.
func removeDatabase(path string) error {
	var errs []error
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// syncFile flushes a file's content to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// DiskFullError is returned when the disk holding the journal is full.
// Nothing was recorded.
type DiskFullError struct {
	Dir string // the journal's directory
}

func (e *DiskFullError) Error() string {
	return fmt.Sprintf("the disk holding %s is full, so nothing was recorded; free some space and try again", e.Dir)
}

// Explain turns a low-level failure into what it means for the person at the
// keyboard: a write refused by a journal opened read-only is reported with
// the reason it is read-only, and a write that failed because the disk is
// full says so. Any other error is returned as it is.
func (s *Store) Explain(err error) error {
	if err == nil {
		return nil
	}
	code := sqliteCode(err)
	if s.readOnly != nil && code&0xff == sqlite3.SQLITE_READONLY {
		return s.readOnly
	}
	return ExplainDiskFull(err, s.path)
}

// ExplainDiskFull reports err as a DiskFullError when it is a failed write (a
// SQLite I/O error, or ENOSPC) and the disk holding path has no room left.
func ExplainDiskFull(err error, path string) error {
	code := sqliteCode(err) & 0xff
	full := code == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC)
	if !full && code == sqlite3.SQLITE_IOERR {
		full = diskAlmostFull(filepath.Dir(path))
	}
	if !full {
		return err
	}
	return &DiskFullError{Dir: filepath.Dir(path)}
}
