package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Schedule is how often a routine exercise is meant to be done: on named
// weekdays, or a number of times a week on any days. Exactly one is set.
type Schedule struct {
	// Weekdays is a mask of the days, Monday bit 0 to Sunday bit 6;
	// EveryDay for every day.
	Weekdays uint8
	// PerWeek is how many days a week, on any days, from 1 to 7.
	PerWeek int
}

// EveryDay is the Weekdays mask of a daily schedule.
const EveryDay uint8 = 1<<7 - 1

// weekdayNames returns the short names, Monday first, as masks number them.
func weekdayNames() []string { return []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} }

// weekdayBit is the bit of d's weekday in a Weekdays mask.
func weekdayBit(d Day) uint8 { return 1 << ((int(d.Weekday()) + 6) % 7) }

// On reports whether a weekday schedule plans d. A per-week schedule plans
// no particular day.
func (s Schedule) On(d Day) bool { return s.Weekdays&weekdayBit(d) != 0 }

// Days returns how many days a week the schedule plans.
func (s Schedule) Days() int {
	if s.PerWeek > 0 {
		return s.PerWeek
	}
	n := 0
	for m := s.Weekdays; m != 0; m &= m - 1 {
		n++
	}
	return n
}

// String writes the schedule as --days takes it: "daily", "mon,wed,fri",
// or as "N/week" for a number of times a week.
func (s Schedule) String() string {
	switch {
	case s.PerWeek > 0:
		return strconv.Itoa(s.PerWeek) + "/week"
	case s.Weekdays == EveryDay:
		return "daily"
	}
	var names []string
	for i, n := range weekdayNames() {
		if s.Weekdays&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, ",")
}

// Describe writes the schedule for people: "daily", "Mon, Wed, Fri",
// "5 times a week".
func (s Schedule) Describe() string {
	switch {
	case s.PerWeek == 1:
		return "once a week"
	case s.PerWeek > 0:
		return fmt.Sprintf("%d times a week", s.PerWeek)
	case s.Weekdays == EveryDay:
		return "daily"
	}
	var names []string
	for _, n := range strings.Split(s.String(), ",") {
		names = append(names, strings.ToUpper(n[:1])+n[1:])
	}
	return strings.Join(names, ", ")
}

// Validate checks that exactly one of Weekdays and PerWeek is set, in range.
func (s Schedule) Validate() error {
	switch {
	case s.Weekdays != 0 && s.PerWeek != 0:
		return invalid("days", "give either --days or --per-week", "a routine entry is on named days or a number of times a week, not both")
	case s.Weekdays > EveryDay:
		return invalid("days", "", "weekday mask %d is out of range", s.Weekdays)
	case s.PerWeek < 0 || s.PerWeek > 7:
		return invalid("per-week", "give a whole number from 1 to 7, or --days daily", "--per-week must be from 1 to 7, not %d", s.PerWeek)
	case s.Weekdays == 0 && s.PerWeek == 0:
		return invalid("days", "such as --days mon,wed,fri, --days daily or --per-week 3", "say how often: --days or --per-week")
	}
	return nil
}

// ParseDays reads --days: "daily" (or "every day"), "weekdays", "weekends",
// or weekday names separated by commas or spaces ("mon,wed,fri",
// "Monday Thursday").
func ParseDays(s string) (Schedule, error) {
	hint := "use daily, weekdays, weekends or day names such as mon,wed,fri"
	var sch Schedule
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ',' || r == ' ' || r == '+' || r == '/' })
	if len(fields) == 0 {
		return sch, invalid("days", hint, "--days is empty")
	}
	for _, f := range fields {
		switch f {
		case "daily", "everyday", "all":
			sch.Weekdays |= EveryDay
			continue
		case "weekdays":
			sch.Weekdays |= 0b0011111
			continue
		case "weekends", "weekend":
			sch.Weekdays |= 0b1100000
			continue
		}
		i := slices.IndexFunc(weekdayNames(), func(n string) bool { return dayNameMatches(f, n) })
		if i < 0 {
			h := hint
			if near := Closest(f, weekdayNames()); near != "" {
				h = "did you mean " + near + "?"
			}
			return Schedule{}, invalid("days", h, "%q in --days is not a day of the week", f)
		}
		sch.Weekdays |= 1 << i
	}
	return sch, nil
}

