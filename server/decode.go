package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"domaingen/suggest"
)

// SuggestRequest is the JSON body of POST /v1/suggest.
type SuggestRequest struct {
	// BusinessDescription is required; it is cleaned and length-checked by
	// prompt.Clean (through the Suggester).
	BusinessDescription *string `json:"business_description"`
	// Count of suggestions, suggest.MinCount–suggest.MaxCount; absent or
	// null means suggest.DefaultCount.
	Count *Integer `json:"count,omitempty"`
	// TLDs allowed, without dots; absent or empty means the Suggester's
	// default allow-list.
	TLDs []string `json:"tlds,omitempty"`
	// CheckAvailability asks for each name's availability (default false).
	CheckAvailability *bool `json:"check_availability,omitempty"`
	// OnlyAvailable asks for names found available only, generating more
	// rounds to find count of them (default false; implies checking).
	OnlyAvailable *bool `json:"only_available,omitempty"`
}

// Integer is a JSON number with an integral value: 8, 8.0 and 0.8e1 are
// all 8, as JSON Schema's "integer" has it (the OpenAPI document declares
// count so); 8.5, "8" and true are not integers. Values beyond ±1e9 are
// kept as ±1e9, which no range check accepts.
type Integer int

// UnmarshalJSON implements json.Unmarshaler (null leaves a *Integer nil
// without calling it).
func (n *Integer) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return errNotInteger
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f != math.Trunc(f) {
		return errNotInteger // a fraction, or beyond float64 (1e400)
	}
	*n = Integer(max(-1e9, min(1e9, f)))
	return nil
}

// errNotInteger is Integer's error, for the one integer field, count.
var errNotInteger = invalid(`"count" must be an integer`)

// maxTLDs bounds the tlds array: the web page offers 8, and no real use
// asks for more than a handful.
const maxTLDs = 20

// errBodyTooLarge is returned by DecodeRequest when the body passes the
// reader's byte limit (an *http.MaxBytesError).
var errBodyTooLarge = &apiError{Status: http.StatusRequestEntityTooLarge, Message: "request body is too large"}

// DecodeRequest reads one JSON object from r and turns it into a
// suggest.Request. Every problem with the body is reported as an error
// wrapping suggest.ErrInvalidInput whose text is safe to show to the user,
// except a body over an http.MaxBytesReader limit, which yields an error
// mapped to 413. It checks the JSON shape only: the description's content
// (empty, too long) is prompt.Clean's business.
func DecodeRequest(r io.Reader) (suggest.Request, error) {
	var body SuggestRequest
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return suggest.Request{}, describeDecodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return suggest.Request{}, errBodyTooLarge
		}
		return suggest.Request{}, invalid("request body must hold a single JSON object and nothing after it")
	}
	return body.toRequest()
}

// toRequest validates the decoded fields and builds the suggest.Request.
func (b SuggestRequest) toRequest() (suggest.Request, error) {
	if b.BusinessDescription == nil {
		return suggest.Request{}, invalid(`"business_description" is required`)
	}
	req := suggest.Request{Description: *b.BusinessDescription, Count: suggest.DefaultCount}
	if b.Count != nil {
		if c := int(*b.Count); c < suggest.MinCount || c > suggest.MaxCount {
			return suggest.Request{}, invalid(fmt.Sprintf(`"count" must be between %d and %d`, suggest.MinCount, suggest.MaxCount))
		}
		req.Count = int(*b.Count)
	}
	tlds, err := normalizeTLDs(b.TLDs)
	if err != nil {
		return suggest.Request{}, err
	}
	req.TLDs = tlds
	req.CheckAvailability = b.CheckAvailability != nil && *b.CheckAvailability
	req.OnlyAvailable = b.OnlyAvailable != nil && *b.OnlyAvailable
	if req.OnlyAvailable {
		req.CheckAvailability = true
	}
	return req, nil
}

// normalizeTLDs lower-cases the TLDs, drops a leading dot and duplicates,
// and rejects anything that cannot be a DNS label. Whether a TLD is on the
// allow-list is the Suggester's decision.
func normalizeTLDs(in []string) ([]string, error) {
	if len(in) > maxTLDs {
		return nil, invalid(fmt.Sprintf(`"tlds" may list at most %d top-level domains`, maxTLDs))
	}
	var out []string
	seen := make(map[string]bool, len(in))
	for _, raw := range in {
		tld := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(raw), "."))
		if !isLabel(tld) {
			return nil, invalid(fmt.Sprintf(`"tlds" holds %q, which is not a top-level domain (letters, digits and inner hyphens, up to 63 characters)`, truncate(raw, 70)))
		}
		if !seen[tld] {
			seen[tld] = true
			out = append(out, tld)
		}
	}
	return out, nil
}

// isLabel reports whether s is an LDH DNS label: 1–63 ASCII letters, digits
// and hyphens, not starting or ending with a hyphen.
func isLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// describeDecodeError turns an encoding/json error into a user-facing one.
func describeDecodeError(err error) error {
	var (
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
		tooLarge  *http.MaxBytesError
	)
	switch {
	case errors.As(err, &tooLarge):
		return errBodyTooLarge
	case errors.Is(err, suggest.ErrInvalidInput): // from a field's UnmarshalJSON
		return err
	case errors.Is(err, io.EOF):
		return invalid("request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("request body ends in the middle of a JSON value")
	case errors.As(err, &syntaxErr):
		return invalid(fmt.Sprintf("request body is not valid JSON (error at byte %d)", syntaxErr.Offset))
	case errors.As(err, &typeErr):
		return describeTypeError(typeErr)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return invalid(fmt.Sprintf("unknown field %s; allowed fields are business_description, count, tlds, check_availability and only_available", truncate(field, 70)))
	default:
		return invalid("request body could not be read as JSON")
	}
}

// describeTypeError names the field that had the wrong JSON type.
func describeTypeError(e *json.UnmarshalTypeError) error {
	switch {
	case e.Field == "":
		return invalid("request body must be a JSON object")
	case e.Field == "business_description":
		return invalid(`"business_description" must be a string`)
	case e.Field == "count":
		return invalid(`"count" must be an integer`)
	case e.Field == "check_availability" || e.Field == "only_available":
		return invalid(fmt.Sprintf("%q must be true or false", e.Field))
	case strings.HasPrefix(e.Field, "tlds"):
		return invalid(`"tlds" must be an array of strings`)
	default:
		return invalid(fmt.Sprintf("field %q has the wrong type", truncate(e.Field, 70)))
	}
}

// invalid returns an error wrapping suggest.ErrInvalidInput with msg.
func invalid(msg string) error {
	return fmt.Errorf("%w: %s", suggest.ErrInvalidInput, msg)
}

// truncate shortens s to at most n runes so echoed user input stays small.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
