//go:build !unix

package journal

// keepPrivate relies on the user's profile directory being private on
// systems without Unix permissions.
func keepPrivate(string, bool) error { return nil }

// diskAlmostFull is not measured on this system; SQLITE_FULL still is.
func diskAlmostFull(string) bool { return false }

// syncDir is not needed where directories cannot be flushed.
func syncDir(string) error { return nil }

// readOnlyFS is not told apart from other reasons on this system.
func readOnlyFS(string) bool { return false }
