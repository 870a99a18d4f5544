package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// isNegativeNumber reports whether a is an argument such as -1 or -4.5: a
// value the user meant (a pain score), not a flag.
func isNegativeNumber(a string) bool {
	_, err := strconv.ParseFloat(a, 64)
	return len(a) > 1 && a[0] == '-' && a[1] >= '0' && a[1] <= '9' && err == nil
}

// normalizeArgs lets flags come after positional arguments, as people type
// them: "backlog done bird-dog --reps 10". urfave/cli v2 stops reading flags at
// the first positional argument, so the arguments are rearranged here into
// global flags, the command path, the command's flags, "--" and the
// positional arguments. Along the way unknown commands and flags become usage
// errors that suggest the nearest name.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	var path, flags, positional []string

	i, err := commandIndex(app.Flags, args)
	switch {
	case err != nil:
		return nil, err
	case i < 0:
		return args, nil
	}
	global := slices.Clone(args[:i])
	if i == len(args) {
		return global, nil
	}

	// The command, and subcommands while the next word names one.
	cmds, flagSet, where := app.Commands, []cli.Flag(nil), "backlog"
	for i < len(args) && !isFlag(args[i]) {
		cmd := findCommand(cmds, args[i])
		if cmd == nil {
			switch {
			case args[i] == "help" && len(path) == 0:
				return helpArgs(app, args[i+1:])
			case args[i] == "help" && len(cmds) > 0:
				return append(append(global, path...), "--help"), nil
			case len(path) > 0:
				break // a positional argument of the command
			default:
				return nil, unknownCommand(cmds, args[i], where)
			}
			break
		}
		path = append(path, args[i])
		cmds, flagSet, where = cmd.Subcommands, cmd.Flags, where+" "+cmd.Name
		i++
	}
	if len(path) == 0 {
		return args, nil
	}

	for ; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case isFlag(a):
			if n, err := takeFlag(flagSet, args, i, where, false); err == nil {
				flags = append(flags, args[i:i+n]...)
				i += n - 1
			} else if n, gerr := takeFlag(app.Flags, args, i, "backlog", true); gerr == nil {
				global = append(global, args[i:i+n]...)
				i += n - 1
			} else {
				return nil, err
			}
		default:
			positional = append(positional, a)
		}
	}

	out := append(append(global, path...), flags...)
	if len(positional) > 0 {
		out = append(append(out, "--"), positional...)
	}
	return out, nil
}

// commandIndex returns where the command's name is in args: just after
// backlog's own flags (given as flags), or len(args) when nothing follows
// them. It returns -1 when they end at "--", after which no word names a
// command.
func commandIndex(flags []cli.Flag, args []string) (int, error) {
	i := 0
	for ; i < len(args) && isFlag(args[i]); i++ {
		if args[i] == "--" {
			return -1, nil
		}
		n, err := takeFlag(flags, args, i, "backlog", true)
		if err != nil {
			return 0, err
		}
		i += n - 1
	}
	return i, nil
}

// isFlag reports whether a looks like a flag rather than a value.
func isFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && !isNegativeNumber(a)
}

// takeFlag checks args[i] against flags and returns how many arguments the
// flag occupies: 1, or 2 when its value is the next argument.
func takeFlag(flags []cli.Flag, args []string, i int, where string, global bool) (int, error) {
	name, hasValue := strings.TrimLeft(args[i], "-"), false
	if k := strings.IndexByte(name, '='); k >= 0 {
		name, hasValue = name[:k], true
	}
	switch name {
	case "help", "h", "generate-bash-completion":
		return 1, nil
	case "version", "v":
		if global {
			return 1, nil
		}
	}
	for _, f := range flags {
		if !slices.Contains(f.Names(), name) {
			continue
		}
		if _, isBool := f.(*cli.BoolFlag); isBool || hasValue {
			return 1, nil
		}
		if i+1 >= len(args) {
			return 0, usagef("", "flag --%s of %s needs a value", name, where)
		}
		return 2, nil
	}
	hint := "see " + where + " --help"
	if near := journal.Closest(name, flagNames(flags)); near != "" {
		hint = "did you mean --" + near + "?"
	}
	return 0, usagef(hint, "%s has no flag %s", where, args[i])
}

