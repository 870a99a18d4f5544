package journal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

// fhirExport is an export with every kind of entry: a custom exercise, a
// reps, a hold, a reps-with-hold and a minutes session, sets, pain during,
// pain with and without a note, and unicode.
func fhirExport(t *testing.T) journal.Export {
	t.Helper()
	two, zero := 2, 0
	at := time.Date(2026, 3, 1, 8, 30, 0, 123456789, time.UTC)
	return journal.Export{
		Exercises: []journal.Exercise{{Slug: "wall-push-up", Name: "Wall push-up", Category: journal.Core, Kind: journal.Reps,
			Start: journal.Dose{Reps: 8}, Goal: journal.Dose{Reps: 15}, Step: journal.Dose{Reps: 1}, Custom: true}},
		Sessions: []journal.Session{
			{ID: "s-1", Day: day(t, "2026-03-01"), Exercise: "cat-cow", Dose: journal.Dose{Reps: 8, Sets: 1}, RecordedAt: at},
			{ID: "s-2", Day: day(t, "2026-03-01"), Exercise: "plank", Dose: journal.Dose{HoldS: 20, Reps: 1, Sets: 1}, Note: "shaky"},
			{ID: "s-3", Day: day(t, "2026-03-02"), Exercise: "glute-bridge", Dose: journal.Dose{Reps: 10, HoldS: 6, Sets: 3}, PainDuring: &two},
			{ID: "s-4", Day: day(t, "2026-03-02"), Exercise: "walking", Dose: journal.Dose{Minutes: 25, Sets: 1}, PainDuring: &zero, Note: "Fluss — 痛"},
			{ID: "s-5", Day: day(t, "2026-03-03"), Exercise: "wall-push-up", Dose: journal.Dose{Reps: 9, Sets: 2}},
		},
		Pain: []journal.PainEntry{
			{ID: "p-1", Day: day(t, "2026-03-01"), Score: 4, RecordedAt: at},
			{ID: "p-2", Day: day(t, "2026-03-02"), Score: 3, Note: "ä ß 痛"},
		},
	}
}

