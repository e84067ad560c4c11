package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form that accent- and case-insensitive comparison
// uses: lower case, diacritics removed, ligatures œ and æ spelled out
// ("Œuvre à l'École" → "oeuvre a l'ecole"). Search indexes and queries
// both go through it, so that they agree.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return ligatures.Replace(strings.ToLower(out))
}

var ligatures = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss")

// MaxSlug is the longest slug Slug returns, in bytes.
const MaxSlug = 80

// Slug returns an accent-free, lower-case, hyphenated form of s for URLs
// ("Fédération du Rhône" → "federation-du-rhone"), at most MaxSlug bytes,
// cut at a word boundary where it can be. A name with no letter or digit
// gives "".
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range Fold(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	slug := b.String()
	if len(slug) > MaxSlug {
		slug = slug[:MaxSlug]
		if i := strings.LastIndexByte(slug, '-'); i > MaxSlug/2 {
			slug = slug[:i]
		}
		slug = strings.TrimSuffix(slug, "-")
	}
	return slug
}
