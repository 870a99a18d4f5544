package journal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the live journal to path with SQLite's
// VACUUM INTO, which reads one snapshot even while other processes write.
// The copy is built under a temporary name beside path, flushed to disk and
// only then linked into place, so an interrupted backup leaves no file at
// path. It refuses to overwrite anything but an empty file (which is what an
// interrupted backup of older versions left), and the copy is readable by
// its owner only.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	replaceEmpty := false
	if st, err := os.Lstat(path); err == nil {
		if !st.Mode().IsRegular() || st.Size() != 0 {
			return backupExists(path)
		}
		replaceEmpty = true
	}
	dir := filepath.Dir(path)
	tmp := filepath.Join(dir, "."+filepath.Base(path)+randomID(".partial-"))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("creating the backup: %w", err)
	}
	defer func() {
		if rerr := removeDatabase(tmp); rerr != nil && err == nil {
			err = fmt.Errorf("removing the backup's temporary file: %w", rerr)
		}
	}()
	if err := f.Close(); err != nil {
		return fmt.Errorf("creating the backup: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("writing the backup to %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("writing the backup to %s: %w", path, err)
	}
	place := linkNew
	if replaceEmpty {
		place = os.Rename
	}
	if err := place(tmp, path); errors.Is(err, fs.ErrExist) {
		return backupExists(path)
	} else if err != nil {
		return fmt.Errorf("writing the backup to %s: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("writing the backup to %s: %w", path, err)
	}
	return nil
}

func backupExists(path string) error {
	return invalid("file", "choose a new file name, or move the old backup away first", "%s already exists; backup never overwrites a file", path)
}

// Check runs SQLite's integrity check and backlog's own domain checks and
// returns every problem found; none means the journal is sound.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("checking: %w", err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			problems = append(problems, "integrity: "+msg)
		}
	}
	rows.Close()
	if len(problems) > 0 {
		return problems, nil // domain checks on a damaged file would only add noise
	}
	x, err := s.Export(ctx)
	if err != nil {
		return append(problems, "cannot read the entries: "+err.Error()), nil
	}
	catalog := NewCatalog(x.Exercises...)
	for _, e := range x.Exercises {
		if err := e.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("exercise %s: %s", e.Slug, errorText(err)))
		}
	}
	// Days are not checked against today: the clock may be wrong, and a
	// journal is not damaged by it.
	const farFuture = Day(1 << 30)
	for _, sess := range x.Sessions {
		ex, err := catalog.Lookup(sess.Exercise)
		if err != nil {
			problems = append(problems, fmt.Sprintf("session %s on %s: unknown exercise %q", sess.ID, sess.Day, sess.Exercise))
			continue
		}
		if err := sess.Validate(ex, farFuture); err != nil {
			problems = append(problems, fmt.Sprintf("session %s on %s: %s", sess.ID, sess.Day, errorText(err)))
		}
	}
	for _, p := range x.Pain {
		if err := p.Validate(farFuture); err != nil {
			problems = append(problems, fmt.Sprintf("pain %s on %s: %s", p.ID, p.Day, errorText(err)))
		}
	}
	return problems, nil
}
