package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"backlog/journal"
)

// fhirExportFlags are the export flags that only --format fhir uses.
func fhirExportFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "since", Usage: "with --format fhir: first day to export"},
		&cli.StringFlag{Name: "until", Usage: "with --format fhir: last day to export"},
		&cli.StringFlag{Name: "patient", Usage: "with --format fhir: your name (nothing else about you)"},
	}
}

// fhirExportOptions reads the FHIR-only flags, refusing them with any other
// format.
func fhirExportOptions(c *cli.Context, e *env, format string) (journal.FHIROptions, error) {
	var opt journal.FHIROptions
	if format != "fhir" {
		for _, name := range []string{"since", "until", "patient"} {
			if c.IsSet(name) {
				return opt, usagef("the JSON and CSV exports hold the whole journal", "--%s applies only to --format fhir", name)
			}
		}
		return opt, nil
	}
	var err error
	if v := c.String("since"); v != "" {
		if opt.Since, err = journal.ParseDayRelative(v, e.today()); err != nil {
			return opt, err
		}
	}
	if v := c.String("until"); v != "" {
		if opt.Until, err = journal.ParseDayRelative(v, e.today()); err != nil {
			return opt, err
		}
	}
	opt.Patient = strings.TrimSpace(c.String("patient"))
	if c.IsSet("patient") && opt.Patient == "" {
		return opt, usagef("such as --patient 'Ada Lovelace', or leave the flag out", "--patient needs a name")
	}
	return opt, opt.Validate()
}
