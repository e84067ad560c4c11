package geo_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedData is where the source files sit for developers and CI: the
// shared/ directory beside the repository. The build never reads it.
const sharedData = "../../../shared/data/fr"

func requireSharedData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "laposte_hexasmal.csv")); err != nil {
		t.Skipf("no source data in %s (%v): cannot check the generated data", sharedData, err)
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	require.NoError(t, err)
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return out
}

// TestGeneratedDataUpToDate regenerates the data and compares it with the
// committed file.
func TestGeneratedDataUpToDate(t *testing.T) {
	requireSharedData(t)
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run the generator")
	}
	out := filepath.Join(t.TempDir(), "geodata.txt.gz")
	cmd := exec.CommandContext(t.Context(), goTool, "run", "./internal/gen", "-data", sharedData, "-out", out)
	output, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", output)

	fresh, err := os.ReadFile(out)
	require.NoError(t, err)
	committed, err := os.ReadFile("geodata.txt.gz")
	require.NoError(t, err)
	// The text must be identical. The gzip stream is identical with the Go
	// release that made it; another release's compressor may encode the
	// same text differently, which is not staleness.
	require.True(t, bytes.Equal(gunzip(t, committed), gunzip(t, fresh)),
		"geodata.txt.gz is out of date: run go generate in committee/geo")
	if !bytes.Equal(committed, fresh) {
		t.Log("same data, but this Go release compresses it differently")
	}
}

// TestSourceCounts checks the counts the shared data's README gives.
func TestSourceCounts(t *testing.T) {
	requireSharedData(t)
	f, err := os.Open(filepath.Join(sharedData, "laposte_hexasmal.csv"))
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	records, err := r.ReadAll()
	require.NoError(t, err)
	postal := map[string]bool{}
	for _, rec := range records[1:] {
		postal[rec[2]] = true
	}
	assert.Len(t, records[1:], 39192)
	assert.Len(t, postal, 6328)
}

// TestReadmeProvenance checks that the README quotes the data file's
// provenance line.
func TestReadmeProvenance(t *testing.T) {
	committed, err := os.ReadFile("geodata.txt.gz")
	require.NoError(t, err)
	var source string
	sc := bufio.NewScanner(bytes.NewReader(gunzip(t, committed)))
	for sc.Scan() {
		if s, ok := strings.CutPrefix(sc.Text(), "# Source: "); ok {
			source = s
			break
		}
	}
	require.NotEmpty(t, source, "no provenance line in geodata.txt.gz")
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), source, "README.md does not quote the provenance line")
}
