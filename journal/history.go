package journal

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// DoseHistory returns the sessions from since to until inclusive, oldest
// first (by day, then in the order they were recorded), with only what a
// report draws from them: day, exercise, dose, pain during and note. It
// leaves out the id and the time of recording, and reads the dose and pain
// as one packed integer, because a ten-year report reads about 28,000
// sessions and each column read costs as much as the rest of the row.
func (s *Store) DoseHistory(ctx context.Context, since, until Day) ([]Session, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE day >= ? AND day <= ?`,
		since.String(), until.String()).Scan(&n); err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	// The dose limits (MaxSets, MaxReps, MaxHoldS, MaxMinutes) fit in 5, 9,
	// 12 and 11 bits, and pain during (0–10, or none) in 4.
	rows, err := tx.QueryContext(ctx, `
		SELECT day, exercise, note, seq,
			((((minutes * 4096 + hold_s) * 512 + reps) * 32 + sets) * 16) + coalesce(pain_during + 1, 0)
		FROM sessions WHERE day >= ? AND day <= ? ORDER BY day`, since.String(), until.String())
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer rows.Close()
	out := make([]Session, 0, n)
	seqs := make([]int64, 0, n)
	days := map[string]Day{}
	slugs := map[string]string{}
	for rows.Next() {
		var day, slug string
		var sess Session
		var packed int64
		var seq int64
		if err := rows.Scan(&day, &slug, &sess.Note, &seq, &packed); err != nil {
			return nil, fmt.Errorf("reading sessions: %w", err)
		}
		d, ok := days[day]
		if !ok {
			if d, err = ParseDay(day); err != nil {
				return nil, fmt.Errorf("reading sessions: %w", err)
			}
			days[day] = d
		}
		if known, ok := slugs[slug]; ok {
			slug = known
		} else {
			slugs[slug] = slug
		}
		sess.Day, sess.Exercise = d, slug
		if p := int(packed % 16); p > 0 {
			p--
			sess.PainDuring = &p
		}
		packed /= 16
		sess.Sets = int(packed % 32)
		packed /= 32
		sess.Reps = int(packed % 512)
		packed /= 512
		sess.HoldS = int(packed % 4096)
		sess.Minutes = int(packed / 4096)
		out = append(out, sess)
		seqs = append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	// The day index gives the days in order; within a day the sessions
	// almost always come in the order they were recorded, and sorting by
	// seq here, only when they do not, is cheaper than SQLite sorting them
	// every time.
	order := make([]int, len(out))
	sorted := true
	for i := range order {
		order[i] = i
		sorted = sorted && (i == 0 || out[i-1].Day < out[i].Day || seqs[i-1] < seqs[i])
	}
	if sorted {
		return out, nil
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(out[a].Day, out[b].Day), cmp.Compare(seqs[a], seqs[b]))
	})
	inOrder := make([]Session, len(out))
	for i, j := range order {
		inOrder[i] = out[j]
	}
	return inOrder, nil
}
