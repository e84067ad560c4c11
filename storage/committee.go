package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
)

// Committees returns the committee store.
func (db *DB) Committees() committee.Store { return committeeStore{db} }

// committeeStore implements committee.Store. It embeds *DB for InTx and
// Record.
type committeeStore struct{ *DB }

type committeeRow struct {
	bun.BaseModel `bun:"table:avenir_committees,alias:c"`

	ID             avenir.ID `bun:"id,pk"`
	Kind           string    `bun:"kind"`
	Name           string    `bun:"name"`
	Slug           string    `bun:"slug"`
	Description    string    `bun:"description"`
	Contact        string    `bun:"contact"`
	ParentID       avenir.ID `bun:"parent_id,nullzero"`
	MembersVisible bool      `bun:"members_visible"`
	ArchivedAt     time.Time `bun:"archived_at,nullzero"`
	MergedInto     avenir.ID `bun:"merged_into,nullzero"`
	CreatedAt      time.Time `bun:"created_at"`
	UpdatedAt      time.Time `bun:"updated_at"`
}

type areaRow struct {
	bun.BaseModel `bun:"table:avenir_committee_areas"`

	CommitteeID avenir.ID `bun:"committee_id,pk"`
	Kind        string    `bun:"kind,pk"`
	Code        string    `bun:"code,pk"`
}

// The kinds of area rows, one per list of committee.Territory.
const (
	areaDepartment = "department"
	areaCommune    = "commune"
	areaCountry    = "country"
)

func toCommitteeRow(c committee.Committee) committeeRow {
	return committeeRow{
		ID: c.ID, Kind: string(c.Kind), Name: c.Name, Slug: c.Slug, Description: c.Description, Contact: c.Contact,
		ParentID: c.Parent, MembersVisible: c.MembersVisible, ArchivedAt: c.ArchivedAt.UTC(), MergedInto: c.MergedInto,
		CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
	}
}

func (r committeeRow) committee() committee.Committee {
	return committee.Committee{
		ID: r.ID, Kind: committee.Kind(r.Kind), Name: r.Name, Slug: r.Slug, Description: r.Description, Contact: r.Contact,
		Parent: r.ParentID, MembersVisible: r.MembersVisible, ArchivedAt: utc(r.ArchivedAt), MergedInto: r.MergedInto,
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt),
	}
}

func areaRows(c committee.Committee) []areaRow {
	var rows []areaRow
	for kind, codes := range map[string][]string{
		areaDepartment: c.Territory.Departments, areaCommune: c.Territory.Communes, areaCountry: c.Territory.Countries,
	} {
		for _, code := range codes {
			rows = append(rows, areaRow{CommitteeID: c.ID, Kind: kind, Code: code})
		}
	}
	return rows
}

func (s committeeStore) CreateCommittee(ctx context.Context, c committee.Committee) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := toCommitteeRow(c)
		if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
			return translate(err)
		}
		return insertBatches(ctx, s.IDB(ctx), areaRows(c))
	})
}

func (s committeeStore) UpdateCommittee(ctx context.Context, c committee.Committee) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := toCommitteeRow(c)
		res, err := s.IDB(ctx).NewUpdate().Model(&r).WherePK().Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if _, err := s.IDB(ctx).NewDelete().Model((*areaRow)(nil)).Where("committee_id = ?", c.ID).Exec(ctx); err != nil {
			return translate(err)
		}
		return insertBatches(ctx, s.IDB(ctx), areaRows(c))
	})
}

func (s committeeStore) Committee(ctx context.Context, id avenir.ID) (committee.Committee, error) {
	return s.one(ctx, false, "c.id = ?", id)
}

func (s committeeStore) CommitteeForUpdate(ctx context.Context, id avenir.ID) (committee.Committee, error) {
	return s.one(ctx, true, "c.id = ?", id)
}

func (s committeeStore) CommitteeBySlug(ctx context.Context, slug string) (committee.Committee, error) {
	return s.one(ctx, false, "c.slug = ?", slug)
}

func (s committeeStore) one(ctx context.Context, lock bool, where string, arg any) (committee.Committee, error) {
	var r committeeRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where(where, arg)
	if lock {
		q = s.forUpdate(q)
	}
	if err := q.Scan(ctx); err != nil {
		return committee.Committee{}, translate(err)
	}
	list, err := s.withTerritories(ctx, []committeeRow{r})
	if err != nil {
		return committee.Committee{}, err
	}
	return list[0], nil
}

