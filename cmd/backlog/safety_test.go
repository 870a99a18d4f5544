package main

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	_ "time/tzdata" // time zones for import_other_clock.txtar, even without the system's

	"github.com/rogpeppe/go-internal/testscript"

	"backlog/journal"
)

// cmdSQLExec runs SQL on a SQLite file directly, as another program (or an
// older backlog) could have: sqlexec FILE SQL.
func cmdSQLExec(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: sqlexec FILE SQL")
	}
	db, err := sql.Open("sqlite", journal.DSN(ts.MkAbs(args[0])))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(args[1])
	ts.Check(err)
}

// cmdWALOnly runs SQL on a journal and leaves the change only in its -wal
// file, the way a command killed with SIGKILL after its commit leaves it:
// walonly FILE SQL.
func cmdWALOnly(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: walonly FILE SQL")
	}
	path := ts.MkAbs(args[0])
	db, err := sql.Open("sqlite", journal.DSN(path))
	ts.Check(err)
	db.SetMaxOpenConns(1)
	_, err = db.Exec("PRAGMA wal_autocheckpoint = 0")
	ts.Check(err)
	_, err = db.Exec(args[1])
	ts.Check(err)
	// Copy the files while the connection is open: the main file without the
	// change, the -wal with it. Closing checkpoints; the copies go back.
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(path + suffix)
		ts.Check(err)
		ts.Check(os.WriteFile(path+suffix+".kept", data, 0o600))
	}
	ts.Check(db.Close())
	for _, suffix := range []string{"", "-wal"} {
		ts.Check(os.Rename(path+suffix+".kept", path+suffix))
	}
}

// holdLockMain is the program "holdlock FILE SECONDS": it takes the journal's
// write lock, writes FILE.locked, and holds the lock that long, as a long
// import does.
func holdLockMain() int {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: holdlock FILE SECONDS")
		return 2
	}
	secs, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	db, err := sql.Open("sqlite", journal.DSN(os.Args[1]))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE pain SET note = note"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := os.WriteFile(os.Args[1]+".locked", []byte("locked\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	time.Sleep(time.Duration(secs) * time.Second)
	return 0
}

// TestKilledCreationAndBackupLeaveNothingThatBlocks kills backlog with
// SIGKILL at many moments while it creates a journal and while it writes a
// backup, and checks that the next run always works: a journal is created or
// used, and a backup's name is either free or holds a complete copy
// (issue 10, point 4).
func TestKilledCreationAndBackupLeaveNothingThatBlocks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a few hundred processes")
	}
	bin := backlogBinary(t)
	dir := t.TempDir()
	const kills = 40
	for i := range kills {
		db := filepath.Join(dir, fmt.Sprintf("new%d.db", i))
		killAfter(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-05"), time.Duration(i%20)*time.Millisecond/2)
		out, err := backlogCmd(bin, db, "pain", "4", "--date", "2026-01-06").CombinedOutput()
		if err != nil {
			t.Fatalf("after a kill %v into creating %s, the next run failed: %v\n%s", time.Duration(i%20)*time.Millisecond/2, db, err, out)
		}
	}

	// A journal big enough that VACUUM INTO takes a while.
	db := filepath.Join(dir, "journal.db")
	big := filepath.Join(dir, "big.csv")
	var rows strings.Builder
	rows.WriteString("kind,day,exercise,reps,note\n")
	for i := range 20_000 {
		fmt.Fprintf(&rows, "session,%s,cat-cow,5,a note long enough to fill some pages %d\n", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/20).Format(time.DateOnly), i)
	}
	if err := os.WriteFile(big, []byte(rows.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, backlogCmd(bin, db, "import", big))
	want := mustRun(t, backlogCmd(bin, db, "export"))
	for i := range kills {
		copyPath := filepath.Join(dir, fmt.Sprintf("copy%d.db", i))
		killAfter(t, backlogCmd(bin, db, "backup", copyPath), time.Duration(i)*time.Millisecond)
		if _, err := os.Stat(copyPath); err == nil {
			if got := mustRun(t, backlogCmd(bin, copyPath, "export")); got != want {
				t.Fatalf("a backup killed after %v left an incomplete copy", time.Duration(i)*time.Millisecond)
			}
			continue
		}
		mustRun(t, backlogCmd(bin, db, "backup", copyPath))
	}
}

// killAfter starts cmd, kills it with SIGKILL after d (if it is still
// running) and waits for it.
func killAfter(t *testing.T, cmd *exec.Cmd, d time.Duration) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	// Killed or finished: either is what the test wants to follow.
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatal(err)
		}
	}
}

// needRoot skips a test that needs root (to act as two users, or to mount a
// file system) outside CI, and fails it in CI, where it must run.
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("this test needs root, and CI must run it")
	}
	t.Skip("needs root")
}

