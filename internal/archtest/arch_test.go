package archtest

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// forbidden lists, for each package, dependencies (direct or indirect) it
// must never have. Test-only imports are not dependencies here.
var forbidden = map[string][]string{
	"domaingen/domain":  {"domaingen/llama", "domaingen/suggest", "domaingen/server", "domaingen/engine"},
	"domaingen/prompt":  {"domaingen/llama", "domaingen/suggest", "domaingen/server", "domaingen/engine"},
	"domaingen/safety":  {"domaingen/llama", "domaingen/suggest", "domaingen/server", "domaingen/engine"},
	"domaingen/suggest": {"domaingen/llama", "domaingen/engine", "domaingen/remote", "domaingen/server", "domaingen/eval", "domaingen/dataset", "domaingen/judge"},
	"domaingen/gguf":    {"domaingen/llama", "domaingen/server", "github.com/labstack/echo/v4"},
	"domaingen/lora":    {"domaingen/server", "github.com/labstack/echo/v4"},
	// availability is a leaf beside domain: the server and the pipeline
	// use it, never the reverse, and its metrics go through an Observer.
	// remote is the HTTP generator: pure Go, a leaf beside engine that
	// implements suggest.Generator; the server sees it only through the
	// Observer interface (basic-typed methods on its metrics).
	"domaingen/remote": {"domaingen/llama", "domaingen/engine", "domaingen/server", "domaingen/lora", "domaingen/gguf",
		"github.com/labstack/echo/v4", "github.com/prometheus/client_golang/prometheus"},
	"domaingen/server": {"domaingen/llama", "domaingen/engine", "domaingen/lora", "domaingen/gguf", "domaingen/remote"},
	"domaingen/availability": {"domaingen/llama", "domaingen/engine", "domaingen/suggest", "domaingen/server",
		"domaingen/prompt", "domaingen/safety", "github.com/labstack/echo/v4", "github.com/prometheus/client_golang/prometheus"},
}

// stdlibOnly lists packages that may depend on the standard library only:
// leaves other packages build on (wordnet parses text files; judge and
// eval import it).
var stdlibOnly = []string{"domaingen/wordnet"}

// goList runs `go list` with a template over every package of the module.
func goList(t *testing.T, format string) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}\t"+format, "domaingen/...").Output()
	require.NoError(t, err)
	res := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, rest, _ := strings.Cut(line, "\t")
		res[path] = rest
	}
	return res
}

func TestImportDirection(t *testing.T) {
	deps := goList(t, `{{join .Deps " "}}`)
	for pkg, bad := range forbidden {
		d, ok := deps[pkg]
		if !ok {
			continue // package not written yet
		}
		have := map[string]bool{}
		for _, dep := range strings.Fields(d) {
			have[dep] = true
		}
		for _, b := range bad {
			assert.False(t, have[b], "%s must not depend on %s", pkg, b)
		}
	}
}

func TestStdlibOnly(t *testing.T) {
	deps := goList(t, `{{join .Deps " "}}`)
	for _, pkg := range stdlibOnly {
		d, ok := deps[pkg]
		require.True(t, ok, "%s is missing", pkg)
		for _, dep := range strings.Fields(d) {
			first, _, _ := strings.Cut(dep, "/")
			// Module paths start with a domain ("github.com/..."), this module's with "domaingen/".
			assert.False(t, strings.Contains(first, ".") || first == "domaingen", "%s must use the standard library only, not %s", pkg, dep)
		}
	}
}

func TestCgoOnlyInLlama(t *testing.T) {
	for pkg, files := range goList(t, `{{join .CgoFiles " "}}`) {
		if pkg == "domaingen/llama" {
			assert.NotEmpty(t, files, "llama is the cgo package")
			continue
		}
		assert.Empty(t, files, "%s must not use cgo: only package llama does", pkg)
	}
}
