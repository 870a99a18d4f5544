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

// ImportResult counts what an import did, or with a dry run would do.
type ImportResult struct {
	Exercises, Sessions, Pain int // added
	Routine                   int // routine entries added
	Replaced                  int // days whose pain score the import replaced
	KeptNewer                 int // days whose newer score in the journal was kept over the file's
	Present                   int // rows already in the journal, by id, and so skipped
	// Defaults says where rows took a standard value, such as the hold of a
	// reps-with-hold exercise a spreadsheet did not track.
	Defaults []string
}

// maxImportProblems bounds how many bad rows an import reports.
const maxImportProblems = 20

// MaxImportExercises bounds the custom exercises one import may add, and
// MaxImportRoutine its routine entries.
const (
	MaxImportExercises = 1000
	MaxImportRoutine   = 1000
)

// Import reads the rows of src and writes them in one transaction: all of
// them, or, if any row is bad, none, and a ValidationError lists the bad rows.
// Rows are checked and written as they are read, so memory stays bounded
// whatever the size of the file. Rows whose id is already in the journal are
// skipped, so importing the same file twice adds nothing; rows without an id
// get a new one. An imported pain score replaces the day's score when it was
// recorded later (the earlier one is kept aside, as a recorded score replaced
// by a later one is); when the journal's score is the newer one, it stays.
func (s *Store) Import(ctx context.Context, src ImportSource) (ImportResult, error) {
	return s.importRows(ctx, src, false)
}

// ImportDryRun checks src as Import does and says what Import would change,
// and writes nothing.
func (s *Store) ImportDryRun(ctx context.Context, src ImportSource) (ImportResult, error) {
	return s.importRows(ctx, src, true)
}

func (s *Store) importRows(ctx context.Context, src ImportSource, dryRun bool) (ImportResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return ImportResult{}, err
	}
	if err := beginChange(ctx, tx, "import", s.Now()); err != nil {
		return ImportResult{}, err
	}
	firstSeq, err := nextSeq(ctx, tx)
	if err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	im := &importer{s: s, tx: tx, catalog: catalog, firstSeq: firstSeq, seq: firstSeq, today: s.today(), now: s.Now(),
		exercises: map[string]string{}, defaults: map[string]int{}}
	// The statements run once a row are prepared once: an import of a
	// ten-year journal runs them tens of thousands of times.
	if im.sessionSeq, err = tx.PrepareContext(ctx, `SELECT seq FROM sessions WHERE id = ?`); err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer im.sessionSeq.Close()
	if im.insertSession, err = tx.PrepareContext(ctx, insertSessionSQL+" ON CONFLICT (id) DO NOTHING"); err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer im.insertSession.Close()
	if im.painSeq, err = tx.PrepareContext(ctx, `SELECT seq FROM pain WHERE id = ?1 UNION ALL SELECT 0 FROM pain_replaced WHERE id = ?1`); err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer im.painSeq.Close()
	if im.painOnDay, err = tx.PrepareContext(ctx, `SELECT seq, recorded_at FROM pain WHERE day = ?`); err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer im.painOnDay.Close()
	// A score for a day without one, whose id was never replaced: anything
	// else inserts nothing and is looked at row by row.
	if im.addScore, err = tx.PrepareContext(ctx, `INSERT INTO pain (day, id, seq, score, note, recorded_at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM pain_replaced WHERE id = ?2)
		ON CONFLICT DO NOTHING`); err != nil {
		return ImportResult{}, fmt.Errorf("importing: %w", err)
	}
	defer im.addScore.Close()
	for _, e := range catalog.All() {
		if e.Custom {
			im.custom = append(im.custom, e)
		}
	}
	var rebuild []string
	if !dryRun {
		if rebuild, err = deferSessionIndexes(ctx, tx); err != nil {
			return ImportResult{}, fmt.Errorf("importing: %w", err)
		}
	}
	if err := src(func(row ImportRow) error { return im.add(ctx, row) }); err != nil {
		return ImportResult{}, err
	}
	if len(im.problems) > 0 {
		return ImportResult{}, importProblems(im.problems, im.bad)
	}
	im.res.Defaults = im.defaultNotes()
	if dryRun {
		return im.res, nil
	}
	for _, q := range rebuild {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return ImportResult{}, fmt.Errorf("importing: %w", err)
		}
	}
	if err := endChange(ctx, tx, importText(im.res)); err != nil {
		return ImportResult{}, err
	}
	return im.res, tx.Commit()
}

