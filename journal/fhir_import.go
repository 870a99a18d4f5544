package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// fhirHint is what to do with a FHIR file backlog cannot read.
const fhirHint = "backlog imports the FHIR Bundle that backlog export --format fhir wrote"

// The shapes read back from a FHIR bundle. Numbers are kept as written so
// that a score of 4.5 is reported as such, not as a decoding failure.
type (
	fhirBundleIn struct {
		ResourceType string `json:"resourceType"`
		Type         string `json:"type"`
		Entry        []struct {
			Resource fhirResourceIn `json:"resource"`
		} `json:"entry"`
	}
	fhirResourceIn struct {
		ResourceType         string               `json:"resourceType"`
		Extension            []fhirExtension      `json:"extension"`
		Identifier           []fhirIdentifier     `json:"identifier"`
		Status               string               `json:"status"`
		Code                 fhirCodeableConcept  `json:"code"`
		EffectiveDateTime    string               `json:"effectiveDateTime"`
		Issued               string               `json:"issued"`
		ValueInteger         *json.Number         `json:"valueInteger"`
		ValueCodeableConcept *fhirCodeableConcept `json:"valueCodeableConcept"`
		Note                 []fhirAnnotation     `json:"note"`
		Component            []struct {
			Code          fhirCodeableConcept `json:"code"`
			ValueQuantity *fhirQuantity       `json:"valueQuantity"`
			ValueInteger  *json.Number        `json:"valueInteger"`
		} `json:"component"`
	}
)

