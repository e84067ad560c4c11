package text

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Line cleans a one-line input (a name, a title, a reason): it drops
// control characters, new lines included, trims spaces and composes
// accents (NFC), so that "é" typed two ways is one string.
func Line(s string) string {
	return clean(s, false)
}

// Clean is Line for text that keeps its lines: CRLF becomes LF, and new
// lines and tabs stay.
func Clean(s string) string {
	return clean(strings.ReplaceAll(s, "\r\n", "\n"), true)
}

func clean(s string, lines bool) string {
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && !(lines && (r == '\n' || r == '\t'))) || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.TrimSpace(s))
}

// Truncate shortens s to n runes, with an ellipsis when it cut: for quoting
// an input back in a message.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
