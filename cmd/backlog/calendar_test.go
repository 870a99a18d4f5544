package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nodeModules finds node and the npm packages .ci/run installs
// ($BACKLOG_NODE_MODULES, else .ci/node_modules). Outside CI a missing one
// skips the test; in CI it fails it.
func nodeModules(t *testing.T, pkg string) (node, modules string) {
	t.Helper()
	modules = os.Getenv("BACKLOG_NODE_MODULES")
	if modules == "" {
		modules, _ = filepath.Abs(filepath.Join("..", "..", ".ci", "node_modules"))
	}
	node, err := exec.LookPath("node")
	_, serr := os.Stat(filepath.Join(modules, pkg, "package.json"))
	if err == nil && serr == nil {
		return node, modules
	}
	msg := "node or the npm package " + pkg + " is missing (npm install --prefix .ci installs it)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg + ": skipping")
	return "", ""
}

// icalCheck parses an iCalendar file with ical.js and expands every event's
// recurrence over the days given, printing what a calendar app would see.
const icalCheck = `
const mod = require(require("path").join(process.env.BACKLOG_NODE_MODULES, "ical.js"));
const ICAL = mod.default || mod;
const fs = require("fs");
const [file, untilISO] = process.argv.slice(2);
const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
const until = ICAL.Time.fromDateTimeString(untilISO);
const out = [];
for (const ve of comp.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(ve);
  const alarm = ve.getFirstSubcomponent("valarm");
  const item = {
    uid: ev.uid, summary: ev.summary, description: ev.description,
    status: ve.getFirstPropertyValue("status") || "",
    floating: ev.startDate.zone === ICAL.Timezone.localTimezone || ev.startDate.timezone === "floating" || ev.startDate.zone.tzid === "floating",
    alarm: alarm ? { action: alarm.getFirstPropertyValue("action"), trigger: alarm.getFirstPropertyValue("trigger").toString() } : null,
    starts: [],
  };
  if (item.status !== "CANCELLED") {
    const it = ev.iterator();
    for (let next = it.next(); next && next.compare(until) < 0; next = it.next()) {
      item.starts.push(next.toString());
    }
  }
  out.push(item);
}
console.log(JSON.stringify(out));
`

type icalEvent struct {
	UID, Summary, Description, Status string
	Floating                          bool
	Alarm                             *struct{ Action, Trigger string }
	Starts                            []string
}

