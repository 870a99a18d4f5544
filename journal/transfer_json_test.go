package journal

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// randomText mixes what notes hold: plain words, quotes, HTML, control
// characters, tabs and newlines, accents, emoji, the JavaScript line
// separators and bytes that are not UTF-8.
func randomText(r *rand.Rand) string {
	pieces := []string{"walked", " ", "\"", "\\", "<b>", "&", ">", "\n", "\r\n", "\t", "\x00", "\x07", "\x1f", "\x7f",
		"café", "😀", "\u2028", "\u2029", "\xe9", "\xff\xfe", "=cmd|' /C calc'!A0", "\u202e", "日本"}
	var b strings.Builder
	for n := r.IntN(8); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		s := randomText(r)
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
	for b := 0; b < 256; b++ {
		s := string([]byte{byte(b)})
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("byte %#x: %s, want %s", b, got, want)
		}
	}
}

// TestWriteJSONMatchesEncodingJSON holds the hand-written export to the
// bytes encoding/json writes for the same Export, whatever the notes hold.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 200; i++ {
		var x Export
		if r.IntN(3) == 0 {
			x.Exercises = []Exercise{{Slug: "wall-push-up", Name: "Wall <push> up", Kind: Reps, Category: Core,
				Start: Dose{Reps: 8}, Goal: Dose{Reps: 15}, Step: Dose{Reps: 1}, HowTo: randomText(r), Custom: true}}
		}
		for n := r.IntN(5); n > 0; n-- {
			s := Session{ID: "s" + randomText(r), Day: Day(20000 + r.IntN(100)), Exercise: "bird-dog", Note: randomText(r),
				Dose: Dose{Sets: 1 + r.IntN(3), Reps: r.IntN(20), HoldS: r.IntN(60), Minutes: r.IntN(30)}}
			if r.IntN(2) == 0 {
				p := r.IntN(11)
				s.PainDuring = &p
			}
			if r.IntN(4) > 0 {
				s.RecordedAt = time.Unix(int64(r.IntN(2e9)), int64(r.IntN(1e9)))
			}
			x.Sessions = append(x.Sessions, s)
		}
		for n := r.IntN(4); n > 0; n-- {
			p := PainEntry{ID: "p1", Day: Day(20000 + r.IntN(100)), Score: r.IntN(11), Note: randomText(r)}
			if r.IntN(4) > 0 {
				p.RecordedAt = time.Unix(int64(r.IntN(2e9)), 0)
			}
			x.Pain = append(x.Pain, p)
		}
		if r.IntN(3) == 0 {
			x.Routine = []RoutineEntry{{ID: "r1", Exercise: "walking", Schedule: Schedule{PerWeek: 3}, Since: 20000}}
		}
		var got, want bytes.Buffer
		if err := x.WriteJSON(&got); err != nil {
			t.Fatal(err)
		}
		ref := x
		ref.Format, ref.Version = ExportFormat, ExportVersion
		if ref.Exercises == nil {
			ref.Exercises = []Exercise{}
		}
		if ref.Sessions == nil {
			ref.Sessions = []Session{}
		}
		if ref.Pain == nil {
			ref.Pain = []PainEntry{}
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ref); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("export %d differs from encoding/json:\n%s\nwant:\n%s", i, got.Bytes(), want.Bytes())
		}
	}
}
