package membership

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Mail is one email to send.
type Mail struct {
	To      string
	Subject string
	Text    string
}

// Mailer sends mail. The reference server's writes mails to its log and to
// a development mailbox page; a production network plugs in SMTP or a
// provider's API. Send should queue the mail and return at once: the time
// it takes shows in answers that must not tell whether an address is
// registered (a sign-in link is mailed only to a known one).
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

type discardMailer struct{}

func (discardMailer) Send(context.Context, Mail) error { return nil }

// errRegistered ends a registration whose address another request has just
// registered.
var errRegistered = errors.New("membership: address already registered")

// Registration is what a person gives to sign up.
type Registration struct {
	Email    string
	Password string // optional: without one, the person signs in by email links
	Profile
	Join     bool     // ask to become a member (applicant) rather than stay a supporter
	Consents []string // purposes the person ticked; the required ones must be among them
}

// Register signs a person up as a supporter (or an applicant, with Join),
// records the consents they gave, and sends them a link to verify their
// email address.
//
// To prevent user enumeration, Register answers the same whether or not the
// address is already registered: for a known address it sends that address
// a notice instead, and returns a zero Member and no error.
func (s *Service) Register(ctx context.Context, r Registration) (Member, error) {
	email, err := NormalizeEmail(r.Email)
	if err != nil {
		return Member{}, err
	}
	if err := s.checkProfile(&r.Profile); err != nil {
		return Member{}, err
	}
	var hash string
	if r.Password != "" {
		if err := CheckPassword(r.Password, email); err != nil {
			return Member{}, err
		}
		if hash, err = HashPassword(r.Password, s.cfg.Password); err != nil {
			return Member{}, avenir.Internal(err)
		}
	}
	given := map[string]bool{}
	for _, key := range r.Consents {
		if _, ok := s.Purpose(key); !ok {
			return Member{}, avenir.FieldError("consents", "The purpose %q is not known.", text.Truncate(key, 30))
		}
		given[key] = true
	}
	for _, p := range s.cfg.Purposes {
		if p.Required && !given[p.Key] {
			return Member{}, avenir.FieldError("consents", "Your consent to the processing of your membership data is required.")
		}
	}

	now := s.now()
	plain, tokenHash := NewToken()
	var (
		m    Member
		mail Mail
	)
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		// Built here, so that a retried transaction starts afresh.
		m = Member{ID: avenir.NewID(), Email: email, Profile: r.Profile, Status: avenir.StatusSupporter, CreatedAt: now, UpdatedAt: now}
		if owner, err := s.store.MemberByEmail(ctx, email); err == nil {
			m, mail = Member{}, s.alreadyRegisteredMail(owner)
			return nil
		} else if !avenir.IsCode(err, avenir.CodeNotFound) {
			return err
		}
		if err := s.store.CreateMember(ctx, m); err != nil {
			if avenir.IsCode(err, avenir.CodeConflict) {
				// Registered by a concurrent request since the check above.
				return errRegistered
			}
			return err
		}
		if hash != "" {
			if err := s.store.SetPasswordHash(ctx, m.ID, hash); err != nil {
				return err
			}
		}
		for _, p := range s.cfg.Purposes {
			c := Consent{ID: avenir.NewID(), Member: m.ID, Purpose: p.Key, Version: p.Version, Given: given[p.Key], Source: SourceForm, At: now}
			if err := s.store.AddConsent(ctx, c); err != nil {
				return err
			}
		}
		if err := s.store.AddToken(ctx, Token{Hash: tokenHash, Member: m.ID, Purpose: PurposeVerifyEmail, CreatedAt: now, ExpiresAt: now.Add(s.cfg.VerifyLinkTTL)}); err != nil {
			return err
		}
		if err := s.store.Record(ctx, s.event("member.registered", m.ID, m.ID, nil)); err != nil {
			return err
		}
		if r.Join {
			if err := s.move(ctx, &m, avenir.StatusApplicant, m.ID, ""); err != nil {
				return err
			}
		}
		mail = s.verifyMail(m, plain)
		return nil
	})
	if errors.Is(err, errRegistered) {
		m, mail, err = Member{}, s.alreadyRegisteredMail(Member{Email: email, Profile: Profile{Language: r.Language}}), nil
	}
	if err != nil {
		return Member{}, err
	}
	if m.ID.IsZero() {
		// A notice to the owner of the address: at most a few an hour, so
		// that the form cannot flood their mailbox.
		if ok, err := s.allow(ctx, throttleKey("notice", email), s.cfg.MaxLinksPerHour, time.Hour); err != nil || !ok {
			return Member{}, err
		}
	}
	// Mail goes after the commit, so that a retried transaction sends once.
	return m, s.send(ctx, mail)
}

