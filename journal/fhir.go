package journal

import (
	"bufio"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
)

// The codes and systems of backlog's FHIR R4 export (SPEC §8). The LOINC
// codes are the ones HL7's Physical Activity implementation guide uses for
// exercise; 72514-3 is the 0–10 numeric pain rating.
const (
	LOINCSystem       = "http://loinc.org"
	UCUMSystem        = "http://unitsofmeasure.org"
	CategorySystem    = "http://terminology.hl7.org/CodeSystem/observation-category"
	LOINCPainSeverity = "72514-3"
	LOINCExercise     = "73985-4"
	LOINCExerciseTime = "55411-3"

	// FHIREntrySystem is the identifier system of backlog's entry ids.
	FHIREntrySystem = "urn:backlog:entry"
	// FHIRExerciseSystem codes exercises by their slug.
	FHIRExerciseSystem = "urn:backlog:exercise"
	// FHIRDoseSystem codes the parts of a dose that LOINC has no code for.
	FHIRDoseSystem = "urn:backlog:dose"
	// FHIRExerciseDefinition is the extension of an ActivityDefinition that
	// carries a custom exercise's definition as backlog's JSON, so an import
	// of the bundle can recreate the exercise.
	FHIRExerciseDefinition = "urn:backlog:exercise-definition"
	// FHIRExactNote is the extension of a note that holds it exactly,
	// base64-encoded, when it has control characters FHIR strings may not
	// hold; the note's text then shows them as U+FFFD.
	FHIRExactNote = "urn:backlog:exact-note"
)

const painSeverityDisplay = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"

// FHIROptions chooses what a FHIR export contains.
type FHIROptions struct {
	Since, Until Day    // inclusive bounds on the entries' days; zero means unbounded
	Patient      string // the subject's display name; empty means no subject
}

// Validate checks the options: a patient name that is plain text, and
// bounds in order.
func (o FHIROptions) Validate() error {
	if o.Since != 0 && o.Until != 0 && o.Since > o.Until {
		return invalid("since", "give a --since on or before --until", "--since %s is after --until %s", o.Since, o.Until)
	}
	if o.Patient != "" {
		if strings.TrimSpace(o.Patient) != o.Patient || strings.IndexFunc(o.Patient, unicode.IsControl) >= 0 || len(o.Patient) > 200 {
			return invalid("patient", "give the name as plain text, such as --patient 'Ada Lovelace'",
				"--patient must be a name without leading or trailing spaces or control characters, at most 200 bytes")
		}
	}
	return nil
}

func (o FHIROptions) includes(d Day) bool {
	return (o.Since == 0 || d >= o.Since) && (o.Until == 0 || d <= o.Until)
}

// The FHIR R4 data types backlog writes, with only the elements it uses.
// Field order is the order they are written in, so output is deterministic.
type (
	fhirEntry struct {
		FullURL  string `json:"fullUrl"`
		Resource any    `json:"resource"`
	}
	fhirObservation struct {
		ResourceType         string                `json:"resourceType"`
		Identifier           []fhirIdentifier      `json:"identifier"`
		Status               string                `json:"status"`
		Category             []fhirCodeableConcept `json:"category"`
		Code                 fhirCodeableConcept   `json:"code"`
		Subject              *fhirReference        `json:"subject,omitempty"`
		EffectiveDateTime    string                `json:"effectiveDateTime"`
		Issued               string                `json:"issued,omitempty"`
		ValueInteger         *int                  `json:"valueInteger,omitempty"`
		ValueCodeableConcept *fhirCodeableConcept  `json:"valueCodeableConcept,omitempty"`
		Note                 []fhirAnnotation      `json:"note,omitempty"`
		Component            []fhirComponent       `json:"component,omitempty"`
	}
	fhirActivityDefinition struct {
		ResourceType string              `json:"resourceType"`
		Extension    []fhirExtension     `json:"extension"`
		URL          string              `json:"url"`
		Identifier   []fhirIdentifier    `json:"identifier"`
		Title        string              `json:"title"`
		Status       string              `json:"status"`
		Description  string              `json:"description,omitempty"`
		Code         fhirCodeableConcept `json:"code"`
	}
	fhirExtension struct {
		URL         string `json:"url"`
		ValueString string `json:"valueString"`
	}
	fhirIdentifier struct {
		System string `json:"system"`
		Value  string `json:"value"`
	}
	fhirCoding struct {
		System  string `json:"system"`
		Code    string `json:"code"`
		Display string `json:"display,omitempty"`
	}
	fhirCodeableConcept struct {
		Coding []fhirCoding `json:"coding"`
		Text   string       `json:"text,omitempty"`
	}
	fhirReference struct {
		Display string `json:"display"`
	}
	fhirAnnotation struct {
		Extension []fhirBinaryExtension `json:"extension,omitempty"`
		Text      string                `json:"text"`
	}
	fhirBinaryExtension struct {
		URL               string `json:"url"`
		ValueBase64Binary []byte `json:"valueBase64Binary"`
	}
	fhirQuantity struct {
		Value  json.Number `json:"value"`
		Unit   string      `json:"unit"`
		System string      `json:"system"`
		Code   string      `json:"code"`
	}
	fhirComponent struct {
		Code          fhirCodeableConcept `json:"code"`
		ValueQuantity *fhirQuantity       `json:"valueQuantity,omitempty"`
		ValueInteger  *int                `json:"valueInteger,omitempty"`
	}
)

