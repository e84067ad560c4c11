package storage

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Personal API tokens: one row a token, the secret kept as its SHA-256
// hash, the scopes as a comma-separated list.

type apiTokenRow struct {
	bun.BaseModel `bun:"table:avenir_api_tokens"`

	ID         avenir.ID `bun:"id,pk"`
	Member     avenir.ID `bun:"member_id"`
	Hash       []byte    `bun:"hash"`
	Name       string    `bun:"name"`
	Scopes     string    `bun:"scopes"`
	CreatedAt  time.Time `bun:"created_at"`
	LastUsedAt time.Time `bun:"last_used_at,nullzero"`
	ExpiresAt  time.Time `bun:"expires_at,nullzero"`
	RevokedAt  time.Time `bun:"revoked_at,nullzero"`
}

func (r apiTokenRow) token() membership.APIToken {
	var scopes []membership.TokenScope
	for sc := range strings.SplitSeq(r.Scopes, ",") {
		if sc != "" {
			scopes = append(scopes, membership.TokenScope(sc))
		}
	}
	return membership.APIToken{ID: r.ID, Member: r.Member, Hash: r.Hash, Name: r.Name, Scopes: scopes,
		CreatedAt: utc(r.CreatedAt), LastUsedAt: utc(r.LastUsedAt), ExpiresAt: utc(r.ExpiresAt), RevokedAt: utc(r.RevokedAt)}
}

func (s memberStore) AddAPIToken(ctx context.Context, t membership.APIToken) error {
	scopes := make([]string, len(t.Scopes))
	for i, sc := range t.Scopes {
		scopes[i] = string(sc)
	}
	r := apiTokenRow{ID: t.ID, Member: t.Member, Hash: t.Hash, Name: t.Name, Scopes: strings.Join(scopes, ","),
		CreatedAt: t.CreatedAt.UTC(), LastUsedAt: utc(t.LastUsedAt), ExpiresAt: utc(t.ExpiresAt), RevokedAt: utc(t.RevokedAt)}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s memberStore) APIToken(ctx context.Context, hash []byte) (membership.APIToken, error) {
	var r apiTokenRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("hash = ?", hash).Scan(ctx); err != nil {
		return membership.APIToken{}, translate(err)
	}
	return r.token(), nil
}

func (s memberStore) APITokens(ctx context.Context, member avenir.ID) ([]membership.APIToken, error) {
	var rows []apiTokenRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("created_at DESC, id DESC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.APIToken, len(rows))
	for i, r := range rows {
		out[i] = r.token()
	}
	return out, nil
}

func (s memberStore) RevokeAPIToken(ctx context.Context, member, id avenir.ID, at time.Time) error {
	res, err := s.IDB(ctx).NewUpdate().Model((*apiTokenRow)(nil)).
		Set("revoked_at = ?", at.UTC()).
		Where("id = ?", id).Where("member_id = ?", member).Where("revoked_at IS NULL").
		Exec(ctx)
	if err != nil {
		return translate(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return translate(err)
	} else if n == 0 {
		return avenir.ErrNotFound
	}
	return nil
}

func (s memberStore) TouchAPIToken(ctx context.Context, id avenir.ID, at time.Time) error {
	_, err := s.IDB(ctx).NewUpdate().Model((*apiTokenRow)(nil)).Set("last_used_at = ?", at.UTC()).Where("id = ?", id).Exec(ctx)
	return translate(err)
}