func flagNames(flags []cli.Flag) []string {
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	return names
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

func unknownCommand(cmds []*cli.Command, name, where string) error {
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	hint := "see " + where + " --help"
	if near := journal.Closest(name, names); near != "" {
		hint = "did you mean " + where + " " + near + "?"
	}
	return usagef(hint, "unknown command %q", name)
}

// helpArgs turns "help [COMMAND [SUBCOMMAND]]" into "[COMMAND…] --help", so
// backlog help done shows what backlog done --help does.
func helpArgs(app *cli.App, topic []string) ([]string, error) {
	cmds, where, path := app.Commands, "backlog", []string{}
	for _, word := range topic {
		if isFlag(word) {
			continue
		}
		cmd := findCommand(cmds, word)
		if cmd == nil {
			var names []string
			for _, c := range cmds {
				if !c.Hidden {
					names = append(names, c.Name)
				}
			}
			hint := "backlog help lists them"
			if near := journal.Closest(word, names); near != "" {
				hint = "did you mean backlog help " + strings.TrimSpace(strings.TrimPrefix(where, "backlog")+" "+near) + "?"
			}
			return nil, usagef(hint, "%s has no command %q", where, word)
		}
		path = append(path, cmd.Name)
		cmds, where = cmd.Subcommands, where+" "+cmd.Name
	}
	return append(path, "--help"), nil
}

// wantsHelp reports whether normalized arguments ask for help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--help", "-h":
			return true
		}
	}
	return len(args) == 0
}

// unknownSubcommand explains a word that names no subcommand of c: the
// subcommand it is close to, what the command does without one, or, for a
// command whose subcommands take an exercise, how to look that exercise up.
func unknownSubcommand(c *cli.Context) error {
	word, where := c.Args().First(), "backlog "+c.Command.Name
	var names []string
	for _, sub := range c.Command.Subcommands {
		if !sub.Hidden {
			names = append(names, sub.Names()...)
		}
	}
	hint := "see " + where + " --help"
	switch {
	case journal.Closest(word, names) != "":
		hint = "did you mean " + where + " " + journal.Closest(word, names) + "?"
	case slices.Contains([]string{"list", "ls", "all"}, strings.ToLower(word)):
		hint = where + " on its own lists them"
	case findCommand(c.Command.Subcommands, "show") != nil:
		if _, err := journal.NewCatalog().Lookup(word); err == nil {
			hint = fmt.Sprintf("to see one exercise: %s show %q", where, word)
		}
	}
	return usagef(hint, "%s has no subcommand %q (it has %s)", where, word, strings.Join(visibleNames(c.Command.Subcommands), ", "))
}

func visibleNames(cmds []*cli.Command) []string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// writesProse reports whether normalized arguments run a command whose
// output is sentences (what was recorded, the hint after it, what undo took
// back), which are wrapped to the terminal's width. Tables, JSON and
// completion candidates are laid out by their commands.
func writesProse(args []string) bool {
	var path []string
	for i := 0; i < len(args) && args[i] != "--"; i++ {
		switch a := args[i]; {
		case a == "--json":
			return false
		case a == "--db":
			i++
		case !isFlag(a) && len(path) < 2:
			path = append(path, a)
		}
	}
	if len(path) == 0 {
		return false
	}
	switch path[0] {
	case "done", "pain", "undo", "edit", "rm", "import", "backup", "restore", "check", "report":
		return true
	case "exercises":
		return len(path) > 1 && slices.Contains([]string{"add", "edit", "rm"}, path[1])
	}
	return false
}
