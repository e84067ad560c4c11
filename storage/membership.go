package storage

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Members returns the membership store.
func (db *DB) Members() membership.Store { return memberStore{db} }

// memberStore implements membership.Store. It embeds *DB for InTx and Record.
type memberStore struct{ *DB }

type memberRow struct {
	bun.BaseModel `bun:"table:avenir_members"`

	ID             avenir.ID `bun:"id,pk"`
	Email          *string   `bun:"email"`
	EmailVerified  time.Time `bun:"email_verified_at,nullzero"`
	DisplayName    string    `bun:"display_name"`
	FullName       string    `bun:"full_name"`
	Phone          string    `bun:"phone"`
	AddressLine    string    `bun:"address_line"`
	PostalCode     string    `bun:"postal_code"`
	Commune        string    `bun:"commune"`
	City           string    `bun:"city"`
	Country        string    `bun:"country"`
	Language       string    `bun:"language"`
	Visibility     string    `bun:"visibility"`
	Status         string    `bun:"status"`
	Tier           string    `bun:"tier"`
	JoinedAt       time.Time `bun:"joined_at,nullzero"`
	ExpiresAt      time.Time `bun:"expires_at,nullzero"`
	SuspendedUntil time.Time `bun:"suspended_until,nullzero"`
	SortKey        string    `bun:"sort_key"`
	CreatedAt      time.Time `bun:"created_at"`
	UpdatedAt      time.Time `bun:"updated_at"`
}

func toMemberRow(m membership.Member) memberRow {
	b, err := json.Marshal(m.Visibility)
	if err != nil || m.Visibility == nil {
		b = []byte("{}")
	}
	r := memberRow{
		ID: m.ID, EmailVerified: m.EmailVerified.UTC(), DisplayName: m.DisplayName, FullName: m.FullName,
		Phone: m.Phone, AddressLine: m.Address.Line, PostalCode: m.Address.PostalCode, Commune: m.Address.Commune,
		City: m.Address.City, Country: m.Address.Country, Language: m.Language, Visibility: string(b),
		Status: string(m.Status), Tier: m.Tier, JoinedAt: m.JoinedAt.UTC(), ExpiresAt: m.ExpiresAt.UTC(),
		SuspendedUntil: m.SuspendedUntil.UTC(), SortKey: membership.SortKey(m),
		CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(),
	}
	if m.Email != "" {
		r.Email = &m.Email
	}
	return r
}

func (r memberRow) member() membership.Member {
	m := membership.Member{
		ID: r.ID, EmailVerified: utc(r.EmailVerified), Status: avenir.Status(r.Status), Tier: r.Tier,
		JoinedAt: utc(r.JoinedAt), ExpiresAt: utc(r.ExpiresAt), SuspendedUntil: utc(r.SuspendedUntil),
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt),
		Profile: membership.Profile{
			DisplayName: r.DisplayName, FullName: r.FullName, Phone: r.Phone, Language: r.Language,
			Address: membership.Address{Line: r.AddressLine, PostalCode: r.PostalCode, Commune: r.Commune, City: r.City, Country: r.Country},
		},
	}
	if r.Email != nil {
		m.Email = *r.Email
	}
	if r.Visibility != "" && r.Visibility != "{}" {
		if err := json.Unmarshal([]byte(r.Visibility), &m.Visibility); err != nil {
			// Fail closed: a visibility that cannot be read hides every field.
			m.Visibility = membership.Visibility{}
			for _, f := range membership.Fields {
				m.Visibility[f] = membership.Private
			}
		}
	}
	return m
}

// utc returns t in UTC, keeping the zero time zero.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func (s memberStore) CreateMember(ctx context.Context, m membership.Member) error {
	r := toMemberRow(m)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

// batch is how many rows one INSERT or IN list carries.
const batch = 500

func (s memberStore) ImportMembers(ctx context.Context, members []membership.Member, transitions []membership.Transition, consents []membership.Consent) error {
	db := s.IDB(ctx)
	mrows := make([]memberRow, len(members))
	for i, m := range members {
		mrows[i] = toMemberRow(m)
	}
	trows := make([]transitionRow, len(transitions))
	for i, t := range transitions {
		trows[i] = toTransitionRow(t)
	}
	crows := make([]consentRow, len(consents))
	for i, c := range consents {
		crows[i] = toConsentRow(c)
	}
	if err := insertBatches(ctx, db, mrows); err != nil {
		return err
	}
	if err := insertBatches(ctx, db, trows); err != nil {
		return err
	}
	return insertBatches(ctx, db, crows)
}

