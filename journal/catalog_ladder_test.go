package journal_test

import (
	"strings"
	"testing"

	"backlog/journal"
)

// TestCatalogVariantsExist checks that every harder and easier variant names
// a catalog entry by its slug, and that the two links agree: when A moves on
// to B, B falls back to A, so a flare never lands on an unrelated exercise.
func TestCatalogVariantsExist(t *testing.T) {
	bySlug := map[string]journal.Exercise{}
	for _, ex := range journal.Builtin() {
		bySlug[ex.Slug] = ex
	}
	links := 0
	for _, ex := range journal.Builtin() {
		for _, link := range []struct{ kind, slug, back string }{
			{"harder", ex.Harder, "easier"},
			{"easier", ex.Easier, "harder"},
		} {
			if link.slug == "" {
				continue
			}
			links++
			other, ok := bySlug[link.slug]
			if !ok {
				t.Errorf("%s: %s variant %q is not a catalog slug", ex.Slug, link.kind, link.slug)
				continue
			}
			if other.Slug == ex.Slug {
				t.Errorf("%s is its own %s variant", ex.Slug, link.kind)
			}
			back := other.Easier
			if link.back == "harder" {
				back = other.Harder
			}
			if back != ex.Slug {
				t.Errorf("%s has %s variant %s, whose %s variant is %q, not %s", ex.Slug, link.kind, other.Slug, link.back, back, ex.Slug)
			}
		}
	}
	if links == 0 {
		t.Fatal("no harder or easier variant in the catalog; the articles name some")
	}
}

// TestCatalogGoalsAreAboveTheArticlesMinimums checks the doses the articles
// give as a minimum ("at least", "as long as you can", "a minimum of"): the
// goal must be above the figure, so the ladder does not stop at the floor.
func TestCatalogGoalsAreAboveTheArticlesMinimums(t *testing.T) {
	catalog := journal.NewCatalog()
	for _, tc := range []struct {
		slug, field string
		minimum     int
		article     string // where the minimum comes from
		sets        bool   // the field does not climb: the ladder goes on in sets past it
	}{
		{"plank", "hold", 30, "003: as long as you can, aiming for at least 30 s; 001: as long as you can", false},
		{"walking", "minutes", 30, "001: at least 30 minutes of brisk walking most days", false},
		{"glute-bridge", "hold", 6, "002: hold this position for a minimum of 6 seconds", false},
		{"leg-only-bird-dog", "reps", 5, "002: repeat this exercise at least 5 times", false},
		{"bird-dog", "reps", 5, "002: repeat this exercise at least 5 times", false},
		{"hamstring-stretch", "hold", 30, "002: this stretch is done for at least 30 seconds", false},
		{"prone-press-up", "reps", 3, "002: repeat it at least 3 times", false},
		{"knee-to-chest", "reps", 3, "002: repeat it at least 3 times for each leg", true},
	} {
		ex, err := catalog.Lookup(tc.slug)
		if err != nil {
			t.Fatal(err)
		}
		goal := map[string]int{"reps": ex.Goal.Reps, "hold": ex.Goal.HoldS, "minutes": ex.Goal.Minutes}[tc.field]
		switch {
		case tc.sets && goal < tc.minimum:
			t.Errorf("%s: goal %s is below the articles' minimum of %d (%s)", tc.slug, ex.Goal.Format(ex.Kind), tc.minimum, tc.article)
		case tc.sets && ex.MaxSets() < 2:
			t.Errorf("%s: the articles' %d %s is a minimum, but the ladder does not go on in sets", tc.slug, tc.minimum, tc.field)
		case !tc.sets && goal <= tc.minimum:
			t.Errorf("%s: goal %s is not above the articles' minimum of %d (%s)", tc.slug, ex.Goal.Format(ex.Kind), tc.minimum, tc.article)
		}
	}
}

// TestCatalogNotesCiteOnlyTheirOwnFigures checks that the notes of timed
// exercises whose articles give no duration do not borrow walking's 30
// minutes from article 001.
func TestCatalogNotesCiteOnlyTheirOwnFigures(t *testing.T) {
	catalog := journal.NewCatalog()
	for _, slug := range []string{"swimming", "cycling", "pilates"} {
		ex, err := catalog.Lookup(slug)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(ex.DoseNote, "article's 30") || strings.Contains(ex.DoseNote, "30 minutes on most days") {
			t.Errorf("%s: note %q cites walking's 30 minutes, which its articles do not give", slug, ex.DoseNote)
		}
		if !strings.Contains(ex.DoseNote, "default") {
			t.Errorf("%s: its articles give no duration, but the note %q does not say the dose is a default", slug, ex.DoseNote)
		}
	}
}

// TestCatalogDeadBugHasNoHold checks that the dead bug is counted as article
// 003 counts it, in alternating repetitions, with no hold it does not give.
func TestCatalogDeadBugHasNoHold(t *testing.T) {
	ex, err := journal.NewCatalog().Lookup("dead-bug")
	if err != nil {
		t.Fatal(err)
	}
	if ex.Kind != journal.Reps || ex.Start.HoldS != 0 || ex.Goal.HoldS != 0 || ex.Goal.Reps != 12 {
		t.Errorf("dead bug is %s, %s → %s; article 003 gives 10–12 alternating repetitions and no hold", ex.Kind, ex.Start.Format(ex.Kind), ex.Goal.Format(ex.Kind))
	}
}
