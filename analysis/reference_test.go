// This file is an independent reference for the property test of the progression engine: it
// restates SPEC §5's safety rules (never raise, ease, back after a break) over a small journal of
// one exercise, in exact integer arithmetic, without looking at the engine. It is written from
// SPEC §3, §5 and issue 9 only; where SPEC leaves room, the definitions chosen are listed here so
// the engine can be aligned with them or they can be argued.
//
// Days and windows
//
//   - A day is an integer day number; larger is later. "Today" is refJournal.Today. "k days ago" is
//     Today-k. A window "days a..b" includes both ends.
//   - Anything dated after today, sessions and pain scores alike, is ignored everywhere.
//   - Sessions are ordered by (Day, Seq): by the day they were done, and within a day by the order
//     they were recorded. Seq never moves a session to another day, so a backdated session (a large
//     Seq with an early Day) takes its place by Day. "The last session" is the latest in that order:
//     the one on the latest day, recorded last on that day.
//
// Means and the baseline
//
//   - A mean is over the scores present in its window; days without a score are skipped, not
//     counted as 0. A window with no scores has no mean, and a condition that needs it cannot fire.
//   - The 28-day baseline as of day d is the mean of the scores on days d-30..d-3: the 28 days just
//     before the 3-day window d-2..d. It includes every score there, flare days too. With no score
//     there it does not exist, and no baseline-based condition fires as of d.
//   - "≥ 2 points above": mean - baseline ≥ 2. "≥ 30% above": baseline > 0 and
//     mean ≥ 1.3 × baseline (with baseline 0, 30% is meaningless, so only the points rule applies).
//     "The last 7 days' mean is ≥ 1 point above the 7 days before": mean(today-6..today) -
//     mean(today-13..today-7) ≥ 1, only when both weeks have a score. All compared by cross-
//     multiplying integers (refMean), never in floating point.
//
// Today's conditions
//
//   - Severe: any score on days today-2..today is ≥ 7. For ease only, also "the latest score ≥ 7":
//     the score on the latest scored day ≤ today, however long ago that was.
//   - Pain during: any session on the day of the last session with pain during > 5 (not only the
//     last-recorded one). Pain during not given (-1) never fires.
//   - Next morning: for a session on day s with today-2 ≤ s and s+1 ≤ today (so s is 2 or 1 days
//     ago), the score on day s+1 is ≥ 2 points above today's baseline. The 30% rule is not applied
//     here because SPEC gives only "2 points".
//   - Break: the last session is 14 or more days before today. Back after a break, by the same
//     gap: 14–27 days one step, 28–89 two steps, 90 or more the start.
//   - Ease applies only when the last session is at most 27 days ago (a session in the 28 days
//     today-27..today).
//
// Flares and the cool-down
//
//   - Day d (≤ today) is a flare day when, judged as of d with d's own baseline, any of these
//     happened on d: a score ≥ 7 on d ("severe"); a session on d with pain during > 5; the 3-day
//     mean of d-2..d ≥ 2 points or ≥ 30% above the baseline as of d ("mean rise"); a session on d-1
//     and the score on d ≥ 2 points above the baseline as of d ("morning rise"). The triggers are the
//     day's own events: a 7 three days ago makes that day a flare day, and the days after it are
//     judged on their own score and their own 3-day mean (which still holds the 7, so with a low
//     baseline they are often flare days too). "Any score ≥ 7 in the last 3 days" and "the latest
//     score ≥ 7" are not carried forward as triggers of later days; the cool-down covers them.
//   - A day is calm when it has a score, is not a flare day, the baseline as of that day exists, and
//     the score is at most 1 point above that baseline. "Within 1 point" is read as "not more than 1
//     point above": a score well below the baseline is less pain, never a reason to keep cooling
//     down.
//   - The cool-down runs from a flare day until 3 consecutive calendar days are calm. A day without a
//     score is not calm, so it does not count toward the 3 and it breaks the run ("3 days in a row").
//     A new flare day starts the count again. Day d is in the cool-down when, as of the end of d, the
//     latest flare day on or before d is not yet followed by 3 calm days; so the flare day is in it
//     and the third calm day is not. No raise while today is in the cool-down. A flare with no
//     scores after it does not cool down within the window: flare memory is the 28-day window
//     (days today-27..today), the same window the suggestions cover, so a flare more than four
//     weeks ago no longer holds raises back, even with no scores since (a person who stopped
//     recording pain is still judged on consistency, as backlog says it does).
//
// What counts toward a raise
//
//   - A dose is the whole (Sets, Reps, HoldS, Minutes). A is lighter than B when every field of A is
//     ≤ B's and A ≠ B. Anything else that differs (heavier, or heavier in one field and lighter in
//     another) is simply a different dose.
//   - The current dose and its run are found by walking the sessions in (Day, Seq) order. The first
//     session starts a run at its dose. A session at the current dose joins the run. One session
//     lighter than the current dose is set aside: it neither counts nor ends the run. A second
//     lighter session straight after it makes its own dose the current one; the run restarts with
//     the two of them, counting each whose dose equals the new current dose. Any other dose starts
//     a new run at that dose.
//   - A gap of 14 or more days between consecutive session days is a break and starts a new run at
//     the first session back, whatever its dose: sessions before a break never count toward a raise,
//     so there is no raise on the first session back.
//   - A session in the run does not count when its day is in the cool-down (this covers the flare
//     day itself, so every session with pain during > 5), or when the next day (≤ today) is a flare
//     day by a morning rise, since that session provoked the flare.
//   - Enough: at least 3 counting sessions on at least 3 different days whose first and last days
//     are at least 7 days apart (e.g. days 0, 3 and 7; days 0, 3 and 6 are not enough). Not enough
//     is the "few-sessions" condition, which also fires with no sessions at all. SPEC's "pain
//     during ≤ 5 in them" is met because a session with pain during > 5 is on a flare day, and
//     "pain not rising" is the 3-day and week conditions above.
//
// refNeverRaise and refMustEase return every condition that holds, joined with "; ", each as
// "id: numbers"; the ids are stable (severe-3d, break, pain-during, next-morning, mean-3d-points,
// mean-3d-percent, week-rising, cool-down, few-sessions; ease-latest-severe, ease-severe-3d,
// ease-mean-3d-points, ease-mean-3d-percent, ease-pain-during, ease-next-morning). The generator
// takes a *rand.Rand from math/rand/v2.
package analysis_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// refSession is one time the exercise was done. Day is a day number (larger = later); Seq is the
// order in which sessions were recorded. PainDuring is -1 when not given.
type refSession struct {
	Day, Seq                   int
	Sets, Reps, HoldS, Minutes int
	PainDuring                 int
}

// refJournal is one exercise's sessions and the pain scores (day -> 0..10) as of day Today.
type refJournal struct {
	Today    int
	Sessions []refSession
	Pain     map[int]int
}

