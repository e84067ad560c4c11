package membership_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// rawRows reads every row of a table through the raw database, each column
// as the driver gives it.
func rawRows(t *testing.T, db *storage.DB, table string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	require.NoError(t, db.Bun().NewRaw("SELECT * FROM ?", bun.Ident(table)).Scan(context.Background(), &rows))
	return rows
}

// columnBytes and columnText give a column's value as bytes and as text.
func columnBytes(v any) []byte {
	switch x := v.(type) {
	case []byte:
		return x
	case string:
		return []byte(x)
	default:
		return []byte(fmt.Sprint(x))
	}
}

func columnText(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	default:
		return fmt.Sprint(x)
	}
}

// TestSecretsAreNotStored reads back every row the sign-in flows wrote and
// checks that no password and no token is there in clear: only argon2id
// hashes of passwords and SHA-256 hashes of tokens (OWASP ASVS 5.0 V11.4,
// V7.2).
func TestSecretsAreNotStored(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		const email, client = "secret@example.org", "203.0.113.77"
		m := f.register(t, email, false)
		verify := linkToken(t, f.mail.Last(t).Text)

		in, err := f.svc.SignIn(ctx, email, fixturePassword, client)
		require.NoError(t, err)
		_, err = f.svc.SignIn(ctx, email, "not the password at all", client)
		require.Error(t, err, "a failure, so that the throttle writes its rows")
		require.NoError(t, f.svc.RequestSignInLink(ctx, email))
		signInLink := linkToken(t, f.mail.Last(t).Text)
		require.NoError(t, f.svc.RequestSignInLink(ctx, email))
		usedLink := linkToken(t, f.mail.Last(t).Text)
		in2, err := f.svc.SignInWithLink(ctx, usedLink)
		require.NoError(t, err)

		tokens := map[string]string{"verification link": verify, "sign-in link": signInLink, "used sign-in link": usedLink,
			"session": in.Token, "session from a link": in2.Token}
		// Text secrets are looked for as bytes and, ignoring case, as text;
		// the random bytes behind each token as bytes.
		texts := map[string]string{"password": fixturePassword}
		raws := map[string][]byte{}
		for name, tok := range tokens {
			texts[name] = tok
			raw, err := base64.RawURLEncoding.DecodeString(tok)
			require.NoError(t, err)
			raws[name+" (raw bytes)"] = raw
			texts[name+" (hex)"] = hex.EncodeToString(raw)
		}

		tables := []string{"avenir_credentials", "avenir_tokens", "avenir_sessions", "avenir_sign_in_failures",
			"avenir_members", "avenir_consents", "avenir_member_transitions", "avenir_outbox"}
		for _, table := range tables {
			rows := rawRows(t, db, table)
			for i, row := range rows {
				for col, v := range row {
					b, text := columnBytes(v), strings.ToLower(columnText(v))
					for name, secret := range texts {
						assert.False(t, bytes.Contains(b, []byte(secret)), "%s row %d column %s holds the %s as bytes", table, i, col, name)
						assert.NotContains(t, text, strings.ToLower(secret), "%s row %d column %s holds the %s as text", table, i, col, name)
					}
					for name, secret := range raws {
						assert.False(t, bytes.Contains(b, secret), "%s row %d column %s holds the %s", table, i, col, name)
					}
				}
			}
		}

		// What is there instead: an argon2id hash of the password …
		creds := rawRows(t, db, "avenir_credentials")
		require.Len(t, creds, 2, "the admin's and the member's")
		hash, err := db.Members().PasswordHash(ctx, m.ID)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(hash, "$argon2id$"), "%q", hash)
		for _, row := range creds {
			assert.True(t, strings.HasPrefix(columnText(row["password_hash"]), "$argon2id$"))
		}
		// … the SHA-256 of each token, and of each session's.
		stored := func(table string) map[string]bool {
			out := map[string]bool{}
			for _, row := range rawRows(t, db, table) {
				h := columnBytes(row["hash"])
				assert.Len(t, h, sha256.Size, "%s.hash is a SHA-256", table)
				out[string(h)] = true
			}
			return out
		}
		tokenHashes, sessionHashes := stored("avenir_tokens"), stored("avenir_sessions")
		for _, tok := range []string{verify, signInLink, usedLink} {
			sum := sha256.Sum256([]byte(tok))
			assert.True(t, tokenHashes[string(sum[:])], "the token's hash is stored")
		}
		for _, tok := range []string{in.Token, in2.Token} {
			sum := sha256.Sum256([]byte(tok))
			assert.True(t, sessionHashes[string(sum[:])], "the session's hash is stored")
		}
		// The throttle counts under keys that name neither the address nor the client.
		failures := rawRows(t, db, "avenir_sign_in_failures")
		signIns := 0
		for _, row := range failures {
			key := columnText(row["key"])
			assert.Regexp(t, `^(account|client|link):[0-9a-f]{32}$`, key)
			if !strings.HasPrefix(key, "link:") {
				signIns++
			}
			assert.NotContains(t, key, email)
			assert.NotContains(t, key, client)
		}
		assert.Equal(t, 2, signIns, "one failure, counted for the account and for the client")

	})
}

