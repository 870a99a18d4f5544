package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Entry is one recorded entry: a session or a pain score.
type Entry struct {
	Session *Session
	Pain    *PainEntry
}

// Entry finds the session or pain score with the given id, or returns a
// ValidationError naming the id.
func (s *Store) Entry(ctx context.Context, id string) (Entry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Entry{}, fmt.Errorf("reading entry %s: %w", id, err)
	}
	defer tx.Rollback()
	return entryByID(ctx, tx, id)
}

func entryByID(ctx context.Context, tx *sql.Tx, id string) (Entry, error) {
	id, err := resolveID(ctx, tx, strings.TrimSpace(id))
	if err != nil {
		return Entry{}, err
	}
	var day string
	err = tx.QueryRowContext(ctx, `SELECT day FROM sessions WHERE id = ?`, id).Scan(&day)
	if err == nil {
		d, err := ParseDay(day)
		if err != nil {
			return Entry{}, err
		}
		list, err := querySessions(ctx, tx, SessionFilter{Since: d, Until: d})
		if err != nil {
			return Entry{}, err
		}
		for i := range list {
			if list[i].ID == id {
				return Entry{Session: &list[i]}, nil
			}
		}
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Entry{}, fmt.Errorf("reading entry %s: %w", id, err)
	}
	row := tx.QueryRowContext(ctx, `SELECT id, day, score, note, recorded_at FROM pain WHERE id = ?`, id)
	p, err := scanPain(row.Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, invalid("id", "backlog log lists every entry with its id", "no entry has the id %q", id)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("reading entry %s: %w", id, err)
	}
	return Entry{Pain: &p}, nil
}

// MinIDPrefix is the shortest start of an id that edit and rm accept in place
// of the whole id, as log shows it.
const MinIDPrefix = 4

// ShortID is how log shows an id: long random ids are cut to their first
// nine characters, which edit and rm accept as long as no other entry's id
// starts the same way.
func ShortID(id string) string {
	if len(id) > 12 {
		return id[:9]
	}
	return id
}

// resolveID returns the id of the one session or pain score whose id is id
// or starts with it.
func resolveID(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM sessions WHERE substr(id, 1, length(?1)) = ?1
		UNION ALL SELECT id FROM pain WHERE substr(id, 1, length(?1)) = ?1 LIMIT 3`, id)
	if err != nil {
		return "", fmt.Errorf("finding entry %s: %w", id, err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var full string
		if err := rows.Scan(&full); err != nil {
			return "", fmt.Errorf("finding entry %s: %w", id, err)
		}
		if full == id {
			return full, nil
		}
		found = append(found, full)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("finding entry %s: %w", id, err)
	}
	switch {
	case len(found) == 0 || id == "":
		return "", invalid("id", "backlog log lists every entry with its id", "no entry has the id %q", id)
	case len(id) < MinIDPrefix:
		return "", invalid("id", fmt.Sprintf("give at least %d characters of it", MinIDPrefix), "%q is too short to name an entry", id)
	case len(found) > 1:
		return "", invalid("id", "give more of it, as backlog log --json shows it", "%q is the start of more than one entry's id", id)
	}
	return found[0], nil
}

// UpdateSession replaces the stored session that has sess.ID with sess,
// checked as a new recording would be. It keeps the session's place in the
// order of recording, and undo puts it back as it was.
func (s *Store) UpdateSession(ctx context.Context, sess Session) (Session, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Session{}, fmt.Errorf("editing %s: %w", sess.ID, err)
	}
	defer tx.Rollback()
	old, err := entryByID(ctx, tx, sess.ID)
	if err != nil {
		return Session{}, err
	}
	if old.Session == nil {
		return Session{}, invalid("id", "edit a pain score with --score, --date and --note", "%s is a pain score, not a session", sess.ID)
	}
	ex, err := findExercise(ctx, tx, sess.Exercise)
	if err != nil {
		return Session{}, err
	}
	if err := sess.settle(ex, s.today()); err != nil {
		return Session{}, err
	}
	if err := beginChange(ctx, tx, "edit", s.Now()); err != nil {
		return Session{}, err
	}
	var painDuring sql.NullInt64
	if sess.PainDuring != nil {
		painDuring = sql.NullInt64{Int64: int64(*sess.PainDuring), Valid: true}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET day = ?, exercise = ?, sets = ?, reps = ?, hold_s = ?,
		minutes = ?, pain_during = ?, note = ? WHERE id = ?`,
		sess.Day.String(), sess.Exercise, sess.Sets, sess.Reps, sess.HoldS, sess.Minutes, painDuring, sess.Note, sess.ID); err != nil {
		return Session{}, fmt.Errorf("editing %s: %w", sess.ID, err)
	}
	was := fmt.Sprintf("%s: %s on %s", old.Session.Exercise, old.Session.Dose.String(), old.Session.Day)
	if oldEx, err := findExercise(ctx, tx, old.Session.Exercise); err == nil {
		was = fmt.Sprintf("%s: %s on %s", old.Session.Exercise, oldEx.FormatDose(old.Session.Dose), old.Session.Day)
	}
	if err := endChange(ctx, tx, changeText{"edited " + sess.ID, fmt.Sprintf("Undid the edit of %s; it is back to %s.", sess.ID, was)}); err != nil {
		return Session{}, err
	}
	sess.RecordedAt = old.Session.RecordedAt
	return sess, tx.Commit()
}

