package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
)

// Solidarity returns the solidarity store.
func (db *DB) Solidarity() solidarity.Store { return solidarityStore{db} }

// solidarityStore implements solidarity.Store. It embeds *DB for InTx and
// Record.
type solidarityStore struct{ *DB }

type actionRow struct {
	bun.BaseModel `bun:"table:avenir_solidarity_actions,alias:a"`

	ID               avenir.ID `bun:"id,pk"`
	Kind             string    `bun:"kind"`
	Category         string    `bun:"category"`
	Title            string    `bun:"title"`
	Description      string    `bun:"description"`
	DescriptionHTML  string    `bun:"description_html"`
	Online           bool      `bun:"online"`
	Commune          string    `bun:"commune"`
	Country          string    `bun:"country"`
	City             string    `bun:"city"`
	Department       string    `bun:"department"`
	Region           string    `bun:"region"`
	CommitteeID      avenir.ID `bun:"committee_id,nullzero"`
	StartsAt         time.Time `bun:"starts_at,nullzero"`
	EndsAt           time.Time `bun:"ends_at,nullzero"`
	StartsKey        time.Time `bun:"starts_key,nullzero"`
	EndsKey          time.Time `bun:"ends_key,nullzero"`
	Capacity         int       `bun:"capacity"`
	Accepted         int       `bun:"accepted"`
	WaitlistNext     int       `bun:"waitlist_next"`
	AutoAccept       bool      `bun:"auto_accept"`
	AudienceKind     string    `bun:"audience_kind"`
	AudienceScope    avenir.ID `bun:"audience_scope,nullzero"`
	Status           string    `bun:"status"`
	AuthorID         avenir.ID `bun:"author_id"`
	Reason           string    `bun:"reason"`
	PeopleHelped     *int      `bun:"people_helped"`
	Hours            *int      `bun:"hours"`
	ImpactVolunteers *int      `bun:"impact_volunteers"`
	ImpactReport     string    `bun:"impact_report"`
	ThreadID         avenir.ID `bun:"thread_id,nullzero"`
	PublishedAt      time.Time `bun:"published_at,nullzero"`
	CompletedAt      time.Time `bun:"completed_at,nullzero"`
	CreatedAt        time.Time `bun:"created_at"`
	UpdatedAt        time.Time `bun:"updated_at"`
}

type shiftRow struct {
	bun.BaseModel `bun:"table:avenir_solidarity_shifts,alias:s"`

	ActionID     avenir.ID `bun:"action_id,pk"`
	Number       int       `bun:"number,pk"`
	StartsAt     time.Time `bun:"starts_at"`
	EndsAt       time.Time `bun:"ends_at"`
	Capacity     int       `bun:"capacity"`
	Accepted     int       `bun:"accepted"`
	WaitlistNext int       `bun:"waitlist_next"`
}

type volunteerRow struct {
	bun.BaseModel `bun:"table:avenir_solidarity_volunteers,alias:v"`

	ActionID  avenir.ID `bun:"action_id,pk"`
	MemberID  avenir.ID `bun:"member_id,pk"`
	Shift     int       `bun:"shift"`
	Status    string    `bun:"status"`
	Position  int       `bun:"position,nullzero"`
	CreatedAt time.Time `bun:"created_at"`
	UpdatedAt time.Time `bun:"updated_at"`
}

