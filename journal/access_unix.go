//go:build unix

package journal

import (
	"golang.org/x/sys/unix"
)

// writable reports whether this process may write path. SQLite writes the
// journal file and creates its -wal and -shm files beside it, so both the
// file and its directory must be writable.
func writable(path string) bool {
	return unix.Access(path, unix.W_OK) == nil
}