// TestAnotherUsersWALIsRefused plants a world-writable -wal of another user
// beside the journal, as anyone can in a shared directory such as /tmp, and
// checks that backlog refuses to write through it, so no new entry can be
// read from it (issue 10, point 7).
func TestAnotherUsersWALIsRefused(t *testing.T) {
	needRoot(t)
	bin := backlogBinary(t)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o1777); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "journal.db")
	mustRun(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-05"))
	for _, suffix := range []string{"-wal", "-shm"} {
		t.Run(suffix, func(t *testing.T) {
			planted := db + suffix
			if err := os.WriteFile(planted, nil, 0o666); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(planted)
			if err := os.Chmod(planted, 0o666); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(planted, 65534, 65534); err != nil {
				t.Fatal(err)
			}
			out, err := backlogCmd(bin, db, "pain", "6", "--date", "2026-01-06", "--note", "secret").CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Fatalf("exit %v, want 1:\n%s", err, out)
			}
			if want := planted + " belongs to another user (uid 65534)"; !strings.Contains(string(out), want) {
				t.Errorf("output %q does not say %q", out, want)
			}
			if data, err := os.ReadFile(planted); err != nil || len(data) != 0 {
				t.Errorf("the planted %s holds %d bytes (%v); nothing may be written to it", suffix, len(data), err)
			}
		})
	}
	if out := mustRun(t, backlogCmd(bin, db, "log")); strings.Contains(out, "6/10") {
		t.Errorf("the refused entry was recorded:\n%s", out)
	}
}

// TestDoneDuringLongImport starts an import of 120,000 sessions and, while it
// holds the journal's write lock, records sessions from four other
// processes: every one of them must wait and succeed, and the import's
// memory must stay bounded, not grow with the file (issue 10, points 10 and
// 11). done_waits_for_lock.txtar holds the lock longer than the old ten
// seconds.
func TestDoneDuringLongImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a large file")
	}
	bin := backlogBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "journal.db")
	mustRun(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-05"))
	big := filepath.Join(dir, "big.csv")
	var rows strings.Builder
	rows.WriteString("kind,id,day,exercise,reps,note\n")
	const n = 120_000
	for i := range n {
		fmt.Fprintf(&rows, "session,gen%07d,%s,cat-cow,%d,imported row %d\n", i, time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/100).Format(time.DateOnly), 5+i%5, i)
	}
	if err := os.WriteFile(big, []byte(rows.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	imp := backlogCmd(bin, db, "import", big)
	// The collector's trace gives the live heap after each collection: what
	// the import holds on to. Its peak memory also counts garbage not yet
	// collected, which on a busy machine says more about the machine.
	imp.Env = append(imp.Env, "GODEBUG=gctrace=1")
	var impOut, impTrace strings.Builder
	imp.Stdout, imp.Stderr = &impOut, &impTrace
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 1<<20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the import did not start writing within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			// --yes: the four are recorded one after another, and from the third
			// on backlog would ask whether so many on one day are right.
			out, err := backlogCmd(bin, db, "done", "bird-dog", "--reps", "6", "--yes").CombinedOutput()
			if err != nil {
				err = fmt.Errorf("%v: %s", err, out)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("a done during the import failed: %v", err)
		}
	}
	if err := imp.Wait(); err != nil {
		t.Fatalf("import: %v\n%s", err, impOut.String())
	}
	live := 0
	for _, m := range regexp.MustCompile(`\d+->\d+->(\d+) MB`).FindAllStringSubmatch(impTrace.String(), -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			t.Fatal(err)
		}
		live = max(live, n)
	}
	rss := imp.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10
	t.Logf("import of %d MB: live heap at most %d MB, peak RSS %d MB", len(rows.String())>>20, live, rss)
	if live > 8 || !strings.Contains(impTrace.String(), "gc ") {
		t.Errorf("the import of a %d MB file kept up to %d MB live (peak RSS %d MB); its memory must not grow with the file", len(rows.String())>>20, live, rss)
	}
	out := mustRun(t, backlogCmd(bin, db, "log", "--json"))
	if got := strings.Count(out, `"exercise": "bird-dog"`); got != 4 {
		t.Errorf("%d sessions of bird-dog recorded, want 4", got)
	}
	if got := strings.Count(out, `"exercise": "cat-cow"`); got != n {
		t.Errorf("%d imported sessions, want %d", got, n)
	}
}

// mountTmpfs mounts a small tmpfs for a test and unmounts it afterwards.
// Mounting needs root; without it the test is skipped outside CI.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	needRoot(t)
	dir := t.TempDir()
	if err := os.Chmod(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0755", "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mount: %v\n%s", err, out)
		}
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount: %v\n%s", err, out)
		}
	})
	return dir
}