// dayNameMatches reports whether f names the weekday whose short name is
// short: "mon", "monday", "tues", "thurs", "weds".
func dayNameMatches(f, short string) bool {
	full := map[string]string{"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday",
		"fri": "friday", "sat": "saturday", "sun": "sunday"}[short]
	if f == "tues" && short == "tue" || f == "thurs" && short == "thu" || f == "weds" && short == "wed" {
		return true
	}
	return f == short || f == full || strings.TrimSuffix(f, "s") == full
}

// RoutineEntry is one exercise of the routine over the days it was in force:
// from Since up to, not including, Ended (zero while it still is).
type RoutineEntry struct {
	ID       string
	Exercise string // slug
	Schedule
	Since      Day
	Ended      Day
	RecordedAt time.Time
}

// InForce reports whether the entry applies on d.
func (e RoutineEntry) InForce(d Day) bool { return d >= e.Since && (e.Ended == 0 || d < e.Ended) }

// routineJSON is the wire shape of a routine entry in export files.
type routineJSON struct {
	ID         string `json:"id"`
	Exercise   string `json:"exercise"`
	Days       string `json:"days,omitempty"`
	PerWeek    int    `json:"per_week,omitempty"`
	Since      Day    `json:"since"`
	Ended      *Day   `json:"ended"`
	RecordedAt string `json:"recorded_at,omitempty"`
}

