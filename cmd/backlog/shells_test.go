package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// shellSetup starts each shell without the person's configuration and loads
// backlog's completion the way the help tells people to.
func shellSetup(shell string) (argv []string, setup string, ok bool) {
	switch shell {
	case "bash":
		return []string{"bash", "--norc", "--noprofile"},
			"PS1='$ '; bind 'set show-all-if-ambiguous on'; bind 'set bell-style none'; source /usr/share/bash-completion/bash_completion; source <(backlog completion bash)", true
	case "bash-plain": // bash without the bash-completion package
		return []string{"bash", "--norc", "--noprofile"}, "PS1='$ '; bind 'set show-all-if-ambiguous on'; source <(backlog completion bash)", true
	case "zsh": // -f: no .zshrc, so compinit has not run
		return []string{"zsh", "-f"}, "PS1='$ '; source <(backlog completion zsh)", true
	case "fish":
		return []string{"fish", "--no-config"}, "function fish_prompt; echo '$ '; end; backlog completion fish | source", true
	}
	return nil, "", false
}

// cmdTabComplete types a command line into a real interactive shell running
// in tmux, presses Tab and
// writes what the screen then shows to stdout: tabcomplete SHELL LINE. Bash
// is set to list ambiguous candidates on the first Tab, as zsh and fish do.
func cmdTabComplete(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: tabcomplete bash|bash-plain|zsh|fish LINE")
	}
	argv, setup, ok := shellSetup(args[0])
	if !ok {
		ts.Fatalf("tabcomplete: unknown shell %q", args[0])
	}
	sock := filepath.Join(ts.MkAbs("."), fmt.Sprintf("tmux-%d.sock", time.Now().UnixNano()))
	env := os.Environ()
	for _, k := range []string{"PATH", "HOME", "BACKLOG_DB", "WORK"} {
		env = append(env, k+"="+ts.Getenv(k))
	}
	env = append(env, "TERM=xterm", "LANG=C.UTF-8", "fish_greeting=")
	tmux := func(a ...string) string {
		cmd := exec.Command("tmux", append([]string{"-S", sock, "-f", "/dev/null"}, a...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			ts.Fatalf("tmux %s: %v\n%s", strings.Join(a, " "), err, out)
		}
		return string(out)
	}
	tmux(append([]string{"new-session", "-d", "-x", "200", "-y", "50", "-c", ts.MkAbs(".")}, argv...)...)
	defer tmux("kill-server")
	screen := func() string { return tmux("capture-pane", "-p", "-N") }
	waitFor := func(what string, done func(string) bool) string {
		deadline := time.Now().Add(10 * time.Second)
		for {
			s := screen()
			if done(s) {
				return s
			}
			if time.Now().After(deadline) {
				ts.Fatalf("tabcomplete %s: waiting for %s; the screen shows:\n%s", args[0], what, s)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor("a prompt", func(s string) bool { return strings.TrimSpace(s) != "" })
	// The typed line says RE""ADY, so only the shell's output says READY.
	tmux("send-keys", "-l", setup+`; clear; echo RE""ADY`)
	tmux("send-keys", "Enter")
	waitFor("the shell", func(s string) bool { return strings.HasPrefix(s, "READY") })
	tmux("send-keys", "-l", args[1])
	waitFor("the typed line", func(s string) bool { return strings.Contains(s, args[1]) })
	trim := func(s string) string {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		return strings.TrimRight(strings.Join(lines, "\n"), "\n")
	}
	before := trim(screen())
	tmux("send-keys", "Tab")
	// The shell runs backlog to complete: wait for the screen to change,
	// then to settle.
	after := before
	for deadline := time.Now().Add(10 * time.Second); trim(after) == before && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		after = screen()
	}
	for stable := 0; stable < 6; {
		time.Sleep(100 * time.Millisecond)
		if s := screen(); s == after {
			stable++
		} else {
			after, stable = s, 0
		}
	}
	fmt.Fprint(ts.Stdout(), after)
}