// withTerritories turns rows into committees, reading their territories in
// a few queries.
func (s committeeStore) withTerritories(ctx context.Context, rows []committeeRow) ([]committee.Committee, error) {
	out := make([]committee.Committee, len(rows))
	index := make(map[avenir.ID]int, len(rows))
	ids := make([]avenir.ID, len(rows))
	for i, r := range rows {
		out[i] = r.committee()
		index[r.ID] = i
		ids[i] = r.ID
	}
	for start := 0; start < len(ids); start += batch {
		var areas []areaRow
		err := s.IDB(ctx).NewSelect().Model(&areas).
			Where("committee_id IN (?)", bun.List(ids[start:min(start+batch, len(ids))])).
			OrderExpr("committee_id, kind, code").Scan(ctx)
		if err != nil {
			return nil, translate(err)
		}
		for _, a := range areas {
			t := &out[index[a.CommitteeID]].Territory
			switch a.Kind {
			case areaDepartment:
				t.Departments = append(t.Departments, a.Code)
			case areaCommune:
				t.Communes = append(t.Communes, a.Code)
			case areaCountry:
				t.Countries = append(t.Countries, a.Code)
			}
		}
	}
	return out, nil
}

// kindOrder sorts committees from the root down.
const kindOrder = "CASE c.kind WHEN 'national' THEN 0 WHEN 'federation' THEN 1 WHEN 'local' THEN 2 ELSE 3 END"

func (s committeeStore) Committees(ctx context.Context, f committee.Filter) ([]committee.Committee, error) {
	var rows []committeeRow
	q := s.IDB(ctx).NewSelect().Model(&rows).OrderExpr(kindOrder + ", c.name, c.id")
	if !f.Archived {
		q = q.Where("c.archived_at IS NULL")
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return []committee.Committee{}, nil
		}
		q = q.Where("c.id IN (?)", bun.List(f.IDs))
	}
	if !f.Parent.IsZero() {
		q = q.Where("c.parent_id = ?", f.Parent)
	}
	if len(f.Kinds) > 0 {
		q = q.Where("c.kind IN (?)", bun.List(f.Kinds))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	return s.withTerritories(ctx, rows)
}

// maxDepth guards the recursive queries against a cycle that the service's
// rules prevent anyway.
const maxDepth = 32

func (s committeeStore) Subtree(ctx context.Context, id avenir.ID) ([]committee.Committee, error) {
	var rows []committeeRow
	err := s.IDB(ctx).NewRaw(`
		WITH RECURSIVE sub (id, depth) AS (
			SELECT id, 0 FROM avenir_committees WHERE id = ? AND archived_at IS NULL
			UNION ALL
			SELECT k.id, sub.depth + 1 FROM avenir_committees k JOIN sub ON k.parent_id = sub.id
			WHERE k.archived_at IS NULL AND sub.depth < ?
		)
		SELECT c.* FROM avenir_committees c JOIN sub ON sub.id = c.id ORDER BY sub.depth, c.name, c.id`,
		id, maxDepth).Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	return s.withTerritories(ctx, rows)
}

func (s committeeStore) Ancestors(ctx context.Context, id avenir.ID) ([]committee.Committee, error) {
	var rows []committeeRow
	err := s.IDB(ctx).NewRaw(`
		WITH RECURSIVE up (id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM avenir_committees WHERE id = ?
			UNION ALL
			SELECT k.id, k.parent_id, up.depth + 1 FROM avenir_committees k JOIN up ON k.id = up.parent_id
			WHERE up.depth < ?
		)
		SELECT c.* FROM avenir_committees c JOIN up ON up.id = c.id WHERE up.depth > 0 ORDER BY up.depth`,
		id, maxDepth).Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	return s.withTerritories(ctx, rows)
}

func (s committeeStore) Covering(ctx context.Context, communes, departments, countries []string) ([]committee.Committee, error) {
	var rows []committeeRow
	areas := s.IDB(ctx).NewSelect().Model((*areaRow)(nil)).Column("committee_id").
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			q = q.Where("1 = 0")
			for kind, codes := range map[string][]string{areaCommune: communes, areaDepartment: departments, areaCountry: countries} {
				if len(codes) > 0 {
					q = q.WhereOr("(kind = ? AND code IN (?))", kind, bun.List(codes))
				}
			}
			return q
		})
	err := s.IDB(ctx).NewSelect().Model(&rows).
		Where("c.archived_at IS NULL").
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("c.kind = ?", string(committee.National)).WhereOr("c.id IN (?)", areas)
		}).
		OrderExpr(kindOrder + ", c.name, c.id").Scan(ctx)
	if err != nil {
		return nil, translate(err)
	}
	return s.withTerritories(ctx, rows)
}

