package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The records that hang off a member: status transitions, payments, grants,
// consents, credentials, tokens, sessions, sign-in failures and accesses.

type transitionRow struct {
	bun.BaseModel `bun:"table:avenir_member_transitions"`

	ID     avenir.ID `bun:"id,pk"`
	Member avenir.ID `bun:"member_id"`
	From   string    `bun:"from_status"`
	To     string    `bun:"to_status"`
	Actor  avenir.ID `bun:"actor_id,nullzero"`
	Reason string    `bun:"reason"`
	At     time.Time `bun:"at"`
}

func toTransitionRow(t membership.Transition) transitionRow {
	return transitionRow{ID: t.ID, Member: t.Member, From: string(t.From), To: string(t.To), Actor: t.Actor, Reason: t.Reason, At: t.At.UTC()}
}

func (s memberStore) AddTransition(ctx context.Context, t membership.Transition) error {
	r := toTransitionRow(t)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s memberStore) Transitions(ctx context.Context, member avenir.ID) ([]membership.Transition, error) {
	var rows []transitionRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Transition, len(rows))
	for i, r := range rows {
		out[i] = membership.Transition{ID: r.ID, Member: r.Member, From: avenir.Status(r.From), To: avenir.Status(r.To), Actor: r.Actor, Reason: r.Reason, At: utc(r.At)}
	}
	return out, nil
}

type paymentRow struct {
	bun.BaseModel `bun:"table:avenir_payments"`

	ID         avenir.ID `bun:"id,pk"`
	Member     avenir.ID `bun:"member_id"`
	Tier       string    `bun:"tier"`
	Amount     int64     `bun:"amount"`
	Currency   string    `bun:"currency"`
	Method     string    `bun:"method"`
	Reference  string    `bun:"reference"`
	PaidAt     time.Time `bun:"paid_at"`
	ExpiresAt  time.Time `bun:"expires_at"`
	RecordedBy avenir.ID `bun:"recorded_by,nullzero"`
	RecordedAt time.Time `bun:"recorded_at"`
}