// readRows and importRows are the only places these tests call the import
// API, so a change of its shape is met here.
func readRows(r io.Reader) ([]journal.ImportRow, error) {
	var rows []journal.ImportRow
	err := journal.ReadImport(r)(func(row journal.ImportRow) error {
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

func importRows(ctx context.Context, s *journal.Store, rows []journal.ImportRow) (journal.ImportResult, error) {
	return s.Import(ctx, journal.Rows(rows))
}

func writeFHIR(t *testing.T, x journal.Export, opt journal.FHIROptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := x.WriteFHIR(&buf, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// resources decodes a bundle and returns its entries' resources by the
// value of their first identifier.
func resources(t *testing.T, data []byte) (map[string]any, map[string]map[string]any) {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	urls := map[string]bool{}
	for _, e := range b["entry"].([]any) {
		entry := e.(map[string]any)
		url := entry["fullUrl"].(string)
		if urls[url] {
			t.Errorf("fullUrl %s is used twice", url)
		}
		urls[url] = true
		r := entry["resource"].(map[string]any)
		id := r["identifier"].([]any)[0].(map[string]any)["value"].(string)
		byID[id] = r
	}
	return b, byID
}

// get follows a path of keys and indexes through decoded JSON.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestFHIRUUIDIsVersion5(t *testing.T) {
	// Python: uuid.uuid5(uuid.NAMESPACE_URL, "urn:backlog:entry:s-1")
	if got, want := journal.FHIRUUID("urn:backlog:entry:s-1"), "urn:uuid:abcd269e-8e69-53f0-8f79-26c198b1dde5"; got != want {
		t.Errorf("FHIRUUID = %s, want %s", got, want)
	}
}

func TestWriteFHIRShape(t *testing.T) {
	data := writeFHIR(t, fhirExport(t), journal.FHIROptions{})
	if !bytes.Equal(data, writeFHIR(t, fhirExport(t), journal.FHIROptions{})) {
		t.Error("two exports of the same journal differ")
	}
	b, byID := resources(t, data)
	if b["resourceType"] != "Bundle" || b["type"] != "collection" || len(byID) != 8 {
		t.Fatalf("want a collection Bundle of 8 entries, got %v %v with %d", b["resourceType"], b["type"], len(byID))
	}
	if strings.Contains(string(data), `"subject"`) {
		t.Error("a subject was written though no --patient was given")
	}
	p1, p2 := byID["p-1"], byID["p-2"]
	for path, want := range map[string][2]any{
		"status":            {get(p1, "status"), "final"},
		"category":          {get(p1, "category", 0, "coding", 0, "code"), "survey"},
		"category system":   {get(p1, "category", 0, "coding", 0, "system"), journal.CategorySystem},
		"code":              {get(p1, "code", "coding", 0, "code"), "72514-3"},
		"code system":       {get(p1, "code", "coding", 0, "system"), "http://loinc.org"},
		"value":             {get(p1, "valueInteger"), 4.0},
		"effectiveDateTime": {get(p1, "effectiveDateTime"), "2026-03-01"},
		"issued":            {get(p1, "issued"), "2026-03-01T08:30:00.123456789Z"},
		"no note":           {get(p1, "note"), nil},
		"note":              {get(p2, "note", 0, "text"), "ä ß 痛"},
		"no issued":         {get(p2, "issued"), nil},
		"identifier system": {get(p2, "identifier", 0, "system"), journal.FHIREntrySystem},
	} {
		if want[0] != want[1] {
			t.Errorf("pain %s = %v, want %v", path, want[0], want[1])
		}
	}

	// component returns a session's component by its code, as "value unit".
	component := func(r map[string]any, code string) string {
		for _, c := range get(r, "component").([]any) {
			if get(c, "code", "coding", 0, "code") == code {
				if q := get(c, "valueQuantity"); q != nil {
					return strings.TrimSpace(strings.Join([]string{jsonText(get(q, "value")), get(q, "code").(string), get(q, "system").(string)}, " "))
				}
				return jsonText(get(c, "valueInteger"))
			}
		}
		return ""
	}
	for _, tc := range []struct {
		id, code, want string
	}{
		{"s-1", "reps", "8 {reps} http://unitsofmeasure.org"},
		{"s-1", "sets", "1 {sets} http://unitsofmeasure.org"},
		{"s-1", "hold", ""},
		{"s-2", "hold", "20 s http://unitsofmeasure.org"},
		{"s-3", "reps", "10 {reps} http://unitsofmeasure.org"},
		{"s-3", "hold", "6 s http://unitsofmeasure.org"},
		{"s-3", "sets", "3 {sets} http://unitsofmeasure.org"},
		{"s-3", "72514-3", "2"},
		{"s-4", "55411-3", "25 min http://unitsofmeasure.org"},
		{"s-4", "72514-3", "0"},
		{"s-4", "reps", ""},
		{"s-5", "sets", "2 {sets} http://unitsofmeasure.org"},
	} {
		if got := component(byID[tc.id], tc.code); got != tc.want {
			t.Errorf("%s component %s = %q, want %q", tc.id, tc.code, got, tc.want)
		}
	}
	s4 := byID["s-4"]
	for path, want := range map[string][2]any{
		"category":      {get(s4, "category", 0, "coding", 0, "code"), "activity"},
		"code":          {get(s4, "code", "coding", 0, "code"), "73985-4"},
		"exercise":      {get(s4, "valueCodeableConcept", "coding", 0, "code"), "walking"},
		"exercise text": {get(s4, "valueCodeableConcept", "text"), "Walking"},
		"note":          {get(s4, "note", 0, "text"), "Fluss — 痛"},
		"custom name":   {get(byID["s-5"], "valueCodeableConcept", "text"), "Wall push-up"},
		"plain note":    {get(s4, "note", 0, "extension"), nil},
	} {
		if want[0] != want[1] {
			t.Errorf("session %s = %v, want %v", path, want[0], want[1])
		}
	}
}

// TestFHIRKeepsControlCharactersExact: FHIR strings may not hold control
// characters, which a journal written before notes were checked may have.
// The note's text shows them as U+FFFD and an extension keeps the exact
// note, which is what import reads.
func TestFHIRKeepsControlCharactersExact(t *testing.T) {
	note := "shaky\x07 \x1b[0m\tok"
	x := journal.Export{Pain: []journal.PainEntry{{ID: "p-1", Day: day(t, "2026-03-01"), Score: 2, Note: note}}}
	data := writeFHIR(t, x, journal.FHIROptions{})
	_, byID := resources(t, data)
	if got, want := get(byID["p-1"], "note", 0, "text"), "shaky\uFFFD \uFFFD[0m\tok"; got != want {
		t.Errorf("note text = %q, want %q", got, want)
	}
	if got, want := get(byID["p-1"], "note", 0, "extension", 0, "valueBase64Binary"), "c2hha3kHIBtbMG0Jb2s="; got != want {
		t.Errorf("exact note = %v, want %v", got, want)
	}
	rows, err := readRows(bytes.NewReader(data))
	if err != nil || len(rows) != 1 || rows[0].Pain == nil || rows[0].Pain.Note != note {
		t.Errorf("read back %+v, %v; want the pain score with note %q", rows, err, note)
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v) // decoded JSON always encodes
	return string(b)
}

func TestWriteFHIROptions(t *testing.T) {
	data := writeFHIR(t, fhirExport(t), journal.FHIROptions{Since: day(t, "2026-03-02"), Until: day(t, "2026-03-02"), Patient: "Zoë Example"})
	_, byID := resources(t, data)
	var ids []string
	for id, r := range byID {
		ids = append(ids, id)
		if r["resourceType"] == "Observation" && get(r, "subject", "display") != "Zoë Example" {
			t.Errorf("%s subject = %v, want only the display Zoë Example", id, r["subject"])
		}
		if s, ok := r["subject"].(map[string]any); ok && len(s) != 1 {
			t.Errorf("%s subject holds more than a display: %v", id, s)
		}
	}
	if len(byID) != 4 || byID["s-3"] == nil || byID["s-4"] == nil || byID["p-2"] == nil || byID["wall-push-up"] == nil {
		t.Errorf("2026-03-02 only: got %v, want s-3, s-4, p-2 and the custom exercise", ids)
	}
	for _, opt := range []journal.FHIROptions{
		{Since: day(t, "2026-03-03"), Until: day(t, "2026-03-01")},
		{Patient: " Zoë"},
		{Patient: "Zoë\x1b[31m"},
	} {
		if err := fhirExport(t).WriteFHIR(&bytes.Buffer{}, opt); err == nil {
			t.Errorf("options %+v were accepted", opt)
		}
	}
}

// TestFHIRRoundTrip records entries in a real journal, writes them as FHIR,
// imports that into an empty journal and requires the same JSON export.
func TestFHIRRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := openTest(t)
	x := fhirExport(t)
	rows := []journal.ImportRow{{Pos: "x", Exercise: &x.Exercises[0]}}
	for i := range x.Sessions {
		rows = append(rows, journal.ImportRow{Pos: "s", Session: &x.Sessions[i]})
	}
	for i := range x.Pain {
		rows = append(rows, journal.ImportRow{Pos: "p", Pain: &x.Pain[i]})
	}
	if _, err := importRows(ctx, src, rows); err != nil {
		t.Fatal(err)
	}
	want, err := src.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bundle := writeFHIR(t, want, journal.FHIROptions{Patient: "Zoë"})

	dst := openTest(t)
	read, err := readRows(bytes.NewReader(bundle))
	if err != nil {
		t.Fatal(err)
	}
	res, err := importRows(ctx, dst, read)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sessions != 5 || res.Pain != 2 || res.Exercises != 1 {
		t.Errorf("imported %+v, want 5 sessions, 2 pain scores, 1 exercise", res)
	}
	got, err := dst.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := want.WriteJSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := got.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("the round trip through FHIR changed the journal:\nbefore %s\nafter  %s", a.String(), b.String())
	}
}

func TestReadFHIRRefusesWhatBacklogDidNotWrite(t *testing.T) {
	pain := func(mod string) string {
		return `{"resourceType":"Observation","identifier":[{"system":"urn:backlog:entry","value":"p-9"}],"status":"final",` +
			`"code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},"effectiveDateTime":"2026-03-01","valueInteger":4` + mod + `}`
	}
	session := func(comp string) string {
		return `{"resourceType":"Observation","identifier":[{"system":"urn:backlog:entry","value":"s-9"}],"status":"final",` +
			`"code":{"coding":[{"system":"http://loinc.org","code":"73985-4"}]},"effectiveDateTime":"2026-03-01",` +
			`"valueCodeableConcept":{"coding":[{"system":"urn:backlog:exercise","code":"cat-cow"}]},"component":[` + comp + `]}`
	}
	for _, tc := range []struct{ resource, want string }{
		{pain(""), ""},
		{strings.Replace(pain(""), `"valueInteger":4`, `"valueInteger":4.5`, 1), "the score 4.5 is not a whole number"},
		{strings.Replace(pain(""), `"valueInteger":4`, `"valueString":"4"`, 1), "no valueInteger score"},
		{strings.Replace(pain(""), `2026-03-01`, `2026-03-01T10:00:00Z`, 1), "is not a date"},
		{strings.Replace(pain(""), `"final"`, `"entered-in-error"`, 1), `status "entered-in-error"`},
		{strings.Replace(pain(""), `urn:backlog:entry`, `http://example.org/ids`, 1), "without a urn:backlog:entry identifier"},
		{strings.Replace(pain(""), `72514-3`, `8867-4`, 1), "coded neither"},
		{pain(`,"issued":"yesterday"`), `issued "yesterday" is not a time`},
		{session(`{"code":{"coding":[{"system":"urn:backlog:dose","code":"reps"}]},"valueQuantity":{"value":8,"unit":"reps","system":"http://unitsofmeasure.org","code":"{reps}"}}`), ""},
		{session(`{"code":{"coding":[{"system":"urn:backlog:dose","code":"reps"}]},"valueQuantity":{"value":8,"unit":"min","system":"http://unitsofmeasure.org","code":"min"}}`), "needs a valueQuantity in UCUM {reps}"},
		{session(`{"code":{"coding":[{"system":"urn:backlog:dose","code":"reps"}]},"valueQuantity":{"value":8.5,"unit":"reps","system":"http://unitsofmeasure.org","code":"{reps}"}}`), "Repetitions 8.5 is not a whole number"},
		{session(`{"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueInteger":60}`), "a component backlog does not know: http://loinc.org|8867-4"},
		{strings.Replace(session(``), `urn:backlog:exercise`, `http://snomed.info/sct`, 1), "no exercise coded in urn:backlog:exercise"},
		{`{"resourceType":"ActivityDefinition","status":"active"}`, "without backlog's urn:backlog:exercise-definition extension"},
		{`{"resourceType":"Patient"}`, `a FHIR "Patient" resource`},
		{`7`, "cannot read it: json: cannot unmarshal number"},
	} {
		data := `{"resourceType":"Bundle","type":"collection","entry":[{"resource":` + tc.resource + `}]}`
		rows, err := readRows(strings.NewReader(data))
		if err != nil || len(rows) != 1 {
			t.Fatalf("ReadImport(%s) = %d rows, %v", tc.resource, len(rows), err)
		}
		got := ""
		if rows[0].Err != nil {
			got = rows[0].Err.Error()
		}
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("ReadImport(%s): error %q, want %q", tc.resource, got, tc.want)
		}
	}
	rows, err := readRows(strings.NewReader(`{"resourceType":"Bundle","type":"collection","entry":[7,{}]}`))
	if err != nil || len(rows) != 2 || rows[0].Err == nil || rows[1].Err == nil ||
		rows[0].Err.Error() != "an entry that is not an object" || rows[1].Err.Error() != "an entry without a resource" {
		t.Errorf("entries 7 and {} gave %+v, %v", rows, err)
	}
	for _, tc := range []struct{ file, want string }{
		{`{"resourceType":"Patient"}`, "the file is a FHIR Patient, not a Bundle"},
		{`{"resourceType":"Bundle","type":"searchset"}`, `of type "searchset", not collection`},
		{`{"resourceType":"Bundle","type":"collection","entry":7}`, "not a readable FHIR bundle: entry is not a list"},
		{`{"resourceType":"Bundle","type":"collection","entry":[{"resource":{}}`, "not a readable FHIR bundle: the file ends in the middle"},
		{`{"resourceType":"Bundle","entry":[]}`, "entries come before its resourceType and type"},
		{`{"resourceType":"Bundle","type":"collection"}{}`, "more in the file after the FHIR Bundle ends"},
	} {
		if _, err := readRows(strings.NewReader(tc.file)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadImport(%s) = %v, want %q", tc.file, err, tc.want)
		}
	}
}

// BenchmarkWriteFHIR writes a 10-year journal (about 28,000 sessions and
// 3,650 pain scores) as a FHIR bundle.
func BenchmarkWriteFHIR(b *testing.B) {
	sessions, pain := journaltest.Generate(10, journal.Day(20600), 1)
	x := journal.Export{Sessions: sessions, Pain: pain}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := x.WriteFHIR(&buf, journal.FHIROptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// BenchmarkReadFHIR reads a 10-year journal's FHIR bundle back into import
// rows.
func BenchmarkReadFHIR(b *testing.B) {
	sessions, pain := journaltest.Generate(10, journal.Day(20600), 1)
	var buf bytes.Buffer
	if err := (journal.Export{Sessions: sessions, Pain: pain}).WriteFHIR(&buf, journal.FHIROptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := readRows(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}
