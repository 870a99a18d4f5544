package journal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Backup writes a consistent copy of the live journal to path with SQLite's
// VACUUM INTO, which reads one snapshot even while other processes write.
// It refuses to overwrite anything, and the copy is readable by its owner
// only.
func (s *Store) Backup(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return invalid("file", "choose a new file name, or move the old backup away first", "%s already exists; backup never overwrites a file", path)
	}
	if err != nil {
		return fmt.Errorf("creating the backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("writing the backup to %s: %w", path, err)
	}
	return nil
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
