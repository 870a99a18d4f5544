package journal

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Category groups exercises the way the articles do.
type Category string

// The categories of the built-in catalog. Custom exercises may use any of
// them.
const (
	Stretch   Category = "stretch"
	Core      Category = "core"
	Mobility  Category = "mobility"
	Yoga      Category = "yoga"
	Posture   Category = "posture"
	Hips      Category = "hips"
	Cardio    Category = "cardio"
	AtWork    Category = "at-work"
	Pregnancy Category = "pregnancy"
	Sciatica  Category = "sciatica"
	Scoliosis Category = "scoliosis"
)

// Categories lists every category in display order.
func Categories() []Category {
	return []Category{Stretch, Core, Mobility, Yoga, Posture, Hips, Cardio, AtWork, Pregnancy, Sciatica, Scoliosis}
}

// StabilisationHoldCapS is the longest hold, in seconds, for short
// stabilisation holds such as bird-dog: past it, repetitions grow instead.
// McGill recommends holds of about 7–10 s for these exercises, built up by
// adding repetitions rather than by holding longer.
const StabilisationHoldCapS = 10

// Exercise is one entry of the catalog, built in or added by the user.
type Exercise struct {
	Slug     string   `json:"slug"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	Category Category `json:"category"`
	Region   string   `json:"region"`
	Kind     DoseKind `json:"kind"`
	PerSide  bool     `json:"per_side"`

	// Start is the dose a beginner begins at and Goal the articles' figure
	// the climb aims for (above it where they say "at least"). Step is how
	// much one rung adds: HoldS for holds, Reps for repetitions, Minutes for
	// timed exercises (zero means about 10%). Past the goal the ladder goes
	// on in sets, up to SetsMax (zero means the kind's default, see
	// Exercise.MaxSets), and then to the Harder variant.
	Start   Dose `json:"start"`
	Goal    Dose `json:"goal"`
	Step    Dose `json:"step"`
	SetsMax int  `json:"sets_max,omitempty"`

	// Stabilisation marks short holds that progress by repetitions once the
	// hold reaches StabilisationHoldCapS.
	Stabilisation bool `json:"stabilisation,omitempty"`

	// Harder names the slug of a harder catalog variant to move on to at the
	// top of the ladder, and Easier one to fall back to in a bad flare, where
	// the articles give them.
	Harder string `json:"harder,omitempty"`
	Easier string `json:"easier,omitempty"`

	Sources  []string `json:"sources,omitempty"`   // article files the entry comes from
	HowTo    string   `json:"how_to"`              // one paragraph, in backlog's own words
	DoseNote string   `json:"dose_note,omitempty"` // how the dose was chosen from the sources
	Custom   bool     `json:"custom,omitempty"`    // added by the user
}

// validSlug reports whether s is lower-case words of letters and digits
// joined by single hyphens, such as "wall-push-up".
func validSlug(s string) bool {
	if s == "" || len(s) > 40 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Validate checks that the exercise is complete and its doses make sense
// for its kind.
func (e *Exercise) Validate() error {
	if !validSlug(e.Slug) {
		return invalid("slug", "use lower-case letters, digits and hyphens, such as wall-push-up", "exercise slug %q is not valid", e.Slug)
	}
	if strings.TrimSpace(e.Name) == "" || len(e.Name) > 80 {
		return invalid("name", "give a name of 1 to 80 characters", "exercise %s needs a name", e.Slug)
	}
	if !e.Kind.Valid() {
		return invalid("kind", "use reps, hold, minutes or reps-hold", "exercise %s has unknown dosing kind %q", e.Slug, e.Kind)
	}
	if !slices.Contains(Categories(), e.Category) {
		return invalid("category", "use one of: "+joinCategories(), "exercise %s has unknown category %q", e.Slug, e.Category)
	}
	if err := e.Start.checkFor(e.Kind, "starting dose"); err != nil {
		return fmt.Errorf("exercise %s: %w", e.Slug, err)
	}
	if err := e.Goal.checkFor(e.Kind, "goal"); err != nil {
		return fmt.Errorf("exercise %s: %w", e.Slug, err)
	}
	if e.Goal.Reps < e.Start.Reps || e.Goal.HoldS < e.Start.HoldS || e.Goal.Minutes < e.Start.Minutes {
		return invalid("goal", "the goal must be at least the starting dose", "exercise %s: goal %s is below start %s", e.Slug, e.Goal.Format(e.Kind), e.Start.Format(e.Kind))
	}
	if e.SetsMax < 0 || e.SetsMax > MaxSets {
		return invalid("sets", "", "exercise %s: the most sets must be from 1 to %d", e.Slug, MaxSets)
	}
	switch e.Kind {
	case Reps, RepsHold:
		if e.Step.Reps < 1 {
			return invalid("step", "give a step of at least 1 rep", "exercise %s needs a rep step", e.Slug)
		}
	case Hold:
		if e.Step.HoldS < 1 {
			return invalid("step", "give a step of at least 1 s", "exercise %s needs a hold step", e.Slug)
		}
	case Minutes:
		if e.Step.Minutes < 0 {
			return invalid("step", "give a step of at least 1 minute", "exercise %s has a negative step", e.Slug)
		}
	}
	if e.Kind == RepsHold && e.Goal.HoldS > e.Start.HoldS && e.Step.HoldS < 1 {
		return invalid("step", "give a hold step", "exercise %s lengthens its hold but has no hold step", e.Slug)
	}
	if e.Stabilisation && e.Goal.HoldS > StabilisationHoldCapS {
		return invalid("goal", "", "exercise %s is a stabilisation hold but its goal is over %d s", e.Slug, StabilisationHoldCapS)
	}
	return nil
}

// checkFor reports whether d has exactly the fields kind uses, each in range.
func (d Dose) checkFor(kind DoseKind, what string) error {
	hint := fmt.Sprintf("a %s exercise is dosed in %s", kind, kindUnits(kind))
	if d.Sets < 0 || d.Sets > MaxSets {
		return invalid("sets", "", "%s: sets must be from 1 to %d", what, MaxSets)
	}
	needReps := kind == Reps || kind == RepsHold
	needHold := kind == Hold || kind == RepsHold
	needMin := kind == Minutes
	switch {
	case needReps && (d.Reps < 1 || d.Reps > MaxReps):
		return invalid("reps", hint, "%s needs reps from 1 to %d", what, MaxReps)
	case needHold && (d.HoldS < 1 || d.HoldS > MaxHoldS):
		return invalid("hold", hint, "%s needs a hold from 1 s to %d min", what, MaxHoldS/60)
	case needMin && (d.Minutes < 1 || d.Minutes > MaxMinutes):
		return invalid("minutes", hint, "%s needs minutes from 1 to %d", what, MaxMinutes)
	case !needMin && d.Minutes != 0:
		return invalid("minutes", "", "%s is dosed in %s, so it takes %s, not --minutes", what, kind, kindUnits(kind))
	case !needHold && d.HoldS != 0:
		return invalid("hold", "", "%s is dosed in %s, so it takes %s, not --hold", what, kind, kindUnits(kind))
	case kind == Minutes && d.Reps != 0:
		return invalid("reps", "", "%s is dosed in %s, so it takes %s, not --reps", what, kind, kindUnits(kind))
	}
	return nil
}

func kindUnits(k DoseKind) string {
	switch k {
	case Reps:
		return "--reps (and --sets)"
	case Hold:
		return "--hold (and --reps for repeated holds, --sets)"
	case Minutes:
		return "--minutes"
	default:
		return "--reps and --hold (and --sets)"
	}
}

func joinCategories() string {
	var s []string
	for _, c := range Categories() {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

// Catalog finds exercises by slug, name or alias, however people type them.
type Catalog struct {
	list  []Exercise
	byKey map[string]int
}

// builtinCatalog is the catalog of built-in exercises, built once per process
// on first use and never changed afterwards.
var builtinCatalog = sync.OnceValue(func() *Catalog { return buildCatalog(Builtin()) })

// NewCatalog returns the built-in exercises followed by the custom ones.
// Without custom exercises it returns the shared built-in catalog, which is
// only read, so recording a built-in exercise builds the catalog once.
func NewCatalog(custom ...Exercise) *Catalog {
	if len(custom) == 0 {
		return builtinCatalog()
	}
	return buildCatalog(append(Builtin(), custom...))
}

func buildCatalog(list []Exercise) *Catalog {
	c := &Catalog{list: list, byKey: make(map[string]int, 3*len(list))}
	for i, e := range list {
		for _, k := range append([]string{e.Slug, e.Name}, e.Aliases...) {
			key := nameKey(k)
			if _, taken := c.byKey[key]; !taken {
				c.byKey[key] = i
			}
		}
	}
	return c
}

// All returns every exercise, built-in first, each group in catalog order.
func (c *Catalog) All() []Exercise { return slices.Clone(c.list) }

// Lookup finds an exercise by slug, name or alias, ignoring case, spaces,
// hyphens and apostrophes: "Child's pose", "childs pose" and "childs-pose"
// all find childs-pose. An unknown name is a ValidationError that suggests the
// nearest exercise.
func (c *Catalog) Lookup(name string) (Exercise, error) {
	if i, ok := c.byKey[nameKey(name)]; ok {
		return c.list[i], nil
	}
	if strings.TrimSpace(name) == "" {
		return Exercise{}, invalid("exercise", "name one, such as: backlog done bird-dog; see backlog exercises", "no exercise given")
	}
	hint := "see backlog exercises for the list, or add your own with backlog exercises add"
	if near := c.nearest(name); near != "" {
		hint = "did you mean " + near + "?"
	}
	return Exercise{}, invalid("exercise", hint, "unknown exercise %q", name)
}

// nearest returns the slug closest to name, or "" when nothing is close
// enough to be a plausible typo.
func (c *Catalog) nearest(name string) string {
	keys := make([]string, 0, len(c.byKey))
	for k := range c.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys) // ties go to the same answer every time
	if k := Closest(nameKey(name), keys); k != "" {
		return c.list[c.byKey[k]].Slug
	}
	return ""
}

// Closest returns the candidate nearest to word by edit distance, or "" when
// none is near enough to be a plausible typo: at most one edit in three
// letters. The command line uses it for commands and flags as well as
// exercises, so every "did you mean" answers alike.
func Closest(word string, candidates []string) string {
	best, bestDist := "", len([]rune(word))/3+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// nameKey folds a name to the form lookups compare: lower-case letters and
// digits only.
func nameKey(s string) string {
	// Names are nearly always ASCII: lower-case letters and digits, kept
	// without converting the string to runes.
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return nameKeyUnicode(s)
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

func nameKeyUnicode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// editDistance is the Levenshtein distance between a and b, counting an
// adjacent swap ("dgo" for "dog") as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// FormatDose writes a dose of this exercise, saying "each side" for
// one-sided exercises.
func (e Exercise) FormatDose(d Dose) string {
	s := d.Format(e.Kind)
	if e.PerSide {
		s += " each side"
	}
	return s
}

// UnmarshalJSON reads an exercise, also taking "ceiling", the name journals
// and exports written before ladders gave to the goal.
func (e *Exercise) UnmarshalJSON(b []byte) error {
	type plain Exercise // plain has no methods, so this does not recurse
	var v struct {
		plain
		Ceiling *Dose `json:"ceiling"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Exercise(v.plain)
	if v.Ceiling != nil && e.Goal.IsZero() {
		e.Goal = *v.Ceiling
	}
	return nil
}