// doseComponent describes one part of a session's dose as an Observation
// component: its code and its UCUM unit.
type doseComponent struct {
	system, code, display string
	unit, ucum            string
	field                 func(*Dose) *int
}

// doseComponents lists the dose's parts in the order they are written.
func doseComponents() []doseComponent {
	return []doseComponent{
		{LOINCSystem, LOINCExerciseTime, "Exercise duration", "min", "min", func(d *Dose) *int { return &d.Minutes }},
		{FHIRDoseSystem, "reps", "Repetitions", "reps", "{reps}", func(d *Dose) *int { return &d.Reps }},
		{FHIRDoseSystem, "hold", "Hold per repetition", "s", "s", func(d *Dose) *int { return &d.HoldS }},
		{FHIRDoseSystem, "sets", "Sets", "sets", "{sets}", func(d *Dose) *int { return &d.Sets }},
	}
}

func category(code, display string) []fhirCodeableConcept {
	return []fhirCodeableConcept{{Coding: []fhirCoding{{System: CategorySystem, Code: code, Display: display}}}}
}

func loinc(code, display, text string) fhirCodeableConcept {
	return fhirCodeableConcept{Coding: []fhirCoding{{System: LOINCSystem, Code: code, Display: display}}, Text: text}
}

// FHIRUUID returns the stable urn:uuid of a name such as "urn:backlog:entry:s-1":
// an RFC 4122 version 5 UUID in the URL namespace, so the same entry always
// has the same fullUrl.
func FHIRUUID(name string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	sum := sha1.Sum(append(ns[:], name...))
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// WriteFHIR writes the export as one FHIR R4 Bundle of type collection:
// the user's own exercises as ActivityDefinitions, each session as an
// exercise-activity Observation and each pain score as a pain-severity
// Observation, in the order of the JSON export. The same journal and options
// always give the same bytes.
func (x Export) WriteFHIR(w io.Writer, opt FHIROptions) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	catalog := NewCatalog(x.Exercises...)
	var subject *fhirReference
	if opt.Patient != "" {
		subject = &fhirReference{Display: opt.Patient}
	}
	// The bundle is written an entry at a time, one entry a line: compact
	// enough for ten years of entries, and still readable with grep or less.
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(`{"resourceType":"Bundle","type":"collection"`); err != nil {
		return err
	}
	entries := 0
	emit := func(e fhirEntry) error {
		sep := ",\n"
		if entries == 0 {
			sep = `,"entry":[` + "\n"
		}
		entries++
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("writing the FHIR bundle: %w", err)
		}
		if _, err := bw.WriteString(sep); err != nil {
			return err
		}
		_, err = bw.Write(data)
		return err
	}
	for _, e := range x.Exercises {
		def, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("writing exercise %s as FHIR: %w", e.Slug, err)
		}
		err = emit(fhirEntry{FullURL: FHIRUUID(FHIRExerciseSystem + ":" + e.Slug), Resource: fhirActivityDefinition{
			ResourceType: "ActivityDefinition",
			Extension:    []fhirExtension{{URL: FHIRExerciseDefinition, ValueString: string(def)}},
			URL:          FHIRExerciseSystem + ":" + e.Slug,
			Identifier:   []fhirIdentifier{{System: FHIRExerciseSystem, Value: e.Slug}},
			Title:        fhirText(e.Name),
			Status:       "active",
			Description:  fhirText(strings.TrimSpace(e.HowTo)),
			Code:         fhirCodeableConcept{Coding: []fhirCoding{{System: FHIRExerciseSystem, Code: e.Slug, Display: fhirText(e.Name)}}, Text: fhirText(e.Name)},
		}})
		if err != nil {
			return err
		}
	}
	for _, s := range x.Sessions {
		if !opt.includes(s.Day) {
			continue
		}
		name := s.Exercise
		if ex, err := catalog.Lookup(s.Exercise); err == nil {
			name = fhirText(ex.Name)
		}
		obs := observation(s.ID, s.Day, s.Note, s.RecordedAt, subject)
		obs.Category = category("activity", "Activity")
		obs.Code = loinc(LOINCExercise, "Exercise activity", "Exercise activity")
		obs.ValueCodeableConcept = &fhirCodeableConcept{
			Coding: []fhirCoding{{System: FHIRExerciseSystem, Code: s.Exercise, Display: name}}, Text: name}
		dose := s.Dose
		for _, c := range doseComponents() {
			if n := *c.field(&dose); n != 0 {
				obs.Component = append(obs.Component, fhirComponent{
					Code:          fhirCodeableConcept{Coding: []fhirCoding{{System: c.system, Code: c.code, Display: c.display}}, Text: c.display},
					ValueQuantity: &fhirQuantity{Value: json.Number(fmt.Sprint(n)), Unit: c.unit, System: UCUMSystem, Code: c.ucum},
				})
			}
		}
		if s.PainDuring != nil {
			p := *s.PainDuring
			obs.Component = append(obs.Component, fhirComponent{
				Code: loinc(LOINCPainSeverity, painSeverityDisplay, "Pain during the exercise"), ValueInteger: &p})
		}
		if err := emit(fhirEntry{FullURL: FHIRUUID(FHIREntrySystem + ":" + s.ID), Resource: obs}); err != nil {
			return err
		}
	}
	for _, p := range x.Pain {
		if !opt.includes(p.Day) {
			continue
		}
		obs := observation(p.ID, p.Day, p.Note, p.RecordedAt, subject)
		obs.Category = category("survey", "Survey")
		obs.Code = loinc(LOINCPainSeverity, painSeverityDisplay, "Pain score (0-10)")
		score := p.Score
		obs.ValueInteger = &score
		if err := emit(fhirEntry{FullURL: FHIRUUID(FHIREntrySystem + ":" + p.ID), Resource: obs}); err != nil {
			return err
		}
	}
	end := "}\n"
	if entries > 0 {
		end = "\n]}\n"
	}
	if _, err := bw.WriteString(end); err != nil {
		return err
	}
	return bw.Flush()
}

// observation fills what pain and session Observations share.
func observation(id string, day Day, note string, recorded time.Time, subject *fhirReference) fhirObservation {
	obs := fhirObservation{
		ResourceType:      "Observation",
		Identifier:        []fhirIdentifier{{System: FHIREntrySystem, Value: id}},
		Status:            "final",
		Subject:           subject,
		EffectiveDateTime: day.String(),
	}
	if !recorded.IsZero() {
		obs.Issued = formatTime(recorded)
	}
	if note != "" {
		a := fhirAnnotation{Text: fhirText(note)}
		if a.Text != note {
			a.Extension = []fhirBinaryExtension{{URL: FHIRExactNote, ValueBase64Binary: []byte(note)}}
		}
		obs.Note = []fhirAnnotation{a}
	}
	return obs
}

// fhirText replaces the control characters that FHIR strings may not hold
// (all but tab, line feed and carriage return) with U+FFFD.
func fhirText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}
