package journal

import "time"

// A fast path for the rows backlog itself writes. A ten-year import is some
// 30,000 rows, and decoding each through encoding/json's reflection with
// unknown fields refused was a fifth of the import's time. Rows in exactly
// the shape WriteJSON gives them (every field, in its order, strings without
// escapes, plain integers) are read here by hand; any other row, however
// slightly different, goes through the strict decoder, so what is accepted
// and every message about a bad row stay the decoder's.
// TestFastRowsMatchTheDecoder holds the two paths to the same results.

// rowScanner reads one JSON object of a known shape from raw bytes.
type rowScanner struct {
	b   []byte
	i   int
	bad bool
}

func (r *rowScanner) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// byte consumes c, after white space.
func (r *rowScanner) byte(c byte) {
	r.space()
	if r.bad || r.i >= len(r.b) || r.b[r.i] != c {
		r.bad = true
		return
	}
	r.i++
}

// key consumes `"name":`, the separator before it given as sep (0 for none).
func (r *rowScanner) key(sep byte, name string) {
	if sep != 0 {
		r.byte(sep)
	}
	if r.str() != name {
		r.bad = true
	}
	r.byte(':')
}

// optionalKey consumes `, "name":` if the next key is name, and reports
// whether it was.
func (r *rowScanner) optionalKey(name string) bool {
	save := r.i
	r.space()
	if r.bad || r.i >= len(r.b) || r.b[r.i] != ',' {
		r.i = save
		return false
	}
	r.key(',', name)
	return !r.bad
}

// str reads a string with no escapes and no control characters: such a
// string's content is its bytes (the row is known to be valid UTF-8).
func (r *rowScanner) str() string {
	r.byte('"')
	if r.bad {
		return ""
	}
	start := r.i
	for r.i < len(r.b) {
		switch c := r.b[r.i]; {
		case c == '"':
			r.i++
			return string(r.b[start : r.i-1])
		case c == '\\' || c < 0x20:
			r.bad = true
			return ""
		}
		r.i++
	}
	r.bad = true
	return ""
}

// integer reads a JSON integer of at most nine digits.
func (r *rowScanner) integer() int {
	r.space()
	neg := false
	if r.i < len(r.b) && r.b[r.i] == '-' {
		neg = true
		r.i++
	}
	start, n := r.i, 0
	for r.i < len(r.b) && r.b[r.i] >= '0' && r.b[r.i] <= '9' {
		n = n*10 + int(r.b[r.i]-'0')
		r.i++
	}
	digits := r.i - start
	if digits == 0 || digits > 9 || digits > 1 && r.b[start] == '0' {
		r.bad = true
		return 0
	}
	if r.i < len(r.b) {
		switch r.b[r.i] {
		case '.', 'e', 'E':
			r.bad = true // a number the decoder would refuse for an int
		}
	}
	if neg {
		return -n
	}
	return n
}

// nullableInt reads null or an integer.
func (r *rowScanner) nullableInt() *int {
	r.space()
	if r.i+4 <= len(r.b) && string(r.b[r.i:r.i+4]) == "null" {
		r.i += 4
		return nil
	}
	n := r.integer()
	return &n
}

// end checks the object closes and nothing follows it.
func (r *rowScanner) end() bool {
	r.byte('}')
	r.space()
	return !r.bad && r.i == len(r.b)
}

// finish checks the object ends there and reads its day and recording time,
// as the strict decoder would; ok is false if anything is off.
func (r *rowScanner) finish(day, recorded string) (Day, time.Time, bool) {
	if !r.end() {
		return 0, time.Time{}, false
	}
	d, err := ParseDay(day)
	if err != nil {
		return 0, time.Time{}, false
	}
	at, err := recordedAt(&recorded)
	if err != nil {
		return 0, time.Time{}, false
	}
	return d, at, true
}

// fastSession reads a session row in WriteJSON's shape; ok is false for any
// other row.
func fastSession(raw []byte) (s *Session, noHold, ok bool) {
	r := &rowScanner{b: raw}
	s = &Session{}
	r.byte('{')
	r.key(0, "id")
	s.ID = r.str()
	r.key(',', "day")
	day := r.str()
	r.key(',', "exercise")
	s.Exercise = r.str()
	r.key(',', "sets")
	s.Sets = r.integer()
	r.key(',', "reps")
	s.Reps = r.integer()
	r.key(',', "hold_s")
	s.HoldS = r.integer()
	r.key(',', "minutes")
	s.Minutes = r.integer()
	r.key(',', "pain_during")
	s.PainDuring = r.nullableInt()
	r.key(',', "note")
	s.Note = r.str()
	recorded := ""
	if r.optionalKey("recorded_at") {
		recorded = r.str()
	}
	if s.Day, s.RecordedAt, ok = r.finish(day, recorded); !ok {
		return nil, false, false
	}
	return s, false, true
}

// fastPain reads a pain row in WriteJSON's shape; ok is false for any other
// row.
func fastPain(raw []byte) (*PainEntry, bool) {
	r := &rowScanner{b: raw}
	p := &PainEntry{}
	r.byte('{')
	r.key(0, "id")
	p.ID = r.str()
	r.key(',', "day")
	day := r.str()
	r.key(',', "score")
	p.Score = r.integer()
	r.key(',', "note")
	p.Note = r.str()
	recorded := ""
	if r.optionalKey("recorded_at") {
		recorded = r.str()
	}
	var ok bool
	if p.Day, p.RecordedAt, ok = r.finish(day, recorded); !ok {
		return nil, false
	}
	return p, true
}
