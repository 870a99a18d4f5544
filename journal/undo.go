package journal

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Change is one entry of the change log: something a command did to the
// journal that undo can take back.
type Change struct {
	Seq    int64
	Kind   string // record, edit, remove, import, exercise
	What   string // what the change did, for a person
	Undo   string // the sentence undo prints when it takes the change back
	MadeAt time.Time
}

// keyColumn is the column that names a row of each table the change log
// watches; a row's key never changes.
func keyColumn(table string) (string, bool) {
	switch table {
	case "sessions", "pain", "pain_replaced", "routine":
		return "id", true
	case "exercises":
		return "slug", true
	case "session_batches":
		return "session_id", true
	}
	return "", false
}

// beginChange opens a change inside tx: until endChange, the triggers of
// migration 0005 keep the earlier image of every row tx updates or deletes,
// and the entries it inserts take recording numbers above the change's
// floor.
func beginChange(ctx context.Context, tx *sql.Tx, kind string, now time.Time) error {
	if err := watchChanges(ctx, tx); err != nil {
		return err
	}
	next, err := nextSeq(ctx, tx)
	if err != nil {
		return fmt.Errorf("opening the change log: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, what, undo, made_at, floor, open) VALUES (?, '', '', ?, ?, 1)`,
		kind, formatTime(now), next-1); err != nil {
		return fmt.Errorf("opening the change log: %w", err)
	}
	return nil
}

// logInsertOnly logs, already closed, a change that only inserted entries,
// numbered above floor: the same log entry beginChange and endChange would
// leave, in one statement, as no earlier row image needs keeping.
func logInsertOnly(ctx context.Context, tx *sql.Tx, kind string, now time.Time, floor int64, t changeText) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, what, undo, made_at, floor, open) VALUES (?, ?, ?, ?, ?, 0)`,
		kind, t.what, t.undo, formatTime(now), floor); err != nil {
		return fmt.Errorf("writing the change log: %w", err)
	}
	return nil
}

// changeLogTriggers creates the change log's triggers (changelog.sql).
//
//go:embed changelog.sql
var changeLogTriggers string

// changeLogTriggerCount is how many triggers changelog.sql creates.
var changeLogTriggerCount = strings.Count(changeLogTriggers, "CREATE TEMP TRIGGER")

// watchChanges makes sure the connection of tx has the change log's
// triggers. They are TEMP triggers, kept by the connection until it closes,
// so a command that opens several changes creates them once.
func watchChanges(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'`).Scan(&n); err != nil {
		return fmt.Errorf("opening the change log: %w", err)
	}
	if n == changeLogTriggerCount {
		return nil
	}
	if _, err := tx.ExecContext(ctx, changeLogTriggers); err != nil {
		return fmt.Errorf("opening the change log: %w", err)
	}
	return nil
}

// changeText is what a change did and what undo says when it takes it back.
type changeText struct{ what, undo string }

// endChange closes the open change with its description. A change that
// touched no row is dropped, so undo never takes back nothing.
func endChange(ctx context.Context, tx *sql.Tx, t changeText) error {
	var seq int64
	var touched bool
	if err := tx.QueryRowContext(ctx, `SELECT seq,
		EXISTS (SELECT 1 FROM change_rows WHERE change = changes.seq)
		OR EXISTS (SELECT 1 FROM sessions WHERE seq > changes.floor)
		OR EXISTS (SELECT 1 FROM pain WHERE seq > changes.floor)
		FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1`).Scan(&seq, &touched); err != nil {
		return fmt.Errorf("closing the change log: %w", err)
	}
	q, args := `UPDATE changes SET open = 0, what = ?, undo = ? WHERE seq = ?`, []any{t.what, t.undo, seq}
	if !touched {
		q, args = `DELETE FROM changes WHERE seq = ?`, []any{seq}
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("closing the change log: %w", err)
	}
	return nil
}

// LastChange returns the most recent change, or ErrNotFound.
func (s *Store) LastChange(ctx context.Context) (Change, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Change{}, fmt.Errorf("reading the change log: %w", err)
	}
	defer tx.Rollback()
	return lastChange(ctx, tx)
}

