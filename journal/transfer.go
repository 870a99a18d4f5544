package journal

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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

// WriteJSON writes the export as indented JSON: the bytes encoding/json
// would write with a two-space indent, but sessions and pain scores, nearly
// all of a journal, are written by hand, which is several times faster than
// reflection and builds no intermediate copies.
func (x Export) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := make([]byte, 0, 512)
	buf = append(buf, "{\n  \"format\": "...)
	buf = appendJSONString(buf, ExportFormat)
	buf = append(buf, ",\n  \"version\": "...)
	buf = strconv.AppendInt(buf, ExportVersion, 10)
	buf = append(buf, ",\n  \"exercises\": "...)
	var err error
	if buf, err = appendIndentedArray(buf, x.Exercises); err != nil {
		return err
	}
	buf = append(buf, ",\n  \"sessions\": "...)
	if len(x.Sessions) == 0 {
		buf = append(buf, "[]"...)
	}
	for i, sess := range x.Sessions {
		if i == 0 {
			buf = append(buf, "[\n"...)
		} else {
			buf = append(buf, ",\n"...)
		}
		buf = appendSessionJSON(buf, sess)
		if len(buf) > 32<<10 {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(x.Sessions) > 0 {
		buf = append(buf, "\n  ]"...)
	}
	buf = append(buf, ",\n  \"pain\": "...)
	if len(x.Pain) == 0 {
		buf = append(buf, "[]"...)
	}
	for i, p := range x.Pain {
		if i == 0 {
			buf = append(buf, "[\n"...)
		} else {
			buf = append(buf, ",\n"...)
		}
		buf = appendPainJSON(buf, p)
		if len(buf) > 32<<10 {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(x.Pain) > 0 {
		buf = append(buf, "\n  ]"...)
	}
	if len(x.Routine) > 0 {
		buf = append(buf, ",\n  \"routine\": "...)
		if buf, err = appendIndentedArray(buf, x.Routine); err != nil {
			return err
		}
	}
	buf = append(buf, "\n}\n"...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}

// appendIndentedArray appends list as encoding/json indents an array two
// levels deep; it is for the few custom exercises and routine entries.
func appendIndentedArray[T any](buf []byte, list []T) ([]byte, error) {
	if len(list) == 0 {
		return append(buf, "[]"...), nil
	}
	buf = append(buf, "[\n"...)
	for i, v := range list {
		if i > 0 {
			buf = append(buf, ",\n"...)
		}
		b, err := json.MarshalIndent(v, "    ", "  ")
		if err != nil {
			return nil, err
		}
		buf = append(buf, "    "...)
		buf = append(buf, b...)
	}
	return append(buf, "\n  ]"...), nil
}

// appendSessionJSON appends one session as Session.MarshalJSON writes it,
// indented as an element of the export's sessions.
func appendSessionJSON(buf []byte, s Session) []byte {
	buf = append(buf, "    {\n      \"id\": "...)
	buf = appendJSONString(buf, s.ID)
	buf = append(buf, ",\n      \"day\": "...)
	buf = appendJSONString(buf, s.Day.String())
	buf = append(buf, ",\n      \"exercise\": "...)
	buf = appendJSONString(buf, s.Exercise)
	buf = append(buf, ",\n      \"sets\": "...)
	buf = strconv.AppendInt(buf, int64(s.Sets), 10)
	buf = append(buf, ",\n      \"reps\": "...)
	buf = strconv.AppendInt(buf, int64(s.Reps), 10)
	buf = append(buf, ",\n      \"hold_s\": "...)
	buf = strconv.AppendInt(buf, int64(s.HoldS), 10)
	buf = append(buf, ",\n      \"minutes\": "...)
	buf = strconv.AppendInt(buf, int64(s.Minutes), 10)
	buf = append(buf, ",\n      \"pain_during\": "...)
	if s.PainDuring == nil {
		buf = append(buf, "null"...)
	} else {
		buf = strconv.AppendInt(buf, int64(*s.PainDuring), 10)
	}
	buf = append(buf, ",\n      \"note\": "...)
	buf = appendJSONString(buf, s.Note)
	if !s.RecordedAt.IsZero() {
		buf = append(buf, ",\n      \"recorded_at\": "...)
		buf = appendJSONString(buf, formatTime(s.RecordedAt))
	}
	return append(buf, "\n    }"...)
}

// appendPainJSON appends one pain score as PainEntry.MarshalJSON writes it,
// indented as an element of the export's pain.
func appendPainJSON(buf []byte, p PainEntry) []byte {
	buf = append(buf, "    {\n      \"id\": "...)
	buf = appendJSONString(buf, p.ID)
	buf = append(buf, ",\n      \"day\": "...)
	buf = appendJSONString(buf, p.Day.String())
	buf = append(buf, ",\n      \"score\": "...)
	buf = strconv.AppendInt(buf, int64(p.Score), 10)
	buf = append(buf, ",\n      \"note\": "...)
	buf = appendJSONString(buf, p.Note)
	if !p.RecordedAt.IsZero() {
		buf = append(buf, ",\n      \"recorded_at\": "...)
		buf = appendJSONString(buf, formatTime(p.RecordedAt))
	}
	return append(buf, "\n    }"...)
}

// appendJSONString appends s quoted exactly as encoding/json quotes it
// (with its HTML escaping): <, > and & as \u003c and so on, control
// characters escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
// TestAppendJSONStringMatchesEncodingJSON holds it to that.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '\\', '"':
				buf = append(buf, '\\', b)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// WriteCSV writes the export as UTF-8 CSV with a header row and one row per
// exercise, session and pain entry. A cell a spreadsheet would run as a
// formula is written with an apostrophe in front (see guardCell), which
// import takes off again.
func (x Export) WriteCSV(w io.Writer) error {
	cw := &guardedWriter{csv.NewWriter(w)}
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

// guardedWriter writes CSV records with every cell guarded against formula
// injection.
type guardedWriter struct{ *csv.Writer }

func (g *guardedWriter) Write(rec []string) error {
	for i, cell := range rec {
		rec[i] = guardCell(cell)
	}
	return g.Writer.Write(rec)
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
	// NoHold is set when a session row gave no hold at all (a spreadsheet
	// that tracked repetitions only): an exercise of repetitions with a hold
	// then takes its standard hold.
	NoHold bool
}

// ImportSource hands the rows of an import to yield one at a time, in file
// order, and stops at the first error yield returns. Its own error is about
// the file as a whole (unreadable, too big, not an export).
type ImportSource func(yield func(ImportRow) error) error

// Rows is an ImportSource of rows already in memory.
func Rows(rows []ImportRow) ImportSource {
	return func(yield func(ImportRow) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
}

// Limits on what import reads. Import streams the file row by row, so its
// memory stays flat whatever the file's size; the row limit bounds what one
// row can hold. The file limit bounds how long an import holds the journal's
// write lock: a ten-year journal exports to under 10 MB, and 512 MiB imports
// in well under a minute, far inside the five minutes a waiting "done" waits.
const (
	MaxImportBytes    = 512 << 20 // the whole file
	MaxImportRowBytes = 1 << 20   // one row: a session, a pain score or an exercise
)

// errTooBig is what the size-limited reader returns; it becomes a
// ValidationError naming the limit.
type errTooBig struct{ what string }

func (e errTooBig) Error() string { return e.what }

// limitedReader reads at most MaxImportBytes in all and at most
// MaxImportRowBytes (plus what the parser reads ahead) between two calls of
// nextRow, so a row without an end, such as /dev/zero, is refused at once.
type limitedReader struct {
	r          io.Reader
	total, row int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.total >= MaxImportBytes {
		return 0, errTooBig{fmt.Sprintf("the file is larger than %d MiB, the most backlog imports at once; split it", MaxImportBytes>>20)}
	}
	if l.row >= MaxImportRowBytes+64<<10 {
		return 0, errTooBig{fmt.Sprintf("a row is longer than %d KiB, which no backlog export writes", MaxImportRowBytes>>10)}
	}
	p = p[:min(int64(len(p)), MaxImportBytes-l.total, MaxImportRowBytes+64<<10-l.row)]
	n, err := l.r.Read(p)
	l.total += int64(n)
	l.row += int64(n)
	return n, err
}

func (l *limitedReader) nextRow() { l.row = 0 }

// utf8BOM is what spreadsheets put at the start of a UTF-8 CSV file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadImport reads an export file, JSON, FHIR or CSV, as it goes: the format
// comes from the content (JSON starts with "{", and a FHIR bundle with a key
// other than backlog's own; anything else is read as CSV), and
// rows are handed on one at a time, so memory stays bounded however long the
// file. Problems with single rows are in their ImportRow.Err; problems with
// the file as a whole are a ValidationError from the source.
func ReadImport(r io.Reader) ImportSource {
	return func(yield func(ImportRow) error) error {
		lim := &limitedReader{r: r}
		br := bufio.NewReaderSize(lim, 64<<10)
		if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, utf8BOM) {
			if _, err := br.Discard(3); err != nil {
				return err
			}
		}
		first, err := firstByte(br)
		if err != nil {
			return fileError(err)
		}
		if first == '{' {
			err = readJSON(br, lim, yield)
		} else {
			err = readCSV(br, lim, yield)
		}
		return fileError(err)
	}
}

// fileError turns read failures of the file as a whole into bad input.
func fileError(err error) error {
	var big errTooBig
	if errors.As(err, &big) {
		return invalid("file", "", "%s", big.what)
	}
	return err
}

// firstByte peeks at the first byte that is not white space, or 0 for an
// empty file.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			if _, err := br.Discard(1); err != nil {
				return 0, err
			}
		default:
			return b[0], nil
		}
	}
}

// ExportVersion is the version of the export format this binary writes and
// the newest it reads.
const ExportVersion = 1

func notExport(format string, args ...any) error {
	return invalid("file", "give a file written by backlog export", format, args...)
}

// readJSON streams a JSON export: the object's format and version, then each
// element of its exercises, sessions and pain arrays. Anything else in the
// file (an unknown field, a second object after the first) is refused.
func readJSON(br *bufio.Reader, lim *limitedReader, yield func(ImportRow) error) error {
	s := &jsonScanner{br: br}
	syntax := func(err error) error {
		var big errTooBig
		if errors.As(err, &big) {
			return err
		}
		return notExport("not a backlog export: the JSON cannot be read (%v)", err)
	}
	if err := s.expect('{'); err != nil { // the opening brace, as peeked
		return syntax(err)
	}
	var format string
	version := 0
	for first := true; ; first = false {
		lim.nextRow()
		more, err := s.more(first, '}')
		if err != nil {
			return syntax(err)
		}
		if !more {
			break
		}
		key, err := s.key()
		if err != nil {
			return syntax(err)
		}
		if first && !slices.Contains([]string{"format", "version", "exercises", "sessions", "pain", "routine"}, key) {
			// Not backlog's own export, which starts with its format: a
			// FHIR bundle, or nothing backlog reads. Its reader takes a
			// decoder just after the first key, so the key is given again.
			quoted, err := json.Marshal(key)
			if err != nil {
				return err
			}
			dec := json.NewDecoder(io.MultiReader(bytes.NewReader(append(append([]byte("{"), quoted...), ':')), br))
			if _, err := dec.Token(); err != nil {
				return syntax(err)
			}
			if _, err := dec.Token(); err != nil {
				return syntax(err)
			}
			return readFHIRBundle(dec, key, lim.nextRow, yield)
		}
		switch key {
		case "format":
			if err := s.decode(&format); err != nil {
				return syntax(err)
			}
			if format != ExportFormat {
				return notExport("the JSON is a %q file, not a backlog export", format)
			}
		case "version":
			if err := s.decode(&version); err != nil {
				return syntax(err)
			}
			if version > ExportVersion {
				return invalid("file", "install a newer backlog to import it", "the file is export format version %d, written by a newer backlog; this one reads up to version %d", version, ExportVersion)
			}
			if version < 1 {
				return notExport("the export format version %d is not valid", version)
			}
		case "exercises", "sessions", "pain", "routine":
			if format == "" || version == 0 {
				return notExport("the file does not start with the format and version of a backlog export")
			}
			if err := readJSONArray(s, lim, key, yield); err != nil {
				return err
			}
		default:
			return notExport("unknown field %q in the file; a backlog export has format, version, exercises, sessions, pain and routine", key)
		}
	}
	if format == "" || version == 0 {
		return notExport("the file has no format and version; it was not written by backlog export")
	}
	lim.nextRow()
	if end, err := s.end(); err != nil {
		return syntax(err)
	} else if !end {
		return notExport("there is more in the file after the export ends (two files joined?); import them one at a time")
	}
	return nil
}

func readJSONArray(s *jsonScanner, lim *limitedReader, key string, yield func(ImportRow) error) error {
	if b, err := s.space(); err != nil {
		return notExport("%s: %v", key, s.eof(err))
	} else if b != '[' {
		return notExport("%s is not a list", key)
	}
	s.advance(1)
	for i := 0; ; i++ {
		lim.nextRow()
		more, err := s.more(i == 0, ']')
		if err != nil {
			return arrayError(key, i, err)
		}
		if !more {
			return nil
		}
		raw, err := s.value()
		if err != nil {
			return arrayError(key, i, err)
		}
		if err := yield(jsonRow(key, i, raw)); err != nil {
			return err
		}
	}
}

func arrayError(key string, i int, err error) error {
	var big errTooBig
	if errors.As(err, &big) {
		return err
	}
	return notExport("%s[%d] cannot be read: %v", key, i, err)
}

// Wire shapes of the JSON export's rows for reading: pointers tell a field
// that is missing from one that is zero.
type (
	sessionIn struct {
		ID         *string `json:"id"`
		Day        *Day    `json:"day"`
		Exercise   *string `json:"exercise"`
		Sets       *int    `json:"sets"`
		Reps       *int    `json:"reps"`
		HoldS      *int    `json:"hold_s"`
		Minutes    *int    `json:"minutes"`
		PainDuring *int    `json:"pain_during"`
		Note       *string `json:"note"`
		RecordedAt *string `json:"recorded_at"`
	}
	painIn struct {
		ID         *string `json:"id"`
		Day        *Day    `json:"day"`
		Score      *int    `json:"score"`
		Note       *string `json:"note"`
		RecordedAt *string `json:"recorded_at"`
	}
)

// jsonRow reads one element of the exercises, sessions or pain array
// strictly: unknown fields, missing required ones and bytes that are not
// UTF-8 make the row bad.
func jsonRow(key string, i int, raw json.RawMessage) ImportRow {
	row := ImportRow{Pos: fmt.Sprintf("%s[%d]", key, i)}
	if !utf8.Valid(raw) {
		row.Err = fmt.Errorf("it has bytes that are not UTF-8; save the file as UTF-8")
		return row
	}
	switch key {
	case "sessions":
		if sess, noHold, ok := fastSession(raw); ok {
			row.Session, row.NoHold = sess, noHold
			return row
		}
	case "pain":
		if p, ok := fastPain(raw); ok {
			row.Pain = p
			return row
		}
	}
	return decodeRow(row, key, raw)
}

// decodeRow reads a row of any shape with the strict decoder, saying what is
// wrong with it in row.Err.
func decodeRow(row ImportRow, key string, raw json.RawMessage) ImportRow {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var err error
	switch key {
	case "exercises":
		row.Exercise = &Exercise{}
		err = decodeExercise(dec, row.Exercise)
	case "sessions":
		var in sessionIn
		if err = dec.Decode(&in); err != nil {
			break
		}
		sess := &Session{ID: deref(in.ID), Exercise: deref(in.Exercise), Note: deref(in.Note), PainDuring: in.PainDuring}
		sess.Sets, sess.Reps, sess.HoldS, sess.Minutes = deref(in.Sets), deref(in.Reps), deref(in.HoldS), deref(in.Minutes)
		row.Session, row.NoHold = sess, in.HoldS == nil
		switch {
		case in.Day == nil:
			err = errors.New("it has no day")
		case in.Exercise == nil:
			err = errors.New("it has no exercise")
		default:
			sess.Day = *in.Day
			sess.RecordedAt, err = recordedAt(in.RecordedAt)
		}
	case "routine":
		row.Routine = &RoutineEntry{}
		err = decodeRoutine(raw, row.Routine)
	case "pain":
		var in painIn
		if err = dec.Decode(&in); err != nil {
			break
		}
		p := &PainEntry{ID: deref(in.ID), Score: deref(in.Score), Note: deref(in.Note)}
		row.Pain = p
		switch {
		case in.Day == nil:
			err = errors.New("it has no day")
		case in.Score == nil:
			err = errors.New("it has no score")
		default:
			p.Day = *in.Day
			p.RecordedAt, err = recordedAt(in.RecordedAt)
		}
	}
	if err != nil {
		row.Err = fmt.Errorf("cannot read it: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return row
}

// exerciseFields is Exercise without its methods, so that a decoder that
// disallows unknown fields reaches its fields (Exercise's own UnmarshalJSON
// would not pass that setting on).
type exerciseFields Exercise

// decodeExercise reads an exercise strictly, taking "ceiling" for the goal
// as Exercise.UnmarshalJSON does.
func decodeExercise(dec *json.Decoder, e *Exercise) error {
	var v struct {
		exerciseFields
		Ceiling *Dose `json:"ceiling"`
	}
	if err := dec.Decode(&v); err != nil {
		return err
	}
	*e = Exercise(v.exerciseFields)
	if v.Ceiling != nil && e.Goal.IsZero() {
		e.Goal = *v.Ceiling
	}
	return nil
}

// decodeRoutine reads a routine entry strictly: its wire shape without
// unknown fields, then the entry as RoutineEntry.UnmarshalJSON reads it.
func decodeRoutine(raw []byte, e *RoutineEntry) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var shape routineJSON
	if err := dec.Decode(&shape); err != nil {
		return err
	}
	return json.Unmarshal(raw, e)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func recordedAt(s *string) (time.Time, error) {
	if s == nil || *s == "" {
		return time.Time{}, nil
	}
	t, err := parseTime(*s)
	if err != nil {
		return time.Time{}, fmt.Errorf("recorded_at %q is not a time", *s)
	}
	return t, nil
}

// csvColumns are the columns import knows; csvHeader is the order export
// writes them in.
func knownColumn(name string) bool { return slices.Contains(csvHeader, name) }

func readCSV(r io.Reader, lim *limitedReader, yield func(ImportRow) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // rows may be short; missing columns are empty
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		var big errTooBig
		if errors.As(err, &big) {
			return err
		}
		return invalid("file", "give a file written by backlog export --format csv", "not a readable CSV file: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["day"]; !ok {
		return invalid("file", "the first row must name the columns, such as kind,id,day,exercise,reps,score,note",
			"the CSV has no header row with a day column")
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case name == "":
		case !knownColumn(name):
			return invalid("file", "the columns are "+strings.Join(csvHeader, ","), "the CSV has an unknown column %q", h)
		case col[name] != i:
			return invalid("file", "keep one of them", "the CSV has two %s columns", name)
		}
	}
	delete(col, "")
	for {
		lim.nextRow()
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var big errTooBig
			if errors.As(err, &big) {
				return err
			}
			pos := "the end of the file"
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				pos = fmt.Sprintf("line %d", perr.StartLine)
			}
			// The reader cannot find the next row after a broken quote.
			return yield(ImportRow{Pos: pos, Err: fmt.Errorf("cannot read it: %v", err)})
		}
		line, _ := cr.FieldPos(0)
		pos := fmt.Sprintf("line %d", line)
		if strings.Join(rec, "") == "" {
			continue // a blank row, as spreadsheets leave
		}
		if i := slices.IndexFunc(rec, func(f string) bool { return !utf8.ValidString(f) }); i >= 0 {
			if err := yield(ImportRow{Pos: pos, Err: fmt.Errorf("it has bytes that are not UTF-8; save the file as UTF-8")}); err != nil {
				return err
			}
			continue
		}
		get := func(name string) (string, bool) {
			if i, ok := col[name]; ok && i < len(rec) {
				v := unguardCell(rec[i])
				if name != "note" {
					v = strings.TrimSpace(v)
				}
				return v, v != ""
			}
			return "", false
		}
		if err := yield(csvRow(pos, get)); err != nil {
			return err
		}
	}
}