// MarshalJSON writes the entry for export: days as --days takes them.
func (e RoutineEntry) MarshalJSON() ([]byte, error) {
	j := routineJSON{ID: e.ID, Exercise: e.Exercise, PerWeek: e.PerWeek, Since: e.Since}
	if e.Weekdays != 0 {
		j.Days = e.Schedule.String()
	}
	if e.Ended != 0 {
		j.Ended = &e.Ended
	}
	if !e.RecordedAt.IsZero() {
		j.RecordedAt = formatTime(e.RecordedAt)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (e *RoutineEntry) UnmarshalJSON(b []byte) error {
	var j routineJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = RoutineEntry{ID: j.ID, Exercise: j.Exercise, Since: j.Since, Schedule: Schedule{PerWeek: j.PerWeek}}
	if j.Days != "" {
		sch, err := ParseDays(j.Days)
		if err != nil {
			return err
		}
		e.Weekdays = sch.Weekdays
	}
	if j.Ended != nil {
		e.Ended = *j.Ended
	}
	if j.RecordedAt != "" {
		t, err := parseTime(j.RecordedAt)
		if err != nil {
			return err
		}
		e.RecordedAt = t
	}
	return nil
}

// Validate checks the schedule and the days.
func (e RoutineEntry) Validate() error {
	if err := e.Schedule.Validate(); err != nil {
		return err
	}
	if e.Since <= 0 {
		return invalid("since", "", "a routine entry needs the day it started")
	}
	if e.Ended != 0 && e.Ended <= e.Since {
		return invalid("ended", "", "it ends on %s, before it starts on %s", e.Ended, e.Since)
	}
	return nil
}

// Routine returns every routine entry, those still in force and those that
// ended, by exercise and then by start.
func (s *Store) Routine(ctx context.Context) ([]RoutineEntry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading the routine: %w", err)
	}
	defer tx.Rollback()
	return queryRoutine(ctx, tx)
}

func queryRoutine(ctx context.Context, tx *sql.Tx) ([]RoutineEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, exercise, weekdays, per_week, since, coalesce(ended, ''), recorded_at
		FROM routine ORDER BY exercise, since`)
	if err != nil {
		return nil, fmt.Errorf("reading the routine: %w", err)
	}
	defer rows.Close()
	var out []RoutineEntry
	for rows.Next() {
		var e RoutineEntry
		var since, ended, recorded string
		if err := rows.Scan(&e.ID, &e.Exercise, &e.Weekdays, &e.PerWeek, &since, &ended, &recorded); err != nil {
			return nil, fmt.Errorf("reading the routine: %w", err)
		}
		if e.Since, err = ParseDay(since); err != nil {
			return nil, fmt.Errorf("reading routine entry %s: %w", e.ID, err)
		}
		if ended != "" {
			if e.Ended, err = ParseDay(ended); err != nil {
				return nil, fmt.Errorf("reading routine entry %s: %w", e.ID, err)
			}
		}
		if e.RecordedAt, err = parseTime(recorded); err != nil {
			return nil, fmt.Errorf("reading routine entry %s: %w", e.ID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func insertRoutine(ctx context.Context, tx *sql.Tx, e RoutineEntry) error {
	var ended sql.NullString
	if e.Ended != 0 {
		ended = sql.NullString{String: e.Ended.String(), Valid: true}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO routine (id, exercise, weekdays, per_week, since, ended, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ID, e.Exercise, e.Weekdays, e.PerWeek, e.Since.String(), ended, formatTime(e.RecordedAt))
	if err != nil {
		return fmt.Errorf("recording routine entry for %s: %w", e.Exercise, err)
	}
	return nil
}

// RoutineChange says what SetRoutine or EndRoutine did to one exercise.
type RoutineChange struct {
	Exercise Exercise
	// Before is the schedule in force until the change, if there was one.
	Before *Schedule
	// After is the schedule from the change on; nil when it was removed.
	After *Schedule
}

// SetRoutine puts the exercises named in the routine with the schedule from
// day from on, all of them or, if any name is unknown, none. An exercise
// already in the routine on another schedule keeps its old schedule for the
// days before from.
func (s *Store) SetRoutine(ctx context.Context, names []string, sch Schedule, from Day) ([]RoutineChange, error) {
	if err := sch.Validate(); err != nil {
		return nil, err
	}
	if from > s.today() {
		return nil, invalid("from", "start the routine today or on a day that has passed", "%s is in the future (today is %s)", from, s.today())
	}
	return s.changeRoutine(ctx, names, from, func(ex Exercise, cur *RoutineEntry) (RoutineChange, error) {
		ch := RoutineChange{Exercise: ex, After: &sch}
		if cur != nil {
			before := cur.Schedule
			ch.Before = &before
		}
		return ch, nil
	})
}

// EndRoutine takes the exercises named out of the routine from day from on.
// An exercise not in the routine is an error, and then nothing changes.
func (s *Store) EndRoutine(ctx context.Context, names []string, from Day) ([]RoutineChange, error) {
	return s.changeRoutine(ctx, names, from, func(ex Exercise, cur *RoutineEntry) (RoutineChange, error) {
		if cur == nil {
			return RoutineChange{}, invalid("exercise", "see backlog routine", "%s is not in the routine", ex.Slug)
		}
		before := cur.Schedule
		return RoutineChange{Exercise: ex, Before: &before}, nil
	})
}

// changeRoutine resolves every name, asks decide what each becomes, and then
// writes all the changes in one transaction.
func (s *Store) changeRoutine(ctx context.Context, names []string, from Day,
	decide func(ex Exercise, cur *RoutineEntry) (RoutineChange, error)) ([]RoutineChange, error) {
	if len(names) == 0 {
		return nil, invalid("exercise", "such as: backlog routine add bird-dog plank --days mon,wed,fri", "name at least one exercise")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("changing the routine: %w", err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return nil, err
	}
	entries, err := queryRoutine(ctx, tx)
	if err != nil {
		return nil, err
	}
	var changes []RoutineChange
	var currents []*RoutineEntry
	seen := map[string]bool{}
	for _, name := range names {
		ex, err := catalog.Lookup(name)
		if err != nil {
			return nil, err
		}
		if seen[ex.Slug] {
			continue
		}
		seen[ex.Slug] = true
		var cur *RoutineEntry
		for i := range entries {
			if entries[i].Exercise == ex.Slug && entries[i].Ended == 0 {
				cur = &entries[i]
			}
		}
		if cur != nil && from < cur.Since {
			return nil, invalid("from", fmt.Sprintf("give --from %s or later", cur.Since),
				"%s is in the routine from %s; a change cannot start before that", ex.Slug, cur.Since)
		}
		ch, err := decide(ex, cur)
		if err != nil {
			return nil, err
		}
		changes = append(changes, ch)
		currents = append(currents, cur)
	}
	now := s.Now()
	if err := beginChange(ctx, tx, "routine", now); err != nil {
		return nil, err
	}
	for i, ch := range changes {
		cur := currents[i]
		if cur != nil && ch.After != nil && cur.Schedule == *ch.After {
			continue // unchanged
		}
		if cur != nil {
			// An entry that would end the day it began never applied: drop it.
			q, args := `UPDATE routine SET ended = ? WHERE id = ?`, []any{from.String(), cur.ID}
			if cur.Since >= from {
				q, args = `DELETE FROM routine WHERE id = ?`, []any{cur.ID}
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return nil, fmt.Errorf("changing the routine: %w", err)
			}
		}
		if ch.After != nil {
			e := RoutineEntry{ID: s.NewID("r"), Exercise: ch.Exercise.Slug, Schedule: *ch.After, Since: from, RecordedAt: now}
			if err := insertRoutine(ctx, tx, e); err != nil {
				return nil, err
			}
		}
	}
	if err := endChange(ctx, tx, routineText(changes)); err != nil {
		return nil, err
	}
	return changes, tx.Commit()
}

// RecordSessions validates every session and stores them all, in one
// transaction, or none. Sessions recorded together form one batch, which
// undo takes back as a whole.
func (s *Store) RecordSessions(ctx context.Context, list []Session) ([]Session, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("recording sessions: %w", err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return nil, err
	}
	batch := s.NewID("b")
	now := s.Now()
	out := make([]Session, 0, len(list))
	if err := beginChange(ctx, tx, "record", now); err != nil {
		return nil, err
	}
	var recorded []string
	for _, sess := range list {
		ex, err := catalog.Lookup(sess.Exercise)
		if err != nil {
			return nil, err
		}
		if err := sess.settle(ex, s.today()); err != nil {
			return nil, fmt.Errorf("%s: %w", ex.Name, err)
		}
		sess.ID = s.NewID("s")
		sess.RecordedAt = now
		if _, err := insertSession(ctx, tx, sess); err != nil {
			return nil, err
		}
		recorded = append(recorded, fmt.Sprintf("%s: %s on %s", sess.Exercise, ex.FormatDose(sess.Dose), sess.Day))
		if len(list) > 1 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_batches (session_id, batch) VALUES (?, ?)`, sess.ID, batch); err != nil {
				return nil, fmt.Errorf("recording sessions: %w", err)
			}
		}
		out = append(out, sess)
	}
	if err := endChange(ctx, tx, recordedSessionsText(recorded)); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// ExerciseDay is one exercise done on one day, however many times.
