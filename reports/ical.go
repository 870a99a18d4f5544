package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"backlog/journal"
)

// CalendarItem is one routine exercise for the calendar: its display name
// and schedule.
type CalendarItem struct {
	Name     string
	Schedule journal.Schedule
}

// Calendar is what WriteCalendar needs: the routine in force, the local time
// of day of the reminders, the first day they may fall on, and the time the
// file is written (its DTSTAMP).
type Calendar struct {
	Items        []CalendarItem
	Hour, Minute int
	From         journal.Day
	Stamp        time.Time
	// Past lists schedules the routine had but no longer has: their events
	// are written as cancelled, so a calendar that imported them drops them.
	Past []journal.Schedule
}

// WriteCalendar writes the routine's reminders as an RFC 5545 iCalendar
// file: one recurring event per schedule (Mon/Wed/Fri, daily, 5 times a
// week), each with an alarm at its start and the exercises in its
// description. The UID of an event is derived from its schedule, so
// importing a newer file updates the events rather than adding copies.
//
// Times are floating local times (no TZID): a reminder at 18:00 rings at
// 18:00 wherever the calendar is, which is what a daily habit wants, and a
// TZID would oblige the file to carry a VTIMEZONE definition of its rules.
func WriteCalendar(w io.Writer, cal Calendar) error {
	groups := map[journal.Schedule][]string{}
	var order []journal.Schedule
	for _, it := range cal.Items {
		if _, ok := groups[it.Schedule]; !ok {
			order = append(order, it.Schedule)
		}
		groups[it.Schedule] = append(groups[it.Schedule], it.Name)
	}
	slices.SortFunc(order, compareSchedules)
	cw := &icalWriter{w: w}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//backlog//routine reminders//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("X-WR-CALNAME:" + escapeText("backlog routine"))
	stamp := cal.Stamp.UTC().Format("20060102T150405Z")
	for _, sch := range order {
		names := groups[sch]
		start := firstDay(sch, cal.From)
		cw.line("BEGIN:VEVENT")
		cw.line("UID:" + scheduleUID(sch))
		cw.line("DTSTAMP:" + stamp)
		cw.line(fmt.Sprintf("DTSTART:%sT%02d%02d00", start.Time().Format("20060102"), cal.Hour, cal.Minute))
		cw.line("DURATION:PT15M")
		cw.line("RRULE:" + rrule(sch))
		cw.line("SUMMARY:" + escapeText("Back exercises: "+strings.Join(names, ", ")))
		desc := fmt.Sprintf("%s (%s).\n", strings.Join(names, ", "), sch.Describe())
		if sch.PerWeek > 0 {
			desc += fmt.Sprintf("A reminder every day; %d days a week are planned.\n", sch.PerWeek)
		}
		desc += "backlog today shows today's doses; backlog done --routine records them."
		cw.line("DESCRIPTION:" + escapeText(desc))
		cw.line("BEGIN:VALARM")
		cw.line("ACTION:DISPLAY")
		cw.line("DESCRIPTION:" + escapeText("Back exercises: "+strings.Join(names, ", ")))
		cw.line("TRIGGER:PT0S")
		cw.line("END:VALARM")
		cw.line("END:VEVENT")
	}
	past := slices.Clone(cal.Past)
	slices.SortFunc(past, compareSchedules)
	for _, sch := range slices.Compact(past) {
		if _, ok := groups[sch]; ok {
			continue
		}
		cw.line("BEGIN:VEVENT")
		cw.line("UID:" + scheduleUID(sch))
		cw.line("DTSTAMP:" + stamp)
		cw.line(fmt.Sprintf("DTSTART:%sT%02d%02d00", firstDay(sch, cal.From).Time().Format("20060102"), cal.Hour, cal.Minute))
		cw.line("DURATION:PT15M")
		cw.line("STATUS:CANCELLED")
		cw.line("SUMMARY:" + escapeText("Back exercises ("+sch.Describe()+"): no longer in the routine"))
		cw.line("END:VEVENT")
	}
	cw.line("END:VCALENDAR")
	return cw.err
}

// compareSchedules orders weekday schedules by their first day, then
// per-week ones, so the file's order is stable.
func compareSchedules(a, b journal.Schedule) int {
	if a.PerWeek != b.PerWeek {
		return a.PerWeek - b.PerWeek
	}
	return int(reverseBits(a.Weekdays)) - int(reverseBits(b.Weekdays))
}

func reverseBits(m uint8) uint8 {
	var r uint8
	for i := 0; i < 8; i++ {
		r = r<<1 | m>>i&1
	}
	return r
}

// scheduleUID names a schedule's event the same in every file: importing a
// newer file replaces the event rather than adding a second one.
func scheduleUID(sch journal.Schedule) string {
	name := strings.ReplaceAll(sch.String(), ",", "-")
	name = strings.ReplaceAll(name, "/", "-per-")
	return "routine-" + name + "@backlog.invalid"
}

// rrule writes the recurrence of a schedule. A number of times a week has
// no fixed days, so it is reminded every day.
func rrule(sch journal.Schedule) string {
	if sch.PerWeek > 0 || sch.Weekdays == journal.EveryDay {
		return "FREQ=DAILY"
	}
	codes := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	var days []string
	for i, c := range codes {
		if sch.Weekdays&(1<<i) != 0 {
			days = append(days, c)
		}
	}
	return "FREQ=WEEKLY;WKST=MO;BYDAY=" + strings.Join(days, ",")
}

// firstDay is the first day on or after from that the schedule plans, so
// DTSTART is itself an occurrence of the rule (RFC 5545 §3.8.5.3).
func firstDay(sch journal.Schedule, from journal.Day) journal.Day {
	if sch.PerWeek > 0 || sch.Weekdays == 0 {
		return from
	}
	d := from
	for !sch.On(d) {
		d++
	}
	return d
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// icalWriter writes content lines ending in CRLF, folded so no line is longer
// than 75 octets, never inside a UTF-8 sequence (RFC 5545 §3.1).
type icalWriter struct {
	w   io.Writer
	err error
}

func (cw *icalWriter) line(s string) {
	if cw.err != nil {
		return
	}
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space of a continuation line is one octet
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	_, cw.err = io.WriteString(cw.w, b.String())
}
