package main

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExport is "backlog export --out FILE" of a 10-year journal.
func BenchmarkExport(b *testing.B) {
	db := benchJournal(b, 10)
	out := filepath.Join(b.TempDir(), "x.json")
	b.ResetTimer()
	for b.Loop() {
		if err := os.Remove(out); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
		runBench(b, db, "export", "--out", out)
	}
}

// BenchmarkImport is "backlog import FILE" of a 10-year export into a new
// journal: what moving to a new machine costs.
func BenchmarkImport(b *testing.B) {
	dir := b.TempDir()
	export := filepath.Join(dir, "x.json")
	runBench(b, benchJournal(b, 10), "export", "--out", export)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db := filepath.Join(dir, "new", "j.db")
		if err := os.RemoveAll(filepath.Dir(db)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		runBench(b, db, "import", export)
	}
}
