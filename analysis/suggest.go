package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"backlog/journal"
)

// Progression thresholds, from graded activity: keep a dose about a week,
// then raise one thing by a small step.
const (
	// WindowDays is how recent an exercise's sessions must be for it to get
	// a suggestion, and how far back a flare still holds raises back.
	WindowDays = 28

	// SessionsBeforeRaise is how many sessions at a dose, on as many
	// different days, it needs before it is raised.
	SessionsBeforeRaise = 3

	// DaysBeforeRaise is how many days apart the first and last of those
	// sessions must be: a week at a dose (graded activity), Monday to
	// Monday.
	DaysBeforeRaise = 7

	// BreakDays is a gap long enough to start afresh: after two weeks
	// without an exercise it comes back one rung lower, and a dose has to be
	// re-established before it is raised.
	BreakDays = 14

	// LongBreakDays and VeryLongBreakDays are the breaks after which an
	// exercise comes back two rungs lower, and at its start.
	LongBreakDays     = 28
	VeryLongBreakDays = 90

	// CoolDownDays is how many days in a row, each with a score within
	// CalmPoints of the baseline, end the cool-down after a flare.
	CoolDownDays = 3

	// CalmPoints is how far above the baseline a day's score may be and
	// still count as calm after a flare.
	CalmPoints = 1
)

// PainHistoryDays is how many days of pain scores before the day judged
// the rules read: flares over the window, each with its own 3-day mean and
// its own baseline before that.
const PainHistoryDays = WindowDays + RecentDays + BaselineDays

// Action is what a suggestion advises.
type Action string

// The actions: raise the dose by one rung, keep it, or ease back.
const (
	Raise Action = "raise"
	Keep  Action = "keep"
	Ease  Action = "ease"
)

// StopAdvice goes with every ease for pain: shown once per output.
const StopAdvice = "Sharp or persistent pain means stopping and asking a doctor or physiotherapist."

// Suggestion is the advice for one exercise.
type Suggestion struct {
	Exercise string       `json:"exercise"`
	Name     string       `json:"name"`
	Action   Action       `json:"action"`
	Current  journal.Dose `json:"current"`
	Next     journal.Dose `json:"next"`
	// NextExercise names the harder variant to move on to, from its start,
	// once the top of the ladder is established. Next stays this exercise's.
	NextExercise string `json:"next_exercise,omitempty"`
	// Easier names the easier variant offered in a bad flare, if any.
	Easier string `json:"easier,omitempty"`
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	// Caution is StopAdvice on eases for pain, and empty otherwise.
	Caution string `json:"caution,omitempty"`
	// Rest is set when the advice is to rest the exercise a day or two.
	Rest bool `json:"rest,omitempty"`

	// SessionsAtDose counts the sessions at the current dose that count
	// toward a raise, DaysAtDose the different days they fall on, and
	// SpanDays how many days apart the first and last are.
	SessionsAtDose int `json:"sessions_at_dose"`
	DaysAtDose     int `json:"days_at_dose"`
	SpanDays       int `json:"span_days"`
	// AtGoal is set when the current dose is at the top of the ladder.
	AtGoal bool `json:"at_goal,omitempty"`
	// PainRecorded is false when no pain scores were available to judge by.
	PainRecorded bool `json:"pain_recorded"`
}

// Suggest returns advice for every exercise with sessions in the WindowDays
// days up to today, ordered by exercise slug. sessions and pain may be in any
// order and may include older entries, which are used for baselines; sessions
// after today are left out.
func Suggest(catalog *journal.Catalog, sessions []journal.Session, pain []journal.PainEntry, today journal.Day) []Suggestion {
	byExercise := map[string][]journal.Session{}
	for _, s := range sessions {
		if s.Day <= today && s.Day > today-WindowDays {
			byExercise[s.Exercise] = nil
		}
	}
	for _, s := range sessions {
		if _, ok := byExercise[s.Exercise]; ok && s.Day <= today {
			byExercise[s.Exercise] = append(byExercise[s.Exercise], s)
		}
	}
	idx := indexPain(pain)
	var out []Suggestion
	for slug, list := range byExercise {
		ex, err := catalog.Lookup(slug)
		if err != nil {
			continue // an exercise no longer in the catalog cannot be dosed
		}
		out = append(out, decide(newHistory(ex, list, idx, today)))
	}
	slices.SortFunc(out, func(a, b Suggestion) int { return cmp.Compare(a.Exercise, b.Exercise) })
	return out
}

