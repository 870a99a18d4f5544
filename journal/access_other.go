//go:build !unix

package journal

// writable is not checked ahead of time on this system; SQLite reports a
// read-only journal when it first writes.
func writable(string) bool { return true }