// allow counts one use of key and reports whether fewer than limit uses
// were counted within the window before it.
func (s *Service) allow(ctx context.Context, key string, limit int, window time.Duration) (bool, error) {
	now := s.now()
	if _, err := s.store.AddAttempt(ctx, key, now); err != nil {
		return false, err
	}
	n, err := s.store.CountFailures(ctx, key, now.Add(-window))
	if err != nil {
		return false, err
	}
	return n <= limit, nil
}

// VerifyEmail confirms a member's address with the token of a verification
// link. A token works once, before it expires.
func (s *Service) VerifyEmail(ctx context.Context, token string) (Member, error) {
	m, err := s.useLink(ctx, token, PurposeVerifyEmail)
	if err != nil {
		return Member{}, err
	}
	return m, s.store.Record(ctx, s.event("member.email_verified", m.ID, m.ID, nil))
}

// useLink spends the single-use token of a mailed link and returns its
// member, whose address the link proves: it is marked verified.
func (s *Service) useLink(ctx context.Context, token string, purpose TokenPurpose) (Member, error) {
	hash, err := HashToken(token)
	if err != nil {
		return Member{}, err
	}
	var m Member
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		t, err := s.store.UseToken(ctx, hash, purpose, s.now())
		if err != nil {
			return badLink(err)
		}
		if m, err = s.store.MemberForUpdate(ctx, t.Member); err != nil {
			return err
		}
		if !m.EmailVerified.IsZero() {
			return nil
		}
		// The address is proven for the first time. Whatever was done with
		// the account before was done by someone who merely typed the
		// address (account pre-hijacking): their sessions go, and a password
		// set then goes too unless the owner proves it now by confirming
		// the registration they made.
		m.EmailVerified = s.now()
		m.UpdatedAt = m.EmailVerified
		if err := s.store.UpdateMember(ctx, m); err != nil {
			return err
		}
		if err := s.store.RevokeSessions(ctx, m.ID, s.now()); err != nil {
			return err
		}
		if purpose == PurposeSignIn {
			return s.store.DeletePasswordHash(ctx, m.ID)
		}
		return nil
	})
	return m, err
}

// badLink turns a missing, used or expired token into one answer.
func badLink(err error) error {
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return avenir.Errorf(avenir.CodeInvalid, "This link is not valid, was already used, or has expired.")
	}
	return err
}

// SignedIn is the result of a sign-in: the session's secret token (to put in
// a cookie; it is stored only as a hash) and the member.
type SignedIn struct {
	Token   string
	Session Session
	Member  Member
}

// errSignIn is the one answer to a wrong email or password, whichever it is.
func errSignIn() error {
	return avenir.Errorf(avenir.CodeUnauthenticated, "The email address or the password is not correct.")
}

// SignIn checks an email and password and opens a session. client is the
// client's address, for throttling. Attempts are counted per account and per
// client address in the database, before they are judged (so that parallel
// attempts cannot slip past the count), and a success takes its own back;
// past the limits, attempts are refused with rate_limited until the window
// passes. A wrong email and a wrong password get the same answer, in the same
// time.
func (s *Service) SignIn(ctx context.Context, email, password, client string) (SignedIn, error) {
	email, _ = NormalizeEmail(email)
	accountKey := throttleKey("account", email)
	clientAttempt, err := s.attempt(ctx, accountKey, throttleKey("client", client))
	if err != nil {
		return SignedIn{}, err
	}
	m, err := s.store.MemberByEmail(ctx, email)
	if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
		return SignedIn{}, err
	}
	var stored string
	if err == nil {
		stored, err = s.store.PasswordHash(ctx, m.ID)
		if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
			return SignedIn{}, err
		}
	}
	if stored == "" {
		SpendPasswordTime(password, s.cfg.Password) // as long as a real check: no enumeration by timing
		return SignedIn{}, errSignIn()
	}
	ok, rehash, err := VerifyPassword(password, stored, s.cfg.Password)
	if err != nil {
		return SignedIn{}, avenir.Internal(err)
	}
	if !ok {
		return SignedIn{}, errSignIn()
	}
	if m.EmailVerified.IsZero() {
		// A password opens an account only once its address is confirmed:
		// otherwise anyone could register someone else's address with a
		// password of theirs and wait for its owner to use it.
		return SignedIn{}, avenir.Errorf(avenir.CodeUnauthenticated, "Please confirm your email address first, with the link we sent you.")
	}
	if err := s.store.ClearFailures(ctx, accountKey); err != nil {
		return SignedIn{}, err
	}
	if err := s.store.RemoveAttempt(ctx, clientAttempt); err != nil {
		return SignedIn{}, err
	}
	if rehash {
		if h, err := HashPassword(password, s.cfg.Password); err == nil {
			if err := s.store.SetPasswordHash(ctx, m.ID, h); err != nil {
				return SignedIn{}, err
			}
		}
	}
	return s.openSession(ctx, m)
}