// --- Affiliations and follows -----------------------------------------------

type affiliationRow struct {
	bun.BaseModel `bun:"table:avenir_affiliations"`

	ID          avenir.ID `bun:"id,pk"`
	MemberID    avenir.ID `bun:"member_id"`
	CommitteeID avenir.ID `bun:"committee_id"`
	FromID      avenir.ID `bun:"from_id,nullzero"`
	StartedAt   time.Time `bun:"started_at"`
	StartedBy   avenir.ID `bun:"started_by,nullzero"`
	Reason      string    `bun:"reason"`
	EndedAt     time.Time `bun:"ended_at,nullzero"`
}

func (r affiliationRow) affiliation() committee.Affiliation {
	return committee.Affiliation{
		ID: r.ID, Member: r.MemberID, Committee: r.CommitteeID, From: r.FromID, StartedAt: utc(r.StartedAt),
		By: r.StartedBy, Reason: r.Reason, EndedAt: utc(r.EndedAt),
	}
}

func affiliations(rows []affiliationRow) []committee.Affiliation {
	out := make([]committee.Affiliation, len(rows))
	for i, r := range rows {
		out[i] = r.affiliation()
	}
	return out
}

type followRow struct {
	bun.BaseModel `bun:"table:avenir_committee_follows"`

	MemberID    avenir.ID `bun:"member_id,pk"`
	CommitteeID avenir.ID `bun:"committee_id,pk"`
	CreatedAt   time.Time `bun:"created_at"`
}

func (s committeeStore) MemberStatus(ctx context.Context, member avenir.ID) (avenir.Status, error) {
	var status string
	err := s.IDB(ctx).NewSelect().Model((*memberRow)(nil)).Column("status").Where("id = ?", member).Scan(ctx, &status)
	return avenir.Status(status), translate(err)
}

func (s committeeStore) OpenAffiliation(ctx context.Context, member avenir.ID) (committee.Affiliation, error) {
	var r affiliationRow
	err := s.IDB(ctx).NewSelect().Model(&r).Where("member_id = ? AND ended_at IS NULL", member).Scan(ctx)
	if err != nil {
		return committee.Affiliation{}, translate(err)
	}
	return r.affiliation(), nil
}

func (s committeeStore) AddAffiliation(ctx context.Context, list ...committee.Affiliation) error {
	rows := make([]affiliationRow, len(list))
	for i, a := range list {
		rows[i] = affiliationRow{
			ID: a.ID, MemberID: a.Member, CommitteeID: a.Committee, FromID: a.From, StartedAt: a.StartedAt.UTC(),
			StartedBy: a.By, Reason: a.Reason, EndedAt: a.EndedAt.UTC(),
		}
	}
	return insertBatches(ctx, s.IDB(ctx), rows)
}

func (s committeeStore) EndAffiliations(ctx context.Context, at time.Time, ids ...avenir.ID) error {
	for start := 0; start < len(ids); start += batch {
		_, err := s.IDB(ctx).NewUpdate().Model((*affiliationRow)(nil)).Set("ended_at = ?", at.UTC()).
			Where("id IN (?) AND ended_at IS NULL", bun.List(ids[start:min(start+batch, len(ids))])).Exec(ctx)
		if err != nil {
			return translate(err)
		}
	}
	return nil
}

func (s committeeStore) Affiliations(ctx context.Context, member avenir.ID) ([]committee.Affiliation, error) {
	var rows []affiliationRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("started_at, id").Scan(ctx)
	return affiliations(rows), translate(err)
}

func (s committeeStore) CommitteeAffiliations(ctx context.Context, c avenir.ID) ([]committee.Affiliation, error) {
	var rows []affiliationRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("committee_id = ? AND ended_at IS NULL", c).OrderExpr("id").Scan(ctx)
	return affiliations(rows), translate(err)
}

// goodStanding are the statuses counted and listed as members.
var goodStanding = []string{string(avenir.StatusActive), string(avenir.StatusGrace)}

func (s committeeStore) CountMembers(ctx context.Context) (map[avenir.ID]int, error) {
	var rows []struct {
		CommitteeID avenir.ID `bun:"committee_id"`
		N           int       `bun:"n"`
	}
	err := s.IDB(ctx).NewSelect().TableExpr("avenir_affiliations AS a").
		Join("JOIN avenir_members AS m ON m.id = a.member_id").
		ColumnExpr("a.committee_id, count(*) AS n").
		Where("a.ended_at IS NULL AND m.status IN (?)", bun.List(goodStanding)).
		GroupExpr("a.committee_id").Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	out := make(map[avenir.ID]int, len(rows))
	for _, r := range rows {
		out[r.CommitteeID] = r.N
	}
	return out, nil
}

