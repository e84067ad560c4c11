package consultation

import (
	"strings"
	"unicode"
)

// Op says what a piece of a diff does.
type Op string

// The diff operations.
const (
	OpEqual  Op = "equal"
	OpInsert Op = "insert"
	OpDelete Op = "delete"
)

// Chunk is a run of words a diff keeps, inserts or deletes.
type Chunk struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// maxDiffCells bounds the work of the word-level LCS; beyond it the middle
// of the texts is shown as replaced whole.
const maxDiffCells = 4_000_000

// Diff compares two texts word by word (spaces count as words, so that
// joining the chunks of one side gives that side back): a longest common
// subsequence after trimming the common start and end.
func Diff(from, to string) []Chunk {
	a, b := words(from), words(to)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []Chunk
	add := func(op Op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += w
			return
		}
		out = append(out, Chunk{op, w})
	}
	for _, w := range a[:pre] {
		add(OpEqual, w)
	}
	x, y := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(x)*len(y) > maxDiffCells {
		for _, w := range x {
			add(OpDelete, w)
		}
		for _, w := range y {
			add(OpInsert, w)
		}
	} else {
		// lcs[i][j]: length of the LCS of x[i:] and y[j:].
		lcs := make([][]int32, len(x)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(y)+1)
		}
		for i := len(x) - 1; i >= 0; i-- {
			for j := len(y) - 1; j >= 0; j-- {
				if x[i] == y[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(x) || j < len(y) {
			switch {
			case i < len(x) && j < len(y) && x[i] == y[j]:
				add(OpEqual, x[i])
				i, j = i+1, j+1
			case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
				add(OpDelete, x[i]) // deletions first: old text, then its replacement
				i++
			default:
				add(OpInsert, y[j])
				j++
			}
		}
	}
	for _, w := range a[len(a)-suf:] {
		add(OpEqual, w)
	}
	return out
}

// words splits s into runs of spaces and runs of other characters.
func words(s string) []string {
	var out []string
	for s != "" {
		space := unicode.IsSpace(rune(s[0]))
		end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) != space })
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}
