package membership

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
)

// Store keeps what membership owns. The storage package implements it on
// PostgreSQL and SQLite; every method joins the transaction carried in ctx
// by InTx. Methods return avenir errors: not_found for a missing row,
// conflict for a duplicate.
type Store interface {
	// InTx runs fn in one transaction carried in ctx.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Record writes domain events to the outbox.
	Record(ctx context.Context, events ...avenir.Event) error

	CreateMember(ctx context.Context, m Member) error
	// ImportMembers writes many members, their transitions and consents at
	// once (in batches), for imports.
	ImportMembers(ctx context.Context, members []Member, transitions []Transition, consents []Consent) error
	// RegisteredEmails says which of the addresses belong to a member.
	RegisteredEmails(ctx context.Context, emails []string) (map[string]bool, error)
	Member(ctx context.Context, id avenir.ID) (Member, error)
	MemberByEmail(ctx context.Context, email string) (Member, error)
	// MemberForUpdate reads a member and locks the row until the
	// transaction ends (a no-op lock on SQLite, whose writers are serial).
	MemberForUpdate(ctx context.Context, id avenir.ID) (Member, error)
	UpdateMember(ctx context.Context, m Member) error
	ListMembers(ctx context.Context, f MemberFilter) ([]Member, error)

	AddTransition(ctx context.Context, t Transition) error
	Transitions(ctx context.Context, member avenir.ID) ([]Transition, error)

	AddPayment(ctx context.Context, p Payment) error
	Payments(ctx context.Context, member avenir.ID) ([]Payment, error)

	AddGrant(ctx context.Context, g Grant) error
	Grant(ctx context.Context, id avenir.ID) (Grant, error)
	// RevokeGrant marks a grant in force revoked; a grant already revoked is
	// a conflict, so that of two concurrent revocations one wins.
	RevokeGrant(ctx context.Context, id, by avenir.ID, at time.Time) error
	Grants(ctx context.Context, member avenir.ID) ([]Grant, error)
	// HasAdmin reports whether a network admin grant is in force at now.
	HasAdmin(ctx context.Context, now time.Time) (bool, error)

	AddConsent(ctx context.Context, c Consent) error
	Consents(ctx context.Context, member avenir.ID) ([]Consent, error)
	// ConsentHolders lists the members whose latest entry for purpose is a
	// consent, after the member after (keyset), at most limit.
	ConsentHolders(ctx context.Context, purpose string, after avenir.ID, limit int) ([]avenir.ID, error)

	SetPasswordHash(ctx context.Context, member avenir.ID, hash string) error
	DeletePasswordHash(ctx context.Context, member avenir.ID) error
	PasswordHash(ctx context.Context, member avenir.ID) (string, error)

	AddToken(ctx context.Context, t Token) error
	// UseToken marks the unused, unexpired token with hash and purpose as
	// used at now, and returns it; at most one caller ever succeeds.
	UseToken(ctx context.Context, hash []byte, purpose TokenPurpose, now time.Time) (Token, error)

	AddSession(ctx context.Context, s Session) error
	Session(ctx context.Context, hash []byte) (Session, error)
	// RenewSession moves the session's last use and end, unless it was
	// revoked meanwhile (a revocation always wins over a renewal).
	RenewSession(ctx context.Context, hash []byte, lastSeen, expires time.Time) error
	RevokeSession(ctx context.Context, hash []byte, at time.Time) error
	RevokeSessions(ctx context.Context, member avenir.ID, at time.Time) error

	// AddAttempt, RemoveAttempt, CountFailures and ClearFailures keep the
	// sign-in throttle in the database, so that every application server
	// sees the same. An attempt is recorded before it is judged and removed
	// if it succeeds, so that parallel attempts cannot slip past the count.
	AddAttempt(ctx context.Context, key string, at time.Time) (avenir.ID, error)
	RemoveAttempt(ctx context.Context, id avenir.ID) error
	CountFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearFailures(ctx context.Context, key string) error

	AddAPIToken(ctx context.Context, t APIToken) error
	// APIToken finds a token by the hash of its secret.
	APIToken(ctx context.Context, hash []byte) (APIToken, error)
	// APITokens lists a member's tokens, revoked ones included, newest first.
	APITokens(ctx context.Context, member avenir.ID) ([]APIToken, error)
	// RevokeAPIToken marks the member's token revoked at at; a token of
	// someone else, or one already revoked, is not found.
	RevokeAPIToken(ctx context.Context, member, id avenir.ID, at time.Time) error
	// TouchAPIToken notes the token's last use.
	TouchAPIToken(ctx context.Context, id avenir.ID, at time.Time) error

	AddAccess(ctx context.Context, a ...Access) error
	Accesses(ctx context.Context, member avenir.ID) ([]Access, error)

	// ErasePersonalData removes the personal data that hangs off a member:
	// the password, links, sessions, API tokens, the sign-in failures counted under
	// throttleKeys, the free text of status reasons and payment references.
	// The member row itself is blanked by UpdateMember.
	ErasePersonalData(ctx context.Context, member avenir.ID, throttleKeys ...string) error
	AddErasure(ctx context.Context, e Erasure) error
}

// MemberFilter selects members for a list. Zero fields do not filter.
type MemberFilter struct {
	Statuses      []avenir.Status
	ExpiresAfter  time.Time // membership ends at or after
	ExpiresBefore time.Time // membership ends before
	PostalPrefix  string    // postal codes starting with
	// Department keeps the members of a department ("69", "2A", "974"): by
	// their commune's INSEE code when they gave one, else by their postal
	// code among DepartmentPostalCodes (which the Service fills in).
	Department            string
	DepartmentPostalCodes []string
	// Keyset: the list is ordered by (SortKey, ID); After* is the last row
	// of the previous page.
	AfterSortKey string
	AfterID      avenir.ID
	Limit        int
}

// Token is a single-use secret sent by email: a verification link or a
// sign-in link. Only its hash is stored.
type Token struct {
	Hash      []byte
	Member    avenir.ID
	Purpose   TokenPurpose
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time
}

// Session is a signed-in browser or client. Only the hash of its token is
// stored.
type Session struct {
	Hash       []byte
	Member     avenir.ID
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	RevokedAt  time.Time
}
