package jsonl

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type row struct {
	ID string `json:"id"`
	N  int    `json:"n"`
}

func TestReadSkipsBlankLinesAndNamesBadLine(t *testing.T) {
	got, err := Read[row](strings.NewReader("{\"id\":\"a\",\"n\":1}\n\n{\"id\":\"b\",\"n\":2}\n"), "x")
	require.NoError(t, err)
	assert.Equal(t, []row{{"a", 1}, {"b", 2}}, got)

	_, err = Read[row](strings.NewReader("{\"id\":\"a\"}\n{oops\n"), "x.jsonl")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.jsonl:2")
}

func TestAppendThenReadRoundTrips(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	require.NoError(t, AppendFile(path, row{"a", 1}))
	require.NoError(t, AppendFile(path, row{"b<&>", 2}, row{"c", 3}))
	got, err := ReadFile[row](path)
	require.NoError(t, err)
	assert.Equal(t, []row{{"a", 1}, {"b<&>", 2}, {"c", 3}}, got)
	_, err = ReadFile[row](filepath.Join(t.TempDir(), "missing.jsonl"))
	assert.Error(t, err)
}
