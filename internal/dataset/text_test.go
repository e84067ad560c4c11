package dataset

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProseIsDeterministic(t *testing.T) {
	a, b := NewProse(42), NewProse(42)
	for range 50 {
		require.Equal(t, a.Paragraphs(2), b.Paragraphs(2))
	}
	assert.NotEqual(t, NewProse(1).Paragraphs(3), NewProse(2).Paragraphs(3))
}

func TestProseShape(t *testing.T) {
	p := NewProse(7)
	counts := map[string]int{}
	for range 2000 {
		s := p.Sentence()
		require.NotEmpty(t, s)
		assert.Contains(t, ".?!", s[len(s)-1:], "sentence %q has no end", s)
		for _, w := range strings.Fields(s) {
			counts[strings.Trim(w, ".,?!")]++
		}
	}
	// Zipf: the first noun is far more common than one deep in the list.
	assert.Greater(t, counts["solidarité"], 10*max(counts["copropriété"], 1))
	title := p.Title()
	assert.Equal(t, strings.ToUpper(title[:1]), title[:1])
	assert.Equal(t, 3, strings.Count(p.Paragraphs(3), "\n\n")+1)
}
