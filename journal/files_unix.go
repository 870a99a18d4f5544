//go:build unix

package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// keepPrivate makes sure the journal and the -wal and -shm files SQLite keeps
// beside it belong to this user and are readable by nobody else. Looser
// permissions of the user's own files are tightened (when fix is set; a
// read-only journal is left as it is); a file of another user, or a -wal or
// -shm that is a symbolic link, is refused, since whoever owns it could read
// every entry written through it. When fix is set, missing -wal and -shm
// files are created private here, before SQLite could find ones another user
// planted in a shared directory.
func keepPrivate(path string, fix bool) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("opening journal %s: %w", path, err)
	}
	uid := os.Geteuid()
	for _, p := range []string{real, real + "-wal", real + "-shm"} {
		if p != real && fix {
			f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
			if err == nil {
				if err := f.Close(); err != nil {
					return fmt.Errorf("opening journal %s: %w", path, err)
				}
				continue
			}
			if !errors.Is(err, fs.ErrExist) && !errors.Is(err, syscall.ELOOP) {
				return fmt.Errorf("opening journal %s: %w", path, err)
			}
		}
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("opening journal %s: %w", path, err)
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link, which could send the journal's entries elsewhere; remove it while no backlog command runs: %w", p, ErrNotPrivate)
		}
		if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != uid {
			return fmt.Errorf("%s belongs to another user (uid %d), who could read or change the journal through it; remove it, or use a journal in a directory only you can write: %w", p, sys.Uid, ErrNotPrivate)
		}
		if st.Mode().Perm()&0o077 == 0 {
			continue
		}
		// A read-only journal (fix unset) is tightened where it can be, and
		// still read where it cannot, so its entries can be rescued.
		if err := os.Chmod(p, 0o600); err != nil && fix {
			return fmt.Errorf("%s is readable by other users (mode %04o) and could not be made private: %w", p, st.Mode().Perm(), err)
		}
	}
	return nil
}

// diskAlmostFull reports whether the file system holding dir has less than
// a megabyte left for this user.
func diskAlmostFull(dir string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 1<<20
}

// syncDir flushes a directory, so a file just linked into it survives a power
// cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		d.Close()
		return err
	}
	return d.Close()
}

// readOnlyFS reports whether dir is on a file system mounted read-only.
func readOnlyFS(dir string) bool {
	return unix.Access(dir, unix.W_OK) == unix.EROFS
}