// TestLinkTokens: expiry, single use, purpose and tampering.
func TestLinkTokens(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		n := 0
		// newVerification registers someone and returns their verification token.
		newVerification := func(t *testing.T) string {
			n++
			f.register(t, fmt.Sprintf("v%d@example.org", n), false)
			return linkToken(t, f.mail.Last(t).Text)
		}
		f.register(t, "links@example.org", false)
		newSignInLink := func(t *testing.T) string {
			require.NoError(t, f.svc.RequestSignInLink(ctx, "links@example.org"))
			return linkToken(t, f.mail.Last(t).Text)
		}
		verify := func(tok string) error { _, err := f.svc.VerifyEmail(ctx, tok); return err }
		signIn := func(tok string) error { _, err := f.svc.SignInWithLink(ctx, tok); return err }

		expiry := []struct {
			name  string
			issue func(t *testing.T) string
			use   func(string) error
			after time.Duration
			valid bool
		}{
			{"sign-in link within 15 minutes", newSignInLink, signIn, 15*time.Minute - time.Second, true},
			{"sign-in link at 15 minutes", newSignInLink, signIn, 15 * time.Minute, false},
			{"sign-in link past 15 minutes", newSignInLink, signIn, 15*time.Minute + time.Second, false},
			{"verification within 48 hours", newVerification, verify, 48*time.Hour - time.Second, true},
			{"verification at 48 hours", newVerification, verify, 48 * time.Hour, false},
			{"verification past 48 hours", newVerification, verify, 48*time.Hour + time.Second, false},
		}
		var expired error
		for _, tt := range expiry {
			t.Run(tt.name, func(t *testing.T) {
				tok := tt.issue(t)
				f.clock.Advance(tt.after)
				err := tt.use(tok)
				if tt.valid {
					assert.NoError(t, err)
					return
				}
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%v", err)
				expired = err
			})
		}

		t.Run("single use", func(t *testing.T) {
			for name, c := range map[string]struct {
				issue func(t *testing.T) string
				use   func(string) error
			}{"verification": {newVerification, verify}, "sign-in link": {newSignInLink, signIn}} {
				tok := c.issue(t)
				require.NoError(t, c.use(tok), name)
				err := c.use(tok)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%s used twice", name)
				if expired != nil {
					assert.Equal(t, expired.Error(), err.Error(), "a used link gets the answer of an expired one")
				}
			}
		})

		t.Run("purpose", func(t *testing.T) {
			v, s := newVerification(t), newSignInLink(t)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(signIn(v)), "a verification token does not sign in")
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(verify(s)), "a sign-in token does not verify")
			assert.NoError(t, verify(v), "the misuse did not spend it")
			assert.NoError(t, signIn(s), "the misuse did not spend it")
		})

		t.Run("tampered", func(t *testing.T) {
			tok := newSignInLink(t)
			flip := func(c byte) byte {
				if c == 'A' {
					return 'B'
				}
				return 'A'
			}
			tampered := []struct{ name, token string }{
				{"one character changed", string(flip(tok[0])) + tok[1:]},
				{"truncated", tok[:len(tok)-1]},
				{"extended", tok + "A"},
				{"padded", tok + "="},
				{"with a space", " " + tok[1:]},
				{"standard base64 alphabet", strings.NewReplacer("-", "+", "_", "/").Replace(tok[:42]) + "+"},
				{"empty", ""},
			}
			for _, tt := range tampered {
				err := signIn(tt.token)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%s: %v", tt.name, err)
				_, err = f.svc.VerifyEmail(ctx, tt.token)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%s: %v", tt.name, err)
			}
			assert.NoError(t, signIn(tok), "the genuine token still works")
		})
	})
}

