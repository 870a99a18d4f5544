package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// Completion scripts ask backlog itself for candidates (the hidden command
// "backlog __complete -- WORD… CURRENT"), so they always match the installed
// version and know the person's own exercises. A reply of filesMarker asks
// the shell to complete file names instead.
const filesMarker = "__files__"

const bashCompletion = `# bash completion for backlog; load with: source <(backlog completion bash)
_backlog() {
  local cur words cword out
  if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref -n =: cur words cword
  else
    cur="${COMP_WORDS[COMP_CWORD]}" words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
  fi
  out=$("${words[0]}" __complete -- "${words[@]:1:cword-1}" "$cur" 2>/dev/null) || return
  if [[ "$out" == __files__ ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return
  fi
  mapfile -t COMPREPLY < <(compgen -W "$out" -- "$cur")
  # Readline completes only what follows "=" in --flag=value.
  [[ "$cur" == *=* ]] && COMPREPLY=("${COMPREPLY[@]#*=}")
  if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
    __ltrim_colon_completions "$cur"
  fi
}
complete -F _backlog backlog
`

const zshCompletion = `#compdef backlog
# zsh completion for backlog; load with: source <(backlog completion zsh)
_backlog() {
  local -a cands
  cands=("${(@f)$(${words[1]} __complete -- "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
  if [[ "${cands[1]}" == __files__ ]]; then
    _files
    return
  fi
  cands=(${cands:#})
  (( ${#cands} )) && compadd -Q -- "${cands[@]}"
}
# Loading with source before compinit has run would fail on compdef.
if ! (( $+functions[compdef] )); then
  autoload -Uz compinit && compinit -u
fi
compdef _backlog backlog
`

const fishCompletion = `# fish completion for backlog; load with: backlog completion fish | source
function __backlog_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($tokens[1] __complete -- $tokens[2..-1] $cur 2>/dev/null)
    if test "$out" = __files__
        __fish_complete_path $cur
        return
    end
    printf '%s\n' $out
end
complete -c backlog -f -a '(__backlog_complete)'
`

