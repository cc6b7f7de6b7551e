package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/availability"
)

// rdapFixture serves RDAP on loopback (taken.test: 200, anything else:
// 404) and writes a bootstrap file that points .test at it.
func rdapFixture(t *testing.T) (bootstrapFile string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/domain/taken.test" {
			w.Header().Set("Content-Type", "application/rdap+json")
			_, _ = w.Write([]byte(`{"objectClassName":"domain","ldhName":"taken.test","events":[{"eventAction":"expiration","eventDate":"2030-01-01T00:00:00Z"}]}`))
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(srv.Close)
	path := filepath.Join(t.TempDir(), "dns.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"version":"1.0","services":[[["test"],["`+srv.URL+`/"]]]}`), 0o644))
	return path
}

func TestCheckCommand(t *testing.T) {
	boot := rdapFixture(t)
	flags := []string{"check", "--resolver", "off", "--rdap-bootstrap", "off", "--rdap-bootstrap-file", boot}

	code, stdout, stderr := runCLI(append(flags, "free.test", "taken.test", "x.nordap")...)
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 3, stdout)
	assert.Regexp(t, `^free\.test\s+available\s+rdap\s+http://127\.0\.0\.1:\d+/ \(HTTP 404\) 20\d\d-`, lines[0])
	assert.Regexp(t, `^taken\.test\s+taken\s+rdap\s+.*\(HTTP 200\)`, lines[1])
	assert.Regexp(t, `^x\.nordap\s+unknown\s+none\s+- .*no RDAP server for \.nordap`, lines[2])

	// With .test's 404 marked unreliable and no second source, free.test
	// is unknown.
	code, stdout, stderr = runCLI(append(flags, "--unreliable-404", "test", "free.test")...)
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `^free\.test\s+unknown\s+rdap\s+.*\(HTTP 404\).*marked unreliable`, stdout)

	code, stdout, stderr = runCLI(append(flags, "--json", "taken.test")...)
	require.Equal(t, 0, code, stderr)
	var r availability.Result
	require.NoError(t, json.Unmarshal([]byte(stdout), &r))
	assert.Equal(t, availability.Taken, r.Status)
	assert.Equal(t, "2030-01-01T00:00:00Z", r.Expires)
	assert.Equal(t, 200, r.HTTPStatus)
}

func TestCheckUsage(t *testing.T) {
	code, _, _ := runCLI("check")
	assert.Equal(t, 2, code)
	code, _, _ = runCLI("check", "--whois", "nonsense", "x.com")
	assert.Equal(t, 2, code)
	code, _, stderr := runCLI("check", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "-resolver")
	code, _, stderr = runCLI("suggest", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "-available")
}