// TestSessionRevocation: signing out everywhere, and changing the password,
// end every session of the member and no one else's.
func TestSessionRevocation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		a := f.register(t, "alice@example.org", false)
		b := f.register(t, "bob@example.org", false)
		signIn := func(email, pw string) string {
			in, err := f.svc.SignIn(ctx, email, pw, "192.0.2.1")
			require.NoError(t, err)
			return in.Token
		}
		alive := func(tok string) bool {
			_, _, err := f.svc.Authenticate(ctx, tok)
			if err != nil {
				assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
			}
			return err == nil
		}

		aliceSessions := []string{signIn("alice@example.org", fixturePassword), signIn("alice@example.org", fixturePassword)}
		require.NoError(t, f.svc.RequestSignInLink(ctx, "alice@example.org"))
		linked, err := f.svc.SignInWithLink(ctx, linkToken(t, f.mail.Last(t).Text))
		require.NoError(t, err)
		aliceSessions = append(aliceSessions, linked.Token)
		bobSession := signIn("bob@example.org", fixturePassword)

		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(f.svc.SignOutEverywhere(ctx, avenir.Anonymous)))
		require.NoError(t, f.svc.SignOutEverywhere(ctx, f.actor(t, a.ID)))
		for i, tok := range aliceSessions {
			assert.False(t, alive(tok), "Alice's session %d is revoked", i)
		}
		assert.True(t, alive(bobSession), "Bob's session lives on")

		// ChangePassword: a refused password changes nothing.
		bobAgain := signIn("bob@example.org", fixturePassword)
		err = f.svc.ChangePassword(ctx, f.actor(t, b.ID), fixturePassword, "short")
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
		assert.Equal(t, "password", errorField(err))
		assert.True(t, alive(bobAgain))
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(f.svc.ChangePassword(ctx, avenir.Anonymous, fixturePassword, "a brand new passphrase")))
		err = f.svc.ChangePassword(ctx, f.actor(t, b.ID), "not the current one", "a brand new passphrase")
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "the current password is required")
		assert.Equal(t, "current_password", errorField(err))
		assert.True(t, alive(bobAgain))

		const newPassword = "a brand new passphrase"
		aliceAgain := signIn("alice@example.org", fixturePassword)
		require.NoError(t, f.svc.ChangePassword(ctx, f.actor(t, b.ID), fixturePassword, newPassword))
		assert.False(t, alive(bobSession), "changing the password signs out")
		assert.False(t, alive(bobAgain), "changing the password signs out")
		assert.True(t, alive(aliceAgain), "another member's session lives on")
		_, err = f.svc.SignIn(ctx, "bob@example.org", fixturePassword, "192.0.2.1")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "the old password stopped working")
		assert.True(t, alive(signIn("bob@example.org", newPassword)), "the new one works")
	})
}

