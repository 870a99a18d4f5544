package journal

// The ladder of an exercise is the path its dose climbs: from the start, one
// field at a time and one step at a time, to the goal; then sets, one more at
// a time, at the goal; then the harder variant, where the articles name one.
// Easing walks the same rungs back down, never below the start.
//
// Graded activity changes one thing at a time by a small step, and this is
// where that rule lives: analysis asks the ladder for the rung above or below
// a dose and does no dose arithmetic of its own.

// DefaultSetsMax is how many sets the ladder climbs to at the goal, for
// exercises counted in repetitions or holds: 1 → 2 → 3.
const DefaultSetsMax = 3

// MinutesStepPercent is how much a timed exercise grows in one rung when it
// gives no step of its own: about 10% (graded activity), at least a minute.
const MinutesStepPercent = 10

// MaxSets returns how many sets the exercise's ladder climbs to at its goal.
// Timed exercises such as walking climb in minutes alone unless they say
// otherwise: a second walk is not a harder walk.
func (e Exercise) MaxSets() int {
	switch {
	case e.SetsMax > 0:
		return e.SetsMax
	case e.Kind == Minutes:
		return 1
	}
	return DefaultSetsMax
}

// field is one climbing part of a dose.
type field int

const (
	fieldReps field = iota
	fieldHold
	fieldMinutes
)

func (f field) get(d Dose) int {
	switch f {
	case fieldReps:
		return d.Reps
	case fieldHold:
		return d.HoldS
	}
	return d.Minutes
}

func (f field) set(d *Dose, v int) {
	switch f {
	case fieldReps:
		d.Reps = v
	case fieldHold:
		d.HoldS = v
	default:
		d.Minutes = v
	}
}

// climbing returns the fields the ladder grows, in the order it grows them:
// a hold lengthens before repetitions are added (for stabilisation holds the
// goal keeps it near 10 s), and a field whose goal is its start does not
// climb (a fixed hold).
func (e Exercise) climbing() []field {
	var out []field
	switch e.Kind {
	case Reps:
		out = []field{fieldReps}
	case Hold:
		out = []field{fieldHold}
	case Minutes:
		out = []field{fieldMinutes}
	case RepsHold:
		if e.Goal.HoldS > e.Start.HoldS {
			out = append(out, fieldHold)
		}
		out = append(out, fieldReps)
	}
	return out
}

// stepAt is the size of one rung of f at value v.
func (e Exercise) stepAt(f field, v int) int {
	switch f {
	case fieldReps:
		return max(e.Step.Reps, 1)
	case fieldHold:
		return max(e.Step.HoldS, 1)
	}
	if e.Step.Minutes > 0 {
		return e.Step.Minutes
	}
	return max(1, (v*MinutesStepPercent+50)/100) // v × 10%, rounded half up
}

// above returns the first rung of f strictly above v. The rungs of repetitions
// and holds are the start plus whole steps, in both directions, so an
// off-ladder dose snaps to the rung above it; the rungs of minutes are the
// start plus 10% at a time, and below the start one step is added.
func (e Exercise) above(f field, v int) int {
	start := f.get(e.Start)
	if f != fieldMinutes || e.Step.Minutes > 0 {
		step := e.stepAt(f, v)
		k := floorDiv(v-start, step) + 1
		return start + k*step
	}
	if v < start {
		return min(v+e.stepAt(f, v), start)
	}
	r := start
	for r <= v {
		r += e.stepAt(f, r)
	}
	return r
}

// below returns the last rung of f strictly below v, for v above the start.
func (e Exercise) below(f field, v int) int {
	start := f.get(e.Start)
	if f != fieldMinutes || e.Step.Minutes > 0 {
		step := e.stepAt(f, v)
		k := ceilDiv(v-start, step) - 1
		return start + k*step
	}
	r := start
	for next := r + e.stepAt(f, r); next < v; next = r + e.stepAt(f, r) {
		r = next
	}
	return r
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }

// LadderDose keeps only the parts of d that the exercise is dosed in, with at
// least one set (and one hold, for hold exercises), so doses compare equal
// whenever they mean the same thing.
func (e Exercise) LadderDose(d Dose) Dose {
	out := Dose{Sets: max(d.Sets, 1)}
	switch e.Kind {
	case Reps:
		out.Reps = d.Reps
	case Hold:
		out.HoldS, out.Reps = d.HoldS, max(d.Reps, 1)
	case Minutes:
		out.Minutes = d.Minutes
	case RepsHold:
		out.Reps, out.HoldS = d.Reps, d.HoldS
	}
	return out
}

// Up returns the dose one rung above d and true, or d and false when d is at
// the top of the ladder (the goal in every climbing field and the most sets),
// where the next step is the harder variant if there is one. Exactly one
// field changes, by at most one step, and never past the goal: the first
// climbing field short of its goal goes to its next rung; with all at the
// goal, one more set.
func (e Exercise) Up(d Dose) (Dose, bool) {
	d = e.LadderDose(d)
	for _, f := range e.climbing() {
		if v, goal := f.get(d), f.get(e.Goal); v < goal {
			f.set(&d, min(e.above(f, v), goal))
			return d, true
		}
	}
	if d.Sets < e.MaxSets() {
		d.Sets++
		return d, true
	}
	return d, false
}

// AtTop reports whether d is at the top of the ladder.
func (e Exercise) AtTop(d Dose) bool {
	_, ok := e.Up(d)
	return !ok
}

// AtGoal reports whether every climbing field of d has reached the goal.
func (e Exercise) AtGoal(d Dose) bool {
	for _, f := range e.climbing() {
		if f.get(d) < f.get(e.Goal) {
			return false
		}
	}
	return true
}

// AboveGoal reports whether some climbing field of d is past the goal or d
// has more sets than the ladder climbs to: a dose backlog keeps, never cuts,
// unless pain says otherwise.
func (e Exercise) AboveGoal(d Dose) bool {
	d = e.LadderDose(d)
	for _, f := range e.climbing() {
		if f.get(d) > f.get(e.Goal) {
			return true
		}
	}
	return d.Sets > e.MaxSets()
}

// Down returns the dose one rung below d: the reverse of the last step up, so
// a set goes first, then the last climbing field above its start, one rung.
// No field increases and none goes below the start; a dose already at or
// below the start in every field comes back unchanged.
func (e Exercise) Down(d Dose) Dose {
	d = e.LadderDose(d)
	if d.Sets > 1 {
		d.Sets--
		return d
	}
	fields := e.climbing()
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		if v, start := f.get(d), f.get(e.Start); v > start {
			f.set(&d, max(e.below(f, v), start))
			return d
		}
	}
	return d
}

// Floor returns d brought back to the start: every dosed field at most its
// start, and one set. No field increases.
func (e Exercise) Floor(d Dose) Dose {
	d = e.LadderDose(d)
	start := e.LadderDose(e.Start)
	d.Sets = 1
	d.Reps = min(d.Reps, start.Reps)
	d.HoldS = min(d.HoldS, start.HoldS)
	d.Minutes = min(d.Minutes, start.Minutes)
	return d
}

// Rungs lists the ladder from the start to the top, one dose a rung.
func (e Exercise) Rungs() []Dose {
	d := e.LadderDose(e.Start)
	out := []Dose{d}
	for {
		next, ok := e.Up(d)
		if !ok || len(out) > 1000 {
			return out
		}
		out = append(out, next)
		d = next
	}
}