// The thresholds of SPEC §5, named as the rules name them.
const (
	refSevereScore       = 7  // a score ≥ 7 is severe
	refPainDuringMax     = 5  // pain during above 5 is a flare
	refRisePoints        = 2  // 3-day mean or next morning ≥ 2 points above the baseline
	refRisePercent       = 30 // 3-day mean ≥ 30% above the baseline
	refWeekRisePoints    = 1  // last 7 days ≥ 1 point above the 7 before
	refCalmPoints        = 1  // a calm day is within 1 point of the baseline
	refCalmDaysNeeded    = 3  // 3 calm days in a row end a cool-down
	refFlareMemoryDays   = 28 // a flare holds raises back for at most the 28-day window
	refBreakDays         = 14 // 14–27 days: one step back
	refLongBreakDays     = 28 // 28–89 days: two steps back
	refRestartDays       = 90 // 90 days or more: the start
	refEaseWindowDays    = 28 // ease applies to exercises with a session in the last 28 days
	refRaiseSessions     = 3  // at least 3 sessions
	refRaiseDistinctDays = 3  // on at least 3 different days
	refRaiseSpreadDays   = 7  // first and last at least 7 days apart
	refBaselineFirstAgo  = 30 // the baseline covers days today-30 ..
	refBaselineLastAgo   = 3  // .. today-3
	refWindowDays        = 3  // the 3-day window today-2..today
	refWeekDays          = 7
)

// refMean is the mean of some scores kept as the exact fraction sum/n; n == 0 means no scores.
type refMean struct{ sum, n int }

func (m refMean) ok() bool { return m.n > 0 }

// pointsAbove reports m - b ≥ k exactly: sum/n - bsum/bn ≥ k ⇔ sum·bn - bsum·n ≥ k·n·bn.
func (m refMean) pointsAbove(b refMean, k int) bool {
	return m.ok() && b.ok() && m.sum*b.n-b.sum*m.n >= k*m.n*b.n
}

// percentAbove reports b > 0 and m ≥ b·(100+p)/100 exactly: 100·sum·bn ≥ (100+p)·bsum·n.
func (m refMean) percentAbove(b refMean, p int) bool {
	return m.ok() && b.ok() && b.sum > 0 && 100*m.sum*b.n >= (100+p)*b.sum*m.n
}

// scoreAtMostAbove reports score ≤ b + k exactly: score·bn ≤ bsum + k·bn.
func scoreAtMostAbove(score int, b refMean, k int) bool {
	return b.ok() && score*b.n <= b.sum+k*b.n
}

// scoreAtLeastAbove reports score ≥ b + k exactly: score·bn - bsum ≥ k·bn.
func scoreAtLeastAbove(score int, b refMean, k int) bool {
	return b.ok() && score*b.n-b.sum >= k*b.n
}

// String prints the mean as a reduced fraction ("13/3") or an integer ("4").
func (m refMean) String() string {
	if !m.ok() {
		return "none"
	}
	g := refGCD(m.sum, m.n)
	if g == 0 {
		g = 1
	}
	if m.n/g == 1 {
		return fmt.Sprint(m.sum / g)
	}
	return fmt.Sprintf("%d/%d", m.sum/g, m.n/g)
}

func refGCD(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

// refDose is a whole dose; two sessions are at the same dose when every field is equal.
type refDose struct{ Sets, Reps, HoldS, Minutes int }

func refDoseOf(s refSession) refDose { return refDose{s.Sets, s.Reps, s.HoldS, s.Minutes} }

// lighter reports that a is below b in at least one field and above it in none.
func (a refDose) lighter(b refDose) bool {
	return a != b && a.Sets <= b.Sets && a.Reps <= b.Reps && a.HoldS <= b.HoldS && a.Minutes <= b.Minutes
}

func (a refDose) String() string {
	return fmt.Sprintf("%d×%d reps %ds %dmin", a.Sets, a.Reps, a.HoldS, a.Minutes)
}

// refTriggers are the flare events of one day (see the file comment).
type refTriggers struct{ severe, painDuring, meanRise, morningRise bool }

func (t refTriggers) any() bool { return t.severe || t.painDuring || t.meanRise || t.morningRise }

// refView is a journal prepared for the rules: future entries dropped, sessions in order, and the
// flare days and cool-down worked out day by day up to today.
type refView struct {
	today    int
	sessions []refSession // dated on or before today, in (Day, Seq) order
	byDay    map[int][]refSession
	pain     map[int]int // scores dated on or before today
	flare    map[int]refTriggers
	coolDown map[int]bool
}

func newRefView(j refJournal) *refView {
	v := &refView{
		today:    j.Today,
		byDay:    map[int][]refSession{},
		pain:     map[int]int{},
		flare:    map[int]refTriggers{},
		coolDown: map[int]bool{},
	}
	start := j.Today
	for _, s := range j.Sessions {
		if s.Day > j.Today {
			continue
		}
		v.sessions = append(v.sessions, s)
		v.byDay[s.Day] = append(v.byDay[s.Day], s)
		start = min(start, s.Day)
	}
	slices.SortStableFunc(v.sessions, func(a, b refSession) int {
		if a.Day != b.Day {
			return a.Day - b.Day
		}
		return a.Seq - b.Seq
	})
	for d, score := range j.Pain {
		if d > j.Today {
			continue
		}
		v.pain[d] = score
		start = min(start, d)
	}
	cooling, calmRun := false, 0
	for d := start; d <= j.Today; d++ {
		t := v.triggersOn(d)
		if t.any() && d > j.Today-refFlareMemoryDays {
			v.flare[d] = t
			cooling, calmRun = true, 0
		} else if cooling {
			if v.calm(d) {
				calmRun++
				if calmRun == refCalmDaysNeeded {
					cooling = false
				}
			} else {
				calmRun = 0
			}
		}
		v.coolDown[d] = cooling
	}
	return v
}

// mean is the mean of the scores on days from..to.
func (v *refView) mean(from, to int) refMean {
	var m refMean
	for d := from; d <= to; d++ {
		if score, ok := v.pain[d]; ok {
			m.sum += score
			m.n++
		}
	}
	return m
}

// baseline is the 28-day baseline as of day d: the scores on days d-30..d-3.
func (v *refView) baseline(d int) refMean {
	return v.mean(d-refBaselineFirstAgo, d-refBaselineLastAgo)
}

// window is the 3-day mean as of day d: the scores on days d-2..d.
func (v *refView) window(d int) refMean { return v.mean(d-refWindowDays+1, d) }

// meanRise reports the 3-day mean as of d at least 2 points or 30% above the baseline as of d.
func (v *refView) meanRise(d int) (points, percent bool) {
	m, b := v.window(d), v.baseline(d)
	return m.pointsAbove(b, refRisePoints), m.percentAbove(b, refRisePercent)
}

func (v *refView) triggersOn(d int) refTriggers {
	var t refTriggers
	score, scored := v.pain[d]
	t.severe = scored && score >= refSevereScore
	for _, s := range v.byDay[d] {
		if s.PainDuring > refPainDuringMax {
			t.painDuring = true
		}
	}
	points, percent := v.meanRise(d)
	t.meanRise = points || percent
	t.morningRise = scored && len(v.byDay[d-1]) > 0 && scoreAtLeastAbove(score, v.baseline(d), refRisePoints)
	return t
}

func (v *refView) calm(d int) bool {
	score, ok := v.pain[d]
	return ok && scoreAtMostAbove(score, v.baseline(d), refCalmPoints)
}

// last is the last session on or before today.
func (v *refView) last() (refSession, bool) {
	if len(v.sessions) == 0 {
		return refSession{}, false
	}
	return v.sessions[len(v.sessions)-1], true
}

// refFinding is one rule that fired, with a stable id and the numbers that decided it.
type refFinding struct{ id, reason string }

func refJoin(fs []refFinding) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.id + ": " + f.reason
	}
	return strings.Join(parts, "; ")
}