// SuggestFor returns the advice for one exercise as of today, whenever it
// was last done: the dose "backlog done" records when it is given none.
func SuggestFor(ex journal.Exercise, sessions []journal.Session, pain []journal.PainEntry, today journal.Day) Suggestion {
	var mine []journal.Session
	for _, s := range sessions {
		if s.Exercise == ex.Slug && s.Day <= today {
			mine = append(mine, s)
		}
	}
	return decide(newHistory(ex, mine, indexPain(pain), today))
}

// history is what the rules judge one exercise by: its sessions up to today
// in the order they were done, the pain scores, and facts derived from them
// once.
type history struct {
	ex       journal.Exercise
	today    journal.Day
	sessions []journal.Session
	pain     painIndex

	last      journal.Session // the latest session; zero without sessions
	lastDose  journal.Dose    // its dose, on the ladder's terms
	daysSince int             // from the latest session to today

	current   journal.Dose      // the dose the sessions settled on
	counted   []journal.Session // sessions at current that count toward a raise
	gapDays   int               // a break of BreakDays or more before the run, or 0
	triggers  []trigger         // today's flare triggers
	lastFlare journal.Day       // the latest flare day before today in the window, or 0
	calmRun   int               // calm days in a row since lastFlare, up to CoolDownDays
	coolEnd   journal.Day       // the last day looked at for the cool-down: its end, once calmRun is full
}

func newHistory(ex journal.Exercise, sessions []journal.Session, pain painIndex, today journal.Day) *history {
	slices.SortStableFunc(sessions, func(a, b journal.Session) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), a.RecordedAt.Compare(b.RecordedAt))
	})
	// Only the window counts, so every caller judges alike whatever it
	// read; without a session in it, the latest day's sessions say where a
	// break began.
	var recent []journal.Session
	for _, s := range sessions {
		if s.Day > today-WindowDays {
			recent = append(recent, s)
		}
	}
	if len(recent) == 0 && len(sessions) > 0 {
		lastDay := sessions[len(sessions)-1].Day
		for _, s := range sessions {
			if s.Day == lastDay {
				recent = append(recent, s)
			}
		}
	}
	sessions = recent
	h := &history{ex: ex, today: today, sessions: sessions, pain: pain}
	if len(sessions) == 0 {
		return h
	}
	h.last = sessions[len(sessions)-1]
	h.lastDose = ex.LadderDose(h.last.Dose)
	h.daysSince = int(today - h.last.Day)
	h.triggers = triggersOn(ex, sessions, pain, today)
	for d := today - 1; d > today-WindowDays; d-- {
		if len(triggersOn(ex, sessions, pain, d)) > 0 {
			h.lastFlare = d
			break
		}
	}
	if h.lastFlare != 0 {
		for d := h.lastFlare + 1; d <= today && h.calmRun < CoolDownDays; d++ {
			if pain.calm(d) {
				h.calmRun++
			} else {
				h.calmRun = 0
			}
			h.coolEnd = d
		}
	}
	h.settle()
	return h
}

// settle works out the current dose and the sessions that count toward
// raising it. It walks the sessions since the last break in order: a heavier
// or different dose becomes the current one; one lighter session is passed
// over, so a week at a dose is not thrown away; two lighter ones in a row make
// the lighter dose the current one. Sessions from a flare to the end of its
// cool-down do not count.
func (h *history) settle() {
	start := 0
	for i := len(h.sessions) - 1; i > 0; i-- {
		if gap := int(h.sessions[i].Day - h.sessions[i-1].Day); gap >= BreakDays {
			start, h.gapDays = i, gap
			break
		}
	}
	var run, lighter []journal.Session
	cur := h.ex.LadderDose(h.sessions[start].Dose)
	for _, s := range h.sessions[start:] {
		d := h.ex.LadderDose(s.Dose)
		switch {
		case d == cur:
			run, lighter = append(run, s), nil
		case lighterThan(d, cur) && len(lighter) == 0:
			lighter = []journal.Session{s}
		case lighterThan(d, cur):
			cur, run = d, nil
			for _, l := range append(lighter, s) {
				if h.ex.LadderDose(l.Dose) == d {
					run = append(run, l)
				}
			}
			lighter = nil
		default:
			cur, run, lighter = d, []journal.Session{s}, nil
		}
	}
	h.current = cur
	for _, s := range run {
		if h.lastFlare == 0 || s.Day >= h.coolEnd {
			h.counted = append(h.counted, s)
		}
	}
}

// lighterThan reports whether a is less than b in some part and more in none.
func lighterThan(a, b journal.Dose) bool {
	return a != b && a.Sets <= b.Sets && a.Reps <= b.Reps && a.HoldS <= b.HoldS && a.Minutes <= b.Minutes
}

