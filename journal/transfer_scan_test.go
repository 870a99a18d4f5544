package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// referenceReadJSON is how backlog read a JSON export before jsonScanner:
// encoding/json's Decoder for the outline and every row. It is kept here as
// the reference the scanner is held to.
func referenceReadJSON(r io.Reader, yield func(ImportRow) error) error {
	dec := json.NewDecoder(r)
	if _, err := dec.Token(); err != nil {
		return err
	}
	var format string
	version := 0
	for first := true; dec.More(); first = false {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if first && !slices.Contains([]string{"format", "version", "exercises", "sessions", "pain", "routine"}, key) {
			return readFHIRBundle(dec, key, func() {}, yield)
		}
		switch key {
		case "format":
			if err := dec.Decode(&format); err != nil {
				return err
			}
			if format != ExportFormat {
				return errors.New("not an export")
			}
		case "version":
			if err := dec.Decode(&version); err != nil {
				return err
			}
			if version > ExportVersion || version < 1 {
				return errors.New("bad version")
			}
		case "exercises", "sessions", "pain", "routine":
			if format == "" || version == 0 {
				return errors.New("no format")
			}
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				return errors.New("not a list")
			}
			for i := 0; dec.More(); i++ {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return err
				}
				if err := yield(jsonRow(key, i, raw)); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		default:
			return errors.New("unknown field")
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if format == "" || version == 0 {
		return errors.New("no format")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more after the end")
	}
	return nil
}

// readOutcome reads data with read and says what an import would make of
// it: the rows as text when every row could be read, or "refused".
func readOutcome(read func(io.Reader, func(ImportRow) error) error, data []byte) string {
	var out bytes.Buffer
	err := read(bytes.NewReader(data), func(row ImportRow) error {
		if row.Err != nil {
			return row.Err
		}
		fmt.Fprintf(&out, "%s %+v %+v %+v %+v %v\n", row.Pos, row.Exercise, row.Session, row.Pain, row.Routine, row.NoHold)
		return nil
	})
	if err != nil {
		return "refused"
	}
	return out.String()
}

// TestScannerMatchesTheDecoder reads valid exports and tens of thousands of
// damaged ones (bytes deleted, inserted, replaced, cut short, repeated) with
// jsonScanner and with the Decoder it replaced: both must refuse the same
// files, and read the same rows from the rest. A row the scanner hands on
// that the Decoder would have refused as a whole file must still be refused,
// as a bad row.
func TestScannerMatchesTheDecoder(t *testing.T) {
	three := 3
	x := Export{
		Exercises: []Exercise{{Slug: "wall-push-up", Name: "Wall push-up", Category: Core, Kind: Reps, Start: Dose{Reps: 8}, Goal: Dose{Reps: 15}, Step: Dose{Reps: 1}, Custom: true}},
		Sessions: []Session{
			{ID: "s1", Day: Day(20500), Exercise: "bird-dog", Dose: Dose{Sets: 1, Reps: 6, HoldS: 10}, PainDuring: &three, Note: "tight, \"ok\" \\ [x] {y}", RecordedAt: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)},
			{ID: "s2", Day: Day(20501), Exercise: "walking", Dose: Dose{Sets: 1, Minutes: 25}, Note: "line\nbreak, é", RecordedAt: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)},
		},
		Pain:    []PainEntry{{ID: "p1", Day: Day(20500), Score: 5, Note: "ä", RecordedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}},
		Routine: []RoutineEntry{{ID: "r1", Exercise: "bird-dog", Schedule: Schedule{PerWeek: 3}, Since: Day(20490), RecordedAt: time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)}},
	}
	var export, fhir bytes.Buffer
	if err := x.WriteJSON(&export); err != nil {
		t.Fatal(err)
	}
	if err := x.WriteFHIR(&fhir, FHIROptions{}); err != nil {
		t.Fatal(err)
	}
	compact := new(bytes.Buffer)
	if err := json.Compact(compact, export.Bytes()); err != nil {
		t.Fatal(err)
	}
	scanned := func(r io.Reader, yield func(ImportRow) error) error {
		return readJSON(bufio.NewReader(r), &limitedReader{r: r}, yield)
	}
	seeds := [][]byte{export.Bytes(), compact.Bytes(), fhir.Bytes()}
	for _, seed := range seeds {
		if got := readOutcome(scanned, seed); got == "refused" || got != readOutcome(referenceReadJSON, seed) {
			t.Fatalf("a valid file read as %q", got)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	special := []byte(`{}[],:"\ 0a-etn` + "\n\x00\xff")
	cases, accepted := 0, 0
	for range 30000 {
		data := bytes.Clone(seeds[rng.IntN(len(seeds))])
		for range 1 + rng.IntN(3) {
			i := rng.IntN(len(data))
			switch rng.IntN(5) {
			case 0:
				data = slices.Delete(data, i, i+1)
			case 1:
				data = slices.Insert(data, i, special[rng.IntN(len(special))])
			case 2:
				data[i] = special[rng.IntN(len(special))]
			case 3:
				data = data[:i]
			case 4:
				j := min(len(data), i+rng.IntN(40))
				data = slices.Insert(data, j, data[i:j]...)
			}
			if len(data) == 0 {
				data = []byte("{")
			}
		}
		cases++
		got, want := readOutcome(scanned, data), readOutcome(referenceReadJSON, data)
		if got != want {
			t.Fatalf("scanner: %q\ndecoder: %q\nfile:\n%s", got, want, data)
		}
		if got != "refused" {
			accepted++
		}
	}
	t.Logf("%d damaged files, %d of them still readable, read alike", cases, accepted)
	if accepted == 0 || accepted == cases {
		t.Errorf("%d of %d damaged files readable: the damage does not test both ways", accepted, cases)
	}
}
