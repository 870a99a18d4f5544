package journal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestFastRowsMatchTheDecoder reads rows in WriteJSON's shape, and the same
// rows bent every way a hand-edited file might bend them, through jsonRow
// (with its fast path) and through the strict decoder alone: the results
// must be the same, error or not.
func TestFastRowsMatchTheDecoder(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	mutations := []func(string) string{
		func(s string) string { return s },
		func(s string) string { return strings.Replace(s, `"id"`, `"ID"`, 1) },
		func(s string) string { return strings.Replace(s, `"reps": `, `"reps": 1.5, "x": `, 1) },
		func(s string) string { return strings.Replace(s, `"sets": 1`, `"sets": 01`, 1) },
		func(s string) string { return strings.Replace(s, `"score": `, `"score": -`, 1) },
		func(s string) string { return strings.Replace(s, `,`, ` , `, -1) },
		func(s string) string { return strings.Replace(s, "\n", "", -1) },
		func(s string) string { return strings.Replace(s, `"note": "`, `"note": "\u00e9\n`, 1) },
		func(s string) string { return strings.Replace(s, `"day": "20`, `"day": "19`, 1) },
		func(s string) string { return strings.Replace(s, `"day": "`, `"day": "x`, 1) },
		func(s string) string { return strings.Replace(s, `"pain_during": null`, `"pain_during": 7`, 1) },
		func(s string) string { return strings.Replace(s, `"pain_during": `, `"pain_during": 1e1, "y": `, 1) },
		func(s string) string { return strings.Replace(s, `"recorded_at": "`, `"recorded_at": "bad`, 1) },
		func(s string) string { return strings.Replace(s, `, "recorded_at"`, `, "recorded_at": "", "z"`, 1) },
		func(s string) string { return s + " {}" },
		func(s string) string { return strings.Replace(s, `"minutes": 0`, `"minutes": 9999999999`, 1) },
		func(s string) string { return strings.Replace(s, `"note"`, `"note": "a", "note"`, 1) },
		func(s string) string { return strings.Replace(s, `"exercise": "bird-dog",`, ``, 1) },
		func(s string) string { return strings.Replace(s, `"hold_s": 5,`, ``, 1) },
	}
	fast := 0
	for i := 0; i < 5000; i++ {
		var x Export
		s := Session{ID: fmt.Sprintf("s%d", i), Day: Day(19000 + r.IntN(3000)), Exercise: "bird-dog",
			Dose: Dose{Sets: 1 + r.IntN(3), Reps: r.IntN(20), HoldS: 5, Minutes: r.IntN(3)}, Note: []string{"", "walked", "<b>&", "a\"b"}[r.IntN(4)]}
		if r.IntN(2) == 0 {
			p := r.IntN(11)
			s.PainDuring = &p
		}
		if r.IntN(3) > 0 {
			s.RecordedAt = time.Unix(int64(r.IntN(2e9)), int64(r.IntN(1e9))).UTC()
		}
		p := PainEntry{ID: fmt.Sprintf("p%d", i), Day: s.Day, Score: r.IntN(11), Note: s.Note, RecordedAt: s.RecordedAt}
		x.Sessions, x.Pain = []Session{s}, []PainEntry{p}
		var buf bytes.Buffer
		if err := x.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"sessions", "pain"} {
			var rows []json.RawMessage
			if err := json.Unmarshal(doc[key], &rows); err != nil {
				t.Fatal(err)
			}
			raw := mutations[r.IntN(len(mutations))](string(bytes.TrimSpace(rows[0])))
			got := jsonRow(key, 0, json.RawMessage(raw))
			want := decodeRow(ImportRow{Pos: key + "[0]"}, key, json.RawMessage(raw))
			if fmt.Sprint(got.Err) != fmt.Sprint(want.Err) || !reflect.DeepEqual(got.Session, want.Session) ||
				!reflect.DeepEqual(got.Pain, want.Pain) || got.NoHold != want.NoHold {
				t.Fatalf("%s row %s:\nfast path %+v %+v %v\ndecoder   %+v %+v %v", key, raw, got.Session, got.Pain, got.Err, want.Session, want.Pain, want.Err)
			}
			if _, _, ok := fastSession([]byte(raw)); ok && key == "sessions" {
				fast++
			}
		}
	}
	if fast < 500 {
		t.Errorf("only %d rows took the fast path", fast)
	}
}