func (s memberStore) AddPayment(ctx context.Context, p membership.Payment) error {
	r := paymentRow{ID: p.ID, Member: p.Member, Tier: p.Tier, Amount: p.Amount, Currency: p.Currency, Method: string(p.Method),
		Reference: p.Reference, PaidAt: p.PaidAt.UTC(), ExpiresAt: p.Expires.UTC(), RecordedBy: p.RecordedBy, RecordedAt: p.RecordedAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s memberStore) Payments(ctx context.Context, member avenir.ID) ([]membership.Payment, error) {
	var rows []paymentRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("paid_at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Payment, len(rows))
	for i, r := range rows {
		out[i] = membership.Payment{ID: r.ID, Member: r.Member, Tier: r.Tier, Amount: r.Amount, Currency: r.Currency, Method: membership.Method(r.Method),
			Reference: r.Reference, PaidAt: utc(r.PaidAt), Expires: utc(r.ExpiresAt), RecordedBy: r.RecordedBy, RecordedAt: utc(r.RecordedAt)}
	}
	return out, nil
}

type grantRow struct {
	bun.BaseModel `bun:"table:avenir_grants"`

	ID        avenir.ID `bun:"id,pk"`
	Member    avenir.ID `bun:"member_id"`
	Role      string    `bun:"role"`
	ScopeKind string    `bun:"scope_kind"`
	ScopeID   avenir.ID `bun:"scope_id,nullzero"`
	ScopeCode string    `bun:"scope_code"`
	GrantedBy avenir.ID `bun:"granted_by,nullzero"`
	GrantedAt time.Time `bun:"granted_at"`
	ExpiresAt time.Time `bun:"expires_at,nullzero"`
	RevokedBy avenir.ID `bun:"revoked_by,nullzero"`
	RevokedAt time.Time `bun:"revoked_at,nullzero"`
}

func toGrantRow(g membership.Grant) grantRow {
	return grantRow{ID: g.ID, Member: g.Member, Role: string(g.Role), ScopeKind: string(g.Scope.Kind), ScopeID: g.Scope.ID, ScopeCode: g.Scope.Code,
		GrantedBy: g.GrantedBy, GrantedAt: g.GrantedAt.UTC(), ExpiresAt: utc(g.ExpiresAt), RevokedBy: g.RevokedBy, RevokedAt: utc(g.RevokedAt)}
}

func (r grantRow) grant() membership.Grant {
	return membership.Grant{ID: r.ID, Member: r.Member, Role: avenir.Role(r.Role),
		Scope:     avenir.Scope{Kind: avenir.ScopeKind(r.ScopeKind), ID: r.ScopeID, Code: r.ScopeCode},
		GrantedBy: r.GrantedBy, GrantedAt: utc(r.GrantedAt), ExpiresAt: utc(r.ExpiresAt), RevokedBy: r.RevokedBy, RevokedAt: utc(r.RevokedAt)}
}

func (s memberStore) AddGrant(ctx context.Context, g membership.Grant) error {
	r := toGrantRow(g)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s memberStore) RevokeGrant(ctx context.Context, id, by avenir.ID, at time.Time) error {
	res, err := s.IDB(ctx).NewUpdate().Model((*grantRow)(nil)).
		Set("revoked_at = ?", at.UTC()).
		Set("revoked_by = ?", by).
		Where("id = ?", id).
		Where("revoked_at IS NULL").
		Exec(ctx)
	if err := oneRow(res, err); avenir.IsCode(err, avenir.CodeNotFound) {
		return avenir.Errorf(avenir.CodeConflict, "This role was already taken back.")
	} else if err != nil {
		return err
	}
	return nil
}

func (s memberStore) Grant(ctx context.Context, id avenir.ID) (membership.Grant, error) {
	var r grantRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("id = ?", id).Scan(ctx); err != nil {
		return membership.Grant{}, translate(err)
	}
	return r.grant(), nil
}

func (s memberStore) HasAdmin(ctx context.Context, now time.Time) (bool, error) {
	ok, err := s.IDB(ctx).NewSelect().Model((*grantRow)(nil)).
		Where("role = ?", avenir.RoleAdmin).
		Where("scope_kind = ?", avenir.ScopeNetwork).
		Where("revoked_at IS NULL").
		Where("(expires_at IS NULL OR expires_at > ?)", now.UTC()).
		Exists(ctx)
	return ok, translate(err)
}

func (s memberStore) Grants(ctx context.Context, member avenir.ID) ([]membership.Grant, error) {
	var rows []grantRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("granted_at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Grant, len(rows))
	for i, r := range rows {
		out[i] = r.grant()
	}
	return out, nil
}

type consentRow struct {
	bun.BaseModel `bun:"table:avenir_consents"`

	ID      avenir.ID `bun:"id,pk"`
	Member  avenir.ID `bun:"member_id"`
	Purpose string    `bun:"purpose"`
	Version int       `bun:"version"`
	Given   bool      `bun:"given"`
	Source  string    `bun:"source"`
	At      time.Time `bun:"at"`
}

func toConsentRow(c membership.Consent) consentRow {
	return consentRow{ID: c.ID, Member: c.Member, Purpose: c.Purpose, Version: c.Version, Given: c.Given, Source: string(c.Source), At: c.At.UTC()}
}

func (s memberStore) AddConsent(ctx context.Context, c membership.Consent) error {
	r := toConsentRow(c)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s memberStore) Consents(ctx context.Context, member avenir.ID) ([]membership.Consent, error) {
	var rows []consentRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Consent, len(rows))
	for i, r := range rows {
		out[i] = membership.Consent{ID: r.ID, Member: r.Member, Purpose: r.Purpose, Version: r.Version, Given: r.Given, Source: membership.Source(r.Source), At: utc(r.At)}
	}
	return out, nil
}

func (s memberStore) ConsentHolders(ctx context.Context, purpose string, after avenir.ID, limit int) ([]avenir.ID, error) {
	var ids []avenir.ID
	q := s.IDB(ctx).NewSelect().
		TableExpr("avenir_consents AS c").
		ColumnExpr("c.member_id").
		Join("JOIN avenir_members AS m ON m.id = c.member_id").
		Where("c.purpose = ?", purpose).
		Where("c.given = ?", true).
		Where("m.status <> ?", avenir.StatusErased).
		Where("m.email_verified_at IS NOT NULL"). // a confirmed address: nobody subscribes someone else
		// the latest entry of the member for the purpose
		Where(`NOT EXISTS (SELECT 1 FROM avenir_consents AS l WHERE l.member_id = c.member_id AND l.purpose = c.purpose
			AND (l.at > c.at OR (l.at = c.at AND l.id > c.id)))`).
		OrderExpr("c.member_id ASC").
		Limit(int64(limit))
	if !after.IsZero() {
		q = q.Where("c.member_id > ?", after)
	}
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, translate(err)
	}
	return ids, nil
}

type credentialRow struct {
	bun.BaseModel `bun:"table:avenir_credentials"`

	Member       avenir.ID `bun:"member_id,pk"`
	PasswordHash string    `bun:"password_hash"`
	UpdatedAt    time.Time `bun:"updated_at"`
}

func (s memberStore) SetPasswordHash(ctx context.Context, member avenir.ID, hash string) error {
	r := credentialRow{Member: member, PasswordHash: hash, UpdatedAt: s.clock.Now()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).
		On("CONFLICT (member_id) DO UPDATE").
		Set("password_hash = EXCLUDED.password_hash").
		Set("updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return translate(err)
}

func (s memberStore) DeletePasswordHash(ctx context.Context, member avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*credentialRow)(nil)).Where("member_id = ?", member).Exec(ctx)
	return translate(err)
}

