package membership

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// TokenPurpose says what a token is for. A store keeps it beside the token's
// hash and looks a token up by both, so that a token made for one purpose
// never works for another.
type TokenPurpose string

// The purposes of tokens.
const (
	PurposeVerifyEmail TokenPurpose = "verify_email" // the link that confirms an email address
	PurposeSignIn      TokenPurpose = "sign_in"      // a passwordless sign-in link
	PurposeSession     TokenPurpose = "session"      // the cookie of a signed-in browser
	PurposeAPI         TokenPurpose = "api"          // a bearer token for the API
)

// Valid reports whether p is one of the known purposes.
func (p TokenPurpose) Valid() bool {
	switch p {
	case PurposeVerifyEmail, PurposeSignIn, PurposeSession, PurposeAPI:
		return true
	}
	return false
}

// tokenBytes is the entropy of a token: 256 bits, twice the 128 bits that
// OWASP ASVS 5.0 (V7.2.3) requires of session tokens.
const tokenBytes = 32

// tokenLen is the length of a token in its text form: 43 characters.
var tokenLen = base64.RawURLEncoding.EncodedLen(tokenBytes)

var b64url = base64.RawURLEncoding.Strict()

// NewToken returns a new random token: plain, to give to its holder once (in
// a link, a cookie, an API key), and hash, the only form to store.
//
// The hash is a plain SHA-256, not a password hash: a password hash is slow
// to make guessing a low-entropy secret expensive, and a token has 256 bits
// of entropy, which no amount of guessing covers. A fast hash also lets a
// store find a token by an indexed equality on its hash. A leak of the
// stored hashes gives no usable token.
func NewToken() (plain string, hash []byte) {
	var b [tokenBytes]byte
	// Since Go 1.24, crypto/rand.Read never returns an error: it crashes the
	// program if the system cannot give randomness.
	_, _ = rand.Read(b[:])
	plain = b64url.EncodeToString(b[:])
	sum := sha256.Sum256([]byte(plain))
	return plain, sum[:]
}

// HashToken returns the hash under which the token plain is stored, after
// checking that plain has the form [NewToken] gives (43 characters of the
// URL-safe base64 alphabet, unpadded). Anything else is an invalid error,
// without a lookup.
func HashToken(plain string) ([]byte, error) {
	if len(plain) != tokenLen {
		return nil, errBadToken()
	}
	if _, err := b64url.DecodeString(plain); err != nil {
		return nil, errBadToken()
	}
	sum := sha256.Sum256([]byte(plain))
	return sum[:], nil
}

func errBadToken() error {
	return avenir.Errorf(avenir.CodeInvalid, "The link or token is not valid.")
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"The link or token is not valid.": "Le lien ou le jeton n’est pas valide.",
	})
}
