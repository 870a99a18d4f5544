package journal_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"backlog/journal"
)

// TestSourceTitlesAreTheArticlesOwn checks each title against the article
// file it names, where the seeds are available beside the repository.
func TestSourceTitlesAreTheArticlesOwn(t *testing.T) {
	for _, file := range journal.Sources() {
		title := journal.SourceTitle(file)
		if title == file || title == "" {
			t.Errorf("%s has no title", file)
			continue
		}
		text, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", file))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		head := strings.Join(strings.SplitN(string(text), "\n", 6)[:5], "\n")
		if !strings.Contains(head, title) {
			t.Errorf("%s does not start with the title %q", file, title)
		}
	}
}
