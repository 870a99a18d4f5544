package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
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

// TestReportInRealBrowser writes a report from a journal holding hostile
// text, loads it from file:// in headless Chromium with the network blocked,
// and checks that every chart drew, nothing was requested, no error was
// logged, no script of the user's ran, and the hostile text shows as text.
func TestReportInRealBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	now := time.Date(2026, 5, 31, 20, 0, 0, 0, time.Local)
	db := filepath.Join(t.TempDir(), "journal.db")
	backlog := func(args ...string) {
		t.Helper()
		code, stdout, stderr := runWith(t, now, db, args...)
		if code != 0 {
			t.Fatalf("backlog %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	backlog("exercises", "add", "evil-stretch", "--name", hostileScript, "--kind", "hold", "--start", "20s", "--ceiling", "40s", "--step", "5s", "--alias", hostileFunc)
	start := now.AddDate(0, 0, -7*9)
	for d := 0; d < 7*9; d++ {
		day := start.AddDate(0, 0, d).Format(time.DateOnly)
		backlog("pain", fmt.Sprint(2+(d/7)%4), "--date", day)
		if d%7 != 3 && d%5 != 0 {
			backlog("done", "bird-dog", "--date", day)
		}
		if d%3 == 0 {
			backlog("done", "evil-stretch", "--date", day, "--note", hostileScript+" "+hostileFunc)
		}
	}
	backlog("pain", "3", "--note", hostileFunc)
	out := filepath.Join(t.TempDir(), "report.html")
	backlog("report", "--weeks", "12", "--out", out, "--no-open")

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
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900))...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	var mu sync.Mutex
	var requests, problems []string
	chromedp.ListenTarget(browser, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if !strings.HasPrefix(ev.Request.URL, "file://") && !strings.HasPrefix(ev.Request.URL, "data:") {
				requests = append(requests, ev.Request.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				problems = append(problems, fmt.Sprintf("console %s: %v", ev.Type, ev.Args))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Error())
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError || ev.Entry.Level == cdplog.LevelWarning {
				problems = append(problems, fmt.Sprintf("log %s: %s", ev.Entry.Level, ev.Entry.Text))
			}
		case *page.EventJavascriptDialogOpening:
			problems = append(problems, "a script opened a dialog: "+ev.Message)
			go chromedp.Run(browser, page.HandleJavaScriptDialog(false))
		}
	})

	var drawn string
	var charts []struct {
		ID    string `json:"id"`
		Paths int    `json:"paths"`
		Texts int    `json:"texts"`
		Owned bool   `json:"owned"`
	}
	var bodyText string
	var shot []byte
	err = chromedp.Run(browser,
		network.Enable(),
		cdplog.Enable(),
		network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{
			{URLPattern: "http://*:*/*", Block: true}, {URLPattern: "https://*:*/*", Block: true},
			{URLPattern: "ws://*:*/*", Block: true}, {URLPattern: "wss://*:*/*", Block: true},
		}),
		chromedp.Navigate("file://"+out),
		chromedp.Poll(`document.documentElement.getAttribute("data-charts-drawn")`, &drawn, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart")).map(el => ({
			id: el.id,
			paths: el.querySelectorAll("svg path").length,
			texts: el.querySelectorAll("svg text").length,
			owned: !!echarts.getInstanceByDom(el)}))`, &charts),
		chromedp.Evaluate(`document.body.innerText`, &bodyText),
		chromedp.FullScreenshot(&shot, 100),
	)
	if err != nil {
		t.Fatal(err)
	}
	shotPath := filepath.Join(t.ArtifactDir(), "report.png")
	if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", shotPath)

	if len(charts) < 5 || drawn != fmt.Sprint(len(charts)) {
		t.Errorf("%d chart elements, %s drawn; want at least 5, all drawn", len(charts), drawn)
	}
	for _, c := range charts {
		if !c.Owned || c.Paths < 3 || c.Texts < 2 {
			t.Errorf("chart %s: echarts instance %v, %d paths, %d texts: it did not draw", c.ID, c.Owned, c.Paths, c.Texts)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(requests) > 0 {
		t.Errorf("the report made network requests: %v", requests)
	}
	if len(problems) > 0 {
		t.Errorf("the page logged problems: %v", problems)
	}
	for _, s := range []string{hostileScript, hostileFunc} {
		if !strings.Contains(bodyText, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Error("the browser timed out")
	}
}
