package journal

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Export reads the whole journal for "backlog export".
func (s *Store) Export(ctx context.Context) (Export, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Export{}, fmt.Errorf("exporting: %w", err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return Export{}, err
	}
	var x Export
	for _, e := range catalog.All() {
		if e.Custom {
			x.Exercises = append(x.Exercises, e)
		}
	}
	slices.SortFunc(x.Exercises, func(a, b Exercise) int { return cmp.Compare(a.Slug, b.Slug) })
	if x.Sessions, err = querySessions(ctx, tx, SessionFilter{}); err != nil {
		return Export{}, err
	}
	if x.Pain, err = queryPain(ctx, tx, 0, 0); err != nil {
		return Export{}, err
	}
	if x.Routine, err = queryRoutine(ctx, tx); err != nil {
		return Export{}, err
	}
	return x, nil
}

// ImportResult counts what an import did.
type ImportResult struct {
	Exercises, Sessions, Pain int // added
	Routine                   int // routine entries added
	Replaced                  int // days whose pain score the import replaced
	Present                   int // rows already in the journal, by id, and so skipped
}

// maxImportProblems bounds how many bad rows an import reports.
const maxImportProblems = 20

// Import checks every row and then writes them all in one transaction, or,
// if any row is bad, writes nothing and returns a ValidationError listing the
// bad rows. Rows whose id is already in the journal are skipped, so importing
// the same file twice adds nothing; rows without an id get a new one. An
// imported pain score replaces the day's score, which is kept aside as a
// recorded score replaced by a later one is.
func (s *Store) Import(ctx context.Context, rows []ImportRow) (ImportResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return ImportResult{}, err
	}
	plan, problems := s.checkImport(ctx, tx, catalog, rows)
	if len(problems) > 0 {
		return ImportResult{}, importProblems(problems)
	}
	res, err := s.writeImport(ctx, tx, plan)
	if err != nil {
		return ImportResult{}, err
	}
	return res, tx.Commit()
}

func importProblems(problems []string) error {
	msg := fmt.Sprintf("%d bad rows; nothing was imported", len(problems))
	if len(problems) == 1 {
		msg = "1 bad row; nothing was imported"
	}
	if len(problems) > maxImportProblems {
		problems = append(problems[:maxImportProblems], fmt.Sprintf("… and %d more", len(problems)-maxImportProblems))
	}
	return &ValidationError{Field: "import", Msg: msg, Hint: "fix them and import again", Details: problems}
}

// importPlan is what checkImport found to write.
type importPlan struct {
	exercises []Exercise
	sessions  []Session
	pain      []PainEntry
	routine   []RoutineEntry
	present   int
}

