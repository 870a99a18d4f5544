package reports_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"backlog/analysis"
	"backlog/journal"
	"backlog/reports"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.html")

var asOf = mustDay("2026-05-31")

func mustDay(s string) journal.Day {
	d, err := journal.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fixture is a ten-week journal: bird-dog most days, a custom exercise with a
// hostile name, notes with hostile text, and pain easing from 5 to 2.
func fixture() reports.Input {
	evil := journal.Exercise{Slug: "evil", Name: "</script><script>alert(1)</script>", Category: journal.Stretch, Kind: journal.Hold,
		Start: journal.Dose{HoldS: 20}, Goal: journal.Dose{HoldS: 40}, Step: journal.Dose{HoldS: 5}, Custom: true,
		Aliases: []string{"__f__alert(2)__f__"}}
	catalog := journal.NewCatalog(evil)
	var sessions []journal.Session
	var pain []journal.PainEntry
	first := asOf - 70
	for d := first; d <= asOf; d++ {
		i := int(d - first)
		pain = append(pain, journal.PainEntry{Day: d, Score: 5 - i/24})
		if i%7 != 2 {
			sessions = append(sessions, journal.Session{ID: fmt.Sprintf("s%d", i), Day: d, Exercise: "bird-dog",
				Dose: journal.Dose{Sets: 1, Reps: 5 + i/20, HoldS: 10}, RecordedAt: time.Unix(int64(i), 0)})
		}
		if i%5 == 0 {
			sessions = append(sessions, journal.Session{ID: fmt.Sprintf("e%d", i), Day: d, Exercise: "evil",
				Dose: journal.Dose{Sets: 1, Reps: 1, HoldS: 20}, Note: "</script><script>alert(1)</script> __f__alert(2)__f__",
				RecordedAt: time.Unix(int64(i), 1)})
		}
	}
	return reports.Input{AsOf: asOf, Weeks: 8, Catalog: catalog, Sessions: sessions, PerDay: analysis.CountByDay(sessions), Pain: pain}
}

func render(t *testing.T, in reports.Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, reports.Build(in)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// withoutLibrary replaces the embedded ECharts with a marker, leaving the
// page's own content.
func withoutLibrary(page string) string {
	lib, err := os.ReadFile(filepath.Join("echarts", "echarts.min.js"))
	if err != nil {
		panic(err)
	}
	return strings.Replace(page, string(lib), "/* ECharts */", 1)
}

func TestReportIsDeterministicAndMatchesGolden(t *testing.T) {
	a, b := render(t, fixture()), render(t, fixture())
	if a != b {
		t.Fatal("the same journal gave two different reports")
	}
	golden := filepath.Join("testdata", "report.golden.html")
	got := withoutLibrary(a)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("report differs from %s; run go test ./reports -update and review the diff", golden)
	}
}

// chartData reads the chart data embedded in a page.
func chartData(t *testing.T, page string) []struct {
	ID     string         `json:"id"`
	Option map[string]any `json:"option"`
	Tips   []string       `json:"tips"`
} {
	t.Helper()
	m := regexp.MustCompile(`<script type="application/json" id="backlog-data">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no embedded data")
	}
	var data struct {
		Charts []struct {
			ID     string         `json:"id"`
			Option map[string]any `json:"option"`
			Tips   []string       `json:"tips"`
		} `json:"charts"`
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	return data.Charts
}

func TestReportFiguresComeFromAnalysis(t *testing.T) {
	in := fixture()
	page := render(t, in)
	charts := chartData(t, page)
	// The weekly chart draws the same active days and mean pain.
	st := analysis.Summarize(in.PerDay, in.Pain, in.Weeks, in.AsOf)
	weekly := charts[0]
	if weekly.ID != "chart-weekly" {
		t.Fatalf("first chart is %s", weekly.ID)
	}
	series := weekly.Option["series"].([]any)
	bars := series[0].(map[string]any)["data"].([]any)
	line := series[1].(map[string]any)["data"].([]any)
	for i, w := range st.Weeks {
		want := any(float64(w.ActiveDays))
		if !w.InJournal && i == 0 {
			want = "-" // before the journal's first entry: no bar
		}
		if got := bars[i].(map[string]any)["value"]; got != want {
			t.Errorf("week %s: chart shows %v active days, analysis %d", w.Start, got, w.ActiveDays)
		}
		if w.MeanPain != nil {
			if got := line[i].(map[string]any)["value"]; got != float64(int(*w.MeanPain*10+0.5))/10 {
				t.Errorf("week %s: chart shows mean pain %v, analysis %.2f", w.Start, got, *w.MeanPain)
			}
		}
		if len(weekly.Tips) != len(st.Weeks) || !strings.Contains(weekly.Tips[i], fmt.Sprintf("active on %d of", w.ActiveDays)) && w.InJournal {
			t.Errorf("week %s: tooltip %q does not say its active days", w.Start, weekly.Tips[i])
		}
	}
	var ids []string
	for _, c := range charts {
		ids = append(ids, c.ID)
	}
	if want := "chart-weekly chart-daily-pain chart-calendar chart-dose-bird-dog chart-dose-evil chart-correlation"; strings.Join(ids, " ") != want {
		t.Errorf("charts %v, want %s", ids, want)
	}
	if strings.Contains(page, `"stats"`) || strings.Contains(page, `"baseline_start"`) {
		t.Error("the page embeds statistics no chart uses")
	}
}

func TestUserTextIsEscaped(t *testing.T) {
	page := render(t, fixture())
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("the page has %d script elements, want 3 (data, ECharts, init)", n)
	}
	if strings.Contains(withoutLibrary(page), "alert(1)</script>") {
		t.Error("a note or exercise name reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile name is not shown as escaped text")
	}
	if !strings.Contains(page, "__f__alert(2)__f__") {
		t.Error("the __f__ note is not shown verbatim")
	}
	if !strings.Contains(page, "Content-Security-Policy") || !strings.Contains(page, "default-src &#39;none&#39;") {
		t.Error("no Content-Security-Policy forbidding network access")
	}
}

func TestReportLoadsNothingFromTheNetwork(t *testing.T) {
	page := withoutLibrary(render(t, fixture()))
	for _, bad := range []string{"src=", "http://", "https://", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q outside the embedded library", bad)
		}
	}
	// Links only lead within the page.
	if m := regexp.MustCompile(`href="[^#]`).FindString(page); m != "" || !strings.Contains(page, `href="#summary"`) {
		t.Errorf("the page links outside itself (%q), or has no contents links", m)
	}
}

func TestEmptyAndSparseJournals(t *testing.T) {
	catalog := journal.NewCatalog()
	empty := render(t, reports.Input{AsOf: asOf, Weeks: 12, Catalog: catalog})
	if !strings.Contains(empty, "Nothing recorded in these 12 weeks yet") || strings.Contains(empty, `class="chart"`) {
		t.Error("an empty journal should get a helpful page and no charts")
	}
	sparse := render(t, reports.Input{AsOf: asOf, Weeks: 12, Catalog: catalog,
		Pain: []journal.PainEntry{{Day: asOf - 3, Score: 4}}})
	if strings.Contains(sparse, "Nothing recorded") || !strings.Contains(sparse, `id="chart-daily-pain"`) {
		t.Error("one pain score should already be charted")
	}
	if !strings.Contains(sparse, "needs at least 6 weeks with pain scores") || strings.Contains(sparse, `id="chart-correlation"`) {
		t.Error("with under 6 weeks the correlation must be explained, not drawn")
	}
}

func TestEmbeddedEChartsMatchesItsChecksum(t *testing.T) {
	lib, err := os.ReadFile(filepath.Join("echarts", "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	recorded, err := os.ReadFile(filepath.Join("echarts", "echarts.min.js.sha256"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(lib)
	if got, want := hex.EncodeToString(sum[:]), strings.Fields(string(recorded))[0]; got != want {
		t.Errorf("echarts.min.js has sha256 %s, recorded %s: refresh it with reports/echarts/update.sh", got, want)
	}
	page := render(t, fixture())
	if !strings.Contains(page, string(lib)) {
		t.Error("the report does not embed echarts.min.js as it is")
	}
}
