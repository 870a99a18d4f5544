package journal

import (
	"strings"
	"unicode/utf8"
)

// Limits on the text of a custom exercise. Names show in tables and hints;
// a how-to is a paragraph.
const (
	MaxNameRunes   = 80
	MaxAliases     = 20
	MaxHowToBytes  = 2000
	MaxRegionRunes = 80
)

// IsControl reports whether r is a character that must never reach a
// terminal from stored text: C0 and C1 control characters (which start
// escape sequences that can retitle a window, clear the screen or move the
// cursor) and the bidirectional embedding, override and isolate characters
// (which reorder what is shown). Newline and tab are not included.
func IsControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// cleanNote tidies a note for storage: line ends become "\n" (so a note
// comes back from a CSV export exactly as stored), surrounding space goes,
// and it must be valid UTF-8 without control characters and within
// MaxNoteBytes. Bidirectional marks are allowed in notes, which may be in
// any language; they are escaped on their way to a terminal.
func cleanNote(note string) (string, error) {
	note = strings.ReplaceAll(note, "\r\n", "\n")
	note = strings.ReplaceAll(note, "\r", "\n")
	note = strings.TrimSpace(note)
	if err := checkUTF8("note", note); err != nil {
		return "", err
	}
	for _, r := range note {
		if IsControl(r) && !isBidi(r) {
			return "", invalid("note", "remove it; notes are plain text", "note contains the control character U+%04X", r)
		}
	}
	if len(note) > MaxNoteBytes {
		return "", invalid("note", "shorten it", "note is %d bytes; the limit is %d", len(note), MaxNoteBytes)
	}
	return note, nil
}

func isBidi(r rune) bool { return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 }

// checkUTF8 refuses text with bytes that are not UTF-8, such as a note typed
// on a Latin-1 terminal, and says where the first one is.
func checkUTF8(field, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return invalid(field, "set your terminal or file to UTF-8 and type it again",
		"%s has a byte that is not UTF-8 (0x%02x after %q)", field, s[i], s[max(0, i-20):i])
}

// CheckExerciseText checks the words of a custom exercise, wherever it comes
// from (exercises add, an import): plain, valid UTF-8 text without control
// or bidirectional override characters, within the limits above.
func CheckExerciseText(e Exercise) error {
	name := strings.TrimSpace(e.Name)
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		return invalid("name", "give a name of 1 to 80 characters", "exercise %s needs a name", e.Slug)
	case n > MaxNameRunes:
		return invalid("name", "give a name of 1 to 80 characters", "the name of exercise %s is %d characters long; the limit is %d", e.Slug, n, MaxNameRunes)
	}
	if len(e.Aliases) > MaxAliases {
		return invalid("alias", "", "exercise %s has %d aliases; the limit is %d", e.Slug, len(e.Aliases), MaxAliases)
	}
	fields := []struct {
		field, text string
		max         int
		lines       bool
	}{
		{"slug", e.Slug, MaxNameRunes, false},
		{"name", e.Name, MaxNameRunes, false},
		{"region", e.Region, MaxRegionRunes, false},
		{"how-to", e.HowTo, MaxHowToBytes, true},
		{"dose note", e.DoseNote, MaxHowToBytes, true},
		{"harder", e.Harder, MaxNameRunes, false},
		{"category", string(e.Category), MaxNameRunes, false},
	}
	for _, a := range e.Aliases {
		if strings.TrimSpace(a) == "" {
			return invalid("alias", "give each alias a few letters", "exercise %s has an empty alias", e.Slug)
		}
		fields = append(fields, struct {
			field, text string
			max         int
			lines       bool
		}{"alias", a, MaxNameRunes, false})
	}
	for _, f := range fields {
		if err := checkUTF8(f.field, f.text); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(f.text); n > f.max {
			return invalid(f.field, "shorten it", "the %s of exercise %s is %d characters long; the limit is %d", f.field, e.Slug, n, f.max)
		}
		for _, r := range f.text {
			if IsControl(r) || r == '\n' && !f.lines || r == '\t' {
				return invalid(f.field, "use plain text", "the %s of exercise %s contains the control character U+%04X", f.field, e.Slug, r)
			}
		}
	}
	return nil
}