// verdict is what a rule decides: an action, the dose to do next, and why.
type verdict struct {
	action  Action
	next    journal.Dose
	nextEx  string
	reason  string
	caution bool
	rest    bool
	easier  string
}

// Rule is one piece of progression guidance: a stable ID (the "rule" of
// suggest --json), where it comes from, and a decision that applies to some
// histories. The engine asks the rules in the order Rules gives, and the
// first that applies decides.
type Rule struct {
	ID     string
	Source string
	apply  func(h *history) (verdict, bool)
}

// Rules returns the progression rules in the order they are applied: safety
// first (flares, breaks, the cool-down, worsening pain), then the top of the
// ladder, then whether the dose is established, and only then a raise.
func Rules() []Rule {
	return []Rule{
		{"first-session", "the articles: start small", firstSession},
		{"severe-pain", "NRS severe band, 7–10", flareRule(triggerSevere)},
		{"pain-during", "pain-monitoring model (Silbernagel et al. 2007): pain during above 5/10", flareRule(triggerDuring)},
		{"pain-rise", "meaningful change (Ostelo et al. 2008; Farrar et al. 2001): 2 points or 30%", flareRule(triggerRise)},
		{"next-morning", "pain-monitoring model: pain the next morning above baseline", flareRule(triggerMorning)},
		{"break-deload", "graded activity: re-establish a dose after time off", breakDeload},
		{"cool-down", "after a flare, no raise until pain has settled for 3 days", coolDown},
		{"pain-worsening", "graded activity: do not raise while pain trends up", painWorsening},
		{"goal-reached", "the articles' goal and sets", goalReached},
		{"establishing", "graded activity: about a week at a dose, 3 sessions on 3 days", establishing},
		{"harder-variant", "the articles' harder variant", harderVariant},
		{"step-up", "graded activity: one small step, one thing at a time", stepUp},
	}
}

// decide applies the rules in order.
func decide(h *history) Suggestion {
	s := Suggestion{Exercise: h.ex.Slug, Name: h.ex.Name, Current: h.current, PainRecorded: len(h.pain) > 0,
		SessionsAtDose: len(h.counted), DaysAtDose: distinctDays(h.counted), SpanDays: span(h.counted)}
	for _, r := range Rules() {
		v, ok := r.apply(h)
		if !ok {
			continue
		}
		s.Rule, s.Action, s.Next, s.NextExercise, s.Reason, s.Rest, s.Easier = r.ID, v.action, v.next, v.nextEx, v.reason, v.rest, v.easier
		if v.caution {
			s.Caution = StopAdvice
		}
		if v.action == Ease {
			s.Current = h.lastDose
		}
		s.AtGoal = len(h.sessions) > 0 && h.ex.AtTop(s.Current)
		return s
	}
	panic("no rule applied") // step-up always applies
}

func distinctDays(list []journal.Session) int {
	n := 0
	for i, s := range list {
		if i == 0 || s.Day != list[i-1].Day {
			n++
		}
	}
	return n
}

func span(list []journal.Session) int {
	if len(list) == 0 {
		return 0
	}
	return int(list[len(list)-1].Day - list[0].Day)
}

// firstSession: never done, so start at the start.
func firstSession(h *history) (verdict, bool) {
	if len(h.sessions) > 0 {
		return verdict{}, false
	}
	start := h.ex.LadderDose(h.ex.Start)
	v := verdict{action: Keep, next: start, reason: fmt.Sprintf("No sessions yet: start at %s.", h.dose(start))}
	if len(triggersOn(h.ex, nil, h.pain, h.today)) > 0 {
		v.reason = fmt.Sprintf("No sessions yet, and pain is up: if you start, start gently at %s.", h.dose(start))
		v.caution = true
	}
	return v, true
}

// flareRule eases when the given trigger fired today. How far depends on
// every trigger that fired: back to the start, with a rest and the easier
// variant, when any is severe; otherwise one rung. A break adds its own
// steps back, and the lower dose wins.
func flareRule(kind triggerKind) func(h *history) (verdict, bool) {
	return func(h *history) (verdict, bool) {
		var fired *trigger
		severe := false
		for i, t := range h.triggers {
			if t.kind == kind && fired == nil {
				fired = &h.triggers[i]
			}
			severe = severe || t.severe
		}
		if fired == nil {
			return verdict{}, false
		}
		v := verdict{action: Ease, caution: true}
		if severe {
			v.next, v.rest = h.ex.Floor(h.lastDose), true
		} else {
			v.next = h.ex.Down(h.lastDose)
		}
		if back := h.breakDose(); lighterOrEqual(back, v.next) {
			v.next = back
		}
		v.easier = ""
		if severe {
			v.easier = h.ex.Easier
		}
		v.reason = fired.why + " → " + h.easeWords(v)
		return v, true
	}
}

