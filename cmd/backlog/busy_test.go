package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backlog/journal"
	"backlog/journal/journaltest"
)

// TestTwentyDonesDuringTenYearImport imports a ten-year export through a
// pipe and, while the import holds the journal's write lock (its input is
// not finished, so it cannot commit), starts 20 "backlog done" at once. Every
// one must succeed once the import ends, none may be lost, and each must have
// been recorded after the import let go of the lock: they waited rather than
// failed.
func TestTwentyDonesDuringTenYearImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports ten years")
	}
	bin := backlogBinary(t)
	db := filepath.Join(t.TempDir(), "journal.db")
	mustRun(t, backlogCmd(bin, db, "pain", "3"))
	sessions, pain := journaltest.Generate(10, journal.DayOf(time.Now())-1, 1)
	var export bytes.Buffer
	if err := (journal.Export{Sessions: sessions, Pain: pain}).WriteJSON(&export); err != nil {
		t.Fatal(err)
	}
	data := export.Bytes()

	imp := backlogCmd(bin, db, "import", "/dev/stdin")
	stdin, err := imp.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var impOut bytes.Buffer
	imp.Stdout, imp.Stderr = &impOut, &impOut
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	// Half the file: the import has begun its transaction and written rows.
	if _, err := stdin.Write(data[:len(data)/2]); err != nil {
		t.Fatal(err)
	}

	const n = 20
	dones := make([]*exec.Cmd, n)
	outs := make([]bytes.Buffer, n)
	for i := range dones {
		dones[i] = backlogCmd(bin, db, "done", "bird-dog", "--reps", "6", "--yes")
		dones[i].Stdout, dones[i].Stderr = &outs[i], &outs[i]
		if err := dones[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	// Give them time to reach the lock; they wait for it whatever this is.
	time.Sleep(2 * time.Second)
	released := time.Now()
	if _, err := stdin.Write(data[len(data)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := stdin.Close(); err != nil {
		t.Fatal(err)
	}
	if err := imp.Wait(); err != nil {
		t.Fatalf("import: %v\n%s", err, impOut.String())
	}
	for i, d := range dones {
		if err := d.Wait(); err != nil {
			t.Errorf("done %d failed while the import ran: %v\n%s", i, err, outs[i].String())
		}
	}

	out := mustRun(t, backlogCmd(bin, db, "export"))
	var got struct {
		Sessions []struct {
			RecordedAt string `json:"recorded_at"`
		}
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&got); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	if len(got.Sessions) != len(sessions)+n {
		t.Errorf("the journal has %d sessions, want the %d imported and the %d recorded", len(got.Sessions), len(sessions), n)
	}
	recorded := 0
	for _, s := range got.Sessions {
		at, err := time.Parse(time.RFC3339Nano, s.RecordedAt)
		if err != nil {
			t.Fatal(err)
		}
		if at.After(released) {
			recorded++
		}
	}
	if recorded != n {
		t.Errorf("%d sessions were recorded after the import ended, want the %d started during it", recorded, n)
	}
}