// deferSessionIndexes drops the sessions table's own indexes (by day, by
// exercise) inside tx when the journal has few sessions, and returns the
// statements that make them again, which the import runs before it commits.
// Building an index once from the whole table is a sort; keeping it up to
// date row by row is a search per row, a sixth of a long import's time. A
// journal with many sessions keeps its indexes: rebuilding them would cost
// more than a small import saves. Within the transaction nothing else sees
// the journal without them.
func deferSessionIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM sessions LIMIT 1000)`).Scan(&n); err != nil || n == 1000 {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions' AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names, rebuild []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			return nil, err
		}
		names, rebuild = append(names, name), append(rebuild, q)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, name := range names {
		// Index names come from the journal's own schema; quote them as
		// identifiers all the same.
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
			return nil, err
		}
	}
	return rebuild, nil
}

func importProblems(problems []string, total int) error {
	msg := fmt.Sprintf("%d bad rows; nothing was imported", total)
	if total == 1 {
		msg = "1 bad row; nothing was imported"
	}
	if total > len(problems) {
		problems = append(problems, fmt.Sprintf("… and %d more", total-len(problems)))
	}
	return &ValidationError{Field: "import", Msg: msg, Hint: "fix them and import again", Details: problems}
}

// importer checks and writes the rows of one import inside its transaction.
// Rows written earlier in the same import are told apart from entries that
// were in the journal before by their sequence number (at least firstSeq).
type importer struct {
	s        *Store
	tx       *sql.Tx
	catalog  *Catalog
	custom   []Exercise // the user's exercises, with those this import adds
	firstSeq int64
	seq      int64 // the next sequence number: the import holds the write lock
	today    Day

	sessionSeq, insertSession    *sql.Stmt
	painSeq, painOnDay, addScore *sql.Stmt
	now                          time.Time

	exercises map[string]string // slug → where this import defines it
	routine   int               // routine rows seen
	defaults  map[string]int    // exercise slug → rows that took its standard hold
	problems  []string          // the first maxImportProblems
	bad       int               // all bad rows
	res       ImportResult
}

func (im *importer) fail(row ImportRow, err error) {
	im.bad++
	if len(im.problems) < maxImportProblems {
		im.problems = append(im.problems, row.Pos+": "+errorText(err))
	}
}

// add checks one row and writes it. Only failures of the database itself are
// returned; bad rows are collected.
func (im *importer) add(ctx context.Context, row ImportRow) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch {
	case row.Err != nil:
		im.fail(row, row.Err)
		return nil
	case row.Exercise != nil:
		return im.addExercise(ctx, row)
	case row.Session != nil:
		return im.addSession(ctx, row)
	case row.Pain != nil:
		return im.addPain(ctx, row)
	case row.Routine != nil:
		return im.addRoutine(ctx, row)
	}
	im.fail(row, errors.New("it is empty"))
	return nil
}

func (im *importer) addExercise(ctx context.Context, row ImportRow) error {
	e := *row.Exercise
	e.Custom, e.Sources = true, nil
	if err := CheckExerciseText(e); err != nil {
		im.fail(row, err)
		return nil
	}
	if err := e.Validate(); err != nil {
		im.fail(row, err)
		return nil
	}
	if first, dup := im.exercises[e.Slug]; dup {
		im.fail(row, fmt.Errorf("exercise %s is also defined at %s", e.Slug, first))
		return nil
	}
	if existing, err := im.catalog.Lookup(e.Slug); err == nil && existing.Slug == e.Slug {
		if !existing.Custom || !sameExercise(existing, e) {
			im.fail(row, fmt.Errorf("exercise %s already exists with another definition", e.Slug))
		} else {
			im.res.Present++
		}
		return nil
	}
	for _, name := range append([]string{e.Slug, e.Name}, e.Aliases...) {
		if existing, err := im.catalog.Lookup(name); err == nil {
			im.fail(row, fmt.Errorf("%q is already the exercise %s", name, existing.Slug))
			return nil
		}
	}
	if len(im.exercises) >= MaxImportExercises {
		im.fail(row, fmt.Errorf("an import adds at most %d exercises", MaxImportExercises))
		return nil
	}
	im.exercises[e.Slug] = row.Pos
	def, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := im.tx.ExecContext(ctx, `INSERT INTO exercises (slug, definition, created_at) VALUES (?, ?, ?)`,
		e.Slug, string(def), formatTime(im.now)); err != nil {
		return fmt.Errorf("importing exercise %s: %w", e.Slug, err)
	}
	im.custom = append(im.custom, e)
	im.catalog = NewCatalog(im.custom...)
	im.res.Exercises++
	return nil
}

// checkID reports whether the row's id is usable and, if the journal already
// has it, whether it was there before this import (present) or came earlier
// in this same file (a duplicate, reported as bad).
func (im *importer) checkID(ctx context.Context, row ImportRow, id string, lookup func(id string) *sql.Row) (ok, present bool, err error) {
	if id == "" {
		return true, false, nil
	}
	if !validID(id) {
		im.fail(row, fmt.Errorf("id %q is not valid", id))
		return false, false, nil
	}
	var seq int64
	switch err := lookup(id).Scan(&seq); {
	case errors.Is(err, sql.ErrNoRows):
		return true, false, nil
	case err != nil:
		return false, false, fmt.Errorf("importing: %w", err)
	case seq >= im.firstSeq:
		im.fail(row, fmt.Errorf("id %s appears earlier in the file too", id))
		return false, false, nil
	}
	return true, true, nil
}

// refuse handles a row that failed its checks with err: a row the journal
// already has (by id) is skipped rather than judged, as it may have been
// written under another clock or by an older backlog; any other is bad.
func (im *importer) refuse(ctx context.Context, row ImportRow, id string, lookup func(id string) *sql.Row, err error) error {
	ok, present, qerr := im.checkID(ctx, row, id, lookup)
	switch {
	case qerr != nil || !ok:
		return qerr
	case present:
		im.res.Present++
	default:
		im.fail(row, err)
	}
	return nil
}

// validDay is the last day a row may have. Rows that carry when backlog
// recorded them were written by a backlog journal, perhaps under another
// clock or time zone, and are taken as they are; rows without (typed in a
// spreadsheet) must not be in the future.
func (im *importer) lastDay(recorded time.Time) Day {
	if recorded.IsZero() {
		return im.today
	}
	return Day(1 << 30)
}

func (im *importer) addSession(ctx context.Context, row ImportRow) error {
	sess := *row.Session
	lookup := func(id string) *sql.Row { return im.sessionSeq.QueryRowContext(ctx, id) }
	if sess.ID != "" && !validID(sess.ID) {
		im.fail(row, fmt.Errorf("id %q is not valid", sess.ID))
		return nil
	}
	defaulted, err := im.checkSession(&sess, row)
	if err != nil {
		return im.refuse(ctx, row, sess.ID, lookup, err)
	}
	if sess.ID == "" {
		sess.ID = im.s.NewID("s")
	}
	if sess.RecordedAt.IsZero() {
		sess.RecordedAt = im.now
	}
	// Most rows are new: insert, and only when the id is taken ask whether
	// the journal had it before (present) or this file has it twice. One
	// statement a row keeps a long import quick and its memory flat.
	res, err := im.insertSession.ExecContext(ctx, sessionArgs(sess, im.seq)...)
	if err != nil {
		return fmt.Errorf("importing a session: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("importing a session: %w", err)
	} else if n == 0 {
		_, present, err := im.checkID(ctx, row, sess.ID, lookup)
		if present {
			im.res.Present++
		}
		return err
	}
	if defaulted {
		im.defaults[sess.Exercise]++
	}
	im.seq++
	im.res.Sessions++
	return nil
}

// checkSession completes and checks a session row against its exercise. It
// reports whether the row took the exercise's standard hold.
func (im *importer) checkSession(sess *Session, row ImportRow) (defaulted bool, err error) {
	ex, err := im.catalog.Lookup(sess.Exercise)
	if err != nil {
		return false, err
	}
	if row.NoHold && ex.Kind == RepsHold && sess.HoldS == 0 {
		sess.HoldS, defaulted = ex.Start.HoldS, true
	}
	return defaulted, sess.settle(ex, im.lastDay(sess.RecordedAt))
}

// checkPain cleans and checks a pain score row.
func (im *importer) checkPain(p *PainEntry) (err error) {
	if p.Note, err = cleanNote(p.Note); err != nil {
		return err
	}
	return p.Validate(im.lastDay(p.RecordedAt))
}

func (im *importer) addPain(ctx context.Context, row ImportRow) error {
	p := *row.Pain
	// An id the journal replaced since is present too: importing an older
	// export must not bring a corrected score back.
	lookup := func(id string) *sql.Row { return im.painSeq.QueryRowContext(ctx, id) }
	if p.ID != "" && !validID(p.ID) {
		im.fail(row, fmt.Errorf("id %q is not valid", p.ID))
		return nil
	}
	if err := im.checkPain(&p); err != nil {
		return im.refuse(ctx, row, p.ID, lookup, err)
	}
	if p.RecordedAt.IsZero() {
		p.RecordedAt = im.now
	}
	id := p.ID
	if id == "" {
		id = im.s.NewID("p")
	}
	// The usual case, a day without a score and an id the journal has never
	// had: one statement.
	res, err := im.addScore.ExecContext(ctx, p.Day.String(), id, im.seq, p.Score, p.Note, formatTime(p.RecordedAt))
	if err != nil {
		return fmt.Errorf("importing a pain score: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("importing a pain score: %w", err)
	} else if n == 1 {
		im.seq++
		im.res.Pain++
		return nil
	}
	ok, present, err := im.checkID(ctx, row, p.ID, lookup)
	if err != nil || !ok {
		return err
	}
	if present {
		im.res.Present++
		return nil
	}
	var seq int64
	var recorded string
	switch err := im.painOnDay.QueryRowContext(ctx, p.Day.String()).Scan(&seq, &recorded); {
	case err != nil:
		// The insert found the day taken, so this is a failure of the
		// database itself.
		return fmt.Errorf("importing: %w", err)
	case seq >= im.firstSeq:
		im.fail(row, fmt.Errorf("%s already has a score earlier in the file; a day has one score", p.Day))
		return nil
	default:
		current, err := parseTime(recorded)
		if err != nil {
			return err
		}
		if !p.RecordedAt.After(current) {
			im.res.KeptNewer++
			return nil
		}
	}
	p.ID = id
	replaced, err := replacePain(ctx, im.tx, p)
	if err != nil {
		return err
	}
	if im.seq, err = nextSeq(ctx, im.tx); err != nil {
		return fmt.Errorf("importing: %w", err)
	}
	if replaced != nil {
		im.res.Replaced++
	}
	im.res.Pain++
	return nil
}

// addRoutine checks a routine entry against the journal's routine, which
// holds the entries this import wrote before it, and writes it.
func (im *importer) addRoutine(ctx context.Context, row ImportRow) error {
	r := *row.Routine
	if r.ID != "" && !validID(r.ID) {
		im.fail(row, fmt.Errorf("id %q is not valid", r.ID))
		return nil
	}
	if im.routine++; im.routine > MaxImportRoutine {
		im.fail(row, fmt.Errorf("an import adds at most %d routine entries", MaxImportRoutine))
		return nil
	}
	var plan importPlan
	if err := checkRoutineRow(ctx, im.tx, im.catalog, &r, &plan); err != nil {
		im.fail(row, err)
		return nil
	}
	if plan.present > 0 || len(plan.routine) == 0 {
		im.res.Present += plan.present
		return nil
	}
	e := plan.routine[0]
	if e.ID == "" {
		e.ID = im.s.NewID("r")
	}
	if e.RecordedAt.IsZero() {
		e.RecordedAt = im.now
	}
	if err := insertRoutine(ctx, im.tx, e); err != nil {
		return err
	}
	im.res.Routine++
	return nil
}

// importPlan is what checkRoutineRow found to write for one routine row.
type importPlan struct {
	routine []RoutineEntry
	present int
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

// defaultNotes says, per exercise, how many rows took its standard hold.
func (im *importer) defaultNotes() []string {
	var notes []string
	for slug, n := range im.defaults {
		ex, err := im.catalog.Lookup(slug)
		if err != nil {
			continue
		}
		rows := "rows"
		if n == 1 {
			rows = "row"
		}
		notes = append(notes, fmt.Sprintf("%d %s of %s had no hold_s and took its standard %d s hold", n, rows, slug, ex.Start.HoldS))
	}
	slices.Sort(notes)
	return notes
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