func TestCalendarParsesAndRecursOnTheRightDays(t *testing.T) {
	node, modules := nodeModules(t, "ical.js")
	db := filepath.Join(t.TempDir(), "j.db")
	// A Wednesday morning.
	now := time.Date(2026, 11, 18, 9, 0, 0, 0, time.Local)
	for _, args := range [][]string{
		{"routine", "add", "bird-dog", "plank", "knee-to-chest", "childs-pose", "cat-cow", "--days", "mon,wed,fri", "--from", "2026-11-16"},
		{"routine", "add", "glute-bridge", "--days", "daily"},
		{"routine", "add", "walking", "--per-week", "5"},
		{"routine", "add", "pelvic-tilt", "--days", "tue,thu", "--from", "2026-11-16"},
		{"routine", "rm", "pelvic-tilt"},
	} {
		if code, out, errOut := runWith(t, now, db, args...); code != 0 {
			t.Fatalf("backlog %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
	}
	file := filepath.Join(t.TempDir(), "backlog.ics")
	if code, out, errOut := runWith(t, now, db, "routine", "calendar", "--at", "18:30", "--out", file); code != 0 || !strings.Contains(out, "Wrote 3 reminders at 18:30") {
		t.Fatalf("calendar: exit %d\n%s%s", code, out, errOut)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if !strings.HasSuffix(text, "\r\n") || strings.Count(text, "\r\n") != strings.Count(text, "\n") {
		t.Error("lines do not all end in CRLF")
	}
	folded := false
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		folded = folded || strings.HasPrefix(line, " ")
	}
	if !folded {
		t.Error("no line was folded, though the Monday summary is longer than 75 octets")
	}
	if !strings.Contains(text, "DTSTAMP:") || strings.Contains(text, "TZID") {
		t.Error("want a DTSTAMP and floating times without TZID")
	}

	script := filepath.Join(t.TempDir(), "check.cjs")
	if err := os.WriteFile(script, []byte(icalCheck), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script, file, "2026-12-09T00:00:00")
	cmd.Env = append(os.Environ(), "BACKLOG_NODE_MODULES="+modules)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("ical.js: %v\n%s", err, stderr)
	}
	var events []icalEvent
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	byUID := map[string]icalEvent{}
	for _, ev := range events {
		byUID[ev.UID] = ev
	}
	// Three weeks from Wednesday 18 November up to 8 December.
	for _, tc := range []struct {
		uid      string
		weekdays string
		count    int
		names    string
	}{
		{"routine-mon-wed-fri@backlog.invalid", "Mon Wed Fri", 9, "Bird dog, Cat-cow, Child's pose, Knee-to-chest stretch, Plank"},
		{"routine-daily@backlog.invalid", "Mon Tue Wed Thu Fri Sat Sun", 21, "Glute bridge"},
		{"routine-5-per-week@backlog.invalid", "Mon Tue Wed Thu Fri Sat Sun", 21, "Walking"},
	} {
		ev, ok := byUID[tc.uid]
		if !ok {
			t.Errorf("no event %s among %d", tc.uid, len(events))
			continue
		}
		if len(ev.Starts) != tc.count {
			t.Errorf("%s: %d occurrences in three weeks, want %d: %v", tc.uid, len(ev.Starts), tc.count, ev.Starts)
		}
		for i, s := range ev.Starts {
			at, err := time.Parse("2006-01-02T15:04:05", s)
			if err != nil {
				t.Fatalf("%s: occurrence %q: %v", tc.uid, s, err)
			}
			if !strings.Contains(tc.weekdays, at.Weekday().String()[:3]) || at.Hour() != 18 || at.Minute() != 30 {
				t.Errorf("%s: occurrence %s is a %s at %s, want %s at 18:30", tc.uid, s, at.Weekday(), at.Format("15:04"), tc.weekdays)
			}
			if i == 0 && at.Format(time.DateOnly) != "2026-11-18" {
				t.Errorf("%s: first occurrence %s, want Wednesday 2026-11-18", tc.uid, s)
			}
		}
		if !ev.Floating {
			t.Errorf("%s: start is not a floating local time", tc.uid)
		}
		if ev.Alarm == nil || ev.Alarm.Action != "DISPLAY" || ev.Alarm.Trigger != "PT0S" {
			t.Errorf("%s: alarm %+v, want DISPLAY at the start", tc.uid, ev.Alarm)
		}
		if !strings.Contains(ev.Description, tc.names) || !strings.Contains(ev.Summary, tc.names) {
			t.Errorf("%s: summary %q, description %q; want %q in both", tc.uid, ev.Summary, ev.Description, tc.names)
		}
	}
	if ev := byUID["routine-tue-thu@backlog.invalid"]; ev.Status != "CANCELLED" {
		t.Errorf("the removed Tue/Thu reminder is %q, want CANCELLED so calendars drop it", ev.Status)
	}
	if len(events) != 4 {
		t.Errorf("%d events, want 4", len(events))
	}

	// Written again later, the events keep their UIDs: importing updates.
	again := filepath.Join(t.TempDir(), "again.ics")
	if code, _, errOut := runWith(t, now.Add(26*time.Hour), db, "routine", "calendar", "--at", "18:30", "--out", again); code != 0 {
		t.Fatal(errOut)
	}
	b, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	for uid := range byUID {
		if !strings.Contains(string(b), "UID:"+uid) {
			t.Errorf("the second file has no UID %s", uid)
		}
	}
}

func TestCalendarRefusesBadTimesAndWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.db")
	now := time.Date(2026, 11, 18, 9, 0, 0, 0, time.Local)
	if code, _, errOut := runWith(t, now, db, "routine", "add", "plank", "--days", "daily"); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(t.TempDir(), "x.ics")
	for _, at := range []string{"25:00", "18:60", "6pm", "18", ""} {
		code, _, errOut := runWith(t, now, db, "routine", "calendar", "--at", at, "--out", out)
		want := "is not a time of day"
		if at == "" {
			want = "--at is empty" // every flag given an empty value says so
		}
		if code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("--at %q: exit %d, %q; want exit 2 and a clear error", at, code, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("--at %q wrote %s", at, out)
		}
	}
	if code, _, errOut := runWith(t, now, db, "routine", "calendar", "--out", db); code != exitUsage || !strings.Contains(errOut, "journal itself") {
		t.Errorf("--out the journal: exit %d, %q", code, errOut)
	}
}