// attempt records an attempt under the account key and, when given, the
// client key, then refuses it when either holds more than its limit within
// the window. It returns the ID of the client key's record (zero without
// one), for a success to take back.
func (s *Service) attempt(ctx context.Context, accountKey string, clientKey ...string) (avenir.ID, error) {
	now := s.now()
	since := now.Add(-s.cfg.ThrottleWindow)
	type counter struct {
		key   string
		limit int
	}
	counters := []counter{{accountKey, s.cfg.MaxFailures}}
	for _, k := range clientKey {
		counters = append(counters, counter{k, s.cfg.MaxClientFailed})
	}
	var clientID avenir.ID
	refused := false
	for i, c := range counters {
		id, err := s.store.AddAttempt(ctx, c.key, now)
		if err != nil {
			return avenir.ID{}, err
		}
		if i > 0 {
			clientID = id
		}
		n, err := s.store.CountFailures(ctx, c.key, since)
		if err != nil {
			return avenir.ID{}, err
		}
		refused = refused || n > c.limit
	}
	if refused {
		return avenir.ID{}, avenir.Errorf(avenir.CodeRateLimited, "Too many failed sign-ins. Please try again in %d minutes.", int(s.cfg.ThrottleWindow.Minutes()))
	}
	return clientID, nil
}

// throttleKey names a throttle counter without storing the email or the
// address in clear.
func throttleKey(kind, value string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + strings.ToLower(value)))
	return kind + ":" + hex.EncodeToString(sum[:16])
}

// RequestSignInLink mails a passwordless sign-in link to a registered
// address. It answers the same for an unknown address, and sends nothing.
func (s *Service) RequestSignInLink(ctx context.Context, email string) error {
	email, err := NormalizeEmail(email)
	if err != nil {
		return err
	}
	m, err := s.store.MemberByEmail(ctx, email)
	if avenir.IsCode(err, avenir.CodeNotFound) || err == nil && !canSignIn(m.Status) {
		return nil
	}
	if err != nil {
		return err
	}
	// A few links an hour at most, so that the form cannot flood a mailbox;
	// past that the answer is the same, and nothing is sent.
	if ok, err := s.allow(ctx, throttleKey("link", email), s.cfg.MaxLinksPerHour, time.Hour); err != nil || !ok {
		return err
	}
	now := s.now()
	plain, hash := NewToken()
	if err := s.store.AddToken(ctx, Token{Hash: hash, Member: m.ID, Purpose: PurposeSignIn, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SignInLinkTTL)}); err != nil {
		return err
	}
	return s.send(ctx, Mail{To: m.Email, Subject: s.t(m, "Your sign-in link"),
		Text: s.t(m, "Open this link to sign in (it works once, for %d minutes):\n\n%s", int(s.cfg.SignInLinkTTL.Minutes()), s.link("/signin/link?token="+plain))})
}

// SignInWithLink opens a session with the token of a sign-in link. Opening
// it also proves the address, so it verifies the email.
func (s *Service) SignInWithLink(ctx context.Context, token string) (SignedIn, error) {
	m, err := s.useLink(ctx, token, PurposeSignIn)
	if err != nil {
		return SignedIn{}, err
	}
	return s.openSession(ctx, m)
}

func canSignIn(st avenir.Status) bool {
	return st != avenir.StatusErased && st != avenir.StatusSuspended
}

func (s *Service) openSession(ctx context.Context, m Member) (SignedIn, error) {
	if !canSignIn(m.Status) {
		return SignedIn{}, errSignIn()
	}
	plain, hash := NewToken()
	now := s.now()
	sess := Session{Hash: hash, Member: m.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: s.sessionEnd(now, now)}
	if err := s.store.AddSession(ctx, sess); err != nil {
		return SignedIn{}, err
	}
	return SignedIn{Token: plain, Session: sess, Member: m}, nil
}

