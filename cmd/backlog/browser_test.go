package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"backlog/journal"
	"backlog/journal/journaltest"
)

// Hostile text a user could type into a note or an exercise name.
const (
	hostileScript = `</script><script>alert(1)</script>`
	hostileFunc   = `__f__alert(2)__f__`
)

// chromiumPath finds Debian's chromium. Outside CI a missing browser skips
// the test; in CI it fails it.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get")
	}
	t.Skip("chromium is not installed: skipping the real-browser test (apt-get install chromium to run it)")
	return ""
}

// testTool finds what a check needs: a file under BACKLOG_NODE_MODULES or a
// command. Outside CI a missing tool skips the check (t.Skip ends only the
// subtest it is called from); in CI it fails the test.
func testTool(t *testing.T, what, hint string, find func() (string, bool)) (string, bool) {
	t.Helper()
	if p, ok := find(); ok {
		return p, true
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing; %s", what, hint)
	}
	t.Logf("%s is missing: skipping its check (%s)", what, hint)
	return "", false
}

func nodeModule(t *testing.T, rel string) (string, bool) {
	return testTool(t, rel, ".ci/run installs it from .ci/package.json and sets BACKLOG_NODE_MODULES", func() (string, bool) {
		dir := os.Getenv("BACKLOG_NODE_MODULES")
		if dir == "" {
			return "", false
		}
		p := filepath.Join(dir, rel)
		_, err := os.Stat(p)
		return p, err == nil
	})
}

func command(t *testing.T, name, pkg string) (string, bool) {
	return testTool(t, name, "apt-get install "+pkg, func() (string, bool) {
		p, err := exec.LookPath(name)
		return p, err == nil
	})
}

// reportCase is one report the browser test loads.
type reportCase struct {
	name    string
	db      string
	weeks   int
	hostile bool // the journal holds hostileScript and hostileFunc
}

// viewport is a screen the report is read on.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{{"phone", 390, 844, true}, {"laptop", 1280, 900, false}}

// TestReportInRealBrowser writes reports of 4, 12 and 520 weeks, loads each
// from file:// in headless Chromium with the network blocked, on a phone
// and a laptop screen and printed, and checks what a reader meets: every
// chart drew and has a text alternative, nothing was requested, nothing was
// logged, no script of the user's ran, the page never scrolls sideways, no
// chart is taller than it needs, the wheel over a chart scrolls the page,
// print shows no zoom control and the week's numbers, axe-core finds no
// violation and the Nu HTML checker no error. Screenshots and PDF pages are
// kept as test artifacts (go test -artifacts).
func TestReportInRealBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	now := time.Date(2026, 5, 31, 20, 0, 0, 0, time.Local)
	hostile := hostileJournal(t, now)
	long := filepath.Join(t.TempDir(), "ten-years.db")
	generate(t, long, 10, journal.DayOf(now)-1)
	cases := []reportCase{{"4-weeks", hostile, 4, true}, {"12-weeks", hostile, 12, true}, {"520-weeks", long, 520, false}}

	artifacts := t.ArtifactDir()
	var pages []string
	for _, c := range cases {
		out := filepath.Join(t.TempDir(), "report-"+c.name+".html")
		code, stdout, stderr := runWith(t, now, c.db, "report", "--weeks", fmt.Sprint(c.weeks), "--out", out, "--no-open")
		if code != 0 {
			t.Fatalf("report --weeks %d: exit %d\n%s%s", c.weeks, code, stdout, stderr)
		}
		st, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() > 1_500_000 {
			t.Errorf("%s: the report is %d bytes, over 1.5 MB", c.name, st.Size())
		}
		pages = append(pages, out)
	}

	// Chromium's helper processes may still write to the profile for a
	// moment after the browser exits, so the profile is removed with retries
	// rather than by t.TempDir's strict cleanup.
	profile, err := os.MkdirTemp("", "backlog-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.WindowSize(1280, 900))...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Run(browser); err != nil {
		t.Fatal(err)
	}

	axe, haveAxe := nodeModule(t, "axe-core/axe.min.js")
	var axeJS string
	if haveAxe {
		b, err := os.ReadFile(axe)
		if err != nil {
			t.Fatal(err)
		}
		axeJS = string(b)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, vp := range viewports {
				t.Run(vp.name, func(t *testing.T) {
					tab, cancelTab := newTab(browser)
					defer cancelTab()
					checkScreen(t, tab, pages[i], c.hostile, vp, axeJS, filepath.Join(artifacts, c.name+"-"+vp.name))
				})
			}
			t.Run("print", func(t *testing.T) {
				tab, cancelTab := newTab(browser)
				defer cancelTab()
				checkPrint(t, tab, pages[i], filepath.Join(artifacts, c.name+"-print"))
			})
		})
	}
	t.Run("html-checker", func(t *testing.T) { checkHTML(t, pages) })
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Error("the browser timed out")
	}
	t.Logf("screenshots and PDF pages: %s", artifacts)
}

