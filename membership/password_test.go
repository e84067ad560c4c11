package membership

import (
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/argon2"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// fastParams keep the tests quick: argon2id at its smallest sensible cost.
// Only a few tests pay for DefaultPasswordParams (~50 ms a hash).
var fastParams = PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashPasswordRoundTrip(t *testing.T) {
	for _, pw := range []string{
		"correct horse battery staple",
		"Liberté, égalité, fraternité !",
		"密码密码密码密码密码密码",
		"🗳️ vote for the future 🗳️",
		strings.Repeat("x", MaxPasswordLen),
		"",
	} {
		t.Run(pw[:min(len(pw), 16)], func(t *testing.T) {
			encoded, err := HashPassword(pw, fastParams)
			require.NoError(t, err)

			ok, rehash, err := VerifyPassword(pw, encoded, fastParams)
			require.NoError(t, err)
			assert.True(t, ok, "the right password")
			assert.False(t, rehash, "same parameters")

			for _, wrong := range []string{pw + "x", strings.ToUpper(pw) + "!", " " + pw, "password"} {
				ok, rehash, err := VerifyPassword(wrong, encoded, fastParams)
				require.NoError(t, err)
				assert.False(t, ok, "wrong password %q", wrong)
				assert.False(t, rehash)
			}
		})
	}
}

var phcDefault = regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashPasswordDefaultFormat(t *testing.T) {
	encoded, err := HashPassword("correct horse battery staple", DefaultPasswordParams)
	require.NoError(t, err)
	assert.Regexp(t, phcDefault, encoded)

	ok, rehash, err := VerifyPassword("correct horse battery staple", encoded, DefaultPasswordParams)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.False(t, rehash)

	ok, _, err = VerifyPassword("correct horse battery stapler", encoded, DefaultPasswordParams)
	require.NoError(t, err)
	assert.False(t, ok)
}

func TestHashPasswordSalts(t *testing.T) {
	a, err := HashPassword("the same password", fastParams)
	require.NoError(t, err)
	b, err := HashPassword("the same password", fastParams)
	require.NoError(t, err)
	assert.NotEqual(t, a, b)
	// The salts themselves differ, not only the keys.
	assert.NotEqual(t, strings.Split(a, "$")[4], strings.Split(b, "$")[4])
	for _, encoded := range []string{a, b} {
		ok, _, err := VerifyPassword("the same password", encoded, fastParams)
		require.NoError(t, err)
		assert.True(t, ok)
	}
}

func TestHashPasswordRefusesBadParams(t *testing.T) {
	with := func(f func(*PasswordParams)) PasswordParams {
		p := fastParams
		f(&p)
		return p
	}
	for name, p := range map[string]PasswordParams{
		"zero":             {},
		"time 0":           with(func(p *PasswordParams) { p.Time = 0 }),
		"time 21":          with(func(p *PasswordParams) { p.Time = 21 }),
		"threads 0":        with(func(p *PasswordParams) { p.Threads = 0 }),
		"memory < 8×p":     with(func(p *PasswordParams) { p.Memory = 15; p.Threads = 2 }),
		"memory > 1 GiB":   with(func(p *PasswordParams) { p.Memory = 1<<20 + 1 }),
		"salt 4 bytes":     with(func(p *PasswordParams) { p.SaltLen = 4 }),
		"salt 65 bytes":    with(func(p *PasswordParams) { p.SaltLen = 65 }),
		"key 8 bytes":      with(func(p *PasswordParams) { p.KeyLen = 8 }),
		"key 65 bytes":     with(func(p *PasswordParams) { p.KeyLen = 65 }),
		"key 0, salt 0":    with(func(p *PasswordParams) { p.KeyLen = 0; p.SaltLen = 0 }),
		"huge everywhere":  {Memory: 1 << 31, Time: 1 << 31, Threads: 255, SaltLen: 1 << 31, KeyLen: 1 << 31},
		"memory 0, p 1":    with(func(p *PasswordParams) { p.Memory = 0 }),
		"memory 7, p 1":    with(func(p *PasswordParams) { p.Memory = 7 }),
		"key 15 (too few)": with(func(p *PasswordParams) { p.KeyLen = 15 }),
	} {
		t.Run(name, func(t *testing.T) {
			var encoded string
			var err error
			require.NotPanics(t, func() { encoded, err = HashPassword("correct horse battery staple", p) })
			require.Error(t, err)
			assert.Equal(t, avenir.CodeInternal, avenir.ErrorCode(err))
			assert.Empty(t, encoded)
		})
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	const pw = "correct horse battery staple"
	salt := base64.RawStdEncoding.EncodeToString([]byte("0123456789abcdef"))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	valid := "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key
	// The table is built from a well-formed hash, so each row breaks one
	// thing; the row "control" checks that the base parses.
	_, _, err := VerifyPassword(pw, valid, fastParams)
	require.NoError(t, err, "control: the base of the table is well formed")

	cases := map[string]string{
		"empty":                   "",
		"garbage":                 "not a hash",
		"only dollars":            "$$$$$",
		"bcrypt":                  "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
		"argon2i":                 strings.Replace(valid, "argon2id", "argon2i", 1),
		"argon2d":                 strings.Replace(valid, "argon2id", "argon2d", 1),
		"upper case algorithm":    strings.Replace(valid, "argon2id", "ARGON2ID", 1),
		"version 16":              strings.Replace(valid, "v=19", "v=16", 1),
		"version 019":             strings.Replace(valid, "v=19", "v=019", 1),
		"version empty":           strings.Replace(valid, "v=19", "v=", 1),
		"version missing":         strings.Replace(valid, "$v=19", "", 1),
		"version after params":    "$argon2id$m=64,t=1,p=1,v=19$" + salt + "$" + key,
		"no leading dollar":       strings.TrimPrefix(valid, "$"),
		"hash missing":            "$argon2id$v=19$m=64,t=1,p=1$" + salt,
		"hash empty":              "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"salt and hash missing":   "$argon2id$v=19$m=64,t=1,p=1",
		"params missing":          "$argon2id$v=19$" + salt + "$" + key,
		"extra field":             valid + "$" + key,
		"trailing space":          valid + " ",
		"leading space":           " " + valid,
		"params out of order":     strings.Replace(valid, "m=64,t=1,p=1", "t=1,m=64,p=1", 1),
		"param missing":           strings.Replace(valid, "m=64,t=1,p=1", "m=64,t=1", 1),
		"param repeated":          strings.Replace(valid, "m=64,t=1,p=1", "m=64,t=1,p=1,p=1", 1),
		"extra param (data)":      strings.Replace(valid, "m=64,t=1,p=1", "m=64,t=1,p=1,data=YWJj", 1),
		"param with spaces":       strings.Replace(valid, "m=64,t=1,p=1", "m=64, t=1, p=1", 1),
		"leading zero":            strings.Replace(valid, "m=64", "m=064", 1),
		"plus sign":               strings.Replace(valid, "m=64", "m=+64", 1),
		"negative":                strings.Replace(valid, "t=1", "t=-1", 1),
		"not a number":            strings.Replace(valid, "t=1", "t=x", 1),
		"empty number":            strings.Replace(valid, "t=1", "t=", 1),
		"memory over uint32":      strings.Replace(valid, "m=64", "m=4294967296", 1),
		"memory over 1 GiB":       strings.Replace(valid, "m=64", "m=1048577", 1),
		"memory below 8×p":        strings.Replace(valid, "m=64,t=1,p=1", "m=15,t=1,p=2", 1),
		"time 0":                  strings.Replace(valid, "t=1", "t=0", 1),
		"time 21":                 strings.Replace(valid, "t=1", "t=21", 1),
		"time huge":               strings.Replace(valid, "t=1", "t=4294967295", 1),
		"threads 0":               strings.Replace(valid, "p=1", "p=0", 1),
		"threads 256":             strings.Replace(valid, "p=1", "p=256", 1),
		"salt not base64":         "$argon2id$v=19$m=64,t=1,p=1$!!!!!!!!!!!!$" + key,
		"salt url alphabet":       "$argon2id$v=19$m=64,t=1,p=1$" + "AAAAAAAAAAA-_AAAAAAAAA" + "$" + key,
		"salt padded":             "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key,
		"salt non-canonical bits": "$argon2id$v=19$m=64,t=1,p=1$" + salt[:21] + "B$" + key,
		"salt too short":          "$argon2id$v=19$m=64,t=1,p=1$" + base64.RawStdEncoding.EncodeToString([]byte("1234567")) + "$" + key,
		"hash padded":             valid + "=",
		"hash not base64":         "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + strings.Repeat("*", 43),
		"hash too short":          "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + base64.RawStdEncoding.EncodeToString(make([]byte, 8)),
		"hash too long":           "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + base64.RawStdEncoding.EncodeToString(make([]byte, 65)),
		"absurd but well formed":  "$argon2id$v=19$m=4294967295,t=4294967295,p=255$" + salt + "$" + key,
	}
	for name, encoded := range cases {
		t.Run(name, func(t *testing.T) {
			var ok, rehash bool
			var err error
			require.NotPanics(t, func() { ok, rehash, err = VerifyPassword(pw, encoded, fastParams) })
			require.Error(t, err)
			assert.Equal(t, avenir.CodeInternal, avenir.ErrorCode(err))
			assert.False(t, ok)
			assert.False(t, rehash)
			// The stored hash is a secret of sorts: it stays out of logs.
			assert.NotContains(t, err.Error(), salt)
			// People see the generic message, never the detail.
			assert.Equal(t, avenir.ErrInternal.Localize(language.English), avenir.Message(err, language.English))
		})
	}
}

func TestVerifyPasswordRehash(t *testing.T) {
	weakMemory := PasswordParams{Memory: 8 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
	p := func(m, t uint32, threads uint8, salt, key uint32) PasswordParams {
		return PasswordParams{Memory: m, Time: t, Threads: threads, SaltLen: salt, KeyLen: key}
	}
	for _, c := range []struct {
		name         string
		stored, want PasswordParams
		rehash       bool
	}{
		{"less memory than the defaults", weakMemory, DefaultPasswordParams, true},
		{"the defaults", DefaultPasswordParams, DefaultPasswordParams, false},
		{"less memory", p(64, 1, 1, 16, 32), p(128, 1, 1, 16, 32), true},
		{"fewer passes", p(64, 1, 1, 16, 32), p(64, 2, 1, 16, 32), true},
		{"shorter key", p(64, 1, 1, 16, 16), p(64, 1, 1, 16, 32), true},
		{"shorter salt", p(64, 1, 1, 8, 32), p(64, 1, 1, 16, 32), true},
		{"equal", p(64, 1, 1, 16, 32), p(64, 1, 1, 16, 32), false},
		{"stronger than wanted", p(128, 2, 1, 32, 64), p(64, 1, 1, 16, 32), false},
		{"other parallelism only", p(64, 1, 2, 16, 32), p(64, 1, 1, 16, 32), false},
		{"one stronger, one weaker", p(128, 1, 1, 16, 32), p(64, 2, 1, 16, 32), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			encoded, err := HashPassword("correct horse battery staple", c.stored)
			require.NoError(t, err)

			ok, rehash, err := VerifyPassword("correct horse battery staple", encoded, c.want)
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, c.rehash, rehash)

			// A wrong password never asks for a rehash: there is nothing to upgrade with.
			ok, rehash, err = VerifyPassword("wrong horse battery staple", encoded, c.want)
			require.NoError(t, err)
			assert.False(t, ok)
			assert.False(t, rehash)
		})
	}
}

func TestVerifyPasswordKnownAnswer(t *testing.T) {
	t.Run("assembled in the test", func(t *testing.T) {
		// The hash is computed and encoded here, by hand, so that a fault in
		// HashPassword's encoding cannot hide behind the same fault in
		// VerifyPassword's decoding.
		salt := []byte("avenir-kat-salt!")
		key := argon2.IDKey([]byte("correct horse battery staple"), salt, 2, 19456, 1, 32)
		encoded := "$argon2id$v=19$m=19456,t=2,p=1$" +
			base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(key)
		require.Regexp(t, phcDefault, encoded)

		ok, rehash, err := VerifyPassword("correct horse battery staple", encoded, DefaultPasswordParams)
		require.NoError(t, err)
		assert.True(t, ok)
		assert.False(t, rehash)
	})

	// Vectors of the argon2 reference implementation (phc-winner-argon2,
	// src/test.c), password "password" and salt "somesalt": our strings read
	// and verify as libsodium's and the reference's do.
	for _, c := range []struct {
		password, encoded string
	}{
		{"password", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"},
		{"password", "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"},
		{"password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"},
	} {
		t.Run(c.encoded[:30], func(t *testing.T) {
			ok, _, err := VerifyPassword(c.password, c.encoded, fastParams)
			require.NoError(t, err)
			assert.True(t, ok)
			ok, _, err = VerifyPassword("passwore", c.encoded, fastParams)
			require.NoError(t, err)
			assert.False(t, ok)
		})
	}
}

func TestPasswordNFC(t *testing.T) {
	composed := "caf\u00e9 au lait sucr\u00e9"
	decomposed := "cafe\u0301 au lait sucre\u0301"
	require.NotEqual(t, composed, decomposed, "the two spellings differ as bytes")

	for _, c := range []struct{ hashed, typed string }{
		{composed, decomposed},
		{decomposed, composed},
		{composed, composed},
		{decomposed, decomposed},
	} {
		encoded, err := HashPassword(c.hashed, fastParams)
		require.NoError(t, err)
		ok, _, err := VerifyPassword(c.typed, encoded, fastParams)
		require.NoError(t, err)
		assert.True(t, ok, "hashed %+q, typed %+q", c.hashed, c.typed)
		// A different letter is still a different password.
		ok, _, err = VerifyPassword(strings.ReplaceAll(c.typed, "a", "A"), encoded, fastParams)
		require.NoError(t, err)
		assert.False(t, ok)
	}

	// Lengths count after normalization: 11 "é" typed decomposed are 22
	// code points but 11 characters.
	short := strings.Repeat("e\u0301", 11)
	require.Equal(t, 22, utf8.RuneCountInString(short))
	assertPasswordError(t, CheckPassword(short, ""), "The password must be at least %d characters long.")
	assert.NoError(t, CheckPassword(short+"\u00e9", ""))
}

func TestCheckPassword(t *testing.T) {
	const (
		tooShort = "The password must be at least %d characters long."
		tooLong  = "The password must be at most %d characters long."
		isEmail  = "The password must not be your email address or the part before the @."
		common   = "This password is among the most common ones. Please choose another."
		badUTF8  = "The password contains characters that are not valid."
	)
	const email = "camille.durand@example.org"
	for _, c := range []struct {
		name, password, email, key string
	}{
		{"empty", "", email, tooShort},
		{"11 characters", "tulipe roug", email, tooShort},
		{"exactly 12", "tulipe rouge", email, ""},
		{"12 accented characters", "éèàùçâêîôûëï", email, ""},
		{"exactly 256", strings.Repeat("ab", 128), email, ""},
		{"256 two-byte characters", strings.Repeat("é", 256), email, ""},
		{"257", strings.Repeat("ab", 128) + "c", email, tooLong},
		{"equals the email", email, email, isEmail},
		{"equals the email, other case", "Camille.Durand@Example.ORG", email, isEmail},
		{"equals the email given with spaces", email, "  " + email + " ", isEmail},
		{"equals the local part", "camille.durand", email, isEmail},
		{"equals the local part, other case", "CAMILLE.DURAND", email, isEmail},
		{"contains the email, longer", email + " et moi", email, ""},
		{"no email given", "camille.durand", "", ""},
		{"common", "motdepasse123", email, common},
		{"common, other case", "MotDePasse123", email, common},
		{"common, upper case", "PASSWORD1234", email, common},
		{"common, keyboard walk", "AzertyUiop12", email, common},
		{"common, digits", "123456789012", email, common},
		{"not valid UTF-8", strings.Repeat("\xff", 12), email, badUTF8},
		{"a good passphrase", "la fraternité en action 2027", email, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckPassword(c.password, c.email)
			if c.key == "" {
				assert.NoError(t, err)
				return
			}
			assertPasswordError(t, err, c.key)
		})
	}
}

// assertPasswordError checks that err is an invalid error on the field
// "password" with the key, translated to French.
func assertPasswordError(t *testing.T, err error, key string) {
	t.Helper()
	require.Error(t, err)
	var e *avenir.Error
	require.True(t, errors.As(err, &e), "an *avenir.Error: %v", err)
	assert.Equal(t, avenir.CodeInvalid, e.Code)
	assert.Equal(t, "password", e.Field)
	assert.Equal(t, key, e.Key)
	en := avenir.Message(err, language.English)
	fr := avenir.Message(err, language.French)
	assert.NotEqual(t, en, fr, "a French translation of %q", key)
	assert.Contains(t, fr, "mot de passe")
	assert.NotContains(t, en, "%!", "the arguments fit the key")
	assert.NotContains(t, fr, "%!", "the arguments fit the translation")
}

func TestCommonPasswordList(t *testing.T) {
	assert.GreaterOrEqual(t, len(commonPasswordList), 100)
	seen := map[string]bool{}
	for _, pw := range commonPasswordList {
		n := utf8.RuneCountInString(pw)
		// A shorter entry would be dead: the length rule refuses it first.
		assert.GreaterOrEqual(t, n, MinPasswordLen, "%q", pw)
		assert.LessOrEqual(t, n, MaxPasswordLen, "%q", pw)
		assert.Equal(t, strings.ToLower(pw), pw, "lower case: %q", pw)
		assert.False(t, seen[pw], "duplicate %q", pw)
		seen[pw] = true

		for _, typed := range []string{pw, strings.ToUpper(pw)} {
			var e *avenir.Error
			if assert.True(t, errors.As(CheckPassword(typed, "someone@example.org"), &e), "%q is refused", typed) {
				assert.Equal(t, "This password is among the most common ones. Please choose another.", e.Key)
			}
		}
	}
}

func TestSpendPasswordTime(t *testing.T) {
	// The dummy hash must cost what a real one costs: it has the default
	// parameters, and it goes through VerifyPassword without an error
	// (an error would return before argon2 runs).
	dummy := dummyHash(DefaultPasswordParams)
	p, _, _, err := decodeHash(dummy)
	require.NoError(t, err)
	assert.Equal(t, DefaultPasswordParams, p)

	ok, rehash, err := VerifyPassword("", dummy, DefaultPasswordParams)
	require.NoError(t, err)
	assert.False(t, ok, "no password matches the dummy hash")
	assert.False(t, rehash)

	assert.NotPanics(t, func() { SpendPasswordTime("correct horse battery staple", DefaultPasswordParams) })
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple", DefaultPasswordParams); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	encoded, err := HashPassword("correct horse battery staple", DefaultPasswordParams)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _, err := VerifyPassword("correct horse battery staple", encoded, DefaultPasswordParams); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