// Authenticate returns the actor of a session token, and renews the session
// (sliding expiry) at most once a minute. A missing, expired or revoked
// session is unauthenticated.
func (s *Service) Authenticate(ctx context.Context, token string) (avenir.Actor, Member, error) {
	hash, err := HashToken(token)
	if err != nil {
		return avenir.Anonymous, Member{}, avenir.ErrUnauthenticated
	}
	sess, err := s.store.Session(ctx, hash)
	now := s.now()
	if err != nil || !sess.RevokedAt.IsZero() || !now.Before(sess.ExpiresAt) {
		if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
			return avenir.Anonymous, Member{}, err
		}
		return avenir.Anonymous, Member{}, avenir.ErrUnauthenticated
	}
	m, err := s.store.Member(ctx, sess.Member)
	if err != nil {
		return avenir.Anonymous, Member{}, err // an outage is not a sign-out
	}
	if !canSignIn(m.Status) {
		return avenir.Anonymous, Member{}, avenir.ErrUnauthenticated
	}
	if now.Sub(sess.LastSeenAt) >= time.Minute {
		if err := s.store.RenewSession(ctx, sess.Hash, now, s.sessionEnd(sess.CreatedAt, now)); err != nil {
			return avenir.Anonymous, Member{}, err
		}
	}
	actor, err := s.actorOf(ctx, m) // m is read: no second read on every request
	return actor, m, err
}

// sessionEnd is when a session used at now ends: SessionTTL later, but no
// later than SessionMaxAge after it opened (OWASP ASVS 3.3: an absolute
// lifetime, so that a stolen session cannot be kept alive forever).
func (s *Service) sessionEnd(opened, now time.Time) time.Time {
	end := now.Add(s.cfg.SessionTTL)
	if limit := opened.Add(s.cfg.SessionMaxAge); end.After(limit) {
		return limit
	}
	return end
}

// SignOut revokes one session.
func (s *Service) SignOut(ctx context.Context, token string) error {
	hash, err := HashToken(token)
	if err != nil {
		return nil // nothing to sign out of
	}
	return s.store.RevokeSession(ctx, hash, s.now())
}

// SignOutEverywhere revokes every session of the actor.
func (s *Service) SignOutEverywhere(ctx context.Context, actor avenir.Actor) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.RevokeSessions(ctx, actor.ID, s.now())
}

// ChangePassword sets a new password for the actor, who must give the
// current one (OWASP ASVS 2.1.6; empty for an account that never had one),
// and signs out every session (the current one too: the caller opens a new
// one). A wrong current password counts as a failed sign-in.
func (s *Service) ChangePassword(ctx context.Context, actor avenir.Actor, current, password string) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	m, err := s.store.Member(ctx, actor.ID)
	if err != nil {
		return err
	}
	accountKey := throttleKey("account", m.Email)
	stored, err := s.store.PasswordHash(ctx, m.ID)
	if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
		return err
	}
	if stored != "" {
		if _, err := s.attempt(ctx, accountKey); err != nil {
			return err
		}
		ok, _, err := VerifyPassword(current, stored, s.cfg.Password)
		if err != nil {
			return avenir.Internal(err)
		}
		if !ok {
			return avenir.FieldError("current_password", "The current password is not correct.")
		}
		if err := s.store.ClearFailures(ctx, accountKey); err != nil {
			return err
		}
	}
	if err := CheckPassword(password, m.Email); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.cfg.Password)
	if err != nil {
		return avenir.Internal(err)
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.SetPasswordHash(ctx, m.ID, hash); err != nil {
			return err
		}
		if err := s.store.RevokeSessions(ctx, m.ID, s.now()); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("member.password_changed", m.ID, m.ID, nil))
	})
}

func (s *Service) send(ctx context.Context, m Mail) error {
	if err := s.cfg.Mailer.Send(ctx, m); err != nil {
		return avenir.Internal(err)
	}
	return nil
}

func (s *Service) link(path string) string { return strings.TrimRight(s.cfg.BaseURL, "/") + path }

func (s *Service) verifyMail(m Member, token string) Mail {
	return Mail{To: m.Email, Subject: s.t(m, "Confirm your email address"),
		Text: s.t(m, "Welcome. Open this link to confirm your email address (it works for %d hours):\n\n%s\n\nIf you did not sign up, ignore this message: nothing is done in your name until the address is confirmed.",
			int(s.cfg.VerifyLinkTTL.Hours()), s.link("/verify?token="+token))}
}

func (s *Service) alreadyRegisteredMail(m Member) Mail {
	return Mail{To: m.Email, Subject: s.t(m, "Someone tried to register with your address"),
		Text: s.t(m, "Someone, perhaps you, tried to register with this address, which already has an account. To sign in, use: %s\n\nIf it was not you, you can ignore this message.", s.link("/signin"))}
}

// t translates a mail text into the member's language.
func (s *Service) t(m Member, key string, args ...any) string {
	return avenir.Localize(avenir.MatchLanguage(m.Language), key, args...)
}
