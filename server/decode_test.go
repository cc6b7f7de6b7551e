package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/suggest"
)

func TestDecodeRequest(t *testing.T) {
	cases := []struct {
		name string
		body string
		want suggest.Request
	}{
		{"minimal", `{"business_description":"florist"}`, suggest.Request{Description: "florist", Count: 10}},
		{"all fields", `{"business_description":"x","count":20,"tlds":["com","IO"," .ai "]}`, suggest.Request{Description: "x", Count: 20, TLDs: []string{"com", "io", "ai"}}},
		{"count 5", `{"business_description":"x","count":5}`, suggest.Request{Description: "x", Count: 5}},
		// JSON Schema's integer is a value, not a spelling: 8.0 and 1e1 are integers.
		{"count 8.0", `{"business_description":"x","count":8.0}`, suggest.Request{Description: "x", Count: 8}},
		{"count 1e1", `{"business_description":"x","count":1e1}`, suggest.Request{Description: "x", Count: 10}},
		{"count 0.2E2", `{"business_description":"x","count":0.2E2}`, suggest.Request{Description: "x", Count: 20}},
		{"whitespace around", " \n{\"business_description\":\"x\"}\n\t ", suggest.Request{Description: "x", Count: 10}},
		{"duplicate tlds", `{"business_description":"x","tlds":["com","COM",".com"]}`, suggest.Request{Description: "x", Count: 10, TLDs: []string{"com"}}},
		{"description kept as sent", `{"business_description":"  <b>hi</b>\u200b "}`, suggest.Request{Description: "  <b>hi</b>\u200b ", Count: 10}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeRequest(strings.NewReader(tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDecodeRequestErrorsWrapInvalidInput(t *testing.T) {
	for _, body := range []string{``, `{`, `[]`, `{"count":5}`, `{"business_description":1}`, `{"x":1}`, `{"business_description":"x"} {}`, `{"business_description":"x","count":5.5}`,
		`{"business_description":"x","count":"5"}`, `{"business_description":"x","count":4.0}`, `{"business_description":"x","count":1e19}`} {
		_, err := DecodeRequest(strings.NewReader(body))
		require.Error(t, err, body)
		assert.ErrorIs(t, err, suggest.ErrInvalidInput, body)
	}
}

func TestDecodeRequestBodyLimit(t *testing.T) {
	body := `{"business_description":"` + strings.Repeat("a", 100) + `"}`
	r := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(strings.NewReader(body)), 50)
	_, err := DecodeRequest(r)
	assert.Equal(t, errBodyTooLarge, err)
}

// FuzzDecodeRequest feeds arbitrary bodies to the decoder: it must never
// panic, every error is either invalid input or the body limit, and every
// accepted request is within the contract.
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{
		`{"business_description":"organic coffee shop in downtown area","count":10,"tlds":["com","io"]}`,
		`{"business_description":"x","count":5}`,
		`{"business_description":"\u0000\ud800","tlds":[".CoM"]}`,
		`{"business_description":null,"count":null,"tlds":null}`,
		`{"business_description":"x"}{}`,
		`[1,2,3]`, `"s"`, `null`, `1e999`, `{"count":-1}`, ``, `{`, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(bytes.NewReader(body)), DefaultMaxBodyBytes)
		req, err := DecodeRequest(r)
		if err != nil {
			if !errors.Is(err, suggest.ErrInvalidInput) && !errors.Is(err, errBodyTooLarge) {
				t.Fatalf("error %v is neither invalid input nor too large", err)
			}
			if !utf8.ValidString(err.Error()) && utf8.Valid(body) {
				t.Fatalf("error message is not UTF-8: %q", err.Error())
			}
			if api := classify(err); api.Status != http.StatusBadRequest && api.Status != http.StatusRequestEntityTooLarge {
				t.Fatalf("decode error maps to %d", api.Status)
			}
			return
		}
		if req.Count < suggest.MinCount || req.Count > suggest.MaxCount {
			t.Fatalf("count %d accepted", req.Count)
		}
		if len(req.TLDs) > maxTLDs {
			t.Fatalf("%d TLDs accepted", len(req.TLDs))
		}
		for _, tld := range req.TLDs {
			if !isLabel(tld) {
				t.Fatalf("TLD %q accepted", tld)
			}
		}
	})
}