func refIDs(fs []refFinding) []string {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.id
	}
	return ids
}

// severeInWindow finds a score ≥ 7 on days today-2..today.
func (v *refView) severeInWindow() (int, int, bool) {
	for d := v.today; d > v.today-refWindowDays; d-- {
		if score, ok := v.pain[d]; ok && score >= refSevereScore {
			return d, score, true
		}
	}
	return 0, 0, false
}

// painDuringOnLastDay finds pain during > 5 in a session on the day of the last session.
func (v *refView) painDuringOnLastDay() (refSession, bool) {
	last, ok := v.last()
	if !ok {
		return refSession{}, false
	}
	for _, s := range v.byDay[last.Day] {
		if s.PainDuring > refPainDuringMax {
			return s, true
		}
	}
	return refSession{}, false
}

// nextMorningRise finds a session 2 or 1 days ago whose next day's score is ≥ 2 over today's
// baseline.
func (v *refView) nextMorningRise() (int, int, bool) {
	b := v.baseline(v.today)
	for d := v.today - refWindowDays + 1; d+1 <= v.today; d++ {
		score, ok := v.pain[d+1]
		if ok && len(v.byDay[d]) > 0 && scoreAtLeastAbove(score, b, refRisePoints) {
			return d, score, true
		}
	}
	return 0, 0, false
}

// currentRun is the current dose and the sessions of its run (see the file comment), before the
// flare filter.
func (v *refView) currentRun() (refDose, []refSession) {
	var (
		cur     refDose
		run     []refSession
		pending *refSession
	)
	for i, s := range v.sessions {
		x := refDoseOf(s)
		switch {
		case i == 0 || s.Day-v.sessions[i-1].Day >= refBreakDays:
			cur, run, pending = x, []refSession{s}, nil
		case x == cur:
			run, pending = append(run, s), nil
		case x.lighter(cur) && pending == nil:
			pending = &v.sessions[i]
		case x.lighter(cur):
			cur, run = x, nil
			if refDoseOf(*pending) == x {
				run = append(run, *pending)
			}
			run, pending = append(run, s), nil
		default:
			cur, run, pending = x, []refSession{s}, nil
		}
	}
	return cur, run
}

// counting is the sessions of the current run that count toward a raise.
func (v *refView) counting() (refDose, []refSession) {
	cur, run := v.currentRun()
	var out []refSession
	for _, s := range run {
		if v.coolDown[s.Day] || (s.Day+1 <= v.today && v.flare[s.Day+1].morningRise) {
			continue
		}
		out = append(out, s)
	}
	return cur, out
}

// neverRaise lists every never-raise condition of SPEC §5 that holds today.
func (v *refView) neverRaise() []refFinding {
	var fs []refFinding
	add := func(id, format string, args ...any) {
		fs = append(fs, refFinding{id, fmt.Sprintf(format, args...)})
	}
	if d, score, ok := v.severeInWindow(); ok {
		add("severe-3d", "score %d/10 on day %d, %d days ago", score, d, v.today-d)
	}
	last, ok := v.last()
	if ok && v.today-last.Day >= refBreakDays {
		add("break", "last session %d days ago", v.today-last.Day)
	}
	if s, ok := v.painDuringOnLastDay(); ok {
		add("pain-during", "pain during %d/10 on day %d, the day of the last session", s.PainDuring, s.Day)
	}
	b := v.baseline(v.today)
	if d, score, ok := v.nextMorningRise(); ok {
		add("next-morning", "score %d/10 on day %d, the morning after a session, baseline %v", score, d+1, b)
	}
	m := v.window(v.today)
	if m.pointsAbove(b, refRisePoints) {
		add("mean-3d-points", "3-day mean %v is ≥ %d points above the baseline %v", m, refRisePoints, b)
	}
	if m.percentAbove(b, refRisePercent) {
		add("mean-3d-percent", "3-day mean %v is ≥ %d%% above the baseline %v", m, refRisePercent, b)
	}
	week := v.mean(v.today-refWeekDays+1, v.today)
	before := v.mean(v.today-2*refWeekDays+1, v.today-refWeekDays)
	if week.pointsAbove(before, refWeekRisePoints) {
		add("week-rising", "last 7 days' mean %v is ≥ %d point above the 7 days before, %v", week, refWeekRisePoints, before)
	}
	if v.coolDown[v.today] {
		f := v.today
		for !v.flare[f].any() {
			f--
		}
		add("cool-down", "cooling down after the flare of day %d (%d days ago) %+v", f, v.today-f, v.flare[f])
	}
	cur, counted := v.counting()
	days := map[int]bool{}
	first, lastDay := 0, 0
	for i, s := range counted {
		days[s.Day] = true
		if i == 0 {
			first = s.Day
		}
		lastDay = s.Day
	}
	if !(len(counted) >= refRaiseSessions && len(days) >= refRaiseDistinctDays && lastDay-first >= refRaiseSpreadDays) {
		add("few-sessions", "%d sessions on %d days over %d days at %v count toward a raise", len(counted), len(days), lastDay-first, cur)
	}
	return fs
}

// mustEase lists every ease trigger of SPEC §5 that holds today; none unless the last session is
// in the last 28 days.
func (v *refView) mustEase() []refFinding {
	last, ok := v.last()
	if !ok || v.today-last.Day >= refEaseWindowDays {
		return nil
	}
	var fs []refFinding
	add := func(id, format string, args ...any) {
		fs = append(fs, refFinding{id, fmt.Sprintf(format, args...)})
	}
	latest, found := v.today, false
	for d := range v.pain {
		if !found || d > latest {
			latest, found = d, true
		}
	}
	if found && v.pain[latest] >= refSevereScore {
		add("ease-latest-severe", "latest score %d/10 on day %d", v.pain[latest], latest)
	}
	if d, score, ok := v.severeInWindow(); ok {
		add("ease-severe-3d", "score %d/10 on day %d", score, d)
	}
	m, b := v.window(v.today), v.baseline(v.today)
	if m.pointsAbove(b, refRisePoints) {
		add("ease-mean-3d-points", "3-day mean %v, baseline %v", m, b)
	}
	if m.percentAbove(b, refRisePercent) {
		add("ease-mean-3d-percent", "3-day mean %v, baseline %v", m, b)
	}
	if s, ok := v.painDuringOnLastDay(); ok {
		add("ease-pain-during", "pain during %d/10 on day %d", s.PainDuring, s.Day)
	}
	if d, score, ok := v.nextMorningRise(); ok {
		add("ease-next-morning", "score %d/10 on day %d, baseline %v", score, d+1, b)
	}
	return fs
}

// refNeverRaise reports whether SPEC §5 forbids a raise for this exercise today, with the reasons.
func refNeverRaise(j refJournal) (bool, string) {
	fs := newRefView(j).neverRaise()
	return len(fs) > 0, refJoin(fs)
}

