package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openAPIDoc is the part of an OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                 `json:"openapi"`
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components map[string]map[string]json.RawMessage  `json:"components"`
}

// openAPIOperation is one operation of a path.
type openAPIOperation struct {
	OperationID string                     `json:"operationId"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

// TestOpenAPIListsEveryRoute checks the document parses, is OpenAPI 3.1,
// and documents exactly the routes the router has.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	rec := do(s, http.MethodGet, "/openapi.json", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	var doc openAPIDoc
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	assert.True(t, strings.HasPrefix(doc.OpenAPI, "3.1."), doc.OpenAPI)

	routes := map[string]bool{}
	for _, r := range s.echo.Routes() {
		key := strings.ToLower(r.Method) + " " + r.Path
		routes[key] = true
		require.Contains(t, doc.Paths, r.Path, "route %s %s is not documented", r.Method, r.Path)
		op, ok := doc.Paths[r.Path][strings.ToLower(r.Method)]
		require.True(t, ok, "route %s %s is not documented", r.Method, r.Path)
		assert.NotEmpty(t, op.OperationID, key)
		assert.NotEmpty(t, op.Responses, key)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			assert.True(t, routes[method+" "+path], "documented %s %s is not a route", method, path)
		}
	}
}

// TestOpenAPIRefsResolve checks every local $ref points at a component.
func TestOpenAPIRefsResolve(t *testing.T) {
	var doc openAPIDoc
	require.NoError(t, json.Unmarshal(openAPI, &doc))
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "$ref" {
					refs = append(refs, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var raw any
	require.NoError(t, json.Unmarshal(openAPI, &raw))
	walk(raw)
	require.NotEmpty(t, refs)
	for _, ref := range refs {
		parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
		require.Len(t, parts, 2, ref)
		assert.Contains(t, doc.Components[parts[0]], parts[1], "dangling $ref %s", ref)
	}
}

// TestOpenAPIErrorShapeMatches checks the documented error schema has the
// fields ErrorBody serialises.
func TestOpenAPIErrorShapeMatches(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Required   []string                   `json:"required"`
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(openAPI, &doc))
	errSchema := doc.Components.Schemas["ErrorResponse"]
	b, err := json.Marshal(ErrorBody{RequestID: "x"})
	require.NoError(t, err)
	var fields map[string]any
	require.NoError(t, json.Unmarshal(b, &fields))
	for f := range fields {
		assert.Contains(t, errSchema.Properties, f)
	}
	assert.ElementsMatch(t, []string{"suggestions", "status", "message"}, errSchema.Required)
}
