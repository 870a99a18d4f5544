package journal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DoseKind says how an exercise is measured and therefore which part of its
// dose grows as it progresses.
type DoseKind string

// The dosing kinds. RepsHold covers exercises done as repetitions that each
// pause for a short hold, such as a glute bridge (10 reps × 6 s).
const (
	Reps     DoseKind = "reps"
	Hold     DoseKind = "hold"
	Minutes  DoseKind = "minutes"
	RepsHold DoseKind = "reps-hold"
)

// DoseKinds lists every kind, in the order help text shows them.
func DoseKinds() []DoseKind { return []DoseKind{Reps, Hold, Minutes, RepsHold} }

// Valid reports whether k is one of the known kinds.
func (k DoseKind) Valid() bool {
	switch k {
	case Reps, Hold, Minutes, RepsHold:
		return true
	}
	return false
}

// Limits on a single dose. They are generous: their purpose is to catch typing
// mistakes (--reps 1000), not to judge anyone's training.
const (
	MaxSets    = 20
	MaxReps    = 500
	MaxHoldS   = 60 * 60
	MaxMinutes = 24 * 60
)

// Dose is how much of an exercise was done or is suggested. Fields that do not
// apply to the exercise's kind are zero.
type Dose struct {
	Sets    int `json:"sets,omitempty"`
	Reps    int `json:"reps,omitempty"`
	HoldS   int `json:"hold_s,omitempty"`
	Minutes int `json:"minutes,omitempty"`
}

// IsZero reports whether no part of the dose is set.
func (d Dose) IsZero() bool { return d == Dose{} }

// Format writes the dose for people: "10 reps × 6 s hold", "2 sets of 30 s
// hold", "20 min".
func (d Dose) Format(kind DoseKind) string {
	var s string
	switch kind {
	case Reps:
		s = plural(d.Reps, "rep")
	case Hold:
		s = FormatSeconds(d.HoldS) + " hold"
		if d.Reps > 1 {
			s = fmt.Sprintf("%d × %s", d.Reps, s)
		}
	case Minutes:
		s = fmt.Sprintf("%d min", d.Minutes)
	case RepsHold:
		s = fmt.Sprintf("%s × %s hold", plural(d.Reps, "rep"), FormatSeconds(d.HoldS))
	default:
		s = d.String()
	}
	if d.Sets > 1 {
		s = fmt.Sprintf("%d sets of %s", d.Sets, s)
	}
	return s
}

// String writes every non-zero field; it is for logs and test failures.
func (d Dose) String() string {
	var parts []string
	for _, f := range []struct {
		n    int
		unit string
	}{{d.Sets, "sets"}, {d.Reps, "reps"}, {d.HoldS, "s"}, {d.Minutes, "min"}} {
		if f.n != 0 {
			parts = append(parts, fmt.Sprintf("%d %s", f.n, f.unit))
		}
	}
	if len(parts) == 0 {
		return "no dose"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// FormatSeconds writes a hold as "45 s" or "1 min 30 s".
func FormatSeconds(s int) string {
	if s < 60 || s%60 != 0 && s < 120 {
		return fmt.Sprintf("%d s", s)
	}
	if s%60 == 0 {
		return fmt.Sprintf("%d min", s/60)
	}
	return fmt.Sprintf("%d min %d s", s/60, s%60)
}

// ParseHold reads a hold time: "45", "45s", "1m30s". A bare number means
// seconds. The result is whole seconds, at least one.
func ParseHold(s string) (int, error) {
	const hint = "give the hold in seconds, such as 30, 30s or 1m30s"
	t := strings.TrimSpace(strings.ToLower(s))
	var secs float64
	if n, err := strconv.Atoi(t); err == nil {
		secs = float64(n)
	} else {
		d, err := time.ParseDuration(t)
		if err != nil {
			return 0, invalid("hold", hint, "hold %q is not a duration", s)
		}
		secs = d.Seconds()
	}
	if secs != float64(int(secs)) {
		return 0, invalid("hold", hint, "hold %q is not a whole number of seconds", s)
	}
	if secs < 1 || secs > MaxHoldS {
		return 0, invalid("hold", hint, "hold %q must be between 1 s and %d min", s, MaxHoldS/60)
	}
	return int(secs), nil
}

// ParseCount reads a whole number between lo and hi for the named field:
// reps, sets, minutes, a pain score.
func ParseCount(field, s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, invalid(field, "", "%s must be a whole number from %d to %d, not %q", field, lo, hi, s)
	}
	if n < lo || n > hi {
		return 0, invalid(field, "", "%s must be a whole number from %d to %d, not %d", field, lo, hi, n)
	}
	return n, nil
}

// ParseScore reads a pain score on the 0–10 numeric rating scale.
func ParseScore(field, s string) (int, error) {
	return ParseCount(field, s, 0, 10)
}

// PainBand names the band of the numeric rating scale a score falls in:
// 0 none, 1–3 mild, 4–6 moderate, 7–10 severe.
func PainBand(score int) string {
	switch {
	case score <= 0:
		return "no pain"
	case score <= 3:
		return "mild"
	case score <= 6:
		return "moderate"
	default:
		return "severe"
	}
}

// ParseDose reads a dose written for an exercise of the given kind: reps "10",
// hold "30s", minutes "20", reps with a hold "10x6s". A step of a reps-hold
// exercise may give reps alone ("1"), which keeps its hold fixed.
func ParseDose(kind DoseKind, s string, step bool) (Dose, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, " reps"), " min")
	switch kind {
	case Reps:
		n, err := ParseCount("reps", s, 1, MaxReps)
		return Dose{Reps: n}, err
	case Hold:
		h, err := ParseHold(s)
		return Dose{HoldS: h}, err
	case Minutes:
		n, err := ParseCount("minutes", strings.TrimSuffix(s, "m"), 1, MaxMinutes)
		return Dose{Minutes: n}, err
	case RepsHold:
		r, h, found := strings.Cut(strings.ReplaceAll(s, "×", "x"), "x")
		if !found && !step {
			return Dose{}, invalid("dose", "write reps and hold as 10x6s", "%q needs both reps and a hold", s)
		}
		n, err := ParseCount("reps", strings.TrimSpace(r), 1, MaxReps)
		if err != nil || !found {
			return Dose{Reps: n}, err
		}
		secs, err := ParseHold(strings.TrimSpace(h))
		return Dose{Reps: n, HoldS: secs}, err
	}
	return Dose{}, invalid("kind", "use reps, hold, minutes or reps-hold", "unknown dosing kind %q", kind)
}
