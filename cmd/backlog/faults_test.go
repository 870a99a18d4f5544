package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// backlogBinary returns a copy of this test binary, which runs backlog's
// main with BACKLOG_RUN_MAIN=1, in a directory every user may read, so it
// can also run as another user.
func backlogBinary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	// t.TempDir and its parent are private; open both for the other user.
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(dir, "backlog")
	dst, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// backlogCmd prepares the real binary on the journal db.
func backlogCmd(bin, db string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "BACKLOG_RUN_MAIN=1", "CI=true")
	return cmd
}

func mustRun(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return string(out)
}

// TestKilledImportLeavesJournalAsBefore kills backlog with SIGKILL while it
// writes a large import, then checks the journal is exactly as before.
func TestKilledImportLeavesJournalAsBefore(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large file")
	}
	bin := backlogBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "journal.db")
	mustRun(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-01"))
	mustRun(t, backlogCmd(bin, db, "done", "cat-cow", "--date", "2026-01-01", "--note", "before the import"))
	before := mustRun(t, backlogCmd(bin, db, "export"))

	// 300,000 sessions: enough that writing them spills into the WAL well
	// before the transaction commits.
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "kind,day,exercise,reps,note")
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 300_000; i++ {
		fmt.Fprintf(w, "session,%s,cat-cow,%d,imported row %d\n", start.AddDate(0, 0, i/100).Format(time.DateOnly), 5+i%5, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	cmd := backlogCmd(bin, db, "import", big)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 2<<20 {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("the import finished (%v) before it could be killed mid-write:\n%s", err, out.String())
	}
	if err == nil {
		t.Fatal("the import exited normally after SIGKILL")
	}
	after := mustRun(t, backlogCmd(bin, db, "export"))
	if after != before {
		t.Errorf("a killed import changed the journal: %d bytes of export before, %d after", len(before), len(after))
	}
	if out := mustRun(t, backlogCmd(bin, db, "check")); !strings.Contains(out, "is sound") {
		t.Errorf("check after the kill: %s", out)
	}
}

// asUnprivileged makes cmd run as nobody when the test runs as root, for whom
// file permissions do not apply.
func asUnprivileged(t *testing.T, cmd *exec.Cmd) {
	if os.Geteuid() != 0 {
		return
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

func chown(t *testing.T, path string) {
	if os.Geteuid() == 0 {
		if err := os.Chown(path, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadOnlyJournal records into a journal whose file, or whose directory,
// cannot be written: a clear message, and nothing half-written.
func TestReadOnlyJournal(t *testing.T) {
	bin := backlogBinary(t)
	for _, tc := range []struct {
		name      string
		fileMode  os.FileMode
		dirMode   os.FileMode
		wantError string
	}{
		{"read-only file", 0o444, 0o755, "cannot write to the journal"},
		{"read-only directory", 0o644, 0o555, "cannot write to the directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			db := filepath.Join(dir, "journal.db")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, d := range []string{filepath.Dir(dir), filepath.Dir(filepath.Dir(dir))} {
				if err := os.Chmod(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			mustRun(t, backlogCmd(bin, db, "pain", "4", "--date", "2026-01-01"))
			before, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			chown(t, dir)
			chown(t, db)
			if err := os.Chmod(db, tc.fileMode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, tc.dirMode); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755) })

			cmd := backlogCmd(bin, db, "pain", "6", "--date", "2026-01-02")
			asUnprivileged(t, cmd)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err = cmd.Run()
			var exit *exec.ExitError
			if !errorsAs(err, &exit) || exit.ExitCode() != 1 {
				t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
			}
			msg := stderr.String()
			if !strings.HasPrefix(msg, "Error: ") || !strings.Contains(msg, tc.wantError) || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "permission denied") {
				t.Errorf("stderr %q: want one Error line saying what cannot be written and why", msg)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q: nothing should claim to be recorded", stdout.String())
			}
			after, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("the journal file changed")
			}
		})
	}
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}
