package membership_test

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

var tokenForm = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

func TestNewToken(t *testing.T) {
	plain, hash := membership.NewToken()
	assert.Regexp(t, tokenForm, plain)
	assert.Len(t, hash, 32)

	raw, err := base64.RawURLEncoding.DecodeString(plain)
	require.NoError(t, err)
	assert.Len(t, raw, 32, "256 bits of randomness")

	// The hash is SHA-256 of the text of the token, as a store will
	// compute it from what comes back in a link or a header.
	want := sha256.Sum256([]byte(plain))
	assert.Equal(t, want[:], hash)

	got, err := membership.HashToken(plain)
	require.NoError(t, err)
	assert.Equal(t, hash, got)
}

func TestNewTokenUnique(t *testing.T) {
	plains := map[string]bool{}
	hashes := map[string]bool{}
	for range 1000 {
		plain, hash := membership.NewToken()
		require.Regexp(t, tokenForm, plain)
		require.False(t, plains[plain], "repeated token")
		require.False(t, hashes[string(hash)], "repeated hash")
		plains[plain] = true
		hashes[string(hash)] = true
	}
}

func TestHashTokenMalformed(t *testing.T) {
	plain, _ := membership.NewToken()
	for name, s := range map[string]string{
		"empty":                  "",
		"too short":              plain[:42],
		"too long":               plain + "A",
		"twice":                  plain + plain,
		"plus":                   "+" + plain[1:],
		"slash":                  plain[:20] + "/" + plain[21:],
		"padding":                plain[:42] + "=",
		"padded to 44":           plain + "=",
		"space":                  plain[:42] + " ",
		"percent-encoded":        plain[:40] + "%2F",
		"dot":                    plain[:42] + ".",
		"non-ASCII of 43 bytes":  strings.Repeat("é", 21) + "A",
		"non-canonical last bit": strings.Repeat("A", 42) + "B",
		"NUL":                    plain[:42] + "\x00",
	} {
		t.Run(name, func(t *testing.T) {
			hash, err := membership.HashToken(s)
			require.Error(t, err)
			assert.Nil(t, hash)
			assert.True(t, errors.Is(err, avenir.ErrInvalid))
			var e *avenir.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "The link or token is not valid.", e.Key)
			assert.Equal(t, "The link or token is not valid.", avenir.Message(err, language.English))
			assert.Equal(t, "Le lien ou le jeton n’est pas valide.", avenir.Message(err, language.French))
		})
	}
}

func TestHashTokenAcceptsTheWholeAlphabet(t *testing.T) {
	// A token made only of '-' and '_' (the two characters in which URL-safe
	// base64 differs from standard base64), with canonical trailing bits.
	s := strings.Repeat("-_", 21) + "A"
	hash, err := membership.HashToken(s)
	require.NoError(t, err)
	want := sha256.Sum256([]byte(s))
	assert.Equal(t, want[:], hash)
}

func TestTokenPurpose(t *testing.T) {
	for p, s := range map[membership.TokenPurpose]string{
		membership.PurposeVerifyEmail: "verify_email",
		membership.PurposeSignIn:      "sign_in",
		membership.PurposeSession:     "session",
		membership.PurposeAPI:         "api",
	} {
		assert.Equal(t, s, string(p))
		assert.True(t, p.Valid(), "%s", p)
	}
	for _, p := range []membership.TokenPurpose{"", "Session", "reset_password", "api "} {
		assert.False(t, p.Valid(), "%q", p)
	}
}