// csvRow turns one CSV record into an import row.
func csvRow(pos string, get func(string) (string, bool)) ImportRow {
	val := func(name string) string { v, _ := get(name); return v }
	row := ImportRow{Pos: pos}
	kind := strings.ToLower(val("kind"))
	if kind == "" {
		kind = "session"
		if val("score") != "" && val("exercise") == "" {
			kind = "pain"
		}
	}
	var err error
	num := func(name string) int {
		if err != nil || val(name) == "" {
			return 0
		}
		var n int
		if n, err = strconv.Atoi(val(name)); err != nil {
			err = fmt.Errorf("%s %q is not a whole number", name, val(name))
		}
		return n
	}
	var recorded time.Time
	if v := val("recorded_at"); v != "" {
		if recorded, err = parseTime(v); err != nil {
			err = fmt.Errorf("recorded_at %q is not a time", v)
		}
	}
	var day Day
	if kind != "exercise" && kind != "routine" && err == nil {
		switch v := val("day"); {
		case v == "":
			err = errors.New("it has no day")
		default:
			if day, err = ParseDay(v); err != nil {
				err = fmt.Errorf("day %q is not a date (YYYY-MM-DD)", v)
			}
		}
	}
	switch kind {
	case "exercise":
		row.Exercise = &Exercise{}
		dec := json.NewDecoder(strings.NewReader(val("note")))
		dec.DisallowUnknownFields()
		if err = decodeExercise(dec, row.Exercise); err != nil {
			err = fmt.Errorf("the exercise definition cannot be read: %v", strings.TrimPrefix(err.Error(), "json: "))
		}
	case "routine":
		row.Routine = &RoutineEntry{}
		if err = decodeRoutine([]byte(val("note")), row.Routine); err != nil {
			err = fmt.Errorf("the routine entry cannot be read: %v", strings.TrimPrefix(err.Error(), "json: "))
		}
	case "session":
		s := &Session{ID: val("id"), Day: day, Exercise: val("exercise"), Note: val("note"), RecordedAt: recorded}
		if s.Exercise == "" && err == nil {
			err = errors.New("it has no exercise")
		}
		s.Sets, s.Reps, s.HoldS, s.Minutes = num("sets"), num("reps"), num("hold_s"), num("minutes")
		_, hasHold := get("hold_s")
		row.NoHold = !hasHold
		if val("pain_during") != "" {
			p := num("pain_during")
			s.PainDuring = &p
		}
		row.Session = s
	case "pain":
		p := &PainEntry{ID: val("id"), Day: day, Note: val("note"), RecordedAt: recorded}
		if val("score") == "" && err == nil {
			err = fmt.Errorf("it has no score")
		}
		p.Score = num("score")
		row.Pain = p
	default:
		err = fmt.Errorf("kind %q is not session, pain, exercise or routine", kind)
	}
	row.Err = err
	return row
}

// A spreadsheet runs a cell that starts with one of these as a formula
// (OWASP's list for CSV injection).
const formulaStarts = "=+-@\t\r"

// needsGuard reports whether a spreadsheet could take the cell for a
// formula, or whether the cell starts with the guard itself in front of such
// a cell (so that guarding is reversible).
func needsGuard(cell string) bool {
	switch {
	case cell == "":
		return false
	case strings.IndexByte(formulaStarts, cell[0]) >= 0:
		return true
	case cell[0] == '\'':
		return needsGuard(cell[1:])
	}
	return false
}

// guardCell puts an apostrophe in front of a cell a spreadsheet would run as
// a formula; spreadsheets show such a cell as text. unguardCell takes it off
// again, so export → import gives back the very same text.
func guardCell(cell string) string {
	if needsGuard(cell) {
		return "'" + cell
	}
	return cell
}

func unguardCell(cell string) string {
	if strings.HasPrefix(cell, "'") && needsGuard(cell[1:]) {
		return cell[1:]
	}
	return cell
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