// refMustEase reports whether SPEC §5's ease triggers hold today, with the reasons.
func refMustEase(j refJournal) (bool, string) {
	fs := newRefView(j).mustEase()
	return len(fs) > 0, refJoin(fs)
}

// refBreakSteps is how many steps below the last dose SPEC §5's "back after a break" asks for:
// 1 for a last session 14–27 days ago, 2 for 28–89, -1 ("the start") for 90 or more, else 0.
func refBreakSteps(j refJournal) int {
	last, ok := newRefView(j).last()
	if !ok {
		return 0
	}
	switch gap := j.Today - last.Day; {
	case gap >= refRestartDays:
		return -1
	case gap >= refLongBreakDays:
		return 2
	case gap >= refBreakDays:
		return 1
	}
	return 0
}

// --- the generator ---

// refKinds are the dose shapes genRefJournal fills.
func refKinds() []string { return []string{"reps", "hold", "minutes", "reps-hold"} }

func refPick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// genRefJournal makes one adversarial journal of an exercise dosed as kind ("reps", "hold",
// "minutes" or "reps-hold"): 0–60 sessions over up to 120 days, same-day duplicates, breaks of
// 13, 14, 27, 28, 89 and 90 days (some running up to today), backdated sessions, lighter, heavier
// and off-ladder doses, pain during at and around 5, and pain scores that are missing, absent,
// flaring in several shapes, or set exactly on the thresholds of SPEC §5.
//
// One journal in five is a steady climb that would earn a raise, with at most one disturbance,
// so that journals sit just either side of each rule.
func genRefJournal(r *rand.Rand, kind string) refJournal {
	j := refJournal{Today: 1000 + r.IntN(1000), Pain: map[int]int{}}
	if r.IntN(5) == 0 {
		genRefSteady(r, kind, &j)
		return j
	}
	j.Sessions = genRefSessions(r, kind, j.Today)
	genRefPain(r, &j)
	return j
}

// genRefSteady makes 3–20 sessions at one dose every 1–3 days up to today or nearly, calm pain
// during, pain scores flat (or none), then at most one disturbance.
func genRefSteady(r *rand.Rand, kind string, j *refJournal) {
	today := j.Today
	dose := genRefDose(r, kind)
	n := 3 + r.IntN(18)
	day := today - r.IntN(3)
	for i := range n {
		j.Sessions = append(j.Sessions, refSession{Day: day, Seq: n - i, Sets: dose.Sets, Reps: dose.Reps,
			HoldS: dose.HoldS, Minutes: dose.Minutes, PainDuring: genRefPainDuring(r, 1)})
		day -= refPick(r, 0, 1, 2, 3)
	}
	if r.IntN(10) < 7 {
		level := 2 + r.IntN(5)
		for d := today - 45; d <= today; d++ {
			if r.IntN(20) != 0 {
				j.Pain[d] = level
			}
		}
	}
	last := &j.Sessions[0]
	switch r.IntN(16) {
	case 0:
		j.Pain[today-r.IntN(3)] = 7 + r.IntN(4)
	case 1:
		j.Pain[today-3-r.IntN(6)] = 7 + r.IntN(4)
	case 2:
		genRefMorningSpike(r, j)
	case 3:
		genRefExactPoints(r, j)
	case 4:
		genRefExactPercent(r, j)
	case 5:
		genRefExactWeek(r, j)
	case 6:
		last.PainDuring = refPick(r, 5, 6, 8)
	case 7:
		d := refLighter(r, kind, dose) // one lighter session last
		last.Sets, last.Reps, last.HoldS, last.Minutes = d.Sets, d.Reps, d.HoldS, d.Minutes
	case 8:
		gap := refPick(r, 13, 14, 27, 28, 89, 90)
		for i := range j.Sessions {
			j.Sessions[i].Day -= gap
		}
	case 9:
		j.Sessions[len(j.Sessions)-1].Seq = n + 1 // the first session recorded last
	}
}

func genRefSessions(r *rand.Rand, kind string, today int) []refSession {
	var n int
	switch x := r.IntN(20); {
	case x == 0:
		return nil
	case x < 6:
		n = 1 + r.IntN(5)
	default:
		n = 3 + r.IntN(58)
	}
	days := []int{today - refPick(r, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 6, 7, 13, 14, 14, 20, 27, 28, 28, 45, 89, 90, 90, 110)}
	for len(days) < n {
		var step int
		switch x := r.IntN(100); {
		case x < 15:
			step = 0 // a same-day duplicate
		case x < 75:
			step = 1 + r.IntN(3)
		case x < 92:
			step = 4 + r.IntN(4)
		default:
			step = refPick(r, 13, 14, 14, 27, 28, 89, 90)
		}
		d := days[len(days)-1] - step
		if d < today-120 {
			break
		}
		days = append(days, d)
	}
	slices.Reverse(days)

	painMode := r.IntN(4)
	same := refPick(r, 68, 90, 97) // how often (in %) a session repeats the current dose
	cur := genRefDose(r, kind)
	out := make([]refSession, len(days))
	for i, d := range days {
		dose := cur
		switch x := r.IntN(100); {
		case x < same:
		case x < same+(100-same)*10/32:
			cur = refStepUp(r, kind, cur)
			dose = cur
		case x < same+(100-same)*18/32:
			dose = refLighter(r, kind, cur) // a one-off lighter session
		case x < same+(100-same)*23/32:
			cur = refLighter(r, kind, cur) // lighter from now on
			dose = cur
		case x < same+(100-same)*28/32:
			cur = genRefDose(r, kind) // off the ladder
			dose = cur
		default:
			dose = genRefDose(r, kind) // a one-off other dose
		}
		out[i] = refSession{Day: d, Sets: dose.Sets, Reps: dose.Reps, HoldS: dose.HoldS, Minutes: dose.Minutes,
			PainDuring: genRefPainDuring(r, painMode)}
	}
	if r.IntN(8) == 0 { // a painful last day, on any of its sessions
		i := len(out) - 1
		for i > 0 && out[i-1].Day == out[len(out)-1].Day && r.IntN(2) == 0 {
			i--
		}
		out[i].PainDuring = refPick(r, 6, 6, 7, 9)
	}

	// Recording order: by day, except some sessions recorded late (backdated).
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	r.Shuffle(len(order), func(a, b int) { // same-day sessions in any order
		if out[order[a]].Day == out[order[b]].Day {
			order[a], order[b] = order[b], order[a]
		}
	})
	if r.IntN(3) == 0 {
		for range 1 + r.IntN(3) {
			k := r.IntN(len(order))
			moved := order[k]
			order = append(append(order[:k:k], order[k+1:]...), moved)
		}
	}
	for seq, i := range order {
		out[i].Seq = seq + 1
	}
	if r.IntN(12) == 0 { // sessions dated after today, to be ignored
		for range 1 + r.IntN(2) {
			dose := genRefDose(r, kind)
			out = append(out, refSession{Day: today + 1 + r.IntN(7), Seq: len(out) + 1, Sets: dose.Sets,
				Reps: dose.Reps, HoldS: dose.HoldS, Minutes: dose.Minutes, PainDuring: refPick(r, -1, 2, 8)})
		}
	}
	r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

func genRefPainDuring(r *rand.Rand, mode int) int {
	switch mode {
	case 0:
		return -1
	case 1:
		return refPick(r, -1, -1, 0, 1, 2, 3, 4, 5, 5)
	case 2:
		if r.IntN(20) == 0 {
			return 6 + r.IntN(5)
		}
		return refPick(r, -1, -1, 0, 2, 3, 5)
	default:
		if r.IntN(5) == 0 {
			return refPick(r, 6, 6, 7, 8, 10)
		}
		return refPick(r, -1, 1, 3, 4, 5)
	}
}

// genRefDose is a plausible dose for kind, often off any ladder; only kind's fields are set.
func genRefDose(r *rand.Rand, kind string) refDose {
	d := refDose{Sets: refPick(r, 1, 1, 1, 1, 2, 2, 3, 4)}
	if kind == "reps" || kind == "reps-hold" {
		d.Reps = 1 + r.IntN(30)
	}
	if kind == "hold" {
		d.HoldS = refPick(r, 0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 7, 13, 1+r.IntN(120))
	}
	if kind == "reps-hold" {
		d.HoldS = refPick(r, 0, 3, 5, 6, 8, 10, 15, 20, 30, 1+r.IntN(60))
	}
	if kind == "minutes" {
		d.Minutes = refPick(r, 0, 5, 10, 15, 20, 30, 45, 60, 1+r.IntN(60))
	}
	return d
}

// refStepUp raises one field of d by one plausible step, within the generator's ranges.
func refStepUp(r *rand.Rand, kind string, d refDose) refDose {
	switch x := r.IntN(4); {
	case x == 0 && d.Sets < 4:
		d.Sets++
	case kind == "minutes":
		d.Minutes = min(60, d.Minutes+5)
	case kind == "hold" || (kind == "reps-hold" && x == 1):
		d.HoldS = min(120, d.HoldS+5)
	default:
		d.Reps = min(30, d.Reps+refPick(r, 1, 2))
	}
	return d
}

// refLighter lowers one or two of d's fields, keeping Sets ≥ 1 and Reps ≥ 1 where reps are dosed.
func refLighter(r *rand.Rand, kind string, d refDose) refDose {
	for range 1 + r.IntN(2) {
		switch x := r.IntN(3); {
		case x == 0 && d.Sets > 1:
			d.Sets--
		case kind == "minutes":
			d.Minutes = max(0, d.Minutes-refPick(r, 1, 5, 10))
		case kind == "hold" || (kind == "reps-hold" && x == 1):
			d.HoldS = max(0, d.HoldS-refPick(r, 1, 5))
		default:
			d.Reps = max(1, d.Reps-refPick(r, 1, 2, 5))
		}
	}
	return d
}

func refClamp(score int) int { return max(0, min(10, score)) }

// refDistribute splits total into k scores of 0..10 (total must be in 0..10k), varying the split.
func refDistribute(r *rand.Rand, total, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = total / k
		if i < total%k {
			out[i]++
		}
	}
	for range r.IntN(2 * k) {
		a, b := r.IntN(k), r.IntN(k)
		if a != b && out[a] > 0 && out[b] < 10 {
			out[a]--
			out[b]++
		}
	}
	return out
}