// newTab opens a tab that gives up after a minute, so that a hung check
// fails alone rather than taking the rest with it.
func newTab(browser context.Context) (context.Context, context.CancelFunc) {
	tab, cancelTab := chromedp.NewContext(browser)
	timed, cancelTimed := context.WithTimeout(tab, time.Minute)
	return timed, func() { cancelTimed(); cancelTab() }
}

// hostileJournal is nine weeks of pain and sessions with hostile text in a
// custom exercise's name and alias and in notes, and pain during exercise.
func hostileJournal(t *testing.T, now time.Time) string {
	db := filepath.Join(t.TempDir(), "journal.db")
	backlog := func(args ...string) {
		t.Helper()
		code, stdout, stderr := runWith(t, now, db, args...)
		if code != 0 {
			t.Fatalf("backlog %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	backlog("exercises", "add", "evil-stretch", "--name", hostileScript, "--kind", "hold", "--start", "20s", "--goal", "40s", "--step", "5s", "--alias", hostileFunc)
	start := now.AddDate(0, 0, -7*9)
	for d := 0; d < 7*9; d++ {
		day := start.AddDate(0, 0, d).Format(time.DateOnly)
		backlog("pain", fmt.Sprint(2+(d/7)%4), "--date", day)
		if d%7 != 3 && d%5 != 0 {
			backlog("done", "bird-dog", "--date", day, "--reps", fmt.Sprint(4+d/14), "--pain-during", fmt.Sprint(d%4))
		}
		if d%3 == 0 {
			backlog("done", "evil-stretch", "--date", day, "--note", hostileScript+" "+hostileFunc)
		}
		if d%4 == 0 {
			backlog("done", "walking", "--date", day, "--minutes", fmt.Sprint(10+d/10), "--sets", fmt.Sprint(1+(d/4)%2))
		}
	}
	backlog("pain", "3", "--note", hostileFunc)
	backlog("routine", "add", "bird-dog", "walking", "--days", "mon,wed,fri", "--from", start.AddDate(0, 0, 14).Format(time.DateOnly))
	return db
}

// generate writes a journal of the given years ending on last, as
// cmd/gen-journal does.
func generate(t *testing.T, path string, years int, last journal.Day) {
	t.Helper()
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := journaltest.Fill(ctx, s, years, last, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// watch records the requests and problems of a tab.
type watch struct {
	mu                 sync.Mutex
	requests, problems []string
}

func (w *watch) listen(tab context.Context) {
	chromedp.ListenTarget(tab, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if !strings.HasPrefix(ev.Request.URL, "file://") && !strings.HasPrefix(ev.Request.URL, "data:") {
				w.requests = append(w.requests, ev.Request.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				w.problems = append(w.problems, fmt.Sprintf("console %s: %v", ev.Type, ev.Args))
			}
		case *runtime.EventExceptionThrown:
			w.problems = append(w.problems, "exception: "+ev.ExceptionDetails.Error())
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError || ev.Entry.Level == cdplog.LevelWarning {
				w.problems = append(w.problems, fmt.Sprintf("log %s: %s", ev.Entry.Level, ev.Entry.Text))
			}
		case *page.EventJavascriptDialogOpening:
			w.problems = append(w.problems, "a script opened a dialog: "+ev.Message)
			go chromedp.Run(tab, page.HandleJavaScriptDialog(false))
		}
	})
}

func (w *watch) check(t *testing.T) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.requests) > 0 {
		t.Errorf("the report made network requests: %v", w.requests)
	}
	if len(w.problems) > 0 {
		t.Errorf("the page logged problems: %v", w.problems)
	}
}

// load opens the report in the tab, blocks the network, and waits for the
// charts.
func load(tab context.Context, path string, w *watch, setup ...chromedp.Action) error {
	w.listen(tab)
	var drawn string
	actions := append([]chromedp.Action{
		page.BringToFront(), // a tab in the background gets no input events
		network.Enable(),
		cdplog.Enable(),
		network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{
			{URLPattern: "http://*:*/*", Block: true}, {URLPattern: "https://*:*/*", Block: true},
			{URLPattern: "ws://*:*/*", Block: true}, {URLPattern: "wss://*:*/*", Block: true},
		}),
	}, setup...)
	actions = append(actions,
		chromedp.Navigate("file://"+path),
		chromedp.Poll(`document.documentElement.getAttribute("data-charts-drawn")`, &drawn, chromedp.WithPollingTimeout(30*time.Second)))
	return chromedp.Run(tab, actions...)
}

// chartFacts is what the page says about one chart.
type chartFacts struct {
	ID        string  `json:"id"`
	Paths     int     `json:"paths"`
	Texts     int     `json:"texts"`
	Owned     bool    `json:"owned"`
	Height    float64 `json:"height"`
	Blank     float64 `json:"blank"` // the tallest strip with nothing drawn
	Label     string  `json:"label"`
	Role      string  `json:"role"`
	TableRows int     `json:"tableRows"`
	Zooms     int     `json:"zooms"`
}

const chartFactsJS = `Array.from(document.querySelectorAll(".chart")).map(el => {
	const svg = el.querySelector("svg");
	const inst = echarts.getInstanceByDom(el);
	const section = el.closest("section");
	const box = el.getBoundingClientRect();
	// The largest horizontal strip of the chart with nothing drawn in it;
	// shapes as tall as the chart (its background) do not count.
	let blank = box.height;
	if (svg) {
		const spans = [];
		svg.querySelectorAll("path, text, rect").forEach(n => {
			const r = n.getBoundingClientRect();
			if ((r.height > 0 || r.width > 0) && r.height < 0.9 * box.height) spans.push([r.top - box.top, r.bottom - box.top]);
		});
		spans.sort((a, b) => a[0] - b[0]);
		let reached = 0;
		blank = 0;
		for (const [top, bottom] of spans) {
			blank = Math.max(blank, top - reached);
			reached = Math.max(reached, bottom);
		}
		blank = Math.max(blank, box.height - reached);
	}
	const opt = inst ? inst.getOption() : {};
	return {
		id: el.id,
		paths: el.querySelectorAll("svg path").length,
		texts: el.querySelectorAll("svg text").length,
		owned: !!inst,
		height: box.height,
		blank: blank,
		label: el.getAttribute("aria-label") || "",
		role: el.getAttribute("role") || "",
		tableRows: section ? section.querySelectorAll("details table tbody tr").length : 0,
		zooms: (opt.dataZoom || []).length,
	};
})`

// checkScreen loads the report at one screen size and checks it there.
func checkScreen(t *testing.T, tab context.Context, path string, hostile bool, vp viewport, axeJS, shotBase string) {
	var w watch
	err := load(tab, path, &w, chromedp.EmulateViewport(vp.width, vp.height, func(p *emulation.SetDeviceMetricsOverrideParams, s *emulation.SetTouchEmulationEnabledParams) {
		p.Mobile = vp.mobile
	}))
	if err != nil {
		t.Fatal(err)
	}
	var charts []chartFacts
	var bodyText string
	var scrollWidth, innerWidth int64
	var top, full []byte
	err = chromedp.Run(tab,
		chromedp.Evaluate(chartFactsJS, &charts),
		chromedp.Evaluate(`document.body.innerText`, &bodyText),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
		chromedp.Evaluate(`window.innerWidth`, &innerWidth),
		chromedp.CaptureScreenshot(&top),
		chromedp.FullScreenshot(&full, 90),
	)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, shotBase+"-top.png", top)
	keep(t, shotBase+"-full.jpg", full)

	if len(charts) < 4 {
		t.Errorf("%d charts; want at least 4", len(charts))
	}
	// A phone widens its layout to fit what overflows, so the page is
	// measured against the screen it was given.
	if scrollWidth > vp.width || innerWidth > vp.width {
		t.Errorf("the page is %d px wide (window %d px) on a %d px screen: it scrolls sideways", scrollWidth, innerWidth, vp.width)
	}
	for _, c := range charts {
		if !c.Owned || c.Paths < 3 || c.Texts < 2 {
			t.Errorf("chart %s: echarts instance %v, %d paths, %d texts: it did not draw", c.ID, c.Owned, c.Paths, c.Texts)
		}
		if c.Height > float64(vp.height) {
			t.Errorf("chart %s is %.0f px tall, more than the %d px screen", c.ID, c.Height, vp.height)
		}
		if c.Blank > 0.3*c.Height {
			t.Errorf("chart %s is %.0f px tall with a blank strip of %.0f px: it is taller than it needs", c.ID, c.Height, c.Blank)
		}
		if c.Role != "img" || len(c.Label) < 40 || c.TableRows == 0 {
			t.Errorf("chart %s: role %q, label %q, %d table rows: it needs a text alternative", c.ID, c.Role, c.Label, c.TableRows)
		}
		if c.Zooms > 0 {
			t.Errorf("chart %s has %d zoom controls: they capture the wheel and print zoomed", c.ID, c.Zooms)
		}
	}
	for _, s := range []string{hostileScript, hostileFunc} {
		if hostile && !strings.Contains(bodyText, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
	checkWheel(t, tab, charts)
	checkKeyboard(t, tab)
	checkTooltip(t, tab)
	if axeJS != "" {
		checkAxe(t, tab, axeJS)
	}
	w.check(t)
}

// checkWheel turns the mouse wheel over the first, a middle and the last
// chart, at a third and two thirds of their height, as a person would, and
// expects the page to scroll every time.
func checkWheel(t *testing.T, tab context.Context, charts []chartFacts) {
	if len(charts) == 0 {
		return
	}
	for _, c := range []chartFacts{charts[0], charts[len(charts)/2], charts[len(charts)-1]} {
		for _, at := range []float64{1.0 / 3, 2.0 / 3} {
			var point struct{ X, Y float64 }
			var before, after float64
			err := chromedp.Run(tab,
				chromedp.Evaluate(fmt.Sprintf(`(() => { const el = document.getElementById(%q);
					window.scrollTo(0, 0); el.scrollIntoView({block: "start"}); window.scrollBy(0, -40);
					const r = el.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height * %f}; })()`, c.ID, at), &point),
				chromedp.Sleep(50*time.Millisecond),
				chromedp.Evaluate(`window.scrollY`, &before),
				chromedp.ActionFunc(func(ctx context.Context) error {
					return input.DispatchMouseEvent(input.MouseWheel, point.X, point.Y).WithDeltaX(0).WithDeltaY(120).Do(ctx)
				}),
				chromedp.Sleep(250*time.Millisecond),
				chromedp.Evaluate(`window.scrollY`, &after),
			)
			if err != nil {
				t.Fatal(err)
			}
			if after <= before {
				t.Errorf("the wheel over chart %s, %.0f%% down, did not scroll the page (scrollY %.0f, then %.0f)", c.ID, 100*at, before, after)
			}
		}
	}
}

// checkTooltip points at the middle of the active-days panel and expects
// the tooltip to be a sentence, not raw data such as "2026-10-12,5".
func checkTooltip(t *testing.T, tab context.Context) {
	var point struct{ X, Y float64 }
	var tip string
	err := chromedp.Run(tab,
		chromedp.Evaluate(`(() => { const el = document.getElementById("chart-weekly"); el.scrollIntoView({block: "center"});
			const r = el.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + 236}; })()`, &point),
		chromedp.Sleep(50*time.Millisecond),
		chromedp.ActionFunc(func(ctx context.Context) error {
			return input.DispatchMouseEvent(input.MouseMoved, point.X, point.Y).Do(ctx)
		}),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`(() => { const divs = document.getElementById("chart-weekly").querySelectorAll("div");
			return divs.length ? divs[divs.length - 1].innerText.trim() : ""; })()`, &tip),
	)
	if err != nil {
		t.Fatal(err)
	}
	sentence := regexp.MustCompile(`^(The week of|[A-Z][a-z]+ \d{4}).*(active on \d+ of \d+ days?|before your journal began).*\.$`)
	if !sentence.MatchString(tip) || regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).MatchString(tip) {
		t.Errorf("the tooltip over the active days reads %q; want a sentence", tip)
	}
}