// TestFullDiskSaysSo fills the file system that holds the journal and checks
// that recording fails with a message that says the disk is full and that
// nothing was recorded (issue 10, point 12).
func TestFullDiskSaysSo(t *testing.T) {
	bin := backlogBinary(t)
	dir := mountTmpfs(t, "2m")
	db := filepath.Join(dir, "journal.db")
	mustRun(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-05"))
	before := mustRun(t, backlogCmd(bin, db, "export"))
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			break // the disk is full, as wanted
		}
	}
	if err := filler.Close(); err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"pain", "6", "--date", "2026-01-06", "--note", strings.Repeat("a long note ", 100)},
		{"done", "cat-cow", "--reps", "5", "--note", strings.Repeat("a long note ", 100)},
	} {
		out, err := backlogCmd(bin, db, args...).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("%s on a full disk: exit %v, want 1:\n%s", args[0], err, out)
		}
		if want := "Error: the disk holding " + dir + " is full, so nothing was recorded; free some space and try again\n"; string(out) != want {
			t.Errorf("%s on a full disk said %q, want %q", args[0], out, want)
		}
	}
	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
	if after := mustRun(t, backlogCmd(bin, db, "export")); after != before {
		t.Errorf("the journal changed:\n%s", after)
	}
}

// readCommands are the commands that only read, which must work on a journal
// that cannot be written so its entries can be rescued (issue 10, point 13).
func readCommands(out string) [][]string {
	return [][]string{
		{"log"},
		{"export"},
		{"export", "--format", "csv", "--out", filepath.Join(out, "rescued.csv")},
		{"backup", filepath.Join(out, "rescued.db")},
		{"report", "--no-open", "--out", filepath.Join(out, "report.html")},
		{"stats"},
		{"suggest"},
	}
}

// TestReadOnlyJournalCanBeRead reads a journal on a read-only file system,
// and one whose file and directory the user may not write, with every read
// command, and checks the rescued copies hold every entry.
func TestReadOnlyJournalCanBeRead(t *testing.T) {
	bin := backlogBinary(t)
	t.Run("read-only file system", func(t *testing.T) {
		dir := mountTmpfs(t, "4m")
		db := filepath.Join(dir, "journal.db")
		mustRun(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-05"))
		mustRun(t, backlogCmd(bin, db, "done", "cat-cow", "--reps", "5", "--date", "2026-01-05"))
		want := mustRun(t, backlogCmd(bin, db, "export"))
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount: %v\n%s", err, out)
		}
		t.Cleanup(func() {
			if out, err := exec.Command("mount", "-o", "remount,rw", dir).CombinedOutput(); err != nil {
				t.Errorf("remount: %v\n%s", err, out)
			}
		})
		checkReadOnly(t, bin, db, want, nil)
	})
	t.Run("file and directory not writable", func(t *testing.T) {
		needRoot(t)
		base := t.TempDir()
		if err := os.Chmod(base, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Dir(base), 0o755); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(base, "data")
		db := filepath.Join(dir, "journal.db")
		mustRun(t, backlogCmd(bin, db, "pain", "3", "--date", "2026-01-05"))
		want := mustRun(t, backlogCmd(bin, db, "export"))
		chown(t, dir)
		chown(t, db)
		if err := os.Chmod(db, 0o400); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		checkReadOnly(t, bin, db, want, func(cmd *exec.Cmd) { asUnprivileged(t, cmd) })
	})
}

func checkReadOnly(t *testing.T, bin, db, want string, prepare func(*exec.Cmd)) {
	t.Helper()
	out := t.TempDir()
	if err := os.Chmod(out, 0o777); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range readCommands(out) {
		cmd := backlogCmd(bin, db, args...)
		if prepare != nil {
			prepare(cmd)
		}
		res, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s on a read-only journal: %v\n%s", strings.Join(args, " "), err, res)
		}
		if args[0] == "export" && len(args) == 1 && string(res) != want {
			t.Errorf("export of the read-only journal differs:\n%s", res)
		}
	}
	cmd := backlogCmd(bin, filepath.Join(out, "rescued.db"), "export")
	if prepare != nil {
		prepare(cmd) // the copy belongs to whoever made it
	}
	if got := mustRun(t, cmd); got != want {
		t.Errorf("the rescued backup differs:\n%s", got)
	}
	cmd = backlogCmd(bin, db, "pain", "5", "--date", "2026-01-06")
	if prepare != nil {
		prepare(cmd)
	}
	res, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(res), "nothing was recorded") {
		t.Errorf("recording into the read-only journal: %v\n%s", err, res)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Error("the read-only journal's file changed")
	}
}
