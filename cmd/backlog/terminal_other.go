//go:build !unix

package main

import "io"

// sizeOf reports no terminal where backlog cannot ask for one.
func sizeOf(io.Writer) terminalSize { return terminalSize{} }
