package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// PainEntry is the pain score of one calendar day on the 0–10 numeric rating
// scale.
type PainEntry struct {
	ID         string
	Day        Day
	Score      int
	Note       string
	RecordedAt time.Time
}

// painJSON is the wire shape of a pain entry in log and export output.
type painJSON struct {
	ID         string `json:"id"`
	Day        Day    `json:"day"`
	Score      int    `json:"score"`
	Note       string `json:"note"`
	RecordedAt string `json:"recorded_at,omitempty"`
}

// MarshalJSON writes the entry in the shape SPEC §4 gives for export.
func (p PainEntry) MarshalJSON() ([]byte, error) {
	j := painJSON{ID: p.ID, Day: p.Day, Score: p.Score, Note: p.Note}
	if !p.RecordedAt.IsZero() {
		j.RecordedAt = formatTime(p.RecordedAt)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (p *PainEntry) UnmarshalJSON(b []byte) error {
	var j painJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = PainEntry{ID: j.ID, Day: j.Day, Score: j.Score, Note: j.Note}
	if j.RecordedAt != "" {
		t, err := parseTime(j.RecordedAt)
		if err != nil {
			return err
		}
		p.RecordedAt = t
	}
	return nil
}

// Validate checks the score's range and that the day is not after today.
func (p *PainEntry) Validate(today Day) error {
	if p.Score < 0 || p.Score > 10 {
		return invalid("score", "use 0 for no pain up to 10 for the worst imaginable", "pain score must be a whole number from 0 to 10, not %d", p.Score)
	}
	if p.Day > today {
		return invalid("date", "record days that have already happened", "%s is in the future (today is %s)", p.Day, today)
	}
	if p.Day < 0 {
		return invalid("date", "", "%s is too far in the past", p.Day)
	}
	if len(p.Note) > MaxNoteBytes {
		return invalid("note", "shorten it", "note is %d bytes; the limit is %d", len(p.Note), MaxNoteBytes)
	}
	return nil
}

// RecordPain stores the day's pain score. A day has one score: recording it
// again replaces the earlier entry, which is returned (nil if there was none)
// and kept aside so undo can restore it.
func (s *Store) RecordPain(ctx context.Context, p PainEntry) (PainEntry, *PainEntry, error) {
	note, err := cleanNote(p.Note)
	if err != nil {
		return PainEntry{}, nil, err
	}
	p.Note = note
	if err := p.Validate(s.today()); err != nil {
		return PainEntry{}, nil, err
	}
	p.ID = s.NewID("p")
	p.RecordedAt = s.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return PainEntry{}, nil, fmt.Errorf("recording pain: %w", err)
	}
	defer tx.Rollback()
	if err := beginChange(ctx, tx, "record", p.RecordedAt); err != nil {
		return PainEntry{}, nil, err
	}
	replaced, err := replacePain(ctx, tx, p)
	if err != nil {
		return PainEntry{}, nil, err
	}
	if err := endChange(ctx, tx, recordedPainText(p, replaced)); err != nil {
		return PainEntry{}, nil, err
	}
	return p, replaced, tx.Commit()
}

// replacePain writes p, moving any earlier score for the same day into
// pain_replaced. It returns the replaced entry, if any. An older backlog could
// import a replaced score back, leaving its id in pain_replaced as well; that
// stale copy is overwritten, so the day stays writable.
func replacePain(ctx context.Context, tx *sql.Tx, p PainEntry) (*PainEntry, error) {
	old, oldSeq, err := painOn(ctx, tx, p.Day)
	switch {
	case errors.Is(err, ErrNotFound):
		old = nil
	case err != nil:
		return nil, err
	default:
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO pain_replaced (id, day, score, note, recorded_at, seq, replaced_by)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, old.ID, old.Day.String(), old.Score, old.Note, formatTime(old.RecordedAt), oldSeq, p.ID); err != nil {
			return nil, fmt.Errorf("recording pain: keeping the replaced score: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pain WHERE day = ?`, p.Day.String()); err != nil {
			return nil, fmt.Errorf("recording pain: %w", err)
		}
	}
	seq, err := nextSeq(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("recording pain: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO pain (day, id, seq, score, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
		p.Day.String(), p.ID, seq, p.Score, p.Note, formatTime(p.RecordedAt)); err != nil {
		return nil, fmt.Errorf("recording pain: %w", err)
	}
	return old, nil
}

// painOn returns the current entry for day and its sequence number.
func painOn(ctx context.Context, tx *sql.Tx, day Day) (*PainEntry, int64, error) {
	row := tx.QueryRowContext(ctx, `SELECT id, day, score, note, recorded_at, seq FROM pain WHERE day = ?`, day.String())
	var seq int64
	p, err := scanPain(row.Scan, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNotFound
	}
	if err != nil {
		return nil, 0, err
	}
	return &p, seq, nil
}

// scanPain reads id, day, score, note, recorded_at and then any extra columns.
func scanPain(scan func(...any) error, extra ...any) (PainEntry, error) {
	var p PainEntry
	var day, recorded string
	if err := scan(append([]any{&p.ID, &day, &p.Score, &p.Note, &recorded}, extra...)...); err != nil {
		return PainEntry{}, err
	}
	var err error
	if p.Day, err = ParseDay(day); err != nil {
		return PainEntry{}, fmt.Errorf("reading pain entry %s: %w", p.ID, err)
	}
	if p.RecordedAt, err = parseTime(recorded); err != nil {
		return PainEntry{}, fmt.Errorf("reading pain entry %s: %w", p.ID, err)
	}
	return p, nil
}

// Pain returns the pain entries from since to until inclusive (zero means
// unbounded), oldest first.
func (s *Store) Pain(ctx context.Context, since, until Day) ([]PainEntry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading pain scores: %w", err)
	}
	defer tx.Rollback()
	return queryPain(ctx, tx, since, until)
}

func queryPain(ctx context.Context, tx *sql.Tx, since, until Day) ([]PainEntry, error) {
	q := `SELECT id, day, score, note, recorded_at FROM pain WHERE 1=1`
	var args []any
	if since != 0 {
		q += " AND day >= ?"
		args = append(args, since.String())
	}
	if until != 0 {
		q += " AND day <= ?"
		args = append(args, until.String())
	}
	rows, err := tx.QueryContext(ctx, q+" ORDER BY day", args...)
	if err != nil {
		return nil, fmt.Errorf("reading pain scores: %w", err)
	}
	defer rows.Close()
	var out []PainEntry
	for rows.Next() {
		p, err := scanPain(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("reading pain scores: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PainSince returns the scores from since to until inclusive together with
// the first firstDays days of scores ever recorded, from which baselines are
// taken, oldest first. Reports and stats draw only their range and need the
// beginning of the journal, not everything in between.
func (s *Store) PainSince(ctx context.Context, since, until Day, firstDays int) ([]PainEntry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading pain scores: %w", err)
	}
	defer tx.Rollback()
	var first sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(day) FROM pain`).Scan(&first); err != nil {
		return nil, fmt.Errorf("reading pain scores: %w", err)
	}
	if !first.Valid {
		return nil, nil
	}
	start, err := ParseDay(first.String)
	if err != nil {
		return nil, err
	}
	if start+Day(firstDays) >= since {
		return queryPain(ctx, tx, start, until) // the two ranges meet
	}
	head, err := queryPain(ctx, tx, start, start+Day(firstDays)-1)
	if err != nil {
		return nil, err
	}
	rest, err := queryPain(ctx, tx, since, until)
	if err != nil {
		return nil, err
	}
	return append(head, rest...), nil
}