// TestSignInThrottle: failed sign-ins are counted per account and per client
// address, in the database; past the limit even the right password is
// refused until the window passes.
func TestSignInThrottle(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		signIn := func(email, pw, client string) error {
			_, err := f.svc.SignIn(ctx, email, pw, client)
			return err
		}

		t.Run("per account", func(t *testing.T) {
			f.register(t, "target@example.org", false)
			for i := range 5 {
				err := signIn("target@example.org", fmt.Sprintf("wrong password %d", i), "198.51.100.1")
				assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "attempt %d", i+1)
			}
			err := signIn("target@example.org", fixturePassword, "198.51.100.1")
			assert.Equal(t, avenir.CodeRateLimited, avenir.ErrorCode(err), "the 6th attempt, even with the right password")
			err = signIn("TARGET@example.org", fixturePassword, "198.51.100.2")
			assert.Equal(t, avenir.CodeRateLimited, avenir.ErrorCode(err), "from another address and in another case too")
			f.clock.Advance(10 * time.Minute)
			assert.Equal(t, avenir.CodeRateLimited, avenir.ErrorCode(signIn("target@example.org", fixturePassword, "198.51.100.1")), "within the window")
			f.clock.Advance(6 * time.Minute)
			assert.NoError(t, signIn("target@example.org", fixturePassword, "198.51.100.1"), "after the window")
		})

		t.Run("a success clears the account's count", func(t *testing.T) {
			f.register(t, "forgetful@example.org", false)
			for range 4 {
				require.Error(t, signIn("forgetful@example.org", "wrong password!", "198.51.100.3"))
			}
			require.NoError(t, signIn("forgetful@example.org", fixturePassword, "198.51.100.3"))
			for range 4 {
				err := signIn("forgetful@example.org", "wrong password!", "198.51.100.3")
				assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
			}
			assert.NoError(t, signIn("forgetful@example.org", fixturePassword, "198.51.100.3"), "4 failures since the success")
		})

		t.Run("per client address", func(t *testing.T) {
			const attacker, other = "203.0.113.9", "203.0.113.10"
			for i := range 21 {
				f.register(t, fmt.Sprintf("c%02d@example.org", i), false)
			}
			for i := range 20 {
				err := signIn(fmt.Sprintf("c%02d@example.org", i), "guessed password", attacker)
				assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "attempt %d", i+1)
			}
			err := signIn("c20@example.org", fixturePassword, attacker)
			assert.Equal(t, avenir.CodeRateLimited, avenir.ErrorCode(err), "a 21st account from the same address")
			assert.NoError(t, signIn("c20@example.org", fixturePassword, other), "another address still works")
			assert.NoError(t, signIn("c00@example.org", fixturePassword, other), "one failure does not lock an account")
			f.clock.Advance(16 * time.Minute)
			assert.NoError(t, signIn("c20@example.org", fixturePassword, attacker), "after the window")
		})
	})
}