// UpdatePain replaces the stored pain score that has p.ID with p. A day has
// one score: moving a score onto a day that has one is refused.
func (s *Store) UpdatePain(ctx context.Context, p PainEntry) (PainEntry, error) {
	note, err := cleanNote(p.Note)
	if err != nil {
		return PainEntry{}, err
	}
	p.Note = note
	if err := p.Validate(s.today()); err != nil {
		return PainEntry{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return PainEntry{}, fmt.Errorf("editing %s: %w", p.ID, err)
	}
	defer tx.Rollback()
	old, err := entryByID(ctx, tx, p.ID)
	if err != nil {
		return PainEntry{}, err
	}
	if old.Pain == nil {
		return PainEntry{}, invalid("id", "edit a session with --reps, --hold, --minutes, --sets, --pain-during, --date and --note", "%s is a session, not a pain score", p.ID)
	}
	if p.Day != old.Pain.Day {
		other, _, err := painOn(ctx, tx, p.Day)
		switch {
		case err == nil:
			return PainEntry{}, invalid("date", "remove that one first with backlog rm "+other.ID,
				"%s already has a pain score (%d/10)", p.Day, other.Score)
		case !errors.Is(err, ErrNotFound):
			return PainEntry{}, err
		}
	}
	if err := beginChange(ctx, tx, "edit", s.Now()); err != nil {
		return PainEntry{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE pain SET day = ?, score = ?, note = ? WHERE id = ?`,
		p.Day.String(), p.Score, p.Note, p.ID); err != nil {
		return PainEntry{}, fmt.Errorf("editing %s: %w", p.ID, err)
	}
	if err := endChange(ctx, tx, changeText{"edited " + p.ID, fmt.Sprintf("Undid the edit of %s; it is back to pain %d/10 for %s.",
		p.ID, old.Pain.Score, old.Pain.Day)}); err != nil {
		return PainEntry{}, err
	}
	p.RecordedAt = old.Pain.RecordedAt
	return p, tx.Commit()
}

// Remove deletes the session or pain score with the given id and returns it.
// Undo brings it back.
func (s *Store) Remove(ctx context.Context, id string) (Entry, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Entry{}, fmt.Errorf("removing %s: %w", id, err)
	}
	defer tx.Rollback()
	en, err := entryByID(ctx, tx, id)
	if err != nil {
		return Entry{}, err
	}
	if err := beginChange(ctx, tx, "remove", s.Now()); err != nil {
		return Entry{}, err
	}
	var desc, full string
	if en.Session != nil {
		full = en.Session.ID
		desc = fmt.Sprintf("%s: %s on %s", en.Session.Exercise, en.Session.Dose.String(), en.Session.Day)
		if ex, err := findExercise(ctx, tx, en.Session.Exercise); err == nil {
			desc = fmt.Sprintf("%s: %s on %s", en.Session.Exercise, ex.FormatDose(en.Session.Dose), en.Session.Day)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, en.Session.ID)
	} else {
		full = en.Pain.ID
		desc = fmt.Sprintf("pain %d/10 for %s", en.Pain.Score, en.Pain.Day)
		_, err = tx.ExecContext(ctx, `DELETE FROM pain WHERE id = ?`, en.Pain.ID)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("removing %s: %w", id, err)
	}
	if err := endChange(ctx, tx, changeText{"removed " + desc, "Brought back " + desc + " (" + ShortID(full) + ")."}); err != nil {
		return Entry{}, err
	}
	return en, tx.Commit()
}

// UpdateExercise replaces one of the user's own exercises, found by its
// slug, with e (whose slug must stay the same).
func (s *Store) UpdateExercise(ctx context.Context, e Exercise) (Exercise, error) {
	e.Custom = true
	e.Sources = nil
	if err := e.Validate(); err != nil {
		return Exercise{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Exercise{}, fmt.Errorf("editing exercise %s: %w", e.Slug, err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return Exercise{}, err
	}
	if err := ownExercise(catalog, e.Slug); err != nil {
		return Exercise{}, err
	}
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if existing, err := catalog.Lookup(name); err == nil && existing.Slug != e.Slug {
			return Exercise{}, invalid("name", "choose another name", "%q is already the exercise %s", name, existing.Slug)
		}
	}
	def, err := json.Marshal(e)
	if err != nil {
		return Exercise{}, err
	}
	if err := beginChange(ctx, tx, "exercise", s.Now()); err != nil {
		return Exercise{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE exercises SET definition = ? WHERE slug = ?`, string(def), e.Slug); err != nil {
		return Exercise{}, fmt.Errorf("editing exercise %s: %w", e.Slug, err)
	}
	if err := endChange(ctx, tx, changeText{"edited exercise " + e.Slug, "Undid the edit of your exercise " + e.Slug + "."}); err != nil {
		return Exercise{}, err
	}
	return e, tx.Commit()
}

// RemoveExercise removes one of the user's own exercises. It is refused while
// sessions use the exercise, saying how many.
func (s *Store) RemoveExercise(ctx context.Context, name string) (Exercise, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Exercise{}, fmt.Errorf("removing exercise %s: %w", name, err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return Exercise{}, err
	}
	ex, err := catalog.Lookup(name)
	if err != nil {
		return Exercise{}, err
	}
	if err := ownExercise(catalog, ex.Slug); err != nil {
		return Exercise{}, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE exercise = ?`, ex.Slug).Scan(&n); err != nil {
		return Exercise{}, fmt.Errorf("removing exercise %s: %w", ex.Slug, err)
	}
	if n > 0 {
		return Exercise{}, invalid("exercise", fmt.Sprintf("remove them first (backlog log --exercise %s lists them), or keep the exercise", ex.Slug),
			"%s is used by %s", ex.Slug, plural(n, "session"))
	}
	if err := beginChange(ctx, tx, "exercise", s.Now()); err != nil {
		return Exercise{}, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM exercises WHERE slug = ?`, ex.Slug); err != nil {
		return Exercise{}, fmt.Errorf("removing exercise %s: %w", ex.Slug, err)
	}
	if err := endChange(ctx, tx, changeText{"removed exercise " + ex.Slug, "Brought back your exercise " + ex.Slug + "."}); err != nil {
		return Exercise{}, err
	}
	return ex, tx.Commit()
}

// ownExercise refuses built-in exercises, which are part of backlog.
func ownExercise(catalog *Catalog, slug string) error {
	ex, err := catalog.Lookup(slug)
	if err != nil {
		return err
	}
	if !ex.Custom {
		return invalid("exercise", "add your own with backlog exercises add", "%s is built in; only your own exercises can be changed or removed", ex.Slug)
	}
	return nil
}

// RecordOrder returns, for every session and pain score from since to until
// (zero bounds do not limit), its place in the order of recording. Entries
// of one day list newest first by it, as undo takes them back, whatever the
// clock said when they were recorded.
func (s *Store) RecordOrder(ctx context.Context, since, until Day) (map[string]int64, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading the order of entries: %w", err)
	}
	defer tx.Rollback()
	lo, hi := "0000-00-00", "9999-99-99"
	if since != 0 {
		lo = since.String()
	}
	if until != 0 {
		hi = until.String()
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, seq FROM sessions WHERE day BETWEEN ?1 AND ?2
		UNION ALL SELECT id, seq FROM pain WHERE day BETWEEN ?1 AND ?2`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("reading the order of entries: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			return nil, fmt.Errorf("reading the order of entries: %w", err)
		}
		out[id] = seq
	}
	return out, rows.Err()
}

// FirstDay returns the day of the journal's earliest session or pain score;
// ok is false for an empty journal.
func (s *Store) FirstDay(ctx context.Context) (first Day, ok bool, err error) {
	var day string
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(min(d), '') FROM (
		SELECT min(day) AS d FROM sessions UNION ALL SELECT min(day) FROM pain)`).Scan(&day); err != nil {
		return 0, false, fmt.Errorf("reading the first day: %w", err)
	}
	if day == "" {
		return 0, false, nil
	}
	first, err = ParseDay(day)
	return first, err == nil, err
}

// recordedPainText describes recording p, which replaced old (or nil), for
// the change log.
func recordedPainText(p PainEntry, old *PainEntry) changeText {
	desc := fmt.Sprintf("pain %d/10 for %s", p.Score, p.Day)
	if old == nil {
		return changeText{"recorded " + desc, "Removed " + desc + "."}
	}
	return changeText{"recorded " + desc, fmt.Sprintf("Removed %s; the earlier %d/10 is back.", desc, old.Score)}
}

// recordedSessionsText describes sessions recorded together (done with
// several exercises, or --routine): undo takes them all back and names each
// on its own line.
func recordedSessionsText(descs []string) changeText {
	undo := make([]string, len(descs))
	for i, d := range descs {
		undo[i] = "Removed " + d + "."
	}
	return changeText{"recorded " + strings.Join(descs, ", "), strings.Join(undo, "\n")}
}

// routineText describes a change to the routine, and what undo restores.
func routineText(changes []RoutineChange) changeText {
	var what, undo []string
	for _, ch := range changes {
		slug := ch.Exercise.Slug
		switch {
		case ch.After == nil:
			what = append(what, "took "+slug+" out of the routine")
			undo = append(undo, slug+" is back in it ("+ch.Before.Describe()+")")
		case ch.Before == nil:
			what = append(what, "put "+slug+" in the routine ("+ch.After.Describe()+")")
			undo = append(undo, slug+" is out of it again")
		default:
			what = append(what, "changed "+slug+" in the routine to "+ch.After.Describe())
			undo = append(undo, slug+" is back to "+ch.Before.Describe())
		}
	}
	return changeText{strings.Join(what, "; "), "Undid the change to the routine: " + strings.Join(undo, "; ") + "."}
}

// importText describes an import for the change log.
func importText(r ImportResult) changeText {
	var parts []string
	if r.Sessions > 0 {
		parts = append(parts, plural(r.Sessions, "session"))
	}
	if r.Pain > 0 {
		parts = append(parts, plural(r.Pain, "pain score"))
	}
	if r.Exercises > 0 {
		parts = append(parts, plural(r.Exercises, "exercise"))
	}
	list := strings.Join(parts, ", ")
	if list == "" {
		list = "nothing new"
	}
	undo := "Took back the import of " + list
	if r.Replaced > 0 {
		undo += fmt.Sprintf("; the %s it replaced are back", plural(r.Replaced, "earlier pain score"))
	}
	return changeText{"imported " + list, undo + "."}
}
