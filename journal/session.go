package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Session is one time an exercise was done.
type Session struct {
	ID       string
	Day      Day
	Exercise string // slug
	Dose
	PainDuring *int // pain during the exercise, 0–10, when the user gave it
	Note       string
	RecordedAt time.Time
}

// sessionJSON is the wire shape of a session in log and export output: every
// dose field present, zero where it does not apply.
type sessionJSON struct {
	ID         string `json:"id"`
	Day        Day    `json:"day"`
	Exercise   string `json:"exercise"`
	Sets       int    `json:"sets"`
	Reps       int    `json:"reps"`
	HoldS      int    `json:"hold_s"`
	Minutes    int    `json:"minutes"`
	PainDuring *int   `json:"pain_during"`
	Note       string `json:"note"`
	RecordedAt string `json:"recorded_at,omitempty"`
}

// MarshalJSON writes the session in the shape SPEC §4 gives for export.
func (s Session) MarshalJSON() ([]byte, error) {
	j := sessionJSON{ID: s.ID, Day: s.Day, Exercise: s.Exercise, Sets: s.Sets, Reps: s.Reps,
		HoldS: s.HoldS, Minutes: s.Minutes, PainDuring: s.PainDuring, Note: s.Note}
	if !s.RecordedAt.IsZero() {
		j.RecordedAt = formatTime(s.RecordedAt)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (s *Session) UnmarshalJSON(b []byte) error {
	var j sessionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Session{ID: j.ID, Day: j.Day, Exercise: j.Exercise, Dose: Dose{Sets: j.Sets, Reps: j.Reps, HoldS: j.HoldS, Minutes: j.Minutes},
		PainDuring: j.PainDuring, Note: j.Note}
	if j.RecordedAt != "" {
		t, err := parseTime(j.RecordedAt)
		if err != nil {
			return err
		}
		s.RecordedAt = t
	}
	return nil
}

// Normalize fills the parts of a dose that default to one: sets, and the
// number of holds of a hold exercise.
func (d Dose) Normalize(kind DoseKind) Dose {
	d.Sets = max(d.Sets, 1)
	if kind == Hold {
		d.Reps = max(d.Reps, 1)
	}
	return d
}

// Validate checks the session against its exercise: the dose must be what the
// exercise's kind measures, within limits, and the day must not be after
// today.
func (s *Session) Validate(ex Exercise, today Day) error {
	if s.Day > today {
		return invalid("date", "record days that have already happened", "%s is in the future (today is %s)", s.Day, today)
	}
	if s.Day < 0 {
		return invalid("date", "", "%s is too far in the past", s.Day)
	}
	if err := s.Dose.checkFor(ex.Kind, ex.Slug); err != nil {
		return err
	}
	if s.PainDuring != nil && (*s.PainDuring < 0 || *s.PainDuring > 10) {
		return invalid("pain-during", "", "pain during must be a whole number from 0 to 10, not %d", *s.PainDuring)
	}
	if len(s.Note) > MaxNoteBytes {
		return invalid("note", "shorten it", "note is %d bytes; the limit is %d", len(s.Note), MaxNoteBytes)
	}
	return nil
}

// settle cleans the session's note, settles it on its exercise ex (the
// exercise's slug, the dose in the kind the exercise measures) and validates
// it as of today. Every path that stores a session goes through it.
func (s *Session) settle(ex Exercise, today Day) (err error) {
	if s.Note, err = cleanNote(s.Note); err != nil {
		return err
	}
	s.Exercise = ex.Slug
	s.Dose = s.Dose.Normalize(ex.Kind)
	return s.Validate(ex, today)
}

// RecordSession validates s and stores it with a new id. It returns the
// session as stored.
func (s *Store) RecordSession(ctx context.Context, sess Session) (Session, error) {
	return s.record(ctx, func(*sql.Tx) (Session, error) { return sess, nil })
}

// RecordPlanned records the session plan returns, planned from the recent
// history Recent would return for slug, since, painSince and until, read in
// the same write transaction: the dose is chosen from exactly the journal it
// is recorded into, even when other commands record at that moment. When plan
// returns an error, nothing is recorded.
func (s *Store) RecordPlanned(ctx context.Context, slug string, since, painSince, until Day,
	plan func(sessions []Session, pain []PainEntry) (Session, error)) (Session, error) {
	return s.record(ctx, func(tx *sql.Tx) (Session, error) {
		sessions, pain, err := recent(ctx, tx, slug, since, painSince, until)
		if err != nil {
			return Session{}, err
		}
		return plan(sessions, pain)
	})
}

// record validates and stores the session that session returns, inside the
// write transaction it is given.
func (s *Store) record(ctx context.Context, session func(tx *sql.Tx) (Session, error)) (Session, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Session{}, fmt.Errorf("recording a session: %w", err)
	}
	defer tx.Rollback()
	sess, err := session(tx)
	if err != nil {
		return Session{}, err
	}
	ex, err := findExercise(ctx, tx, sess.Exercise)
	if err != nil {
		return Session{}, err
	}
	if err := sess.settle(ex, s.today()); err != nil {
		return Session{}, err
	}
	sess.ID = s.NewID("s")
	sess.RecordedAt = s.Now()
	seq, err := insertSession(ctx, tx, sess)
	if err != nil {
		return Session{}, err
	}
	desc := fmt.Sprintf("%s: %s on %s", sess.Exercise, ex.FormatDose(sess.Dose), sess.Day)
	if err := logInsertOnly(ctx, tx, "record", sess.RecordedAt, seq-1, changeText{"recorded " + desc, "Removed " + desc + "."}); err != nil {
		return Session{}, err
	}
	return sess, tx.Commit()
}

// insertSession stores sess with the next recording number, which it
// returns.
func insertSession(ctx context.Context, tx *sql.Tx, sess Session) (int64, error) {
	seq, err := nextSeq(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("recording a session: %w", err)
	}
	if _, err = tx.ExecContext(ctx, insertSessionSQL, sessionArgs(sess, seq)...); err != nil {
		return 0, fmt.Errorf("recording a session: %w", err)
	}
	return seq, nil
}

// insertSessionSQL stores a session; sessionArgs gives its arguments.
const insertSessionSQL = `INSERT INTO sessions
	(id, seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func sessionArgs(sess Session, seq int64) []any {
	var painDuring sql.NullInt64
	if sess.PainDuring != nil {
		painDuring = sql.NullInt64{Int64: int64(*sess.PainDuring), Valid: true}
	}
	return []any{sess.ID, seq, sess.Day.String(), sess.Exercise, sess.Sets, sess.Reps, sess.HoldS, sess.Minutes,
		painDuring, sess.Note, formatTime(sess.RecordedAt)}
}

// SessionFilter narrows a session query. Zero fields do not filter.
type SessionFilter struct {
	Since, Until Day    // inclusive bounds; zero means unbounded
	Exercise     string // slug
}

// Sessions returns sessions in the filter's range, oldest first (by day, then
// by when they were recorded).
func (s *Store) Sessions(ctx context.Context, f SessionFilter) ([]Session, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer tx.Rollback()
	return querySessions(ctx, tx, f)
}

func querySessions(ctx context.Context, tx *sql.Tx, f SessionFilter) ([]Session, error) {
	q := `SELECT id, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at
		FROM sessions WHERE 1=1`
	var args []any
	if f.Since != 0 {
		q += " AND day >= ?"
		args = append(args, f.Since.String())
	}
	if f.Until != 0 {
		q += " AND day <= ?"
		args = append(args, f.Until.String())
	}
	if f.Exercise != "" {
		q += " AND exercise = ?"
		args = append(args, f.Exercise)
	}
	q += " ORDER BY day, seq"
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var sess Session
		var day, recorded string
		var painDuring sql.NullInt64
		if err := rows.Scan(&sess.ID, &day, &sess.Exercise, &sess.Sets, &sess.Reps, &sess.HoldS, &sess.Minutes,
			&painDuring, &sess.Note, &recorded); err != nil {
			return nil, fmt.Errorf("reading sessions: %w", err)
		}
		if sess.Day, err = ParseDay(day); err != nil {
			return nil, fmt.Errorf("reading session %s: %w", sess.ID, err)
		}
		if sess.RecordedAt, err = parseTime(recorded); err != nil {
			return nil, fmt.Errorf("reading session %s: %w", sess.ID, err)
		}
		if painDuring.Valid {
			p := int(painDuring.Int64)
			sess.PainDuring = &p
		}
		out = append(out, sess)
	}
	return out, rows.Err()
}

// Recent returns, read in one transaction, one exercise's sessions from since
// to until and the pain scores from painSince to until. When the exercise has
// no session in that range its latest earlier session is returned instead, so
// a return after a break can resume from where it stopped.
func (s *Store) Recent(ctx context.Context, slug string, since, painSince, until Day) ([]Session, []PainEntry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("reading recent sessions: %w", err)
	}
	defer tx.Rollback()
	return recent(ctx, tx, slug, since, painSince, until)
}

func recent(ctx context.Context, tx *sql.Tx, slug string, since, painSince, until Day) ([]Session, []PainEntry, error) {
	sessions, err := querySessions(ctx, tx, SessionFilter{Since: since, Until: until, Exercise: slug})
	if err != nil {
		return nil, nil, err
	}
	if len(sessions) == 0 {
		var day string
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(day), '') FROM sessions WHERE exercise = ? AND day < ?`, slug, since.String()).Scan(&day); err != nil {
			return nil, nil, fmt.Errorf("reading recent sessions: %w", err)
		}
		if day != "" {
			last, err := ParseDay(day)
			if err != nil {
				return nil, nil, err
			}
			if sessions, err = querySessions(ctx, tx, SessionFilter{Since: last, Until: last, Exercise: slug}); err != nil {
				return nil, nil, err
			}
		}
	}
	pain, err := queryPain(ctx, tx, painSince, until)
	if err != nil {
		return nil, nil, err
	}
	return sessions, pain, nil
}

// DayCount is how many sessions were recorded on a day.
type DayCount struct {
	Day      Day
	Sessions int
}

// SessionsPerDay lists every day up to until that has a session. From
// countSince on it counts the sessions of each day; before that it only marks
// the day active (Sessions is 1), which is all streaks need, and which SQLite
// answers from the day index faster than it counts. It stays quick on a long
// journal.
func (s *Store) SessionsPerDay(ctx context.Context, countSince, until Day) ([]DayCount, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("counting sessions: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT day, 1 FROM (SELECT DISTINCT day FROM sessions WHERE day < ?1 AND day <= ?2)
		UNION ALL
		SELECT day, count(*) FROM sessions WHERE day >= ?1 AND day <= ?2 GROUP BY day`,
		countSince.String(), until.String())
	if err != nil {
		return nil, fmt.Errorf("counting sessions: %w", err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var day string
		var c DayCount
		if err := rows.Scan(&day, &c.Sessions); err != nil {
			return nil, fmt.Errorf("counting sessions: %w", err)
		}
		if c.Day, err = ParseDay(day); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