// TestNoEnumeration: registering a known address and asking a link for an
// unknown one answer as if all were well, and tell nothing by mail to anyone
// but the owner of the address.
func TestNoEnumeration(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		first := f.register(t, "camille@example.org", false)
		tables := []string{"avenir_members", "avenir_tokens", "avenir_consents", "avenir_credentials", "avenir_outbox", "avenir_member_transitions"}
		counts := func() map[string]int {
			out := map[string]int{}
			for _, table := range tables {
				out[table] = tableRows(t, db, table)
			}
			return out
		}

		for _, email := range []string{"Camille@Example.ORG", " camille@example.org "} {
			t.Run("register "+email, func(t *testing.T) {
				before, mails := counts(), len(f.mail.All())
				m, err := f.svc.Register(ctx, membership.Registration{
					Email: email, Password: "another long passphrase", Join: true,
					Profile:  membership.Profile{DisplayName: "Impostor"},
					Consents: []string{membership.ConsentMembership},
				})
				require.NoError(t, err)
				assert.Equal(t, membership.Member{}, m, "a zero Member")
				assert.Equal(t, before, counts(), "nothing was created")
				require.Len(t, f.mail.All(), mails+1, "one mail")
				notice := f.mail.Last(t)
				assert.Equal(t, "camille@example.org", notice.To, "to the owner of the address")
				assert.NotContains(t, notice.Text, "token=", "the notice carries no link that signs in")
				assert.NotEqual(t, f.mail.All()[0].Subject, notice.Subject, "a notice, not a verification")
			})
		}
		again, err := db.Members().MemberByEmail(ctx, "camille@example.org")
		require.NoError(t, err)
		assert.Equal(t, first.ID, again.ID)
		assert.Equal(t, first.DisplayName, again.DisplayName, "the account is untouched")
		_, err = f.svc.SignIn(ctx, "camille@example.org", "another long passphrase", "192.0.2.1")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "the impostor's password was not set")

		t.Run("the notice speaks the owner's language", func(t *testing.T) {
			_, err := f.svc.Register(ctx, membership.Registration{Email: "jane@example.org",
				Profile: membership.Profile{DisplayName: "Jane", Language: "en"}, Consents: []string{membership.ConsentMembership}})
			require.NoError(t, err)
			assert.Equal(t, "Confirm your email address", f.mail.Last(t).Subject)
			_, err = f.svc.Register(ctx, membership.Registration{Email: "jane@example.org",
				Profile: membership.Profile{DisplayName: "Jeanne", Language: "fr"}, Consents: []string{membership.ConsentMembership}})
			require.NoError(t, err)
			assert.Equal(t, "Someone tried to register with your address", f.mail.Last(t).Subject, "Jane reads English")
		})

		suspended := f.register(t, "suspended-links@example.org", false)
		forceStatus(t, db, suspended.ID, avenir.StatusSuspended)
		for _, email := range []string{"nobody@example.org", "suspended-links@example.org"} {
			t.Run("sign-in link for "+email, func(t *testing.T) {
				before, mails := counts(), len(f.mail.All())
				assert.NoError(t, f.svc.RequestSignInLink(ctx, email))
				assert.Len(t, f.mail.All(), mails, "nothing is sent")
				assert.Equal(t, before, counts(), "no token is made")
			})
		}
	})
}

// TestSignInLinkRace: of 20 simultaneous uses of one link, exactly one
// opens a session (PostgreSQL, where uses really run in parallel).
func TestSignInLinkRace(t *testing.T) {
	db := storagetest.Postgres(t)
	ctx := context.Background()
	f := newFixture(t, db)
	m := f.register(t, "racer@example.org", false)
	verification := linkToken(t, f.mail.Last(t).Text)
	require.NoError(t, f.svc.RequestSignInLink(ctx, "racer@example.org"))
	link := linkToken(t, f.mail.Last(t).Text)

	race := func(use func() error) (wins int, errs []error) {
		const n = 20
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			ready = make(chan struct{})
		)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-ready
				err := use()
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					wins++
				} else {
					errs = append(errs, err)
				}
			}()
		}
		close(ready)
		wg.Wait()
		return wins, errs
	}

	wins, errs := race(func() error { _, err := f.svc.SignInWithLink(ctx, link); return err })
	assert.Equal(t, 1, wins, "exactly one sign-in")
	for _, err := range errs {
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "the others are told the link is spent: %v", err)
	}
	var sessions int
	require.NoError(t, db.Bun().NewRaw("SELECT count(*) FROM avenir_sessions WHERE member_id = ?", m.ID).Scan(ctx, &sessions))
	assert.Equal(t, 1, sessions, "one session was opened")

	events := tableRows(t, db, "avenir_outbox")
	wins, errs = race(func() error { _, err := f.svc.VerifyEmail(ctx, verification); return err })
	assert.Equal(t, 1, wins, "exactly one verification")
	for _, err := range errs {
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%v", err)
	}
	assert.Equal(t, events+1, tableRows(t, db, "avenir_outbox"), "one email_verified event")
}