func (s memberStore) PasswordHash(ctx context.Context, member avenir.ID) (string, error) {
	var r credentialRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("member_id = ?", member).Scan(ctx); err != nil {
		return "", translate(err)
	}
	return r.PasswordHash, nil
}

type tokenRow struct {
	bun.BaseModel `bun:"table:avenir_tokens"`

	Hash      []byte    `bun:"hash,pk"`
	Member    avenir.ID `bun:"member_id"`
	Purpose   string    `bun:"purpose"`
	CreatedAt time.Time `bun:"created_at"`
	ExpiresAt time.Time `bun:"expires_at"`
	UsedAt    time.Time `bun:"used_at,nullzero"`
}

func (s memberStore) AddToken(ctx context.Context, t membership.Token) error {
	r := tokenRow{Hash: t.Hash, Member: t.Member, Purpose: string(t.Purpose), CreatedAt: t.CreatedAt.UTC(), ExpiresAt: t.ExpiresAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

// UseToken marks the token used with one conditional UPDATE … RETURNING:
// of two concurrent uses, the database lets exactly one through.
func (s memberStore) UseToken(ctx context.Context, hash []byte, purpose membership.TokenPurpose, now time.Time) (membership.Token, error) {
	var r tokenRow
	err := s.IDB(ctx).NewRaw(`UPDATE avenir_tokens SET used_at = ?
		WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
		RETURNING hash, member_id, purpose, created_at, expires_at, used_at`,
		now.UTC(), hash, string(purpose), now.UTC()).Scan(ctx, &r)
	if err != nil {
		return membership.Token{}, translate(err)
	}
	return membership.Token{Hash: r.Hash, Member: r.Member, Purpose: membership.TokenPurpose(r.Purpose),
		CreatedAt: utc(r.CreatedAt), ExpiresAt: utc(r.ExpiresAt), UsedAt: utc(r.UsedAt)}, nil
}

type sessionRow struct {
	bun.BaseModel `bun:"table:avenir_sessions"`

	Hash       []byte    `bun:"hash,pk"`
	Member     avenir.ID `bun:"member_id"`
	CreatedAt  time.Time `bun:"created_at"`
	LastSeenAt time.Time `bun:"last_seen_at"`
	ExpiresAt  time.Time `bun:"expires_at"`
	RevokedAt  time.Time `bun:"revoked_at,nullzero"`
}

func toSessionRow(x membership.Session) sessionRow {
	return sessionRow{Hash: x.Hash, Member: x.Member, CreatedAt: x.CreatedAt.UTC(), LastSeenAt: x.LastSeenAt.UTC(), ExpiresAt: x.ExpiresAt.UTC(), RevokedAt: utc(x.RevokedAt)}
}

func (s memberStore) AddSession(ctx context.Context, x membership.Session) error {
	r := toSessionRow(x)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s memberStore) Session(ctx context.Context, hash []byte) (membership.Session, error) {
	var r sessionRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("hash = ?", hash).Scan(ctx); err != nil {
		return membership.Session{}, translate(err)
	}
	return membership.Session{Hash: r.Hash, Member: r.Member, CreatedAt: utc(r.CreatedAt), LastSeenAt: utc(r.LastSeenAt), ExpiresAt: utc(r.ExpiresAt), RevokedAt: utc(r.RevokedAt)}, nil
}

func (s memberStore) RenewSession(ctx context.Context, hash []byte, lastSeen, expires time.Time) error {
	_, err := s.IDB(ctx).NewUpdate().Model((*sessionRow)(nil)).
		Set("last_seen_at = ?", lastSeen.UTC()).
		Set("expires_at = ?", expires.UTC()).
		Where("hash = ?", hash).
		Where("revoked_at IS NULL").
		Exec(ctx)
	return translate(err)
}

func (s memberStore) RevokeSession(ctx context.Context, hash []byte, at time.Time) error {
	_, err := s.IDB(ctx).NewUpdate().Model((*sessionRow)(nil)).
		Set("revoked_at = ?", at.UTC()).
		Where("hash = ?", hash).
		Where("revoked_at IS NULL").
		Exec(ctx)
	return translate(err)
}

func (s memberStore) RevokeSessions(ctx context.Context, member avenir.ID, at time.Time) error {
	_, err := s.IDB(ctx).NewUpdate().Model((*sessionRow)(nil)).
		Set("revoked_at = ?", at.UTC()).
		Where("member_id = ?", member).
		Where("revoked_at IS NULL").
		Exec(ctx)
	return translate(err)
}

type failureRow struct {
	bun.BaseModel `bun:"table:avenir_sign_in_failures"`

	ID  avenir.ID `bun:"id,pk"`
	Key string    `bun:"key"`
	At  time.Time `bun:"at"`
}

func (s memberStore) AddAttempt(ctx context.Context, key string, at time.Time) (avenir.ID, error) {
	r := failureRow{ID: avenir.NewID(), Key: key, At: at.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return r.ID, translate(err)
}

func (s memberStore) RemoveAttempt(ctx context.Context, id avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*failureRow)(nil)).Where("id = ?", id).Exec(ctx)
	return translate(err)
}

func (s memberStore) CountFailures(ctx context.Context, key string, since time.Time) (int, error) {
	n, err := s.IDB(ctx).NewSelect().Model((*failureRow)(nil)).Where("key = ?", key).Where("at >= ?", since.UTC()).Count(ctx)
	return int(n), translate(err)
}

func (s memberStore) ClearFailures(ctx context.Context, key string) error {
	_, err := s.IDB(ctx).NewDelete().Model((*failureRow)(nil)).Where("key = ?", key).Exec(ctx)
	return translate(err)
}

type accessRow struct {
	bun.BaseModel `bun:"table:avenir_member_accesses"`

	ID     avenir.ID `bun:"id,pk"`
	Viewer avenir.ID `bun:"viewer_id"`
	Member avenir.ID `bun:"member_id"`
	What   string    `bun:"what"`
	At     time.Time `bun:"at"`
}

func (s memberStore) AddAccess(ctx context.Context, accesses ...membership.Access) error {
	rows := make([]accessRow, len(accesses))
	for i, a := range accesses {
		rows[i] = accessRow{ID: a.ID, Viewer: a.Viewer, Member: a.Member, What: a.What, At: a.At.UTC()}
	}
	return insertBatches(ctx, s.IDB(ctx), rows)
}

func (s memberStore) Accesses(ctx context.Context, member avenir.ID) ([]membership.Access, error) {
	var rows []accessRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Access, len(rows))
	for i, r := range rows {
		out[i] = membership.Access{ID: r.ID, Viewer: r.Viewer, Member: r.Member, What: r.What, At: utc(r.At)}
	}
	return out, nil
}