func lastChange(ctx context.Context, tx *sql.Tx) (Change, error) {
	var c Change
	var made string
	err := tx.QueryRowContext(ctx, `SELECT seq, kind, what, undo, made_at FROM changes WHERE open = 0 ORDER BY seq DESC LIMIT 1`).
		Scan(&c.Seq, &c.Kind, &c.What, &c.Undo, &made)
	if errors.Is(err, sql.ErrNoRows) {
		return Change{}, ErrNotFound
	}
	if err != nil {
		return Change{}, fmt.Errorf("reading the change log: %w", err)
	}
	if c.MadeAt, err = parseTime(made); err != nil {
		return Change{}, err
	}
	return c, nil
}

// Undo takes back the most recent change of any kind (a recording, an edit,
// a removal, a whole import) and returns it. Changes are taken back in the
// order they were made, whatever the clock said when they were made. With
// nothing to undo it returns ErrNotFound.
func (s *Store) Undo(ctx context.Context) (Change, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Change{}, fmt.Errorf("undoing: %w", err)
	}
	defer tx.Rollback()
	c, err := lastChange(ctx, tx)
	if err != nil {
		return Change{}, err
	}
	// The entries the change recorded: every one above its floor.
	for _, q := range []string{
		`DELETE FROM sessions WHERE seq > (SELECT floor FROM changes WHERE seq = ?)`,
		`DELETE FROM pain WHERE seq > (SELECT floor FROM changes WHERE seq = ?)`,
	} {
		if _, err := tx.ExecContext(ctx, q, c.Seq); err != nil {
			return Change{}, fmt.Errorf("undoing %s: %w", c.What, err)
		}
	}
	if err := restoreRows(ctx, tx, c.Seq); err != nil {
		return Change{}, fmt.Errorf("undoing %s: %w", c.What, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM change_rows WHERE change = ?`, c.Seq); err != nil {
		return Change{}, fmt.Errorf("undoing: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM changes WHERE seq = ?`, c.Seq); err != nil {
		return Change{}, fmt.Errorf("undoing: %w", err)
	}
	return c, tx.Commit()
}

type rowImage struct {
	tbl, key string
	before   sql.NullString
}

// restoreRows puts every row the change touched back as it was, newest
// touch first.
func restoreRows(ctx context.Context, tx *sql.Tx, change int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT tbl, key, before FROM change_rows WHERE change = ? ORDER BY n DESC`, change)
	if err != nil {
		return err
	}
	images, err := scanImages(rows)
	if err != nil {
		return err
	}
	for _, im := range images {
		col, ok := keyColumn(im.tbl)
		if !ok {
			return fmt.Errorf("the change log names an unknown table %q", im.tbl)
		}
		// Table and column names come from keyColumn, never from the file.
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+im.tbl+` WHERE `+col+` = ?`, im.key); err != nil {
			return err
		}
		if !im.before.Valid {
			continue
		}
		if err := insertImage(ctx, tx, im.tbl, im.before.String); err != nil {
			return err
		}
	}
	return nil
}

// scanImages reads the row images of a change and closes rows.
func scanImages(rows *sql.Rows) ([]rowImage, error) {
	defer rows.Close()
	var images []rowImage
	for rows.Next() {
		var im rowImage
		if err := rows.Scan(&im.tbl, &im.key, &im.before); err != nil {
			return nil, err
		}
		images = append(images, im)
	}
	return images, rows.Err()
}

// insertImage inserts a row from its JSON image.
func insertImage(ctx context.Context, tx *sql.Tx, tbl, image string) error {
	var fields map[string]any
	dec := json.NewDecoder(strings.NewReader(image))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil {
		return fmt.Errorf("reading a row image of %s: %w", tbl, err)
	}
	cols := make([]string, 0, len(fields))
	for k := range fields {
		if !validColumn(k) {
			return fmt.Errorf("a row image of %s names column %q", tbl, k)
		}
		cols = append(cols, k)
	}
	sort.Strings(cols)
	args := make([]any, len(cols))
	for i, k := range cols {
		switch v := fields[k].(type) {
		case json.Number:
			n, err := v.Int64()
			if err != nil {
				return fmt.Errorf("a row image of %s: %s: %w", tbl, k, err)
			}
			args[i] = n
		default:
			args[i] = v
		}
	}
	q := `INSERT INTO ` + tbl + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	_, err := tx.ExecContext(ctx, q, args...)
	return err
}

// validColumn accepts the column names the triggers write: lower-case
// letters and underscores.
func validColumn(name string) bool {
	return name != "" && !slices.ContainsFunc([]rune(name), func(r rune) bool { return (r < 'a' || r > 'z') && r != '_' })
}