// checkKeyboard presses Tab as a keyboard user would: the first stop is
// the skip link, Enter on it moves to the report, and every data table's
// disclosure can take the focus.
func checkKeyboard(t *testing.T, tab context.Context) {
	var first, hash string
	var unreachable []string
	err := chromedp.Run(tab,
		chromedp.Evaluate(`window.scrollTo(0, 0); document.activeElement.blur(); true`, nil),
		chromedp.KeyEvent(kb.Tab),
		chromedp.Evaluate(`document.activeElement.className + ":" + document.activeElement.textContent`, &first),
		chromedp.KeyEvent(kb.Enter),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`location.hash`, &hash),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("summary")).filter(s => { s.focus(); return document.activeElement !== s; }).map(s => s.textContent)`, &unreachable),
	)
	if err != nil {
		t.Fatal(err)
	}
	if first != "skip:Skip to the report" || hash != "#main" {
		t.Errorf("the first Tab reaches %q and Enter leads to %q; want the skip link, leading to #main", first, hash)
	}
	if len(unreachable) > 0 {
		t.Errorf("these disclosures cannot take the keyboard's focus: %q", unreachable)
	}
}

// checkAxe injects axe-core and reports every violation it finds.
func checkAxe(t *testing.T, tab context.Context, axeJS string) {
	var violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any `json:"target"`
		} `json:"nodes"`
	}
	err := chromedp.Run(tab,
		chromedp.Evaluate(axeJS, nil),
		chromedp.Evaluate(`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, &violations,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	for _, v := range violations {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("axe-core: %s (%s) at %s", v.ID, v.Help, strings.Join(where, ", "))
	}
}