// refDaysIn picks k different days in from..to in increasing order.
func refDaysIn(r *rand.Rand, from, to, k int) []int {
	all := make([]int, 0, to-from+1)
	for d := from; d <= to; d++ {
		all = append(all, d)
	}
	r.Shuffle(len(all), func(a, b int) { all[a], all[b] = all[b], all[a] })
	days := all[:k]
	slices.Sort(days)
	return days
}

// refClear removes the scores on days from..to.
func refClear(pain map[int]int, from, to int) {
	for d := from; d <= to; d++ {
		delete(pain, d)
	}
}

// refSetDays sets the scores on days to total, split over them.
func refSetDays(r *rand.Rand, pain map[int]int, days []int, total int) {
	for i, score := range refDistribute(r, total, len(days)) {
		pain[days[i]] = score
	}
}

func genRefPain(r *rand.Rand, j *refJournal) {
	today := j.Today
	if r.IntN(20) == 0 { // future scores only, to be ignored
		j.Pain[today+1+r.IntN(3)] = 7 + r.IntN(4)
	}
	if r.IntN(10) == 0 {
		return // no scores at all
	}
	level := r.IntN(7)
	missing := refPick(r, 0, 0, 0, 10, 30, 60, 85)
	first := today - refPick(r, 0, 1, 2, 5, 10, 20, 30, 31, 45, 60, 90, 120, 120)
	for d := first; d <= today; d++ {
		if r.IntN(100) >= missing {
			j.Pain[d] = refClamp(level + refPick(r, 0, 0, 0, 0, 0, 0, 0, 1, 1, -1, -1))
		}
	}
	if r.IntN(4) == 0 { // one or two severe days, sometimes with calm days after
		for range 1 + r.IntN(2) {
			f := today - refPick(r, 0, 1, 2, 3, 4, 5, 6, r.IntN(60))
			j.Pain[f] = 7 + r.IntN(4)
			if r.IntN(2) == 0 {
				for d := f + 1; d <= f+3 && d <= today; d++ {
					j.Pain[d] = level
				}
			}
		}
	}
	if r.IntN(10) == 0 { // a slow rise up to today
		k := 3 + r.IntN(8)
		for i := range k + 1 {
			j.Pain[today-k+i] = refClamp(level + (i+1)/2)
		}
	}
	switch r.IntN(10) {
	case 0, 1:
		genRefMorningSpike(r, j)
	case 2:
		genRefExactPoints(r, j)
	case 3:
		genRefExactPercent(r, j)
	case 4:
		genRefExactWeek(r, j)
	}
	if r.IntN(20) == 0 {
		j.Pain[today+1] = refPick(r, 0, 9)
	}
}

// genRefMorningSpike sets the morning after a recent session to today's baseline + 2, rounded up
// (exactly + 2 when the baseline is whole), or one point less.
func genRefMorningSpike(r *rand.Rand, j *refJournal) {
	var candidates []int
	for _, s := range j.Sessions {
		if s.Day < j.Today && s.Day >= j.Today-6 {
			candidates = append(candidates, s.Day)
			if s.Day >= j.Today-2 {
				candidates = append(candidates, s.Day, s.Day) // prefer the last 3 days
			}
		}
	}
	if len(candidates) == 0 {
		return
	}
	d := refPick(r, candidates...) + 1
	v := newRefView(*j)
	b := v.baseline(j.Today)
	if !b.ok() {
		j.Pain[j.Today-refBaselineLastAgo-r.IntN(28)] = r.IntN(7) // give it a baseline
		b = newRefView(*j).baseline(j.Today)
	}
	score := (b.sum + 2*b.n + b.n - 1) / b.n // ⌈b + 2⌉
	if r.IntN(3) == 0 {
		score--
	}
	if score <= 10 {
		j.Pain[d] = score
	}
}

