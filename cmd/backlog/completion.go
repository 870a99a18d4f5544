package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// Completion scripts ask backlog itself for candidates through urfave/cli's
// --generate-bash-completion, so they always match the installed version.
const bashCompletion = `# bash completion for backlog; load with: source <(backlog completion bash)
_backlog_complete() {
  local cur words
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == "-"* ]]; then
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _backlog_complete backlog
`

const zshCompletion = `#compdef backlog
# zsh completion for backlog; load with: source <(backlog completion zsh)
_backlog() {
  local -a opts
  local cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _backlog backlog
`

func completionCommand(_ *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Examples:
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
				script, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				fmt.Fprint(c.App.Writer, script)
			default:
				return usagef("use bash, zsh or fish", "backlog completion needs a shell, got %q", c.Args().First())
			}
			return nil
		},
	}
}
