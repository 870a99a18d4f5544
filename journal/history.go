package journal

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// DoseHistory returns the sessions from since to until inclusive, oldest
// first (by day, then in the order they were recorded), with only what a
// report draws from them: day, exercise, dose, pain during and note.
//
// A ten-year report reads about 28,000 sessions, and handing SQLite's rows
// to Go one at a time costs more than everything else the report does. So
// SQLite hands over one row a day, its sessions joined into one text of
// "exercise seq packed" triples (a slug holds no space), with the dose and
// pain packed into one integer; the notes, which few sessions have, come in
// a second query.
func (s *Store) DoseHistory(ctx context.Context, since, until Day) ([]Session, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE day >= ? AND day <= ?`,
		since.String(), until.String()).Scan(&total); err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	// The dose limits (MaxSets, MaxReps, MaxHoldS, MaxMinutes) fit in 5, 9,
	// 12 and 11 bits, pain during (0–10, or none) in 4, and whether there
	// is a note in 1.
	rows, err := tx.QueryContext(ctx, `
		SELECT day, count(*), group_concat(exercise || ' ' || seq || ' ' ||
			((((((minutes * 4096 + hold_s) * 512 + reps) * 32 + sets) * 16) + coalesce(pain_during + 1, 0)) * 2 + (note <> '')), ' ')
		FROM sessions WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`, since.String(), until.String())
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer rows.Close()
	out := make([]Session, 0, total)
	noted := map[int64]int{} // seq → index in out
	slugs := map[string]string{}
	for rows.Next() {
		var day, joined string
		var n int
		if err := rows.Scan(&day, &n, &joined); err != nil {
			return nil, fmt.Errorf("reading sessions: %w", err)
		}
		d, err := ParseDay(day)
		if err != nil {
			return nil, fmt.Errorf("reading sessions: %w", err)
		}
		fields := strings.Fields(joined)
		if len(fields) != 3*n {
			return nil, fmt.Errorf("reading the sessions of %s: %d fields for %d sessions", day, len(fields), n)
		}
		type entry struct {
			seq     int64
			sess    Session
			hasNote bool
		}
		daily := make([]entry, 0, n)
		for i := 0; i < len(fields); i += 3 {
			slug, ok := slugs[fields[i]]
			if !ok {
				slug = fields[i]
				slugs[slug] = slug
			}
			seq, err1 := strconv.ParseInt(fields[i+1], 10, 64)
			packed, err2 := strconv.ParseInt(fields[i+2], 10, 64)
			if err := cmp.Or(err1, err2); err != nil {
				return nil, fmt.Errorf("reading the sessions of %s: %w", day, err)
			}
			e := entry{seq: seq, sess: Session{Day: d, Exercise: slug}}
			e.hasNote = packed%2 == 1
			packed /= 2
			if p := int(packed % 16); p > 0 {
				p--
				e.sess.PainDuring = &p
			}
			packed /= 16
			e.sess.Sets = int(packed % 32)
			packed /= 32
			e.sess.Reps = int(packed % 512)
			packed /= 512
			e.sess.HoldS = int(packed % 4096)
			e.sess.Minutes = int(packed / 4096)
			daily = append(daily, e)
		}
		// Within a day, in the order they were recorded.
		slices.SortFunc(daily, func(a, b entry) int { return cmp.Compare(a.seq, b.seq) })
		for _, e := range daily {
			if e.hasNote {
				noted[e.seq] = len(out)
			}
			out = append(out, e.sess)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	rows.Close()
	return out, readNotes(ctx, tx, out, noted)
}

// readNotes fills in the notes of the sessions that have one, found by
// their seq through its unique index, a few hundred at a time.
func readNotes(ctx context.Context, tx *sql.Tx, out []Session, noted map[int64]int) error {
	seqs := make([]int64, 0, len(noted))
	for seq := range noted {
		seqs = append(seqs, seq)
	}
	slices.Sort(seqs)
	for chunk := range slices.Chunk(seqs, 500) {
		list := make([]string, len(chunk))
		for i, seq := range chunk {
			list[i] = strconv.FormatInt(seq, 10)
		}
		rows, err := tx.QueryContext(ctx, `SELECT seq, note FROM sessions WHERE seq IN (`+strings.Join(list, ",")+`)`)
		if err != nil {
			return fmt.Errorf("reading notes: %w", err)
		}
		for rows.Next() {
			var seq int64
			var note string
			if err := rows.Scan(&seq, &note); err != nil {
				rows.Close()
				return fmt.Errorf("reading notes: %w", err)
			}
			out[noted[seq]].Note = note
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return fmt.Errorf("reading notes: %w", err)
		}
		rows.Close()
	}
	return nil
}
