//go:build unix

package main

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// sizeOf asks the terminal behind w, if it is one, for its size.
func sizeOf(w io.Writer) terminalSize {
	f, ok := w.(*os.File)
	if !ok {
		return terminalSize{}
	}
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return terminalSize{}
	}
	return terminalSize{ok: true, width: int(ws.Col), height: int(ws.Row)}
}