func lighterOrEqual(a, b journal.Dose) bool {
	return a.Sets <= b.Sets && a.Reps <= b.Reps && a.HoldS <= b.HoldS && a.Minutes <= b.Minutes
}

// easeWords says what an ease asks for.
func (h *history) easeWords(v verdict) string {
	var s string
	switch {
	case v.next == h.lastDose && v.rest:
		s = fmt.Sprintf("rest it for a day or two, then stay at %s", h.dose(v.next))
	case v.next == h.lastDose:
		s = fmt.Sprintf("stay at %s (no lower than the start) or rest it for a day or two", h.dose(v.next))
	case v.rest:
		s = fmt.Sprintf("rest it for a day or two, then go back to %s", h.dose(v.next))
	default:
		s = fmt.Sprintf("ease from %s to %s", h.dose(h.lastDose), h.dose(v.next))
	}
	if v.easier != "" {
		s += fmt.Sprintf(", or try the easier variant (backlog done %s)", v.easier)
	}
	return s + "."
}

// breakDose is the dose to come back at after the current time off: one
// rung below the last dose after BreakDays, two after LongBreakDays, the
// start after VeryLongBreakDays; the last dose itself after a shorter gap.
func (h *history) breakDose() journal.Dose {
	switch {
	case h.daysSince >= VeryLongBreakDays:
		return h.ex.Floor(h.lastDose)
	case h.daysSince >= LongBreakDays:
		return h.ex.Down(h.ex.Down(h.lastDose))
	case h.daysSince >= BreakDays:
		return h.ex.Down(h.lastDose)
	}
	return h.lastDose
}

// breakDeload: back after a break, below where it stopped.
func breakDeload(h *history) (verdict, bool) {
	if h.daysSince < BreakDays {
		return verdict{}, false
	}
	v := verdict{action: Ease, next: h.breakDose()}
	var how string
	switch {
	case v.next == h.lastDose:
		how = fmt.Sprintf("pick it up again at %s, the start", h.dose(v.next))
	case h.daysSince >= VeryLongBreakDays:
		how = fmt.Sprintf("start again from %s", h.dose(v.next))
	case h.daysSince >= LongBreakDays:
		how = fmt.Sprintf("pick it up again two steps lower, at %s", h.dose(v.next))
	default:
		how = fmt.Sprintf("pick it up again one step lower, at %s", h.dose(v.next))
	}
	v.reason = fmt.Sprintf("Last done %d days ago (%s at %s): %s.", h.daysSince, h.last.Day, h.dose(h.lastDose), how)
	return v, true
}

// coolDown: a flare in the window holds raises back until pain has been
// calm for CoolDownDays days in a row.
func coolDown(h *history) (verdict, bool) {
	if h.lastFlare == 0 || h.calmRun >= CoolDownDays {
		return verdict{}, false
	}
	return verdict{action: Keep, next: h.current, reason: fmt.Sprintf(
		"Cooling down after the flare on %s: %d of %d days in a row with pain within %d point of your baseline so far; keep %s.",
		h.lastFlare, h.calmRun, CoolDownDays, CalmPoints, h.dose(h.current))}, true
}

// painWorsening: the last 7 days' mean is a point or more above the 7
// days before.
func painWorsening(h *history) (verdict, bool) {
	this := h.pain.sum(h.today-6, h.today)
	prev := h.pain.sum(h.today-13, h.today-7)
	if this.n == 0 || prev.n == 0 || !this.atLeast(prev, WorseningPoints) {
		return verdict{}, false
	}
	return verdict{action: Keep, next: h.current, reason: fmt.Sprintf(
		"Pain over the last 7 days averages %s, up %s on the 7 days before (%s); keep %s until it settles.",
		this, diff(this, prev), prev, h.dose(h.current))}, true
}

// goalReached: at the top of the ladder with nowhere further to go.
func goalReached(h *history) (verdict, bool) {
	if !h.ex.AtTop(h.current) || h.ex.Harder != "" {
		return verdict{}, false
	}
	where := "at " + h.goalWords()
	if h.ex.AboveGoal(h.current) {
		where = "above " + h.goalWords()
	}
	return verdict{action: Keep, next: h.current, reason: fmt.Sprintf(
		"%s is %s (%s): keep it up.", h.dose(h.current), where, h.dose(h.topDose()))}, true
}

func (h *history) topDose() journal.Dose {
	top := h.ex.LadderDose(h.ex.Goal)
	top.Sets = h.ex.MaxSets()
	return top
}

