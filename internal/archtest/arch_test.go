package archtest

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// module is this module's path; rule keys and imports are relative to it.
const module = "domaingen"

// rule is what one package of the module may depend on.
type rule struct {
	// imports lists every package of the module the package imports
	// directly (relative to the module, test-only imports excluded). The
	// list is exact: an import missing from it and an entry nothing
	// imports both fail, so this table, docs/architecture.md and README's
	// package map describe the code as it is.
	imports []string
	// forbidden lists packages it must never depend on, even indirectly:
	// module packages relative to the module, others by full path.
	forbidden []string
	// stdlibOnly: no dependency outside the standard library (and no
	// module package either), for leaves that others build on.
	stdlibOnly bool
}

// the forbidden lists shared by several packages.
var (
	notModel   = []string{"llama", "engine", "suggest", "server"}
	notServing = []string{"llama", "server", "github.com/labstack/echo/v4"}
)

// rules has a row for EVERY package of the module (go list domaingen/...).
// A new package fails TestEveryPackageHasARule until it gets a row here, in
// docs/architecture.md's package table and in README's package map.
var rules = map[string]rule{
	// Leaves.
	"domain":         {forbidden: notModel},
	"safety":         {forbidden: notModel},
	"prompt":         {imports: []string{"safety"}, forbidden: notModel},
	"gguf":           {stdlibOnly: true},
	"stats":          {stdlibOnly: true},
	"wordnet":        {stdlibOnly: true},
	"internal/jsonl": {stdlibOnly: true},
	"llama":          {},
	"availability": {imports: []string{"domain"},
		forbidden: []string{"llama", "engine", "suggest", "server", "prompt", "safety",
			"github.com/labstack/echo/v4", "github.com/prometheus/client_golang/prometheus"}},

	// Serving.
	"suggest": {imports: []string{"availability", "domain", "prompt", "safety"},
		forbidden: []string{"llama", "engine", "remote", "server", "eval", "dataset", "judge", "lora", "gguf"}},
	"engine": {imports: []string{"llama", "prompt", "suggest"}, forbidden: []string{"server", "lora", "gguf"}},
	// remote is the HTTP generator: pure Go, a leaf beside engine that
	// implements suggest.Generator; the server sees it only through the
	// Observer interface (basic-typed methods on its metrics).
	"remote": {imports: []string{"prompt", "suggest"},
		forbidden: []string{"llama", "engine", "server", "lora", "gguf",
			"github.com/labstack/echo/v4", "github.com/prometheus/client_golang/prometheus"}},
	"server": {imports: []string{"availability", "prompt", "suggest"},
		forbidden: []string{"llama", "engine", "remote", "lora", "gguf", "judge", "eval", "dataset"}},

	// Training.
	"lora":     {imports: []string{"gguf"}, forbidden: notServing},
	"finetune": {imports: []string{"llama", "lora", "prompt"}, forbidden: []string{"server", "suggest", "github.com/labstack/echo/v4"}},
	"dataset": {imports: []string{"domain", "judge", "prompt", "safety", "suggest"},
		forbidden: []string{"llama", "engine", "server", "lora", "eval"}},

	// Judging and evaluation.
	"judge": {imports: []string{"domain", "internal/jsonl", "prompt", "stats", "suggest", "wordnet"},
		forbidden: []string{"llama", "engine", "server", "eval", "dataset"}},
	"judge/llamajudge": {imports: []string{"judge", "llama"}, forbidden: []string{"server", "eval"}},
	"eval": {imports: []string{"domain", "judge", "stats", "suggest"},
		forbidden: []string{"llama", "engine", "server", "dataset"}},
	"edgecase": {imports: []string{"domain", "judge", "prompt", "safety", "suggest"},
		forbidden: []string{"llama", "engine", "server", "eval"}},

	// Commands and test-only packages.
	"cmd/domaingen": {imports: []string{"availability", "dataset", "edgecase", "engine", "eval", "finetune",
		"internal/jsonl", "judge", "judge/llamajudge", "llama", "lora", "prompt", "remote", "safety", "server", "suggest", "wordnet"}},
	"dataset/cmd/wnsyn":    {imports: []string{"safety"}},
	"scripts/loadtest":     {stdlibOnly: true},
	"scripts/peft_compare": {imports: []string{"gguf", "lora"}, forbidden: notServing},
	// The roofline program: Go assembly and golang.org/x/sys/cpu, no
	// module package; its fractions script reads model sizes with gguf.
	"scripts/roofline":           {forbidden: notServing},
	"scripts/roofline/fractions": {imports: []string{"gguf"}, forbidden: notServing},
	"internal/archtest":          {stdlibOnly: true},
}

// pkgInfo is what `go list` says about one package.
type pkgInfo struct {
	imports []string // direct imports, test-only ones excluded
	deps    []string // every dependency, direct or indirect
	cgo     []string // cgo files
}

// listModule runs `go list` over every package of the module, keyed by the
// path relative to the module.
func listModule(t *testing.T) map[string]pkgInfo {
	t.Helper()
	out, err := exec.Command("go", "list", "-e", "-f",
		`{{.ImportPath}}	{{join .Imports " "}}	{{join .Deps " "}}	{{join .CgoFiles " "}}`,
		module+"/...").Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("go list: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	res := map[string]pkgInfo{}
	for _, line := range strings.Split(string(out), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, 4, line)
		res[rel(f[0])] = pkgInfo{imports: strings.Fields(f[1]), deps: strings.Fields(f[2]), cgo: strings.Fields(f[3])}
	}
	return res
}

