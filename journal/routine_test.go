package journal_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"backlog/journal"
)

func TestParseDays(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "mon,wed,fri", want: "mon,wed,fri"},
		{in: "Friday Monday wednesday", want: "mon,wed,fri"},
		{in: "daily", want: "daily"},
		{in: "weekdays", want: "mon,tue,wed,thu,fri"},
		{in: "tues,thurs", want: "tue,thu"},
		{in: "mon,wdn", err: `"wdn" in --days is not a day of the week`},
		{in: "mon,fir", err: "did you mean fri?"},
		{in: " , ", err: "--days is empty"},
	} {
		sch, err := journal.ParseDays(tc.in)
		switch {
		case tc.err != "":
			var verr *journal.ValidationError
			if !errors.As(err, &verr) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseDays(%q) error %v, want a ValidationError with %q", tc.in, err, tc.err)
			}
		case err != nil || sch.String() != tc.want:
			t.Errorf("ParseDays(%q) = %q, %v; want %q", tc.in, sch, err, tc.want)
		}
	}
}

func TestRoutineChangesApplyFromTheirDay(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mwf, _ := journal.ParseDays("mon,wed,fri")
	if _, err := s.SetRoutine(ctx, []string{"bird dog", "plank"}, mwf, day(t, "2026-03-02")); err != nil {
		t.Fatal(err)
	}
	// An unknown name changes nothing, not even the names before it.
	if _, err := s.SetRoutine(ctx, []string{"walking", "bird-dgo"}, journal.Schedule{PerWeek: 3}, day(t, "2026-03-05")); err == nil || !strings.Contains(err.Error(), "did you mean bird-dog?") {
		t.Fatalf("unknown exercise: %v", err)
	}
	ch, err := s.SetRoutine(ctx, []string{"bird-dog"}, journal.Schedule{Weekdays: journal.EveryDay}, day(t, "2026-03-05"))
	if err != nil || len(ch) != 1 || ch[0].Before == nil || *ch[0].Before != mwf {
		t.Fatalf("change: %+v, %v", ch, err)
	}
	// Changing again the same day replaces that day's change.
	if _, err := s.SetRoutine(ctx, []string{"bird-dog"}, journal.Schedule{PerWeek: 4}, day(t, "2026-03-05")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EndRoutine(ctx, []string{"plank"}, day(t, "2026-03-09")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EndRoutine(ctx, []string{"walking"}, day(t, "2026-03-09")); err == nil {
		t.Error("removing an exercise not in the routine succeeded")
	}
	if _, err := s.SetRoutine(ctx, []string{"plank"}, mwf, day(t, "2026-03-11")); err == nil {
		t.Error("a routine starting tomorrow was accepted")
	}
	entries, err := s.Routine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		end := "now"
		if e.Ended != 0 {
			end = e.Ended.String()
		}
		got = append(got, e.Exercise+" "+e.Schedule.String()+" "+e.Since.String()+".."+end)
	}
	want := "bird-dog mon,wed,fri 2026-03-02..2026-03-05|bird-dog 4/week 2026-03-05..now|plank mon,wed,fri 2026-03-02..2026-03-09"
	if strings.Join(got, "|") != want {
		t.Errorf("routine history\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

func TestRecordSessionsIsAllOrNothingAndUndoneTogether(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, _, err := s.RecordPain(ctx, journal.PainEntry{Day: day(t, "2026-03-09"), Score: 3}); err != nil {
		t.Fatal(err)
	}
	d := day(t, "2026-03-10")
	bad := []journal.Session{
		{Day: d, Exercise: "bird-dog", Dose: journal.Dose{Reps: 6, HoldS: 5}},
		{Day: d, Exercise: "walking", Dose: journal.Dose{Reps: 6}}, // walking is dosed in minutes
	}
	if _, err := s.RecordSessions(ctx, bad); err == nil {
		t.Fatal("a batch with a bad session was recorded")
	}
	if list, _ := s.Sessions(ctx, journal.SessionFilter{}); len(list) != 0 {
		t.Fatalf("%d sessions written by a refused batch", len(list))
	}
	good := []journal.Session{
		{Day: d, Exercise: "bird-dog", Dose: journal.Dose{Reps: 6, HoldS: 5}},
		{Day: d, Exercise: "walking", Dose: journal.Dose{Minutes: 20}},
		{Day: d, Exercise: "plank", Dose: journal.Dose{HoldS: 15}},
	}
	if _, err := s.RecordSessions(ctx, good); err != nil {
		t.Fatal(err)
	}
	u, err := s.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Removed bird-dog: 6 reps × 5 s hold each side on 2026-03-10.\nRemoved walking: 20 min on 2026-03-10.\nRemoved plank: 15 s hold on 2026-03-10."; u.Undo != want {
		t.Fatalf("undo said %q, want the batch of three: %q", u.Undo, want)
	}
	if list, _ := s.Sessions(ctx, journal.SessionFilter{}); len(list) != 0 {
		t.Errorf("%d sessions left after undoing the batch", len(list))
	}
	// The pain score recorded before is next, alone.
	if u, err := s.Undo(ctx); err != nil || !strings.HasPrefix(u.Undo, "Removed pain ") {
		t.Errorf("second undo: %+v, %v", u, err)
	}
}

func TestRoutineTravelsInExports(t *testing.T) {
	ctx := context.Background()
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			s := filled(t)
			mwf, _ := journal.ParseDays("mon,wed,fri")
			if _, err := s.SetRoutine(ctx, []string{"bird-dog", "wall-push-up"}, mwf, day(t, "2026-03-02")); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetRoutine(ctx, []string{"bird-dog"}, journal.Schedule{PerWeek: 5}, day(t, "2026-03-04")); err != nil {
				t.Fatal(err)
			}
			first := exportOf(t, s, format)
			if !bytes.Contains(first, []byte("per_week")) {
				t.Fatalf("the export has no routine:\n%s", first)
			}
			empty := openTest(t)
			res, err := importInto(t, empty, first)
			if err != nil || res.Routine != 3 {
				t.Fatalf("import: %+v, %v; want 3 routine entries", res, err)
			}
			if second := exportOf(t, empty, format); !bytes.Equal(first, second) {
				t.Errorf("export → import → export differs:\n%s\n----\n%s", first, second)
			}
			// A different entry for bird-dog over the same days overlaps.
			other := openTest(t)
			if _, err := other.SetRoutine(ctx, []string{"bird-dog"}, journal.Schedule{Weekdays: journal.EveryDay}, day(t, "2026-03-01")); err != nil {
				t.Fatal(err)
			}
			if _, err := importInto(t, other, first); err == nil || !strings.Contains(errDetails(err), "may not overlap") {
				t.Errorf("overlapping import: %v", err)
			}
		})
	}
}

func errDetails(err error) string {
	var verr *journal.ValidationError
	if errors.As(err, &verr) {
		return verr.Error() + " " + strings.Join(verr.Details, " ")
	}
	return err.Error()
}

func TestAnOlderExportWithoutARoutineStillImports(t *testing.T) {
	old := `{"format": "backlog-export", "version": 1, "exercises": [], "sessions": [], "pain": [{"id": "p1", "day": "2026-03-01", "score": 4, "note": ""}]}`
	res, err := importInto(t, openTest(t), []byte(old))
	if err != nil || res.Pain != 1 || res.Routine != 0 {
		t.Errorf("import: %+v, %v", res, err)
	}
}