func toActionRow(a solidarity.Action) actionRow {
	r := actionRow{
		ID: a.ID, Kind: string(a.Kind), Category: a.Category, Title: a.Title, Description: a.Description,
		DescriptionHTML: a.DescriptionHTML, Online: a.Place.Online, Commune: a.Place.Commune, Country: a.Place.Country,
		City: a.Place.City, Department: a.Department, Region: a.Region, CommitteeID: a.Committee,
		StartsAt: a.StartsAt.UTC(), EndsAt: a.EndsAt.UTC(), StartsKey: a.Starts().UTC(), EndsKey: a.Ends().UTC(), Capacity: a.Volunteers,
		Accepted: a.Accepted, WaitlistNext: a.WaitlistNext(), AutoAccept: a.AutoAccept,
		AudienceKind: string(a.Audience.Kind), AudienceScope: a.Audience.Scope, Status: string(a.Status),
		AuthorID: a.Author, Reason: a.Reason, ThreadID: a.Thread, PublishedAt: a.PublishedAt.UTC(),
		CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC(),
	}
	if a.Impact != nil {
		r.PeopleHelped, r.Hours, r.ImpactVolunteers = &a.Impact.PeopleHelped, &a.Impact.Hours, &a.Impact.Volunteers
		r.ImpactReport = a.Impact.Report
	}
	if a.Status == solidarity.StatusCompleted {
		r.CompletedAt = a.UpdatedAt.UTC()
	}
	return r
}

func (r actionRow) action() solidarity.Action {
	a := solidarity.Action{
		ID: r.ID, Kind: solidarity.Kind(r.Kind), Category: r.Category, Title: r.Title, Description: r.Description,
		DescriptionHTML: r.DescriptionHTML,
		Place:           solidarity.Place{Online: r.Online, Commune: r.Commune, Country: r.Country, City: r.City},
		Department:      r.Department, Region: r.Region, Committee: r.CommitteeID, StartsAt: utc(r.StartsAt),
		EndsAt: utc(r.EndsAt), Volunteers: r.Capacity, Accepted: r.Accepted, AutoAccept: r.AutoAccept,
		Audience: avenir.Audience{Kind: avenir.AudienceKind(r.AudienceKind), Scope: r.AudienceScope},
		Status:   solidarity.Status(r.Status), Author: r.AuthorID, Reason: r.Reason, Thread: r.ThreadID,
		PublishedAt: utc(r.PublishedAt), CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt),
	}
	if r.PeopleHelped != nil {
		a.Impact = &solidarity.Impact{PeopleHelped: *r.PeopleHelped, Report: r.ImpactReport}
		if r.Hours != nil {
			a.Impact.Hours = *r.Hours
		}
		if r.ImpactVolunteers != nil {
			a.Impact.Volunteers = *r.ImpactVolunteers
		}
	}
	return a.WithWaitlistNext(r.WaitlistNext)
}

func toVolunteerRow(v solidarity.Volunteer) volunteerRow {
	return volunteerRow{
		ActionID: v.Action, MemberID: v.Member, Shift: v.Shift, Status: string(v.Status), Position: v.Position,
		CreatedAt: v.CreatedAt.UTC(), UpdatedAt: v.UpdatedAt.UTC(),
	}
}

func (r volunteerRow) volunteer() solidarity.Volunteer {
	return solidarity.Volunteer{
		Action: r.ActionID, Member: r.MemberID, Shift: r.Shift, Status: solidarity.VolunteerStatus(r.Status),
		Position: r.Position, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt),
	}
}

func shiftRows(a solidarity.Action) []shiftRow {
	rows := make([]shiftRow, len(a.Shifts))
	for i, s := range a.Shifts {
		rows[i] = shiftRow{ActionID: a.ID, Number: s.Number, StartsAt: s.StartsAt.UTC(), EndsAt: s.EndsAt.UTC(),
			Capacity: s.Capacity, Accepted: s.Accepted, WaitlistNext: s.WaitlistNext()}
	}
	return rows
}

func (s solidarityStore) CreateAction(ctx context.Context, a solidarity.Action) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := toActionRow(a)
		if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
			return translate(err)
		}
		return insertBatches(ctx, s.IDB(ctx), shiftRows(a))
	})
}

