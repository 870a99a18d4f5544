package journal

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportFormat names the JSON export, so import can tell it from other JSON.
const ExportFormat = "backlog-export"

// Export is the whole journal in portable form: what "backlog export"
// writes and "backlog import" reads back.
type Export struct {
	Format    string      `json:"format"`
	Version   int         `json:"version"`
	Exercises []Exercise  `json:"exercises"` // the user's own exercises, by slug
	Sessions  []Session   `json:"sessions"`  // by day, then by when recorded
	Pain      []PainEntry `json:"pain"`      // by day
	// Routine is every routine entry, past and present, by exercise and
	// start; left out when there is none, so older readers and files agree.
	Routine []RoutineEntry `json:"routine,omitempty"`
}

// csvHeader is the CSV export's columns. Rows of kind "exercise" carry a
// custom exercise's definition, as JSON, in the note column.
var csvHeader = []string{"kind", "id", "day", "exercise", "sets", "reps", "hold_s", "minutes", "pain_during", "score", "note", "recorded_at"}

// WriteJSON writes the export as indented JSON.
func (x Export) WriteJSON(w io.Writer) error {
	x.Format, x.Version = ExportFormat, 1
	if x.Exercises == nil {
		x.Exercises = []Exercise{}
	}
	if x.Sessions == nil {
		x.Sessions = []Session{}
	}
	if x.Pain == nil {
		x.Pain = []PainEntry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(x)
}

// WriteCSV writes the export as UTF-8 CSV with a header row and one row per
// exercise, session and pain entry.
func (x Export) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, e := range x.Exercises {
		def, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if err := cw.Write([]string{"exercise", "", "", e.Slug, "", "", "", "", "", "", string(def), ""}); err != nil {
			return err
		}
	}
	for _, s := range x.Sessions {
		during := ""
		if s.PainDuring != nil {
			during = strconv.Itoa(*s.PainDuring)
		}
		if err := cw.Write([]string{"session", s.ID, s.Day.String(), s.Exercise, itoa(s.Sets), itoa(s.Reps), itoa(s.HoldS), itoa(s.Minutes),
			during, "", s.Note, timeOrEmpty(s.RecordedAt)}); err != nil {
			return err
		}
	}
	for _, p := range x.Pain {
		if err := cw.Write([]string{"pain", p.ID, p.Day.String(), "", "", "", "", "", "", strconv.Itoa(p.Score), p.Note, timeOrEmpty(p.RecordedAt)}); err != nil {
			return err
		}
	}
	for _, r := range x.Routine {
		// As for exercises, the entry itself travels as JSON in the note.
		def, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := cw.Write([]string{"routine", r.ID, r.Since.String(), r.Exercise, "", "", "", "", "", "", string(def), timeOrEmpty(r.RecordedAt)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// ImportRow is one entry read from an import file, with where it was found
// ("line 4", "sessions[2]") so problems can be reported against it.
type ImportRow struct {
	Pos      string
	Exercise *Exercise
	Session  *Session
	Pain     *PainEntry
	Routine  *RoutineEntry
	Err      error // set when the row could not even be read
}

// utf8BOM is what spreadsheets put at the start of a UTF-8 CSV file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadImport reads an export file, JSON or CSV. The format comes from the
// content: JSON starts with "{"; anything else is read as CSV. It returns an
// error only when the file as a whole cannot be read; problems with single
// rows are in their ImportRow.Err.
func ReadImport(r io.Reader) ([]ImportRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		if isFHIR(t) {
			return readFHIR(t)
		}
		return readJSON(t)
	}
	return readCSV(data)
}

func readJSON(data []byte) ([]ImportRow, error) {
	var file struct {
		Format    string            `json:"format"`
		Exercises []json.RawMessage `json:"exercises"`
		Sessions  []json.RawMessage `json:"sessions"`
		Pain      []json.RawMessage `json:"pain"`
		Routine   []json.RawMessage `json:"routine"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&file); err != nil {
		return nil, invalid("file", "give a file written by backlog export", "not a backlog export: %v", err)
	}
	if file.Format != "" && file.Format != ExportFormat {
		return nil, invalid("file", "give a file written by backlog export", "the JSON is a %q file, not a backlog export", file.Format)
	}
	var rows []ImportRow
	for i, raw := range file.Exercises {
		row := ImportRow{Pos: fmt.Sprintf("exercises[%d]", i), Exercise: &Exercise{}}
		row.Err = strictUnmarshal(raw, row.Exercise)
		rows = append(rows, row)
	}
	for i, raw := range file.Sessions {
		row := ImportRow{Pos: fmt.Sprintf("sessions[%d]", i), Session: &Session{}}
		row.Err = strictUnmarshal(raw, row.Session)
		rows = append(rows, row)
	}
	for i, raw := range file.Pain {
		row := ImportRow{Pos: fmt.Sprintf("pain[%d]", i), Pain: &PainEntry{}}
		row.Err = strictUnmarshal(raw, row.Pain)
		rows = append(rows, row)
	}
	for i, raw := range file.Routine {
		row := ImportRow{Pos: fmt.Sprintf("routine[%d]", i), Routine: &RoutineEntry{}}
		row.Err = strictUnmarshal(raw, row.Routine)
		rows = append(rows, row)
	}
	return rows, nil
}

func strictUnmarshal(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("cannot read it: %v", err)
	}
	return nil
}

func readCSV(data []byte) ([]ImportRow, error) {
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.FieldsPerRecord = -1 // rows may be short; missing columns are empty
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, invalid("file", "give a file written by backlog export --format csv", "not a readable CSV file: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["day"]; !ok {
		return nil, invalid("file", "the first row must name the columns, such as kind,id,day,exercise,reps,score,note",
			"the CSV has no header row with a day column")
	}
	var rows []ImportRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			pos := "the end of the file"
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				pos = fmt.Sprintf("line %d", perr.StartLine)
			}
			// The reader cannot find the next row after a broken quote.
			return append(rows, ImportRow{Pos: pos, Err: fmt.Errorf("cannot read it: %v", err)}), nil
		}
		line, _ := cr.FieldPos(0)
		pos := fmt.Sprintf("line %d", line)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue // a blank row, as spreadsheets leave
		}
		rows = append(rows, csvRow(pos, get))
	}
}

// csvRow turns one CSV record into an import row.
func csvRow(pos string, get func(string) string) ImportRow {
	row := ImportRow{Pos: pos}
	kind := strings.ToLower(get("kind"))
	if kind == "" {
		kind = "session"
		if get("score") != "" && get("exercise") == "" {
			kind = "pain"
		}
	}
	var err error
	num := func(name string) int {
		if err != nil || get(name) == "" {
			return 0
		}
		var n int
		if n, err = strconv.Atoi(get(name)); err != nil {
			err = fmt.Errorf("%s %q is not a whole number", name, get(name))
		}
		return n
	}
	var recorded time.Time
	if v := get("recorded_at"); v != "" {
		if recorded, err = parseTime(v); err != nil {
			err = fmt.Errorf("recorded_at %q is not a time", v)
		}
	}
	var day Day
	if kind != "exercise" && kind != "routine" && err == nil {
		if day, err = ParseDay(get("day")); err != nil {
			err = fmt.Errorf("day %q is not a date (YYYY-MM-DD)", get("day"))
		}
	}
	switch kind {
	case "routine":
		row.Routine = &RoutineEntry{}
		if err = json.Unmarshal([]byte(get("note")), row.Routine); err != nil {
			err = fmt.Errorf("the routine entry cannot be read: %v", err)
		}
	case "exercise":
		row.Exercise = &Exercise{}
		if err = json.Unmarshal([]byte(get("note")), row.Exercise); err != nil {
			err = fmt.Errorf("the exercise definition cannot be read: %v", err)
		}
	case "session":
		s := &Session{ID: get("id"), Day: day, Exercise: get("exercise"), Note: get("note"), RecordedAt: recorded}
		s.Sets, s.Reps, s.HoldS, s.Minutes = num("sets"), num("reps"), num("hold_s"), num("minutes")
		if get("pain_during") != "" {
			p := num("pain_during")
			s.PainDuring = &p
		}
		row.Session = s
	case "pain":
		p := &PainEntry{ID: get("id"), Day: day, Note: get("note"), RecordedAt: recorded}
		if get("score") == "" && err == nil {
			err = fmt.Errorf("no score")
		}
		p.Score = num("score")
		row.Pain = p
	default:
		err = fmt.Errorf("kind %q is not session, pain, exercise or routine", kind)
	}
	row.Err = err
	return row
}

// validID reports whether id looks like an entry id: what backlog makes, or
// what another tool plausibly wrote (letters, digits, _ . : -, at most 64).
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_.:-", r)) {
			return false
		}
	}
	return true
}
