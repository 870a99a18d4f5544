package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// AddExercise stores a custom exercise. Its slug, name and aliases must not
// clash with any exercise already known, built in or custom.
func (s *Store) AddExercise(ctx context.Context, e Exercise) (Exercise, error) {
	e.Custom = true
	e.Sources = nil
	if err := CheckExerciseText(e); err != nil {
		return Exercise{}, err
	}
	if err := e.Validate(); err != nil {
		return Exercise{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Exercise{}, fmt.Errorf("adding exercise %s: %w", e.Slug, err)
	}
	defer tx.Rollback()
	catalog, err := loadCatalog(ctx, tx)
	if err != nil {
		return Exercise{}, err
	}
	for _, name := range append([]string{e.Slug, e.Name}, e.Aliases...) {
		if existing, err := catalog.Lookup(name); err == nil {
			return Exercise{}, invalid("slug", "choose another name, or record it with backlog done "+existing.Slug,
				"%q is already the exercise %s", name, existing.Slug)
		}
	}
	def, err := json.Marshal(e)
	if err != nil {
		return Exercise{}, err
	}
	if err := beginChange(ctx, tx, "exercise", s.Now()); err != nil {
		return Exercise{}, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO exercises (slug, definition, created_at) VALUES (?, ?, ?)`,
		e.Slug, string(def), formatTime(s.Now())); err != nil {
		return Exercise{}, fmt.Errorf("adding exercise %s: %w", e.Slug, err)
	}
	if err := endChange(ctx, tx, changeText{"added exercise " + e.Slug, "Removed your exercise " + e.Slug + "."}); err != nil {
		return Exercise{}, err
	}
	return e, tx.Commit()
}

// Catalog returns the built-in exercises and the user's own.
func (s *Store) Catalog(ctx context.Context) (*Catalog, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading exercises: %w", err)
	}
	defer tx.Rollback()
	return loadCatalog(ctx, tx)
}

func loadCatalog(ctx context.Context, tx *sql.Tx) (*Catalog, error) {
	rows, err := tx.QueryContext(ctx, `SELECT slug, definition FROM exercises ORDER BY created_at, slug`)
	if err != nil {
		return nil, fmt.Errorf("reading exercises: %w", err)
	}
	defer rows.Close()
	var custom []Exercise
	for rows.Next() {
		var slug, def string
		if err := rows.Scan(&slug, &def); err != nil {
			return nil, fmt.Errorf("reading exercises: %w", err)
		}
		var e Exercise
		if err := json.Unmarshal([]byte(def), &e); err != nil {
			return nil, fmt.Errorf("reading exercise %s: %w", slug, err)
		}
		e.Custom = true
		custom = append(custom, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading exercises: %w", err)
	}
	return NewCatalog(custom...), nil
}

// findExercise resolves a slug or name to an exercise, looking at the
// built-in catalog first so recording a built-in exercise reads nothing more
// from the database.
func findExercise(ctx context.Context, tx *sql.Tx, name string) (Exercise, error) {
	builtin := NewCatalog()
	ex, err := builtin.Lookup(name)
	if err == nil {
		return ex, nil
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		return Exercise{}, err
	}
	all, err := loadCatalog(ctx, tx)
	if err != nil {
		return Exercise{}, err
	}
	return all.Lookup(name)
}