// checkImport validates every row against the journal and the other rows.
func (s *Store) checkImport(ctx context.Context, tx *sql.Tx, catalog *Catalog, rows []ImportRow) (importPlan, []string) {
	var plan importPlan
	var problems []string
	bad := func(row ImportRow, err error) { problems = append(problems, row.Pos+": "+errorText(err)) }
	today := s.today()
	ids := map[string]string{}
	seenID := func(row ImportRow, id string) bool {
		if id == "" {
			return false
		}
		if !validID(id) {
			bad(row, fmt.Errorf("id %q is not valid", id))
			return true
		}
		if first, dup := ids[id]; dup {
			bad(row, fmt.Errorf("id %s is also used at %s", id, first))
			return true
		}
		ids[id] = row.Pos
		return false
	}

	// Exercises first, so sessions may use them.
	var custom []Exercise
	for _, row := range rows {
		if row.Exercise == nil {
			continue
		}
		if row.Err != nil {
			bad(row, row.Err)
			continue
		}
		e := *row.Exercise
		e.Custom, e.Sources = true, nil
		if err := e.Validate(); err != nil {
			bad(row, err)
			continue
		}
		if existing, err := catalog.Lookup(e.Slug); err == nil {
			if !existing.Custom || !sameExercise(existing, e) {
				bad(row, fmt.Errorf("exercise %s already exists with another definition", e.Slug))
			} else {
				plan.present++
			}
			continue
		}
		custom = append(custom, e)
		plan.exercises = append(plan.exercises, e)
	}
	if len(custom) > 0 {
		existing := []Exercise{}
		for _, e := range catalog.All() {
			if e.Custom {
				existing = append(existing, e)
			}
		}
		catalog = NewCatalog(append(existing, custom...)...)
	}

	painDays := map[Day]string{}
	for _, row := range rows {
		switch {
		case row.Exercise != nil:
			continue
		case row.Routine != nil && row.Err == nil:
			if seenID(row, row.Routine.ID) {
				continue
			}
			if err := checkRoutineRow(ctx, tx, catalog, row.Routine, &plan); err != nil {
				bad(row, err)
			}
		case row.Err != nil:
			bad(row, row.Err)
		case row.Session != nil:
			sess := *row.Session
			sess.Note = strings.TrimSpace(sess.Note)
			if seenID(row, sess.ID) {
				continue
			}
			ex, err := catalog.Lookup(sess.Exercise)
			if err != nil {
				bad(row, err)
				continue
			}
			sess.Exercise = ex.Slug
			sess.Dose = sess.Dose.Normalize(ex.Kind)
			if err := sess.Validate(ex, today); err != nil {
				bad(row, err)
				continue
			}
			if present, err := exists(ctx, tx, "sessions", sess.ID); err != nil {
				return plan, []string{err.Error()}
			} else if present {
				plan.present++
				continue
			}
			plan.sessions = append(plan.sessions, sess)
		case row.Pain != nil:
			p := *row.Pain
			p.Note = strings.TrimSpace(p.Note)
			if seenID(row, p.ID) {
				continue
			}
			if err := p.Validate(today); err != nil {
				bad(row, err)
				continue
			}
			if first, dup := painDays[p.Day]; dup {
				bad(row, fmt.Errorf("%s already has a score at %s; a day has one score", p.Day, first))
				continue
			}
			painDays[p.Day] = row.Pos
			if present, err := exists(ctx, tx, "pain", p.ID); err != nil {
				return plan, []string{err.Error()}
			} else if present {
				plan.present++
				continue
			}
			plan.pain = append(plan.pain, p)
		}
	}
	return plan, problems
}

func errorText(err error) string {
	var verr *ValidationError
	if errors.As(err, &verr) {
		return verr.Msg
	}
	return err.Error()
}

func sameExercise(a, b Exercise) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// exists reports whether table has a row with this id; an empty id never
// exists.
func exists(ctx context.Context, tx *sql.Tx, table, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	var n int
	// table is one of three constants, never user input.
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", id).Scan(&n)
	return n > 0, err
}

func (s *Store) writeImport(ctx context.Context, tx *sql.Tx, plan importPlan) (ImportResult, error) {
	res := ImportResult{Present: plan.present}
	now := s.Now()
	stamp := func(t time.Time) time.Time {
		if t.IsZero() {
			return now
		}
		return t
	}
	for _, e := range plan.exercises {
		def, err := json.Marshal(e)
		if err != nil {
			return res, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO exercises (slug, definition, created_at) VALUES (?, ?, ?)`,
			e.Slug, string(def), formatTime(now)); err != nil {
			return res, fmt.Errorf("importing exercise %s: %w", e.Slug, err)
		}
		res.Exercises++
	}
	for _, sess := range plan.sessions {
		if sess.ID == "" {
			sess.ID = s.NewID("s")
		}
		sess.RecordedAt = stamp(sess.RecordedAt)
		if err := insertSession(ctx, tx, sess); err != nil {
			return res, err
		}
		res.Sessions++
	}
	for _, p := range plan.pain {
		if p.ID == "" {
			p.ID = s.NewID("p")
		}
		p.RecordedAt = stamp(p.RecordedAt)
		replaced, err := replacePain(ctx, tx, p)
		if err != nil {
			return res, err
		}
		if replaced != nil {
			res.Replaced++
		}
		res.Pain++
	}
	for _, r := range plan.routine {
		if r.ID == "" {
			r.ID = s.NewID("r")
		}
		r.RecordedAt = stamp(r.RecordedAt)
		if err := insertRoutine(ctx, tx, r); err != nil {
			return res, err
		}
		res.Routine++
	}
	return res, nil
}