// rel strips the module prefix from a module package path.
func rel(path string) string {
	if path == module {
		return "."
	}
	return strings.TrimPrefix(path, module+"/")
}

// inModule reports whether an import path is a package of this module.
func inModule(path string) bool { return path == module || strings.HasPrefix(path, module+"/") }

// abs turns a rule entry into an import path: module packages are written
// relative to the module, everything else (first element with a dot) in full.
func abs(p string) string {
	first, _, _ := strings.Cut(p, "/")
	if strings.Contains(first, ".") {
		return p
	}
	return module + "/" + p
}

func keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestEveryPackageHasARule(t *testing.T) {
	pkgs := listModule(t)
	for _, p := range keys(pkgs) {
		_, ok := rules[p]
		assert.True(t, ok, "package %s has no rule: add a row to rules in internal/archtest, "+
			"to the package table of docs/architecture.md and to README's package map", p)
	}
	for _, p := range keys(rules) {
		_, ok := pkgs[p]
		assert.True(t, ok, "rules has a row for %s, which is not a package of the module any more: remove it "+
			"(and its rows in docs/architecture.md and README)", p)
	}
}

func TestImportsAreTheAllowedEdges(t *testing.T) {
	pkgs := listModule(t)
	for _, p := range keys(pkgs) {
		r, ok := rules[p]
		if !ok {
			continue // TestEveryPackageHasARule reports it
		}
		var have []string
		for _, imp := range pkgs[p].imports {
			if inModule(imp) {
				have = append(have, rel(imp))
			}
		}
		for _, imp := range have {
			assert.True(t, slices.Contains(r.imports, imp),
				"%s imports %s, an edge the rules do not allow: if it is right, add it to rules "+
					"and to docs/architecture.md with its reason", p, imp)
		}
		for _, imp := range r.imports {
			assert.True(t, slices.Contains(have, imp),
				"rules allow %s → %s but %s no longer imports it: remove the edge from rules and docs/architecture.md", p, imp, p)
		}
	}
}

func TestForbiddenDependencies(t *testing.T) {
	pkgs := listModule(t)
	for _, p := range keys(rules) {
		info, ok := pkgs[p]
		if !ok {
			continue
		}
		for _, bad := range rules[p].forbidden {
			assert.False(t, slices.Contains(info.deps, abs(bad)), "%s must not depend on %s, even indirectly", p, abs(bad))
		}
	}
}

func TestStdlibOnly(t *testing.T) {
	pkgs := listModule(t)
	for _, p := range keys(rules) {
		info, ok := pkgs[p]
		if !ok || !rules[p].stdlibOnly {
			continue
		}
		for _, dep := range info.deps {
			first, _, _ := strings.Cut(dep, "/")
			// Module paths start with a domain ("github.com/..."), this module's with "domaingen/".
			assert.False(t, strings.Contains(first, ".") || first == module,
				"%s must use the standard library only, not %s", p, dep)
		}
	}
}

func TestCgoOnlyInLlama(t *testing.T) {
	for p, info := range listModule(t) {
		if p == "llama" {
			assert.NotEmpty(t, info.cgo, "llama is the cgo package")
			continue
		}
		assert.Empty(t, info.cgo, "%s must not use cgo: only package llama does", p)
	}
}

var (
	// docRow matches a row of docs/architecture.md's package table:
	// | `pkg` | `imp`, `imp` (or —) | why |
	docRow = regexp.MustCompile("^\\| `([a-z0-9_/]+)` \\| ([^|]*) \\|")
	// docPkg matches one package named in a cell.
	docPkg = regexp.MustCompile("`([a-z0-9_/]+)`")
)

// TestArchitectureDocListsEveryEdge checks docs/architecture.md's package
// table against rules: one row per package, naming exactly its allowed
// imports.
func TestArchitectureDocListsEveryEdge(t *testing.T) {
	b, err := os.ReadFile("../../docs/architecture.md")
	require.NoError(t, err)
	doc := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		m := docRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		imps := []string{}
		for _, f := range docPkg.FindAllStringSubmatch(m[2], -1) {
			imps = append(imps, f[1])
		}
		sort.Strings(imps)
		doc[m[1]] = imps
	}
	for _, p := range keys(rules) {
		imps, ok := doc[p]
		if !assert.True(t, ok, "docs/architecture.md's package table has no row for %s", p) {
			continue
		}
		want := append([]string{}, rules[p].imports...)
		sort.Strings(want)
		assert.Equal(t, want, imps, "docs/architecture.md: the imports of %s", p)
	}
	for _, p := range keys(doc) {
		_, ok := rules[p]
		assert.True(t, ok, "docs/architecture.md has a row for %s, which has no rule", p)
	}
}

// TestReadmeMapListsEveryPackage checks that README's package map (the
// code block under "How the pieces fit") starts a line with every package.
func TestReadmeMapListsEveryPackage(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, after, ok := strings.Cut(string(b), "## How the pieces fit")
	require.True(t, ok, "README has no \"How the pieces fit\" section")
	_, block, ok := strings.Cut(after, "```\n")
	require.True(t, ok)
	block, _, _ = strings.Cut(block, "```")
	listed := map[string]bool{}
	for _, line := range strings.Split(block, "\n") {
		if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(line, " ") {
			listed[f[0]] = true
		}
	}
	for _, p := range keys(rules) {
		assert.True(t, listed[p], "README's package map has no line for %s", p)
	}
	for _, p := range keys(listed) {
		_, ok := rules[p]
		assert.True(t, ok, "README's package map lists %s, which has no rule", p)
	}
}