// genRefExactPoints makes the 3-day mean exactly 2 points above the baseline.
func genRefExactPoints(r *rand.Rand, j *refJournal) {
	today := j.Today
	lo, hi := today-refBaselineFirstAgo, today-refBaselineLastAgo
	for range 60 {
		b := newRefView(*j).baseline(today)
		if !b.ok() {
			j.Pain[lo+r.IntN(hi-lo+1)] = r.IntN(9)
			continue
		}
		for _, n3 := range []int{1 + r.IntN(3), 3, 2, 1} {
			total := n3 * (b.sum + 2*b.n)
			if total%b.n == 0 && total/b.n <= 10*n3 {
				refClear(j.Pain, today-2, today)
				refSetDays(r, j.Pain, refDaysIn(r, today-2, today, n3), total/b.n)
				return
			}
		}
		// Drop a baseline score and try again; with one score left any baseline ≤ 8 works.
		var in []int
		for d := lo; d <= hi; d++ {
			if _, ok := j.Pain[d]; ok {
				in = append(in, d)
			}
		}
		if len(in) > 1 {
			delete(j.Pain, refPick(r, in...))
		} else {
			j.Pain[in[0]] = r.IntN(9)
		}
	}
}

// genRefExactPercent makes the 3-day mean exactly 30% above the baseline (13/10 of it): the
// 3-day window sums to 13 over 2 or 3 days, or 26 over 3, and the baseline to 5, 10/3 or 20/3.
func genRefExactPercent(r *rand.Rand, j *refJournal) {
	today := j.Today
	lo, hi := today-refBaselineFirstAgo, today-refBaselineLastAgo
	var n3, sum3, n, sum int
	switch r.IntN(3) {
	case 0:
		n3, sum3, n = 2, 13, 1+r.IntN(28)
		sum = 5 * n
	case 1:
		n3, sum3, n = 3, 13, 3*(1+r.IntN(9))
		sum = 10 * n / 3
	default:
		n3, sum3, n = 3, 26, 3*(1+r.IntN(9))
		sum = 20 * n / 3
	}
	refClear(j.Pain, lo, today)
	refSetDays(r, j.Pain, refDaysIn(r, lo, hi, n), sum)
	refSetDays(r, j.Pain, refDaysIn(r, today-2, today, n3), sum3)
}

// genRefExactWeek makes the last 7 days' mean exactly 1 point above the 7 days before.
func genRefExactWeek(r *rand.Rand, j *refJournal) {
	today := j.Today
	level := r.IntN(8)
	for range 50 {
		k0 := 1 + r.IntN(7)
		p := 0
		for range k0 {
			p += refClamp(level + refPick(r, 0, 0, 1, -1, 2))
		}
		for _, k1 := range []int{1 + r.IntN(7), 7, 6, 5, 4, 3, 2, 1} {
			if q := k1 * (p + k0); q%k0 == 0 && q/k0 <= 10*k1 {
				refClear(j.Pain, today-13, today)
				refSetDays(r, j.Pain, refDaysIn(r, today-13, today-7, k0), p)
				refSetDays(r, j.Pain, refDaysIn(r, today-6, today, k1), q/k0)
				return
			}
		}
	}
}

// --- tests of the reference itself ---

// The table tests put today on day 100 and give days as "days ago".
const refToday = 100

func refAgo(daysAgo int) int { return refToday - daysAgo }

// refReps is a session of 1×reps, daysAgo days ago, recorded in that order.
func refReps(daysAgo, reps, painDuring int) refSession {
	return refSession{Day: refAgo(daysAgo), Seq: 1000 - daysAgo, Sets: 1, Reps: reps, PainDuring: painDuring}
}

// refBaseSessions is a week and a half at 1×10: days 16, 13, 10, 7, 4 and 1 ago.
func refBaseSessions() []refSession {
	var out []refSession
	for _, ago := range []int{16, 13, 10, 7, 4, 1} {
		out = append(out, refReps(ago, 10, -1))
	}
	return out
}

// refFlat is a score on every day from daysAgo from down to to.
func refFlat(score, from, to int) map[int]int {
	pain := map[int]int{}
	for ago := from; ago >= to; ago-- {
		pain[refAgo(ago)] = score
	}
	return pain
}

// refWith copies pain and sets the given days-ago scores (pairs of daysAgo, score; score -1
// deletes the day).
func refWith(pain map[int]int, pairs ...int) map[int]int {
	out := map[int]int{}
	for d, s := range pain {
		out[d] = s
	}
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i+1] < 0 {
			delete(out, refAgo(pairs[i]))
		} else {
			out[refAgo(pairs[i])] = pairs[i+1]
		}
	}
	return out
}

// refScores is a pain map from pairs of daysAgo, score.
func refScores(pairs ...int) map[int]int { return refWith(nil, pairs...) }

func refWithSessions(base []refSession, extra ...refSession) []refSession {
	return append(slices.Clone(base), extra...)
}

// refSessionsAt is 1×reps sessions on the given days ago.
func refSessionsAt(reps int, agos ...int) []refSession {
	var out []refSession
	for _, ago := range agos {
		out = append(out, refReps(ago, reps, -1))
	}
	return out
}

