// Command backlog records back-pain exercises and daily pain scores, suggests
// when to progress, and reports pain against consistency.
package main

import (
	"context"
	"os"
	"time"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now}))
}
