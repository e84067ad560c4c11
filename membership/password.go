package membership

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/avenirnet/avenir"
)

// PasswordParams are the argon2id parameters of a password hash.
type PasswordParams struct {
	Memory  uint32 // memory cost, in KiB
	Time    uint32 // number of passes over the memory
	Threads uint8  // degree of parallelism
	SaltLen uint32 // length of the random salt, in bytes
	KeyLen  uint32 // length of the derived key, in bytes
}

// DefaultPasswordParams are the parameters of new password hashes: the
// minimum of the OWASP Password Storage Cheat Sheet for argon2id (19 MiB,
// t=2, p=1), with a 16-byte salt and a 32-byte key (RFC 9106 §3.1).
// Raising them makes [VerifyPassword] ask for a rehash of older hashes.
var DefaultPasswordParams = PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on the parameters of a hash, stored or new. A stored hash is data:
// a corrupted or planted one must not make a sign-in attempt allocate
// gigabytes or spin for minutes, nor make argon2 panic (t=0, p=0).
const (
	maxMemory  = 1 << 20 // KiB, 1 GiB
	maxTime    = 20
	minSaltLen = 8 // RFC 9106 §3.1: 16 bytes recommended, 8 the floor
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

// argon2Version is the only version written and read: 0x13 (19), the
// version of RFC 9106 and of every current implementation.
const argon2Version = argon2.Version

// The length bounds of [CheckPassword], in Unicode code points after NFC
// normalization. Forms can use them for their hints and minlength
// attributes.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// HashPassword returns the argon2id hash of password with a fresh random
// salt, in the PHC string format that the reference implementation and
// libsodium write:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// (salt and hash in unpadded standard base64). The password is normalized
// to NFC first, so that the same characters typed on different keyboards
// give the same hash. HashPassword does not check the password policy; see
// [CheckPassword].
func HashPassword(password string, p PasswordParams) (string, error) {
	if err := p.check(); err != nil {
		return "", avenir.Wrap(avenir.CodeInternal, fmt.Errorf("membership: password params: %w", err), "")
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", avenir.Internal(err)
	}
	key := argon2.IDKey(normalize(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return encodeHash(p, salt, key), nil
}

// VerifyPassword reports whether password matches the hash encoded by
// [HashPassword]. When it does, rehash reports whether the stored hash is
// weaker than want (less memory, fewer passes, a shorter key or salt): the
// caller should then hash the password again with want and store the new
// hash, which upgrades hashes as people sign in.
//
// A malformed encoded hash, or one whose parameters are out of bounds, is
// an internal error (it is our data, not the person's input); a wrong
// password is ok == false with a nil error. The comparison takes constant
// time.
func VerifyPassword(password, encoded string, want PasswordParams) (ok, rehash bool, err error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, false, avenir.Wrap(avenir.CodeInternal, fmt.Errorf("membership: password hash: %w", err), "")
	}
	got := argon2.IDKey(normalize(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	rehash = p.Memory < want.Memory || p.Time < want.Time || p.KeyLen < want.KeyLen || p.SaltLen < want.SaltLen
	return true, rehash, nil
}

// SpendPasswordTime verifies password against a dummy hash made with p (the
// parameters real hashes are checked with) and discards the result. Call it when a sign-in
// names an unknown email (or a person without a password): the answer then
// takes as long as for a known one, so that the time of the answer does not
// tell who has an account. Membership of a political party is special-category
// data (GDPR art. 9), and OWASP's Authentication Cheat Sheet asks for
// responses that do not reveal whether an account exists.
func SpendPasswordTime(password string, p PasswordParams) {
	_, _, _ = VerifyPassword(password, dummyHash(p), p)
}

// dummyHash returns a well-formed hash with the parameters p, so that
// SpendPasswordTime goes through the very code of a real verification. Its
// key is zeros: no password matches it, and building it costs no argon2 run.
func dummyHash(p PasswordParams) string {
	return encodeHash(p, make([]byte, p.SaltLen), make([]byte, p.KeyLen))
}

// normalize returns the bytes to hash: the password in Unicode NFC, as the
// OpaqueString profile of RFC 8265 prescribes for passwords.
func normalize(password string) []byte {
	return []byte(norm.NFC.String(password))
}

var b64 = base64.RawStdEncoding.Strict()

func encodeHash(p PasswordParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decodeHash parses a PHC string strictly: the fields in the order argon2
// writes them, decimal numbers without sign or leading zeros, unpadded
// canonical base64, and parameters within bounds. The reasons it gives
// never quote the hash.
func decodeHash(encoded string) (p PasswordParams, salt, key []byte, err error) {
	fields := strings.Split(encoded, "$")
	if len(fields) != 6 || fields[0] != "" {
		return p, nil, nil, errors.New("not a PHC string of 5 fields")
	}
	if fields[1] != "argon2id" {
		return p, nil, nil, errors.New("algorithm is not argon2id")
	}
	v, ok := strings.CutPrefix(fields[2], "v=")
	if !ok {
		return p, nil, nil, errors.New("missing version")
	}
	if n, err := parseDecimal(v, 32); err != nil || n != argon2Version {
		return p, nil, nil, errors.New("unsupported version")
	}
	params := strings.Split(fields[3], ",")
	if len(params) != 3 {
		return p, nil, nil, errors.New("parameters are not m,t,p")
	}
	var nums [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		s, ok := strings.CutPrefix(params[i], name)
		if !ok {
			return p, nil, nil, errors.New("parameters are not m,t,p")
		}
		bits := 32
		if name == "p=" {
			bits = 8
		}
		if nums[i], err = parseDecimal(s, bits); err != nil {
			return p, nil, nil, fmt.Errorf("parameter %s: %w", strings.TrimSuffix(name, "="), err)
		}
	}
	if salt, err = b64.DecodeString(fields[4]); err != nil {
		return p, nil, nil, errors.New("salt is not base64")
	}
	if key, err = b64.DecodeString(fields[5]); err != nil {
		return p, nil, nil, errors.New("hash is not base64")
	}
	p = PasswordParams{
		Memory: uint32(nums[0]), Time: uint32(nums[1]), Threads: uint8(nums[2]),
		SaltLen: uint32(len(salt)), KeyLen: uint32(len(key)),
	}
	if err := p.check(); err != nil {
		return p, nil, nil, err
	}
	return p, salt, key, nil
}

// parseDecimal parses a PHC decimal: digits only (ParseUint refuses a
// sign), no leading zero.
func parseDecimal(s string, bits int) (uint64, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, errors.New("not a canonical decimal")
	}
	n, err := strconv.ParseUint(s, 10, bits)
	if err != nil {
		return 0, errors.New("not a decimal in range")
	}
	return n, nil
}

// check reports parameters that argon2 refuses or that cost too much.
func (p PasswordParams) check() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("time %d out of [1, %d]", p.Time, maxTime)
	case p.Threads < 1:
		return errors.New("threads must be at least 1")
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("memory %d KiB out of [8×threads, %d]", p.Memory, maxMemory)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("salt length %d out of [%d, %d]", p.SaltLen, minSaltLen, maxSaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("key length %d out of [%d, %d]", p.KeyLen, minKeyLen, maxKeyLen)
	}
	return nil
}

// CheckPassword applies the password policy of NIST SP 800-63B: length
// alone (no composition rules), counted in code points after NFC
// normalization, and a refusal of passwords an attacker tries first (the
// person's email, the most common passwords). Each failure is an invalid
// error on the field "password".
func CheckPassword(password string, email string) error {
	if !utf8.ValidString(password) {
		return avenir.FieldError("password", "The password contains characters that are not valid.")
	}
	pw := norm.NFC.String(password)
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen {
		return avenir.FieldError("password", "The password must be at least %d characters long.", MinPasswordLen)
	}
	if n > MaxPasswordLen {
		return avenir.FieldError("password", "The password must be at most %d characters long.", MaxPasswordLen)
	}
	email = norm.NFC.String(strings.TrimSpace(email))
	if email != "" {
		local := email
		if at := strings.LastIndexByte(email, '@'); at >= 0 {
			local = email[:at]
		}
		if strings.EqualFold(pw, email) || (local != "" && strings.EqualFold(pw, local)) {
			return avenir.FieldError("password", "The password must not be your email address or the part before the @.")
		}
	}
	if _, ok := commonPasswords[strings.ToLower(pw)]; ok {
		return avenir.FieldError("password", "This password is among the most common ones. Please choose another.")
	}
	return nil
}

// commonPasswords holds, in lower case, passwords that top public breach
// lists or follow their patterns (digit runs, keyboard walks on QWERTY and
// AZERTY, "password" and "motdepasse" with digits), kept to those long
// enough to pass the length rule: a shorter one is refused anyway. NIST SP
// 800-63B asks verifiers to refuse such passwords; checking a full breach
// corpus is a service a program may add on top.
var commonPasswords = func() map[string]struct{} {
	m := make(map[string]struct{}, len(commonPasswordList))
	for _, s := range commonPasswordList {
		m[strings.ToLower(s)] = struct{}{}
	}
	return m
}()

var commonPasswordList = []string{
	// digits
	"123456789012", "1234567890123", "12345678901234", "123456789123",
	"123412341234", "123123123123", "123456123456", "121212121212",
	"112233445566", "111111111111", "000000000000", "222222222222",
	"333333333333", "444444444444", "555555555555", "666666666666",
	"777777777777", "888888888888", "999999999999", "012345678901",
	"098765432109", "987654321098", "147258369147", "159753159753",
	// keyboards, QWERTY and AZERTY
	"qwertyuiop12", "qwertyuiop123", "qwertyuiop1234", "qwertyuiopasdf",
	"qwertyuiopasdfghjkl", "qwerty123456", "qwertyqwerty", "qwerty123456789",
	"1qaz2wsx3edc", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "q1w2e3r4t5y6",
	"zaq12wsxcde3", "zxcvbnm12345", "asdfghjkl123", "qazwsxedcrfv",
	"1234qwerasdf", "1234qwerasdfzxcv", "qwer1234qwer", "azertyuiop12",
	"azertyuiop123", "azertyuiop1234", "azertyuiopqsdf", "azerty123456",
	"azertyazerty", "azerty123456789", "1a2z3e4r5t6y", "a1z2e3r4t5y6",
	"wxcvbn123456", "qsdfghjklm12", "abcdefghijkl", "abc123abc123",
	"abcd1234abcd", "a1b2c3d4e5f6",
	// password, in English and in French
	"password1234", "password12345", "password123456", "password123!",
	"passwordpassword", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234",
	"mypassword123", "password2023", "password2024", "password2025",
	"motdepasse12", "motdepasse123", "motdepasse1234", "motdepasse2023",
	"motdepasse2024", "motdepasse2025", "monmotdepasse", "monmotdepasse1",
	"motdepasse123!", "changeme1234", "administrator", "administrateur",
	// words and phrases
	"iloveyou1234", "iloveyou123456", "jetaime123456", "jetaimejetaime",
	"bonjour123456", "bonjourbonjour", "soleil123456", "football1234",
	"baseball1234", "princess1234", "sunshine1234", "starwars1234",
	"dragon123456", "monkey123456", "master123456", "shadow123456",
	"letmein12345", "welcome12345", "welcome123456", "bienvenue123",
	"trustno1trustno1", "superman1234", "vivelafrance", "vivelafrance1",
	"liberteegalitefraternite",
	// the name of the service (NIST lists context-specific words)
	"avenir123456", "avenirnet123",
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"The password contains characters that are not valid.":                  "Le mot de passe contient des caractères non valides.",
		"The password must be at least %d characters long.":                     "Le mot de passe doit contenir au moins %d caractères.",
		"The password must be at most %d characters long.":                      "Le mot de passe doit contenir au plus %d caractères.",
		"The password must not be your email address or the part before the @.": "Le mot de passe ne doit pas être votre adresse e-mail ni la partie avant le @.",
		"This password is among the most common ones. Please choose another.":   "Ce mot de passe fait partie des plus courants. Veuillez en choisir un autre.",
	})
}
