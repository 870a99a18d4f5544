package journal

import (
	"math/rand/v2"
	"testing"
)

// TestNameKeyASCIIPath holds nameKey's ASCII shortcut to the general,
// Unicode rule over every catalog name and over random strings.
func TestNameKeyASCIIPath(t *testing.T) {
	var names []string
	for _, e := range Builtin() {
		names = append(names, append([]string{e.Slug, e.Name}, e.Aliases...)...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ09 -_'.,/()éÉßİ\u00a0\u0301Ωω٣\t")
	for range 20000 {
		r := make([]rune, rng.IntN(12))
		for i := range r {
			if rng.IntN(4) == 0 {
				r[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				r[i] = rune(rng.IntN(128))
			}
		}
		names = append(names, string(r))
	}
	for _, s := range names {
		if got, want := nameKey(s), nameKeyUnicode(s); got != want {
			t.Fatalf("nameKey(%q) = %q, want %q", s, got, want)
		}
	}
}