// insertBatches inserts rows a batch at a time.
func insertBatches[T any](ctx context.Context, db bun.IDB, rows []T) error {
	for start := 0; start < len(rows); start += batch {
		part := rows[start:min(start+batch, len(rows))]
		if _, err := db.NewInsert().Model(&part).Exec(ctx); err != nil {
			return translate(err)
		}
	}
	return nil
}

func (s memberStore) RegisteredEmails(ctx context.Context, emails []string) (map[string]bool, error) {
	found := make(map[string]bool)
	for start := 0; start < len(emails); start += batch {
		var got []string
		err := s.IDB(ctx).NewSelect().Model((*memberRow)(nil)).Column("email").
			Where("email IN (?)", bun.List(emails[start:min(start+batch, len(emails))])).Scan(ctx, &got)
		if err != nil {
			return nil, translate(err)
		}
		for _, e := range got {
			found[e] = true
		}
	}
	return found, nil
}

func (s memberStore) UpdateMember(ctx context.Context, m membership.Member) error {
	r := toMemberRow(m)
	res, err := s.IDB(ctx).NewUpdate().Model(&r).WherePK().Exec(ctx)
	return oneRow(res, err)
}

func (s memberStore) Member(ctx context.Context, id avenir.ID) (membership.Member, error) {
	return s.member(ctx, false, "id = ?", id)
}

func (s memberStore) MemberForUpdate(ctx context.Context, id avenir.ID) (membership.Member, error) {
	return s.member(ctx, true, "id = ?", id)
}

func (s memberStore) MemberByEmail(ctx context.Context, email string) (membership.Member, error) {
	return s.member(ctx, false, "email = ?", email)
}

func (s memberStore) member(ctx context.Context, lock bool, where string, arg any) (membership.Member, error) {
	var r memberRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where(where, arg)
	if lock {
		q = s.forUpdate(q)
	}
	if err := q.Scan(ctx); err != nil {
		return membership.Member{}, translate(err)
	}
	return r.member(), nil
}

// forUpdate locks the selected rows until the transaction ends. SQLite has
// no row locks and needs none: its transactions take the write lock when
// they begin.
func (db *DB) forUpdate(q *bun.SelectQuery) *bun.SelectQuery {
	switch db.dialect {
	case PostgreSQL:
		return q.For("UPDATE")
	case SQLite:
		return q
	default:
		panic("storage: unknown dialect " + string(db.dialect))
	}
}

func (s memberStore) ListMembers(ctx context.Context, f membership.MemberFilter) ([]membership.Member, error) {
	var rows []memberRow
	q := s.IDB(ctx).NewSelect().Model(&rows).OrderExpr("sort_key ASC, id ASC")
	if len(f.Statuses) > 0 {
		q = q.Where("status IN (?)", bun.List(f.Statuses))
	}
	if !f.ExpiresAfter.IsZero() {
		q = q.Where("expires_at >= ?", f.ExpiresAfter.UTC())
	}
	if !f.ExpiresBefore.IsZero() {
		q = q.Where("expires_at < ?", f.ExpiresBefore.UTC())
	}
	if f.PostalPrefix != "" {
		q = q.Where("postal_code LIKE ?", escapeLike(f.PostalPrefix)+"%")
	}
	if f.Department != "" {
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			q = q.Where("commune LIKE ?", escapeLike(f.Department)+"%")
			if len(f.DepartmentPostalCodes) > 0 {
				q = q.WhereOr("(commune = '' AND country = 'FR' AND postal_code IN (?))", bun.List(f.DepartmentPostalCodes))
			}
			return q
		})
	}
	if f.AfterSortKey != "" || !f.AfterID.IsZero() {
		q = q.Where("(sort_key > ? OR (sort_key = ? AND id > ?))", f.AfterSortKey, f.AfterSortKey, f.AfterID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Member, len(rows))
	for i, r := range rows {
		out[i] = r.member()
	}
	return out, nil
}

// escapeLike drops the wildcards of LIKE from a prefix, so that a filter is
// a plain prefix on both databases (they differ on LIKE's escape character).
func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// oneRow checks that an update touched exactly one row.
func oneRow(res interface{ RowsAffected() (int64, error) }, err error) error {
	if err != nil {
		return translate(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return translate(err)
	}
	if n == 0 {
		return avenir.ErrNotFound
	}
	return nil
}
