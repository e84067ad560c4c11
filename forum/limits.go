package forum

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Limits on what people type. Lengths count characters (runes) after
// surrounding spaces are trimmed. They are documented in docs/forums.md.
const (
	MaxTitle       = 200    // thread and forum titles
	MaxBody        = 20_000 // a post's Markdown source
	MaxDescription = 1_000  // a forum's description
	MaxFlagText    = 1_000  // the optional text of a flag
	MinReasonText  = 10     // a decision's or an appeal answer's statement of reasons
	MaxReasonText  = 2_000
	MinAppealText  = 10 // an author's appeal
	MaxAppealText  = 2_000
	// MaxSuspension is the longest suspension from a forum a moderator may
	// decide; longer exclusions are a membership matter for the admins.
	MaxSuspension = 365 * 24 * time.Hour
)

// Private-use characters that mark highlighted words inside search
// excerpts; they are removed from everything people type so that a post
// cannot forge a highlight.
const (
	markStart = '\uE000'
	markEnd   = '\uE001'
)

// cleanText is text.Clean without the highlight markers search uses.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == markStart || r == markEnd {
			return -1
		}
		return r
	}, text.Clean(s))
}

// checkLen checks that s, already cleaned, has between min and max runes;
// field names the input at fault.
func checkLen(field, s string, min, max int, tooShort, tooLong string) error {
	n := utf8.RuneCountInString(s)
	if n < min {
		if min <= 1 {
			return avenir.FieldError(field, tooShort)
		}
		return avenir.FieldError(field, tooShort, min)
	}
	if n > max {
		return avenir.FieldError(field, tooLong, max)
	}
	return nil
}
