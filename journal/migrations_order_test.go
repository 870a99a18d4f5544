package journal

import (
	"fmt"
	"io/fs"
	"sort"
	"testing"
)

// TestMigrationsAreNumberedWithoutGaps guards the schema version: migrate
// takes the count of migration files as the version, so the files must be
// numbered 0001, 0002, … with no gap and no repeat, or a journal would skip
// a migration or run one twice.
func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for i, name := range names {
		if want := fmt.Sprintf("migrations/%04d_", i+1); len(name) < len(want) || name[:len(want)] != want {
			t.Errorf("migration %d is %s; want a name starting %s", i+1, name, want)
		}
	}
}