func (s memberStore) ErasePersonalData(ctx context.Context, member avenir.ID, throttleKeys ...string) error {
	db := s.IDB(ctx)
	steps := []func() error{
		func() error {
			_, err := db.NewDelete().Model((*credentialRow)(nil)).Where("member_id = ?", member).Exec(ctx)
			return err
		},
		func() error {
			_, err := db.NewDelete().Model((*tokenRow)(nil)).Where("member_id = ?", member).Exec(ctx)
			return err
		},
		func() error {
			_, err := db.NewDelete().Model((*sessionRow)(nil)).Where("member_id = ?", member).Exec(ctx)
			return err
		},
		func() error {
			_, err := db.NewDelete().Model((*apiTokenRow)(nil)).Where("member_id = ?", member).Exec(ctx)
			return err
		},
		func() error {
			if len(throttleKeys) == 0 {
				return nil
			}
			_, err := db.NewDelete().Model((*failureRow)(nil)).Where("key IN (?)", bun.List(throttleKeys)).Exec(ctx)
			return err
		},
		func() error {
			_, err := db.NewUpdate().Model((*transitionRow)(nil)).Set("reason = ''").Where("member_id = ?", member).Exec(ctx)
			return err
		},
		func() error {
			_, err := db.NewUpdate().Model((*paymentRow)(nil)).Set("reference = ''").Where("member_id = ?", member).Exec(ctx)
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return translate(err)
		}
	}
	return nil
}

type erasureRow struct {
	bun.BaseModel `bun:"table:avenir_erasures"`

	ID          avenir.ID `bun:"id,pk"`
	Member      avenir.ID `bun:"member_id"`
	RequestedBy avenir.ID `bun:"requested_by,nullzero"`
	At          time.Time `bun:"at"`
}

func (s memberStore) AddErasure(ctx context.Context, e membership.Erasure) error {
	r := erasureRow{ID: e.ID, Member: e.Member, RequestedBy: e.RequestedBy, At: e.At.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}