func TestReferenceRules(t *testing.T) {
	calm := refFlat(4, 40, 0) // 4/10 every day: baseline 4, nothing rising
	for _, tc := range []struct {
		name     string
		sessions []refSession
		pain     map[int]int
		never    []string // ids of refView.neverRaise, in order
		ease     []string // ids of refView.mustEase, in order
		steps    int
	}{
		{name: "steady week and a half at one dose", sessions: refBaseSessions(), pain: calm},
		{name: "no scores at all", sessions: refBaseSessions(), pain: nil},
		{
			// The 7 is a flare day with 2 calm days after it; 3-day mean 5 vs 4 is +1 and 25%.
			name: "a 7 two days ago", sessions: refBaseSessions(), pain: refWith(calm, 2, 7),
			never: []string{"severe-3d", "cool-down"}, ease: []string{"ease-severe-3d"},
		},
		{
			// Flare days: 6 ago (the 8; also a morning rise after the session 7 days ago), 5 and 4
			// ago (3-day means 16/3 ≥ 30% over 4). Days 3, 2 and 1 ago are calm, so the cool-down
			// ended yesterday. Sessions 7 and 4 days ago do not count; 16, 13, 10 and 1 ago do.
			name: "an 8 six days ago, then 3 calm days", sessions: refBaseSessions(), pain: refWith(calm, 6, 8),
		},
		{
			// As above, but day 2 ago has no score: the calm run is days 1 and 0 ago only. The
			// session 1 day ago falls in the cool-down, leaving days 16, 13 and 10 ago: 6 days apart.
			name: "an 8 six days ago, a missing day breaks the calm run", sessions: refBaseSessions(),
			pain: refWith(calm, 6, 8, 2, -1), never: []string{"cool-down", "few-sessions"},
		},
		{
			name: "a 9 twenty days ago and no score since", sessions: refBaseSessions(),
			pain:  refScores(20, 9),
			never: []string{"cool-down", "few-sessions"}, ease: []string{"ease-latest-severe"},
		},
		{
			name: "pain during 6 in the last session", sessions: refWithSessions(refBaseSessions()[:5], refReps(1, 10, 6)),
			pain: calm, never: []string{"pain-during", "cool-down"}, ease: []string{"ease-pain-during"},
		},
		{
			name: "pain during 5 is not above 5", sessions: refWithSessions(refBaseSessions()[:5], refReps(1, 10, 5)),
			pain: calm,
		},
		{
			// Two sessions on the last day; the painful one was recorded first.
			name: "pain during 7 in an earlier session of the last day",
			sessions: refWithSessions(refBaseSessions(),
				refSession{Day: refAgo(1), Seq: 1, Sets: 1, Reps: 10, PainDuring: 7}),
			pain: calm, never: []string{"pain-during", "cool-down"}, ease: []string{"ease-pain-during"},
		},
		{
			// Recorded last but dated 3 days ago: not the last session. Its flare day is followed by
			// 3 calm days, so it no longer blocks anything.
			name: "backdated painful session is not the last session",
			sessions: refWithSessions(refBaseSessions(),
				refSession{Day: refAgo(3), Seq: 5000, Sets: 1, Reps: 10, PainDuring: 8}),
			pain: calm,
		},
		{
			// Session yesterday, today 6 = baseline 4 + 2 exactly. 3-day mean 14/3: +2/3, +16.7%.
			name: "next morning exactly 2 over the baseline", sessions: refBaseSessions(),
			pain: refWith(calm, 0, 6), never: []string{"next-morning", "cool-down"}, ease: []string{"ease-next-morning"},
		},
		{
			name: "next morning 1 over the baseline", sessions: refBaseSessions(), pain: refWith(calm, 0, 5),
		},
		{
			// The session 4 days ago is outside the last 3 days; its morning-after flare (day 3 ago)
			// has 3 calm days after it. The provoking session does not count; the rest still span 15 days.
			name: "next-morning rise after an older session", sessions: refBaseSessions(), pain: refWith(calm, 3, 6),
		},
		{
			// Baseline {3,3,4} = 10/3, 3-day mean {5,5,6} = 16/3: exactly 2 points (and 60%) above.
			// float64 computes 16/3 - 10/3 = 1.9999999999999996.
			// No session in the last 3 days, so today's 6 is no morning-after rise.
			name: "3-day mean exactly 2 above a baseline of thirds", sessions: refSessionsAt(10, 16, 13, 10, 7, 4),
			pain:  refScores(5, 3, 4, 3, 3, 4, 2, 5, 1, 5, 0, 6),
			never: []string{"mean-3d-points", "mean-3d-percent", "cool-down"},
			ease:  []string{"ease-mean-3d-points", "ease-mean-3d-percent"},
		},
		{
			// Baseline 10/3, 3-day mean {4,4,5} = 13/3: exactly 30% above, 1 point above.
			// float64 computes 1.3 × 10/3 = 4.333333333333334 > 13/3.
			name: "3-day mean exactly 30% above", sessions: refBaseSessions(),
			pain:  refScores(5, 3, 4, 3, 3, 4, 2, 4, 1, 4, 0, 5),
			never: []string{"mean-3d-percent", "cool-down"}, ease: []string{"ease-mean-3d-percent"},
		},
		{
			// {4,4,4} = 4 is 20% above 10/3. Days 2..0 ago are flare days as of their own
			// baselines? Day 2 ago: window {3,4,4} = 11/3 vs baseline of day 5 ago alone, 3: 22%,
			// no; day 1 ago: {4,4,4} vs {3,3} = 3: 33%, a flare; day 0: 4 vs 10/3: no, and calm
			// (4 ≤ 10/3 + 1), but only one calm day since.
			name: "3-day mean 20% above", sessions: refBaseSessions(),
			pain:  refScores(5, 3, 4, 3, 3, 4, 2, 4, 1, 4, 0, 4),
			never: []string{"cool-down"},
		},
		{
			// Week before {3,4,4,4,4,4,4} = 27/7, last week {5,5,5,5,5,5,4} = 34/7: exactly 1 point.
			// float64 computes 0.9999999999999996. Baseline today: 47/11; 3-day mean 14/3.
			name: "last week exactly 1 point worse", sessions: refBaseSessions(),
			pain: refScores(13, 3, 12, 4, 11, 4, 10, 4, 9, 4, 8, 4, 7, 4,
				6, 5, 5, 5, 4, 5, 3, 5, 2, 5, 1, 5, 0, 4),
			never: []string{"week-rising"},
		},
		{
			name: "last week 6/7 point worse", sessions: refBaseSessions(),
			pain: refScores(13, 3, 12, 4, 11, 4, 10, 4, 9, 4, 8, 4, 7, 4,
				6, 5, 5, 5, 4, 5, 3, 5, 2, 5, 1, 4, 0, 4),
		},
		{
			name: "last session 13 days ago", sessions: refSessionsAt(10, 26, 23, 20, 17, 13), pain: calm,
		},
		{
			name: "last session 14 days ago", sessions: refSessionsAt(10, 27, 24, 21, 18, 14), pain: calm,
			never: []string{"break"}, steps: 1,
		},
		{
			// 3-day mean {4,4,8} = 16/3 is ≥ 30% over 4 (5.2) but not 2 points.
			name: "last session 27 days ago, severe today", sessions: refSessionsAt(10, 40, 37, 34, 30, 27),
			pain:  refWith(calm, 0, 8),
			never: []string{"severe-3d", "break", "mean-3d-percent", "cool-down"},
			ease:  []string{"ease-latest-severe", "ease-severe-3d", "ease-mean-3d-percent"}, steps: 1,
		},
		{
			name: "last session 28 days ago, severe today", sessions: refSessionsAt(10, 40, 37, 34, 31, 28),
			pain: refWith(calm, 0, 8), never: []string{"severe-3d", "break", "mean-3d-percent", "cool-down"}, steps: 2,
		},
		{
			name: "last session 89 days ago", sessions: refSessionsAt(10, 100, 97, 94, 89), pain: nil,
			never: []string{"break"}, steps: 2,
		},
		{
			name: "last session 90 days ago", sessions: refSessionsAt(10, 100, 97, 94, 90), pain: nil,
			never: []string{"break"}, steps: -1,
		},
		{
			name: "no sessions", pain: calm, never: []string{"few-sessions"},
		},
		{
			name: "three days spanning exactly 7 days", sessions: refSessionsAt(10, 8, 4, 1), pain: calm,
		},
		{
			name: "three days spanning 6 days", sessions: refSessionsAt(10, 7, 4, 1), pain: calm,
			never: []string{"few-sessions"},
		},
		{
			name: "four sessions on two days", sessions: refSessionsAt(10, 9, 9, 1, 1), pain: calm,
			never: []string{"few-sessions"},
		},
		{
			name: "one lighter session last", sessions: refWithSessions(refBaseSessions()[:5], refReps(1, 8, -1)), pain: calm,
		},
		{
			name: "one lighter session in the middle",
			sessions: refWithSessions(refSessionsAt(10, 16, 13, 10), refReps(7, 8, -1),
				refReps(4, 10, -1), refReps(1, 10, -1)),
			pain: calm,
		},
		{
			name: "two lighter sessions in a row", sessions: refWithSessions(refBaseSessions()[:4],
				refReps(4, 8, -1), refReps(1, 8, -1)),
			pain: calm, never: []string{"few-sessions"},
		},
		{
			name: "a heavier session last", sessions: refWithSessions(refBaseSessions()[:5], refReps(1, 12, -1)),
			pain: calm, never: []string{"few-sessions"},
		},
		{
			// 35, 32, 29 days ago, then a 24-day break: only 5 and 1 days ago count.
			name: "sessions before a break do not count", sessions: refSessionsAt(10, 35, 32, 29, 5, 1),
			pain: calm, never: []string{"few-sessions"},
		},
		{
			name: "sessions and scores after today are ignored",
			sessions: refWithSessions(refBaseSessions(),
				refSession{Day: refAgo(-2), Seq: 9000, Sets: 2, Reps: 12, PainDuring: 9}),
			pain: refWith(calm, -1, 9),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := refJournal{Today: refToday, Sessions: tc.sessions, Pain: tc.pain}
			v := newRefView(j)
			if got := refIDs(v.neverRaise()); !slices.Equal(got, tc.never) {
				t.Errorf("never raise = %v, want %v\n%s", got, tc.never, refJoin(v.neverRaise()))
			}
			if got := refIDs(v.mustEase()); !slices.Equal(got, tc.ease) {
				t.Errorf("must ease = %v, want %v\n%s", got, tc.ease, refJoin(v.mustEase()))
			}
			if got := refBreakSteps(j); got != tc.steps {
				t.Errorf("break steps = %d, want %d", got, tc.steps)
			}
			never, _ := refNeverRaise(j)
			ease, _ := refMustEase(j)
			if never != (len(tc.never) > 0) || ease != (len(tc.ease) > 0) {
				t.Errorf("refNeverRaise = %v, refMustEase = %v", never, ease)
			}
		})
	}
}

