package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// fhirHint is what to do with a FHIR file backlog cannot read.
const fhirHint = "backlog imports the FHIR Bundle that backlog export --format fhir wrote"

// The shapes read back from a FHIR bundle. Numbers are kept as written so
// that a score of 4.5 is reported as such, not as a decoding failure.
type (
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

// readFHIR reads backlog's own FHIR export back as import rows, finding
// each entry by the identifiers and codes WriteFHIR gave it.
func readFHIR(data []byte) ([]ImportRow, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the opening brace, as isFHIR found
		return nil, fhirSyntax(err)
	}
	var rows []ImportRow
	err := readFHIRBundle(dec, "", func() {}, func(row ImportRow) error {
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// readFHIRBundle streams the members of a FHIR Bundle object from dec, which
// has read the object's opening brace and, when key is not empty, the key of
// the member whose value comes next. It hands each entry to yield as an
// import row, in order, calling nextRow before each so a reader can bound
// the bytes of one row; memory stays bounded however many entries there
// are. The bundle's resourceType and type must come before its entries, as
// WriteFHIR writes them.
func readFHIRBundle(dec *json.Decoder, key string, nextRow func(), yield func(ImportRow) error) error {
	var resourceType, bundleType string
	for key != "" || dec.More() {
		if key == "" {
			tok, err := dec.Token()
			if err != nil {
				return fhirSyntax(err)
			}
			key, _ = tok.(string)
		}
		var err error
		switch key {
		case "resourceType":
			if err = dec.Decode(&resourceType); err == nil && resourceType != "Bundle" {
				return invalid("file", fhirHint, "the file is a FHIR %s, not a Bundle", resourceType)
			}
		case "type":
			if err = dec.Decode(&bundleType); err == nil && bundleType != "collection" {
				return invalid("file", fhirHint, "the FHIR Bundle is of type %q, not collection", bundleType)
			}
		case "entry":
			if resourceType == "" || bundleType == "" {
				return invalid("file", fhirHint, "the FHIR Bundle's entries come before its resourceType and type")
			}
			err = readFHIREntries(dec, nextRow, yield)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return fhirSyntax(err)
		}
		key = ""
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return fhirSyntax(err)
	}
	if resourceType == "" || bundleType == "" {
		return invalid("file", fhirHint, "the FHIR resource has no resourceType Bundle and type collection")
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return invalid("file", "import them one at a time", "there is more in the file after the FHIR Bundle ends")
		}
		return fhirSyntax(err)
	}
	return nil
}

// readFHIREntries streams the bundle's entry array. An entry that is not
// even an object is a bad row; broken JSON is a bad file.
func readFHIREntries(dec *json.Decoder, nextRow func(), yield func(ImportRow) error) error {
	if tok, err := dec.Token(); err != nil {
		return err
	} else if d, ok := tok.(json.Delim); !ok || d != '[' {
		return invalid("file", fhirHint, "not a readable FHIR bundle: entry is not a list")
	}
	for i := 0; dec.More(); i++ {
		nextRow()
		pos := fmt.Sprintf("entry[%d]", i)
		var e struct {
			Resource json.RawMessage `json:"resource"`
		}
		var row ImportRow
		var typeErr *json.UnmarshalTypeError
		switch err := dec.Decode(&e); {
		case errors.As(err, &typeErr):
			row = ImportRow{Pos: pos, Err: fmt.Errorf("an entry that is not an object")}
		case err != nil:
			return err
		case len(e.Resource) == 0:
			row = ImportRow{Pos: pos, Err: fmt.Errorf("an entry without a resource")}
		default:
			row = fhirRow(pos, e.Resource)
		}
		if err := yield(row); err != nil {
			return err
		}
	}
	_, err := dec.Token() // the closing bracket
	return err
}

// fhirSyntax turns broken JSON into bad input; other errors, such as a
// failed read, pass unchanged.
func fhirSyntax(err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return invalid("file", fhirHint, "not a readable FHIR bundle: the file ends in the middle")
	}
	if errors.As(err, &syntax) || errors.As(err, &typeErr) {
		return invalid("file", fhirHint, "not a readable FHIR bundle: %v", err)
	}
	return err
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