func completionCommand(_ *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Completes commands, subcommands, flags, exercise names (yours too), days and
--format values.

Examples:
   source <(backlog completion bash)          # add to ~/.bashrc
   source <(backlog completion zsh)           # add to ~/.zshrc
   backlog completion fish > ~/.config/fish/completions/backlog.fish`,
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				fmt.Fprint(c.App.Writer, bashCompletion)
			case "zsh":
				fmt.Fprint(c.App.Writer, zshCompletion)
			case "fish":
				if _, err := io.WriteString(c.App.Writer, fishCompletion); err != nil {
					return err
				}
			default:
				return usagef("use bash, zsh or fish", "backlog completion needs a shell, got %q", c.Args().First())
			}
			return nil
		},
	}
}

// completeCommand is the hidden command the completion scripts call.
func completeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:            "__complete",
		Hidden:          true,
		SkipFlagParsing: true,
		Action: func(c *cli.Context) error {
			words := c.Args().Slice()
			if len(words) > 0 && words[0] == "--" {
				words = words[1:]
			}
			if len(words) == 0 {
				words = []string{""}
			}
			for _, cand := range complete(c.Context, c.App, e, words[:len(words)-1], words[len(words)-1]) {
				fmt.Fprintln(c.App.Writer, cand)
			}
			return nil
		},
	}
}

// complete returns the candidates for the word being typed, cur, after the
// words before it (without "backlog"). Candidates that do not start with cur
// are left out; the shells filter too.
func complete(ctx context.Context, app *cli.App, e *env, words []string, cur string) []string {
	// Bash without the bash-completion package splits --flag=value into
	// "--flag", "=" and the value.
	var merged []string
	for _, w := range words {
		if w == "=" && len(merged) > 0 && isFlag(merged[len(merged)-1]) {
			continue
		}
		merged = append(merged, w)
	}
	words = merged
	// The flags in scope: the command's, then backlog's own.
	cmds, flags := app.Commands, []cli.Flag(nil)
	scope := func() []cli.Flag { return append(slices.Clone(flags), app.Flags...) }
	var path []string
	db := ""
	positional, help := 0, false
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "help" && len(path) == 0 && positional == 0 && !help {
			help = true
			continue
		}
		if isFlag(w) {
			name, _, hasValue := strings.Cut(strings.TrimLeft(w, "-"), "=")
			f := findFlag(scope(), name)
			if f != nil && takesValue(f) && !hasValue {
				i++
				if name == "db" && i < len(words) {
					db = words[i]
				}
			}
			continue
		}
		if cmd := findCommand(cmds, w); cmd != nil && positional == 0 && !cmd.Hidden {
			path = append(path, cmd.Name)
			cmds, flags = cmd.Subcommands, cmd.Flags
			continue
		}
		positional++
	}
	// The value of a flag: the word before cur is a flag that takes one.
	if n := len(words); n > 0 && isFlag(words[n-1]) && !strings.Contains(words[n-1], "=") {
		name := strings.TrimLeft(words[n-1], "-")
		if f := findFlag(scope(), name); f != nil && takesValue(f) {
			return filter(flagValues(ctx, e, f, db), cur)
		}
	}
	if name, value, ok := strings.Cut(cur, "="); ok && isFlag(name) {
		if f := findFlag(scope(), strings.TrimLeft(name, "-")); f != nil {
			var out []string
			for _, v := range filter(flagValues(ctx, e, f, db), value) {
				out = append(out, name+"="+v)
			}
			return out
		}
	}
	if strings.HasPrefix(cur, "-") {
		// The cli package adds --help to the app's flags once it has run.
		var out []string
		for _, f := range scope() {
			out = append(out, "--"+f.Names()[0])
		}
		if !slices.Contains(out, "--help") {
			out = append(out, "--help")
		}
		return filter(out, cur)
	}
	if positional == 0 && len(cmds) > 0 {
		names := visibleNames(cmds)
		if len(path) == 0 && !help {
			names = append(names, "help")
		}
		return filter(names, cur)
	}
	if help {
		return nil
	}
	switch strings.Join(path, " ") {
	case "done", "exercises show", "exercises edit", "exercises rm", "routine add", "routine rm":
		own := strings.Join(path, " ") == "exercises edit" || strings.Join(path, " ") == "exercises rm"
		return filter(exerciseNames(ctx, e, db, own), cur)
	case "completion":
		if positional == 0 {
			return filter([]string{"bash", "zsh", "fish"}, cur)
		}
	case "import", "backup", "restore":
		return []string{filesMarker}
	case "edit", "rm":
		if positional == 0 {
			return filter(recentIDs(ctx, e, db), cur)
		}
	}
	return nil
}

// recentIDs lists the short ids of the newest entries, as log shows them,
// for edit and rm. The journal is read only if it exists.
func recentIDs(ctx context.Context, e *env, db string) []string {
	store, ok := openIfExists(ctx, e, db)
	if !ok {
		return nil
	}
	// Completion must print nothing but candidates; closing a connection
	// that only read loses nothing if it fails.
	defer func() { _ = store.Close() }()
	order, err := store.RecordOrder(ctx, 0, 0)
	if err != nil {
		return nil
	}
	ids := make([]string, 0, len(order))
	for id := range order {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return int(order[b] - order[a]) })
	var out []string
	for _, id := range ids[:min(len(ids), 20)] {
		out = append(out, journal.ShortID(id))
	}
	return out
}

// openIfExists opens the journal for completion only if it is already
// there: completing never creates one.
func openIfExists(ctx context.Context, e *env, db string) (*journal.Store, bool) {
	path, err := resolveDBPath(db, e)
	if err != nil {
		return nil, false
	}
	if _, err := os.Stat(path); err != nil {
		return nil, false
	}
	store, err := journal.Open(ctx, path)
	if err != nil {
		return nil, false
	}
	return store, true
}

func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

func takesValue(f cli.Flag) bool {
	_, isBool := f.(*cli.BoolFlag)
	return !isBool
}

// flagValues lists what a flag's value may be.
func flagValues(ctx context.Context, e *env, f cli.Flag, db string) []string {
	if sf, ok := f.(*cli.StringFlag); ok && sf.TakesFile {
		return []string{filesMarker}
	}
	usage := ""
	if df, ok := f.(cli.DocGenerationFlag); ok {
		usage = df.GetUsage()
	}
	switch name := f.Names()[0]; name {
	case "format":
		var out []string
		for _, v := range []string{"json", "csv", "fhir"} {
			if strings.Contains(usage, v) {
				out = append(out, v)
			}
		}
		return out
	case "kind":
		var out []string
		for _, k := range journal.DoseKinds() {
			out = append(out, string(k))
		}
		return out
	case "category":
		var out []string
		for _, c := range journal.Categories() {
			out = append(out, string(c))
		}
		return out
	case "days":
		return []string{"daily", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon,wed,fri", "tue,thu"}
	case "date", "since", "until", "as-of", "from":
		return []string{"today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	case "exercise":
		return exerciseNames(ctx, e, db, false)
	}
	return nil
}

// exerciseNames lists the slugs of the built-in exercises and the person's
// own, or only their own. The journal is read only if it exists.
func exerciseNames(ctx context.Context, e *env, db string, ownOnly bool) []string {
	var out []string
	if !ownOnly {
		for _, ex := range journal.Builtin() {
			out = append(out, ex.Slug)
		}
	}
	store, ok := openIfExists(ctx, e, db)
	if !ok {
		return out
	}
	// Completion must print nothing but candidates; closing a connection
	// that only read loses nothing if it fails.
	defer func() { _ = store.Close() }()
	catalog, err := store.Catalog(ctx)
	if err != nil {
		return out
	}
	for _, ex := range catalog.All() {
		if ex.Custom {
			out = append(out, ex.Slug)
		}
	}
	return out
}

// filter keeps the candidates that start with prefix.
func filter(cands []string, prefix string) []string {
	var out []string
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) || c == filesMarker {
			out = append(out, c)
		}
	}
	return out
}