// refFloatMean is the float64 mean that the exact comparisons replace.
func refFloatMean(m refMean) float64 { return float64(m.sum) / float64(m.n) }

// TestReferenceThresholdsDefeatFloat checks that the exact-threshold table cases are ones a
// float64 implementation gets wrong, so they keep testing exactness.
func TestReferenceThresholdsDefeatFloat(t *testing.T) {
	thirds := refMean{10, 3}
	if m := (refMean{16, 3}); !m.pointsAbove(thirds, 2) || refFloatMean(m)-refFloatMean(thirds) >= 2 {
		t.Errorf("16/3 vs 10/3: exact %v, float64 difference %v", m.pointsAbove(thirds, 2), refFloatMean(m)-refFloatMean(thirds))
	}
	if m := (refMean{13, 3}); !m.percentAbove(thirds, 30) || refFloatMean(m) >= 1.3*refFloatMean(thirds) {
		t.Errorf("13/3 vs 1.3 × 10/3: exact %v, float64 %v", m.percentAbove(thirds, 30), 1.3*refFloatMean(thirds))
	}
	before, week := refMean{27, 7}, refMean{34, 7}
	if !week.pointsAbove(before, 1) || refFloatMean(week)-refFloatMean(before) >= 1 {
		t.Errorf("34/7 vs 27/7: exact %v, float64 difference %v", week.pointsAbove(before, 1), refFloatMean(week)-refFloatMean(before))
	}
	if (refMean{5, 1}).percentAbove(refMean{0, 3}, 30) {
		t.Error("30% of a zero baseline must not fire")
	}
	if !(refMean{2, 1}).pointsAbove(refMean{0, 3}, 2) {
		t.Error("2 points over a zero baseline must fire")
	}
}

// TestReferenceGenerator runs the reference over 10,000 generated journals: every rule must fire
// at least once, each exact threshold must be hit exactly at least once, and the reference must
// agree with itself (an ease or a break always forbids a raise; entries after today change nothing).
func TestReferenceGenerator(t *testing.T) {
	const journals = 10000
	r := rand.New(rand.NewPCG(9, 2026))
	counts := map[string]int{}
	for i := range journals {
		kind := refKinds()[i%len(refKinds())]
		j := genRefJournal(r, kind)
		v := newRefView(j)
		never, ease := v.neverRaise(), v.mustEase()
		for _, f := range never {
			counts[f.id]++
		}
		for _, f := range ease {
			counts[f.id]++
		}
		if len(never) == 0 {
			counts["raise-allowed"]++
		}
		if len(never) == 1 {
			counts["only "+never[0].id]++
		}
		counts[fmt.Sprintf("break-steps %d", refBreakSteps(j))]++

		b, m := v.baseline(j.Today), v.window(j.Today)
		week := v.mean(j.Today-6, j.Today)
		before := v.mean(j.Today-13, j.Today-7)
		if b.ok() && m.ok() {
			if m.sum*b.n-b.sum*m.n == 2*m.n*b.n {
				counts["exactly 2 points (3-day)"]++
				if refFloatMean(m)-refFloatMean(b) < 2 {
					counts["float64 misses 2 points"]++
				}
			}
			if b.sum > 0 && 10*m.sum*b.n == 13*b.sum*m.n {
				counts["exactly 30% (3-day)"]++
				if refFloatMean(m) < 1.3*refFloatMean(b) {
					counts["float64 misses 30%"]++
				}
			}
		}
		if week.ok() && before.ok() && week.sum*before.n-before.sum*week.n == week.n*before.n {
			counts["exactly 1 point (week)"]++
			if refFloatMean(week)-refFloatMean(before) < 1 {
				counts["float64 misses 1 point"]++
			}
		}

		if len(ease) > 0 && len(never) == 0 {
			t.Fatalf("journal %d: ease (%s) but a raise allowed: %+v", i, refJoin(ease), j)
		}
		if refBreakSteps(j) != 0 && !slices.Contains(refIDs(never), "break") {
			t.Fatalf("journal %d: break steps %d without the break rule: %+v", i, refBreakSteps(j), j)
		}
		past := refJournal{Today: j.Today, Pain: map[int]int{}}
		for _, s := range j.Sessions {
			if s.Day <= j.Today {
				past.Sessions = append(past.Sessions, s)
			}
		}
		for d, score := range j.Pain {
			if d <= j.Today {
				past.Pain[d] = score
			}
		}
		pv := newRefView(past)
		if !slices.Equal(refIDs(pv.neverRaise()), refIDs(never)) || !slices.Equal(refIDs(pv.mustEase()), refIDs(ease)) {
			t.Fatalf("journal %d: entries after today changed the answer", i)
		}
	}
	want := []string{
		"severe-3d", "break", "pain-during", "next-morning", "mean-3d-points", "mean-3d-percent",
		"week-rising", "cool-down", "few-sessions", "raise-allowed",
		"ease-latest-severe", "ease-severe-3d", "ease-mean-3d-points", "ease-mean-3d-percent",
		"ease-pain-during", "ease-next-morning",
		"break-steps 0", "break-steps 1", "break-steps 2", "break-steps -1",
		"only break", "only week-rising", "only cool-down", "only few-sessions",
		"exactly 2 points (3-day)", "exactly 30% (3-day)", "exactly 1 point (week)",
		"float64 misses 2 points", "float64 misses 30%", "float64 misses 1 point",
	}
	for _, id := range want {
		if counts[id] == 0 {
			t.Errorf("%s never happened in %d journals", id, journals)
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Logf("%-28s %5d", k, counts[k])
	}
}