func (h *history) goalWords() string {
	if h.ex.Custom {
		return "your goal"
	}
	return "the articles' goal"
}

// establishing: the dose needs more sessions, more days or more time.
func establishing(h *history) (verdict, bool) {
	n, days, spanDays := len(h.counted), distinctDays(h.counted), span(h.counted)
	for _, s := range h.counted {
		if s.PainDuring != nil && *s.PainDuring > MaxPainDuring {
			return verdict{action: Keep, next: h.current, reason: fmt.Sprintf(
				"Pain during it reached %d/10 on %s, above %d; keep %s until it stays at %d or less.",
				*s.PainDuring, s.Day, MaxPainDuring, h.dose(h.current), MaxPainDuring)}, true
		}
	}
	var why string
	switch {
	case days < SessionsBeforeRaise:
		why = fmt.Sprintf("%d of %d sessions on different days at %s", days, SessionsBeforeRaise, h.dose(h.current))
	case spanDays < DaysBeforeRaise:
		ready := h.counted[0].Day + DaysBeforeRaise
		why = fmt.Sprintf("%d sessions at %s since %s; a dose needs a week, so raise from %s (%s) if the next one goes well",
			n, h.dose(h.current), h.counted[0].Day, ready, relative(ready, h.today))
	default:
		return verdict{}, false
	}
	if h.gapDays > 0 && len(h.counted) > 0 && h.counted[0].Day == h.firstAfterBreak().Day {
		why = fmt.Sprintf("Back after a %d-day break: ", h.gapDays) + why
	} else if h.lastFlare != 0 && len(h.counted) < len(h.sessions) {
		why = fmt.Sprintf("Since the flare on %s: ", h.lastFlare) + why
	} else {
		why = strings.ToUpper(why[:1]) + why[1:]
	}
	return verdict{action: Keep, next: h.current, reason: why + "; keep it."}, true
}

func (h *history) firstAfterBreak() journal.Session {
	for i := len(h.sessions) - 1; i > 0; i-- {
		if int(h.sessions[i].Day-h.sessions[i-1].Day) >= BreakDays {
			return h.sessions[i]
		}
	}
	return h.sessions[0]
}

// harderVariant: at the top of the ladder, with the dose established, keep
// it up or move on to the harder variant at its start. The dose of this
// exercise stays as it is; NextExercise names the variant.
func harderVariant(h *history) (verdict, bool) {
	if !h.ex.AtTop(h.current) || h.ex.Harder == "" {
		return verdict{}, false
	}
	return verdict{action: Keep, next: h.current, nextEx: h.ex.Harder, reason: fmt.Sprintf(
		"%s, %s, is established: %s. Keep it up, or move on to the harder variant from its start (backlog done %s).",
		h.dose(h.current), h.goalWords(), h.painWords(), h.ex.Harder)}, true
}

// stepUp: everything is in place for one rung up.
func stepUp(h *history) (verdict, bool) {
	next, _ := h.ex.Up(h.current)
	return verdict{action: Raise, next: next, reason: fmt.Sprintf(
		"%d sessions at %s on %d days, %d days apart, %s → try %s.",
		len(h.counted), h.dose(h.current), distinctDays(h.counted), span(h.counted), h.painWords(), h.dose(next))}, true
}

// painWords describes recent pain for a raise, and says so plainly when
// none was recorded.
func (h *history) painWords() string {
	week := h.pain.sum(h.today-6, h.today)
	switch {
	case len(h.pain) == 0:
		return "no pain scores recorded (so this rests on consistency alone; add them with backlog pain N)"
	case week.n == 0:
		return "no pain scores this week (so this rests on consistency alone)"
	}
	return fmt.Sprintf("pain this week averaging %s and not rising", week)
}

// dose writes a dose of this exercise for people.
func (h *history) dose(d journal.Dose) string { return h.ex.FormatDose(d) }

// Hint is the one line printed after a session is recorded: the suggestion
// as of today, the same as suggest gives.
func (s Suggestion) Hint(ex journal.Exercise) string {
	switch {
	case s.NextExercise != "":
		return fmt.Sprintf("Next time: keep %s, or move on to the harder variant (backlog done %s).", ex.FormatDose(s.Next), s.NextExercise)
	case s.Action == Raise:
		return fmt.Sprintf("Next time: ready to raise to %s.", ex.FormatDose(s.Next))
	}
	return "Next time: " + s.Reason
}

// relative says how far a day is from today: "today", "in 3 days".
func relative(d, today journal.Day) string {
	switch {
	case d <= today:
		return "now"
	case d == today+1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", d-today)
}

func plural(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}