func (s solidarityStore) UpdateAction(ctx context.Context, a solidarity.Action) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := toActionRow(a)
		res, err := s.IDB(ctx).NewUpdate().Model(&r).WherePK().Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return err
		}
		for _, sr := range shiftRows(a) {
			res, err := s.IDB(ctx).NewUpdate().Model(&sr).Column("accepted", "waitlist_next").WherePK().Exec(ctx)
			if err := oneRow(res, err); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s solidarityStore) SetShifts(ctx context.Context, action avenir.ID, shifts []solidarity.Shift) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.IDB(ctx).NewDelete().Model((*shiftRow)(nil)).Where("action_id = ?", action).Exec(ctx); err != nil {
			return translate(err)
		}
		return insertBatches(ctx, s.IDB(ctx), shiftRows(solidarity.Action{ID: action, Shifts: shifts}))
	})
}

func (s solidarityStore) Action(ctx context.Context, id avenir.ID) (solidarity.Action, error) {
	return s.oneAction(ctx, id, false)
}

func (s solidarityStore) LockAction(ctx context.Context, id avenir.ID) (solidarity.Action, error) {
	return s.oneAction(ctx, id, true)
}

func (s solidarityStore) oneAction(ctx context.Context, id avenir.ID, lock bool) (solidarity.Action, error) {
	var r actionRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where("a.id = ?", id)
	if lock {
		q = s.forUpdate(q)
	}
	if err := q.Scan(ctx); err != nil {
		return solidarity.Action{}, translate(err)
	}
	list, err := s.withShifts(ctx, []actionRow{r})
	if err != nil {
		return solidarity.Action{}, err
	}
	return list[0], nil
}

func (s solidarityStore) withShifts(ctx context.Context, rows []actionRow) ([]solidarity.Action, error) {
	out := make([]solidarity.Action, len(rows))
	index := make(map[avenir.ID]int, len(rows))
	ids := make([]avenir.ID, len(rows))
	for i, r := range rows {
		out[i], index[r.ID], ids[i] = r.action(), i, r.ID
	}
	for start := 0; start < len(ids); start += batch {
		var shifts []shiftRow
		err := s.IDB(ctx).NewSelect().Model(&shifts).Where("action_id IN (?)", bun.List(ids[start:min(start+batch, len(ids))])).
			OrderExpr("action_id, number").Scan(ctx)
		if err != nil {
			return nil, translate(err)
		}
		for _, sr := range shifts {
			a := &out[index[sr.ActionID]]
			a.Shifts = append(a.Shifts, solidarity.Shift{Number: sr.Number, StartsAt: utc(sr.StartsAt), EndsAt: utc(sr.EndsAt),
				Capacity: sr.Capacity, Accepted: sr.Accepted}.WithWaitlistNext(sr.WaitlistNext))
		}
	}
	return out, nil
}