type affiliatedRow struct {
	memberRow   `bun:",extend"`
	CommitteeID avenir.ID `bun:"committee_id,scanonly"`
}

func (s committeeStore) AffiliatedMembers(ctx context.Context, f committee.MemberFilter) ([]committee.AffiliatedMember, error) {
	if len(f.Committees) == 0 {
		return []committee.AffiliatedMember{}, nil
	}
	var rows []affiliatedRow
	q := s.IDB(ctx).NewSelect().Model(&rows).
		ColumnExpr("member_row.*, a.committee_id").
		Join("JOIN avenir_affiliations AS a ON a.member_id = member_row.id AND a.ended_at IS NULL").
		Where("a.committee_id IN (?)", bun.List(f.Committees)).
		Where("member_row.status IN (?)", bun.List(goodStanding)).
		OrderExpr("member_row.sort_key ASC, member_row.id ASC")
	if f.AfterSortKey != "" || !f.AfterID.IsZero() {
		q = q.Where("(member_row.sort_key > ? OR (member_row.sort_key = ? AND member_row.id > ?))", f.AfterSortKey, f.AfterSortKey, f.AfterID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]committee.AffiliatedMember, len(rows))
	for i, r := range rows {
		out[i] = committee.AffiliatedMember{Member: r.member(), Committee: r.CommitteeID}
	}
	return out, nil
}

func (s committeeStore) Follow(ctx context.Context, member, c avenir.ID, at time.Time) error {
	r := followRow{MemberID: member, CommitteeID: c, CreatedAt: at.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).On("CONFLICT (member_id, committee_id) DO NOTHING").Exec(ctx)
	return translate(err)
}

func (s committeeStore) Unfollow(ctx context.Context, member, c avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*followRow)(nil)).Where("member_id = ? AND committee_id = ?", member, c).Exec(ctx)
	return translate(err)
}

func (s committeeStore) Followed(ctx context.Context, member avenir.ID) ([]avenir.ID, error) {
	var ids []avenir.ID
	err := s.IDB(ctx).NewSelect().Model((*followRow)(nil)).Column("committee_id").Where("member_id = ?", member).
		OrderExpr("created_at, committee_id").Scan(ctx, &ids)
	return ids, translate(err)
}

func (s committeeStore) MoveFollows(ctx context.Context, from, to avenir.ID) error {
	_, err := s.IDB(ctx).NewRaw(`
		INSERT INTO avenir_committee_follows (member_id, committee_id, created_at)
		SELECT member_id, ?, created_at FROM avenir_committee_follows WHERE committee_id = ?
		ON CONFLICT (member_id, committee_id) DO NOTHING`, to, from).Exec(ctx)
	if err != nil {
		return translate(err)
	}
	_, err = s.IDB(ctx).NewDelete().Model((*followRow)(nil)).Where("committee_id = ?", from).Exec(ctx)
	return translate(err)
}

func (s committeeStore) EraseMember(ctx context.Context, member avenir.ID, at time.Time) error {
	db := s.IDB(ctx)
	if _, err := db.NewDelete().Model((*followRow)(nil)).Where("member_id = ?", member).Exec(ctx); err != nil {
		return translate(err)
	}
	if _, err := db.NewDelete().Model((*rsvpRow)(nil)).Where("member_id = ?", member).Exec(ctx); err != nil {
		return translate(err)
	}
	_, err := db.NewUpdate().Model((*affiliationRow)(nil)).Set("reason = ''").
		Set("ended_at = CASE WHEN ended_at IS NULL THEN ? ELSE ended_at END", at.UTC()).
		Where("member_id = ?", member).Exec(ctx)
	return translate(err)
}

func (s committeeStore) Animators(ctx context.Context, c avenir.ID, now time.Time) ([]membership.Member, error) {
	var rows []memberRow
	err := s.IDB(ctx).NewSelect().Model(&rows).
		Where("member_row.status IN (?)", bun.List(goodStanding)).
		Where(`member_row.id IN (SELECT g.member_id FROM avenir_grants AS g WHERE g.role = ? AND g.scope_kind = ?
			AND g.scope_id = ? AND g.revoked_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > ?))`,
			string(avenir.RoleAnimator), string(avenir.ScopeCommittee), c, now.UTC()).
		OrderExpr("member_row.sort_key, member_row.id").Scan(ctx)
	if err != nil {
		return nil, translate(err)
	}
	out := make([]membership.Member, len(rows))
	for i, r := range rows {
		out[i] = r.member()
	}
	return out, nil
}