type ExerciseDay struct {
	Day      Day
	Exercise string
}

// ExerciseDays lists the days from since to until on which each of the
// exercises slugs was done, by exercise and then by day: what adherence to a
// routine is counted from. Each exercise is read from the (exercise, day)
// index alone, so ten years of a routine read quickly.
func (s *Store) ExerciseDays(ctx context.Context, slugs []string, since, until Day) ([]ExerciseDay, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `SELECT DISTINCT day FROM sessions WHERE exercise = ? AND day >= ? AND day <= ? ORDER BY day`)
	if err != nil {
		return nil, fmt.Errorf("reading sessions: %w", err)
	}
	defer stmt.Close()
	var out []ExerciseDay
	for _, slug := range slices.Compact(slices.Sorted(slices.Values(slugs))) {
		rows, err := stmt.QueryContext(ctx, slug, since.String(), until.String())
		if err != nil {
			return nil, fmt.Errorf("reading sessions: %w", err)
		}
		for rows.Next() {
			var day string
			if err := rows.Scan(&day); err != nil {
				rows.Close()
				return nil, fmt.Errorf("reading sessions: %w", err)
			}
			d, err := ParseDay(day)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, ExerciseDay{Day: d, Exercise: slug})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("reading sessions: %w", err)
		}
	}
	return out, nil
}

// checkRoutineRow checks one imported routine entry against the catalog,
// the journal's routine and the entries planned before it, and adds it to
// the plan unless the journal already has it. Two entries of one exercise
// may not be in force on the same day.
func checkRoutineRow(ctx context.Context, tx *sql.Tx, catalog *Catalog, r *RoutineEntry, plan *importPlan) error {
	ex, err := catalog.Lookup(r.Exercise)
	if err != nil {
		return err
	}
	e := *r
	e.Exercise = ex.Slug
	if err := e.Validate(); err != nil {
		return err
	}
	if present, err := exists(ctx, tx, "routine", e.ID); err != nil {
		return err
	} else if present {
		plan.present++
		return nil
	}
	existing, err := queryRoutine(ctx, tx)
	if err != nil {
		return err
	}
	for _, o := range append(existing, plan.routine...) {
		if o.Exercise == e.Exercise && overlaps(o, e) {
			return fmt.Errorf("%s is already in the routine from %s; its entries may not overlap", e.Exercise, o.Since)
		}
	}
	plan.routine = append(plan.routine, e)
	return nil
}

// overlaps reports whether two entries are in force on a common day.
func overlaps(a, b RoutineEntry) bool {
	aEnd, bEnd := a.Ended, b.Ended
	if aEnd == 0 {
		aEnd = Day(1 << 30)
	}
	if bEnd == 0 {
		bEnd = Day(1 << 30)
	}
	return a.Since < bEnd && b.Since < aEnd
}