func (s solidarityStore) Actions(ctx context.Context, f solidarity.Filter) ([]solidarity.Action, error) {
	var rows []actionRow
	q := s.whereActions(ctx, s.IDB(ctx).NewSelect().Model(&rows).OrderExpr("a.id DESC"), f)
	if !f.AfterID.IsZero() {
		q = q.Where("a.id < ?", f.AfterID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	return s.withShifts(ctx, rows)
}

// whereActions adds the filter's conditions, the viewer's reach included.
func (s solidarityStore) whereActions(ctx context.Context, q *bun.SelectQuery, f solidarity.Filter) *bun.SelectQuery {
	if len(f.Kinds) > 0 {
		q = q.Where("a.kind IN (?)", bun.List(f.Kinds))
	}
	if len(f.Statuses) > 0 {
		q = q.Where("a.status IN (?)", bun.List(f.Statuses))
	}
	for col, v := range map[string]string{"a.category": f.Category, "a.commune": f.Commune, "a.department": f.Department, "a.region": f.Region} {
		if v != "" {
			q = q.Where("? = ?", bun.Ident(col), v)
		}
	}
	if !f.Committee.IsZero() {
		q = q.Where("a.committee_id = ?", f.Committee)
	}
	if !f.Author.IsZero() {
		q = q.Where("a.author_id = ?", f.Author)
	}
	if !f.Volunteer.IsZero() {
		mine := s.IDB(ctx).NewSelect().Model((*volunteerRow)(nil)).Column("action_id").Where("member_id = ?", f.Volunteer)
		q = q.Where("a.id IN (?)", mine)
	}
	if !f.Active.IsZero() {
		q = q.Where("(a.ends_key IS NULL OR a.ends_key >= ?)", f.Active.UTC())
	}
	if !f.From.IsZero() {
		q = q.Where("(a.ends_key IS NULL OR a.ends_key >= ?)", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("(a.starts_key IS NULL OR a.starts_key < ?)", f.To.UTC())
	}
	if len(f.Communes) > 0 {
		q = q.Where("a.commune IN (?)", bun.List(f.Communes))
	}
	if len(f.Departments) > 0 {
		q = q.Where("a.department IN (?)", bun.List(f.Departments))
	}
	if f.Online != nil {
		q = q.Where("a.online = ?", *f.Online)
	}
	if !f.CompletedFrom.IsZero() {
		q = q.Where("a.completed_at >= ?", f.CompletedFrom.UTC())
	}
	if !f.CompletedTo.IsZero() {
		q = q.Where("a.completed_at < ?", f.CompletedTo.UTC())
	}
	return whereMaySee(q, f)
}

// Impact sums up in SQL; volunteers are the sum of each action's count at
// completion (one person helping twice counts twice, as hours do).
func (s solidarityStore) Impact(ctx context.Context, f solidarity.Filter, by solidarity.Dimension) ([]solidarity.ImpactRow, error) {
	var key string
	switch by {
	case solidarity.ByCommittee:
		key = "COALESCE(CAST(a.committee_id AS text), '')"
	case solidarity.ByDepartment:
		key = "a.department"
	case solidarity.ByCategory:
		key = "a.category"
	case solidarity.ByMonth:
		key = s.monthOf("a.completed_at")
	default:
		return nil, avenir.Internal(fmt.Errorf("storage: unknown impact dimension %q", by))
	}
	var out []solidarity.ImpactRow
	q := s.IDB(ctx).NewSelect().Model((*actionRow)(nil)).
		ColumnExpr(key + " AS key").
		ColumnExpr("COUNT(*) AS actions").
		ColumnExpr("COALESCE(SUM(a.people_helped), 0) AS people_helped").
		ColumnExpr("COALESCE(SUM(a.hours), 0) AS hours").
		ColumnExpr("COALESCE(SUM(a.impact_volunteers), 0) AS volunteers")
	q = s.whereActions(ctx, q, f).GroupExpr(key).OrderExpr("actions DESC, key")
	if err := q.Scan(ctx, &out); err != nil {
		return nil, translate(err)
	}
	if out == nil {
		out = []solidarity.ImpactRow{}
	}
	return out, nil
}

// monthOf formats a timestamp column as "YYYY-MM" (UTC).
func (s solidarityStore) monthOf(col string) string {
	switch s.dialect {
	case PostgreSQL:
		return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM')"
	case SQLite:
		return "substr(" + col + ", 1, 7)"
	}
	panic("storage: unknown dialect " + string(s.dialect))
}

// whereMaySee is the SQL twin of the package's maySee rule: the listed
// statuses (and cancelled once published) within the viewer's visibility,
// the viewer's own actions, and the submitted and rejected actions of the
// committees the viewer validates. It is tested against maySee.
func whereMaySee(q *bun.SelectQuery, f solidarity.Filter) *bun.SelectQuery {
	if f.Visibility.All && f.Viewer.IsZero() {
		return q
	}
	listed := []solidarity.Status{solidarity.StatusPublished, solidarity.StatusInProgress, solidarity.StatusCompleted, solidarity.StatusExpired}
	// Waiting for validation, refused, or called off before publication.
	validated := bun.SafeQuery("(a.status IN (?) OR (a.status = ? AND a.published_at IS NULL))",
		bun.List([]solidarity.Status{solidarity.StatusSubmitted, solidarity.StatusRejected}), solidarity.StatusCancelled)
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.WhereGroup(" OR ", func(q *bun.SelectQuery) *bun.SelectQuery {
			q = q.Where("a.status IN (?)", bun.List(listed)).
				WhereOr("(a.status = ? AND a.published_at IS NOT NULL)", solidarity.StatusCancelled)
			return q
		})
		if !f.Visibility.All {
			q = whereVisible(q, f.Visibility, "a.audience_kind", "a.audience_scope")
		}
		if !f.Viewer.IsZero() {
			q = q.WhereOr("a.author_id = ?", f.Viewer)
		}
		switch {
		case f.AllValidation:
			q = q.WhereOr("?", validated)
		case f.AnyCommittee:
			q = q.WhereOr("(? AND a.committee_id IS NOT NULL)", validated)
		case len(f.Validates) > 0:
			q = q.WhereOr("(? AND a.committee_id IN (?))", validated, bun.List(f.Validates))
		}
		return q
	})
}

func (s solidarityStore) Due(ctx context.Context, statuses []solidarity.Status, t time.Time, n int) ([]avenir.ID, error) {
	var ids []avenir.ID
	err := s.IDB(ctx).NewSelect().Model((*actionRow)(nil)).Column("a.id").
		Where("a.status IN (?)", bun.List(statuses)).Where("a.ends_key < ?", t.UTC()).
		OrderExpr("a.ends_key, a.id").Limit(int64(n)).Scan(ctx, &ids)
	return ids, translate(err)
}

func (s solidarityStore) Volunteer(ctx context.Context, action, member avenir.ID) (solidarity.Volunteer, error) {
	var r volunteerRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("action_id = ? AND member_id = ?", action, member).Scan(ctx); err != nil {
		return solidarity.Volunteer{}, translate(err)
	}
	return r.volunteer(), nil
}

func (s solidarityStore) PutVolunteer(ctx context.Context, v solidarity.Volunteer) error {
	r := toVolunteerRow(v)
	_, err := s.IDB(ctx).NewInsert().Model(&r).
		On("CONFLICT (action_id, member_id) DO UPDATE").
		Set("shift = EXCLUDED.shift, status = EXCLUDED.status, position = EXCLUDED.position, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return translate(err)
}

func (s solidarityStore) Volunteers(ctx context.Context, action avenir.ID, statuses ...solidarity.VolunteerStatus) ([]solidarity.Volunteer, error) {
	var rows []volunteerRow
	q := s.IDB(ctx).NewSelect().Model(&rows).Where("action_id = ?", action).OrderExpr("created_at, member_id")
	if len(statuses) > 0 {
		q = q.Where("status IN (?)", bun.List(statuses))
	}
	return volunteers(rows, q.Scan(ctx))
}

func volunteers(rows []volunteerRow, err error) ([]solidarity.Volunteer, error) {
	if err != nil {
		return nil, translate(err)
	}
	out := make([]solidarity.Volunteer, len(rows))
	for i, r := range rows {
		out[i] = r.volunteer()
	}
	return out, nil
}

func (s solidarityStore) Waitlist(ctx context.Context, action avenir.ID, shift, n int) ([]solidarity.Volunteer, error) {
	var rows []volunteerRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("action_id = ? AND shift = ? AND status = ?", action, shift, solidarity.Waitlisted).
		OrderExpr("position").Limit(int64(n)).Scan(ctx)
	return volunteers(rows, err)
}

func (s solidarityStore) MemberVolunteering(ctx context.Context, member avenir.ID) ([]solidarity.Volunteer, error) {
	var rows []volunteerRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("created_at, action_id").Scan(ctx)
	return volunteers(rows, err)
}

func (s solidarityStore) DeleteMemberVolunteering(ctx context.Context, member avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*volunteerRow)(nil)).Where("member_id = ?", member).Exec(ctx)
	return translate(err)
}

func (s solidarityStore) MembersByID(ctx context.Context, ids ...avenir.ID) ([]membership.Member, error) {
	return committeeStore(s).MembersByID(ctx, ids...)
}