// checkPrint prints the report to PDF, checks what paper shows, and keeps
// the PDF and its pages as PNG.
func checkPrint(t *testing.T, tab context.Context, path, base string) {
	var w watch
	if err := load(tab, path, &w); err != nil {
		t.Fatal(err)
	}
	var facts struct {
		Zooms       int     `json:"zooms"`
		WidestChart float64 `json:"widestChart"`
		TableShown  bool    `json:"tableShown"`
		NavShown    bool    `json:"navShown"`
	}
	var pdf []byte
	err := chromedp.Run(tab,
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate(`(() => {
			let zooms = 0, widest = 0;
			document.querySelectorAll(".chart").forEach(el => {
				const inst = echarts.getInstanceByDom(el);
				zooms += (inst.getOption().dataZoom || []).length;
				const svg = el.querySelector("svg");
				widest = Math.max(widest, svg ? svg.getBoundingClientRect().width : 0);
			});
			const table = document.querySelector("details.print-table table");
			return {zooms: zooms, widestChart: widest,
				tableShown: !!table && table.getBoundingClientRect().height > 0,
				navShown: getComputedStyle(document.querySelector("nav")).display !== "none"};
		})()`, &facts),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPrintBackground(true).WithPaperWidth(8.27).WithPaperHeight(11.69).Do(ctx)
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, base+".pdf", pdf)
	if facts.Zooms > 0 {
		t.Errorf("%d zoom sliders on paper", facts.Zooms)
	}
	if facts.WidestChart > 700 {
		t.Errorf("a chart is drawn %.0f px wide on paper: wider than an A4 or Letter page", facts.WidestChart)
	}
	if !facts.TableShown {
		t.Error("the weekly numbers are not printed as a table")
	}
	if facts.NavShown {
		t.Error("the page's contents links are printed")
	}
	w.check(t)

	pdftotext, ok := command(t, "pdftotext", "poppler-utils")
	if !ok {
		return
	}
	text, err := exec.Command(pdftotext, "-layout", base+".pdf", "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pagesText := strings.Split(string(text), "\f")
	if !strings.Contains(pagesText[0], "Summary") || !strings.Contains(pagesText[0], "Suggestions") {
		t.Errorf("the first printed page does not hold the summary:\n%s", pagesText[0])
	}
	for i, p := range pagesText[:len(pagesText)-1] {
		if len(strings.Fields(p)) < 20 {
			t.Errorf("printed page %d is nearly empty:\n%s", i+1, p)
		}
	}
	if pdftoppm, ok := command(t, "pdftoppm", "poppler-utils"); ok {
		if out, err := exec.Command(pdftoppm, "-png", "-r", "60", base+".pdf", base+"-page").CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
	}
	t.Logf("%s: %d printed pages", filepath.Base(path), len(pagesText)-1)
}

// checkHTML runs the Nu HTML checker over the reports and fails on any
// error it reports.
func checkHTML(t *testing.T, pages []string) {
	jar, ok := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	if !ok {
		return
	}
	java, ok := command(t, "java", "default-jre-headless")
	if !ok {
		return
	}
	var stderr bytes.Buffer
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, pages...)...)
	cmd.Stderr = &stderr
	if _, err := cmd.Output(); err != nil {
		t.Fatalf("the Nu HTML checker: %v\n%s", err, stderr.String())
	}
	var result struct {
		Messages []struct {
			Type    string `json:"type"`
			URL     string `json:"url"`
			Message string `json:"message"`
			Extract string `json:"extract"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &result); err != nil {
		t.Fatalf("the Nu HTML checker's output: %v\n%s", err, stderr.String())
	}
	for _, m := range result.Messages {
		t.Errorf("Nu HTML checker, %s: %s: %s (%q)", filepath.Base(m.URL), m.Type, m.Message, m.Extract)
	}
	if len(result.Messages) == 0 {
		t.Logf("the Nu HTML checker found no errors in %d reports", len(pages))
	}
}

func keep(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
