package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Undone describes what Undo removed: a session or a pain entry, and for a
// pain entry that had replaced an earlier score, the score brought back.
type Undone struct {
	Session *Session
	// Batch holds the other sessions recorded by the same command as
	// Session (backlog done with several exercises), which go with it.
	Batch    []Session
	Pain     *PainEntry
	Restored *PainEntry
}

// Undo removes the most recently recorded entry, session or pain score. When
// that pain score had replaced an earlier one for the same day, the earlier
// one is restored. With nothing to undo it returns ErrNotFound.
func (s *Store) Undo(ctx context.Context) (Undone, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Undone{}, fmt.Errorf("undoing: %w", err)
	}
	defer tx.Rollback()
	var kind, id string
	err = tx.QueryRowContext(ctx, `SELECT kind, id FROM (
			SELECT 'session' AS kind, id, seq FROM sessions
			UNION ALL SELECT 'pain', id, seq FROM pain)
		ORDER BY seq DESC LIMIT 1`).Scan(&kind, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return Undone{}, ErrNotFound
	}
	if err != nil {
		return Undone{}, fmt.Errorf("undoing: %w", err)
	}
	var u Undone
	if kind == "session" {
		if u.Batch, err = undoBatch(ctx, tx, id); err == nil {
			u.Session, err = undoSession(ctx, tx, id)
		}
	} else {
		u.Pain, u.Restored, err = undoPain(ctx, tx, id)
	}
	if err != nil {
		return Undone{}, fmt.Errorf("undoing: %w", err)
	}
	return u, tx.Commit()
}

func undoSession(ctx context.Context, tx *sql.Tx, id string) (*Session, error) {
	var day string
	if err := tx.QueryRowContext(ctx, `SELECT day FROM sessions WHERE id = ?`, id).Scan(&day); err != nil {
		return nil, err
	}
	d, err := ParseDay(day)
	if err != nil {
		return nil, err
	}
	list, err := querySessions(ctx, tx, SessionFilter{Since: d, Until: d})
	if err != nil {
		return nil, err
	}
	for _, sess := range list {
		if sess.ID == id {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
				return nil, err
			}
			return &sess, nil
		}
	}
	return nil, ErrNotFound
}

func undoPain(ctx context.Context, tx *sql.Tx, id string) (removed, restored *PainEntry, err error) {
	row := tx.QueryRowContext(ctx, `SELECT id, day, score, note, recorded_at FROM pain WHERE id = ?`, id)
	p, err := scanPain(row.Scan)
	if err != nil {
		return nil, nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM pain WHERE id = ?`, id); err != nil {
		return nil, nil, err
	}
	row = tx.QueryRowContext(ctx, `SELECT id, day, score, note, recorded_at, seq FROM pain_replaced WHERE replaced_by = ?`, id)
	var seq int64
	old, err := scanPain(row.Scan, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return &p, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO pain (day, id, seq, score, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
		old.Day.String(), old.ID, seq, old.Score, old.Note, formatTime(old.RecordedAt)); err != nil {
		return nil, nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM pain_replaced WHERE id = ?`, old.ID); err != nil {
		return nil, nil, err
	}
	return &p, &old, nil
}