// isFHIR reports whether a JSON object is a FHIR resource: it names its
// resourceType, which backlog's own JSON export never does. It stops at the
// first key that decides, so a large backlog export is not read twice.
func isFHIR(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		switch key {
		case "resourceType":
			return true
		case "format", "sessions", "pain", "exercises":
			return false
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// readFHIR turns backlog's own FHIR export back into import rows, finding
// each entry by the identifiers and codes WriteFHIR gave it.
func readFHIR(data []byte) ([]ImportRow, error) {
	// Decoding every resource in one pass is fast; only when some entry has
	// a value of the wrong JSON type is each read again on its own, so the
	// error names the entry.
	var b fhirBundleIn
	err := json.Unmarshal(data, &b)
	var typeErr *json.UnmarshalTypeError
	if err != nil && !errors.As(err, &typeErr) {
		return nil, invalid("file", fhirHint, "not a readable FHIR bundle: %v", err)
	}
	if b.ResourceType != "Bundle" {
		return nil, invalid("file", fhirHint, "the file is a FHIR %s, not a Bundle", b.ResourceType)
	}
	if b.Type != "collection" {
		return nil, invalid("file", fhirHint, "the FHIR Bundle is of type %q, not collection", b.Type)
	}
	rows := make([]ImportRow, 0, len(b.Entry))
	if err == nil {
		for i, e := range b.Entry {
			rows = append(rows, resourceRow(fmt.Sprintf("entry[%d]", i), e.Resource))
		}
		return rows, nil
	}
	var raw struct {
		Entry []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, invalid("file", fhirHint, "not a readable FHIR bundle: %v", err)
	}
	for i, e := range raw.Entry {
		rows = append(rows, fhirRow(fmt.Sprintf("entry[%d]", i), e.Resource))
	}
	return rows, nil
}

// fhirRow reads one bundle entry's resource.
func fhirRow(pos string, raw json.RawMessage) ImportRow {
	var r fhirResourceIn
	if err := json.Unmarshal(raw, &r); err != nil {
		return ImportRow{Pos: pos, Err: fmt.Errorf("cannot read it: %v", err)}
	}
	return resourceRow(pos, r)
}

// resourceRow turns one decoded resource into an import row.
func resourceRow(pos string, r fhirResourceIn) ImportRow {
	row := ImportRow{Pos: pos}
	switch r.ResourceType {
	case "ActivityDefinition":
		row.Exercise = &Exercise{}
		row.Err = fhirExercise(r, row.Exercise)
	case "Observation":
		row.Err = fhirObservationRow(r, &row)
	default:
		row.Err = fmt.Errorf("a FHIR %q resource; backlog reads only the Observations and ActivityDefinitions it wrote", r.ResourceType)
	}
	return row
}

func fhirExercise(r fhirResourceIn, e *Exercise) error {
	for _, x := range r.Extension {
		if x.URL == FHIRExerciseDefinition {
			if err := json.Unmarshal([]byte(x.ValueString), e); err != nil {
				return fmt.Errorf("the exercise definition cannot be read: %v", err)
			}
			return nil
		}
	}
	return fmt.Errorf("an ActivityDefinition without backlog's %s extension", FHIRExerciseDefinition)
}

func fhirObservationRow(r fhirResourceIn, row *ImportRow) error {
	var id string
	for _, ident := range r.Identifier {
		if ident.System == FHIREntrySystem {
			id = ident.Value
		}
	}
	if id == "" {
		return fmt.Errorf("an Observation without a %s identifier, so not one backlog wrote", FHIREntrySystem)
	}
	if r.Status != "final" {
		return fmt.Errorf("status %q; backlog reads final observations", r.Status)
	}
	day, err := ParseDay(r.EffectiveDateTime)
	if err != nil {
		return fmt.Errorf("effectiveDateTime %q is not a date (YYYY-MM-DD)", r.EffectiveDateTime)
	}
	var notes []string
	for _, n := range r.Note {
		text := n.Text
		for _, x := range n.Extension {
			if x.URL == FHIRExactNote {
				text = string(x.ValueBase64Binary)
			}
		}
		notes = append(notes, text)
	}
	note := strings.Join(notes, "\n")
	recorded, err := parseTimeOrZero(r.Issued)
	if err != nil {
		return fmt.Errorf("issued %q is not a time", r.Issued)
	}
	switch {
	case r.Code.has(LOINCSystem, LOINCPainSeverity):
		p := &PainEntry{ID: id, Day: day, Note: note, RecordedAt: recorded}
		row.Pain = p
		if r.ValueInteger == nil {
			return fmt.Errorf("no valueInteger score")
		}
		p.Score, err = wholeNumber("the score", *r.ValueInteger)
		return err
	case r.Code.has(LOINCSystem, LOINCExercise):
		s := &Session{ID: id, Day: day, Note: note, RecordedAt: recorded}
		row.Session = s
		if r.ValueCodeableConcept != nil {
			for _, c := range r.ValueCodeableConcept.Coding {
				if c.System == FHIRExerciseSystem {
					s.Exercise = c.Code
				}
			}
		}
		if s.Exercise == "" {
			return fmt.Errorf("no exercise coded in %s", FHIRExerciseSystem)
		}
		return fhirDose(r, s)
	}
	return fmt.Errorf("an Observation coded neither LOINC %s (pain) nor %s (exercise)", LOINCPainSeverity, LOINCExercise)
}

// fhirDose reads a session's dose and pain during from its components.
func fhirDose(r fhirResourceIn, s *Session) error {
	seen := map[string]bool{}
next:
	for _, comp := range r.Component {
		for _, dc := range doseComponents() {
			if !comp.Code.has(dc.system, dc.code) {
				continue
			}
			if seen[dc.code] {
				return fmt.Errorf("two %s components", dc.display)
			}
			seen[dc.code] = true
			q := comp.ValueQuantity
			if q == nil || q.System != UCUMSystem || q.Code != dc.ucum {
				return fmt.Errorf("the %s component needs a valueQuantity in UCUM %s", dc.display, dc.ucum)
			}
			n, err := wholeNumber(dc.display, q.Value)
			if err != nil {
				return err
			}
			*dc.field(&s.Dose) = n
			continue next
		}
		if comp.Code.has(LOINCSystem, LOINCPainSeverity) {
			if s.PainDuring != nil || comp.ValueInteger == nil {
				return fmt.Errorf("the pain-during component needs exactly one valueInteger")
			}
			n, err := wholeNumber("pain during", *comp.ValueInteger)
			if err != nil {
				return err
			}
			s.PainDuring = &n
			continue
		}
		return fmt.Errorf("a component backlog does not know: %s", comp.Code.describe())
	}
	return nil
}

// has reports whether the concept carries the code in the system.
func (c fhirCodeableConcept) has(system, code string) bool {
	for _, x := range c.Coding {
		if x.System == system && x.Code == code {
			return true
		}
	}
	return false
}

func (c fhirCodeableConcept) describe() string {
	if len(c.Coding) > 0 {
		return c.Coding[0].System + "|" + c.Coding[0].Code
	}
	return strconv.Quote(c.Text)
}

func wholeNumber(what string, n json.Number) (int, error) {
	v, err := strconv.Atoi(string(n))
	if err != nil {
		return 0, fmt.Errorf("%s %s is not a whole number", what, n)
	}
	return v, nil
}

func parseTimeOrZero(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseTime(s)
}
