package reports

import "testing"

func TestKeepDatesWholeEscapesAndWraps(t *testing.T) {
	got := string(keepDatesWhole(`Since the flare on 2026-05-23: <b>keep</b> "it" & 2026-06-02.`))
	want := `Since the flare on <span class="nowrap">2026-05-23</span>: &lt;b&gt;keep&lt;/b&gt; &#34;it&#34; &amp; <span class="nowrap">2026-06-02</span>.`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
