package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
)

type eventRow struct {
	bun.BaseModel `bun:"table:avenir_events,alias:e"`

	ID            avenir.ID `bun:"id,pk"`
	Kind          string    `bun:"kind"`
	CommitteeID   avenir.ID `bun:"committee_id"`
	Title         string    `bun:"title"`
	Description   string    `bun:"description"`
	StartsAt      time.Time `bun:"starts_at"`
	EndsAt        time.Time `bun:"ends_at"`
	TimeZone      string    `bun:"time_zone"`
	Address       string    `bun:"address"`
	Commune       string    `bun:"commune"`
	Department    string    `bun:"department"`
	OnlineURL     string    `bun:"online_url"`
	AudienceKind  string    `bun:"audience_kind"`
	AudienceScope avenir.ID `bun:"audience_scope,nullzero"`
	Capacity      int       `bun:"capacity"`
	Going         int       `bun:"going"`
	WaitlistNext  int       `bun:"waitlist_next"`
	Sequence      int       `bun:"sequence"`
	CancelledAt   time.Time `bun:"cancelled_at,nullzero"`
	CreatedBy     avenir.ID `bun:"created_by,nullzero"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

type eventCommitteeRow struct {
	bun.BaseModel `bun:"table:avenir_event_committees"`

	EventID     avenir.ID `bun:"event_id,pk"`
	CommitteeID avenir.ID `bun:"committee_id,pk"`
}

type rsvpRow struct {
	bun.BaseModel `bun:"table:avenir_rsvps,alias:r"`

	EventID     avenir.ID `bun:"event_id,pk"`
	MemberID    avenir.ID `bun:"member_id,pk"`
	Status      string    `bun:"status"`
	Position    int       `bun:"position,nullzero"`
	CheckedInAt time.Time `bun:"checked_in_at,nullzero"`
	CreatedAt   time.Time `bun:"created_at"`
	UpdatedAt   time.Time `bun:"updated_at"`
}

func toEventRow(e committee.Event) eventRow {
	return eventRow{
		ID: e.ID, Kind: string(e.Kind), CommitteeID: e.Committee, Title: e.Title, Description: e.Description,
		StartsAt: e.StartsAt.UTC(), EndsAt: e.EndsAt.UTC(), TimeZone: e.TimeZone, Address: e.Venue.Address,
		Commune: e.Venue.Commune, Department: e.Department, OnlineURL: e.OnlineURL,
		AudienceKind: string(e.Audience.Kind), AudienceScope: e.Audience.Scope, Capacity: e.Capacity, Going: e.Going,
		WaitlistNext: e.WaitlistNext(), Sequence: e.Sequence, CancelledAt: e.CancelledAt.UTC(), CreatedBy: e.CreatedBy,
		CreatedAt: e.CreatedAt.UTC(), UpdatedAt: e.UpdatedAt.UTC(),
	}
}

func (r eventRow) event() committee.Event {
	e := committee.Event{
		ID: r.ID, Kind: committee.EventKind(r.Kind), Committee: r.CommitteeID, Title: r.Title, Description: r.Description,
		StartsAt: utc(r.StartsAt), EndsAt: utc(r.EndsAt), TimeZone: r.TimeZone,
		Venue: committee.Venue{Address: r.Address, Commune: r.Commune}, Department: r.Department, OnlineURL: r.OnlineURL,
		Audience: avenir.Audience{Kind: avenir.AudienceKind(r.AudienceKind), Scope: r.AudienceScope},
		Capacity: r.Capacity, Going: r.Going, Sequence: r.Sequence, CancelledAt: utc(r.CancelledAt), CreatedBy: r.CreatedBy,
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt),
	}
	return e.WithWaitlistNext(r.WaitlistNext)
}

func toRSVPRow(r committee.RSVP) rsvpRow {
	return rsvpRow{
		EventID: r.Event, MemberID: r.Member, Status: string(r.Status), Position: r.Position,
		CheckedInAt: r.CheckedInAt.UTC(), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func (r rsvpRow) rsvp() committee.RSVP {
	return committee.RSVP{
		Event: r.EventID, Member: r.MemberID, Status: committee.RSVPStatus(r.Status), Position: r.Position,
		CheckedInAt: utc(r.CheckedInAt), CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt),
	}
}

func (s committeeStore) CreateEvent(ctx context.Context, e committee.Event) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := toEventRow(e)
		if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
			return translate(err)
		}
		return s.putCoOrganisers(ctx, e)
	})
}

func (s committeeStore) putCoOrganisers(ctx context.Context, e committee.Event) error {
	rows := make([]eventCommitteeRow, len(e.CoOrganisers))
	for i, c := range e.CoOrganisers {
		rows[i] = eventCommitteeRow{EventID: e.ID, CommitteeID: c}
	}
	return insertBatches(ctx, s.IDB(ctx), rows)
}

func (s committeeStore) UpdateEvent(ctx context.Context, e committee.Event) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := toEventRow(e)
		res, err := s.IDB(ctx).NewUpdate().Model(&r).WherePK().Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if _, err := s.IDB(ctx).NewDelete().Model((*eventCommitteeRow)(nil)).Where("event_id = ?", e.ID).Exec(ctx); err != nil {
			return translate(err)
		}
		return s.putCoOrganisers(ctx, e)
	})
}

func (s committeeStore) Event(ctx context.Context, id avenir.ID) (committee.Event, error) {
	return s.oneEvent(ctx, id, false)
}

func (s committeeStore) LockEvent(ctx context.Context, id avenir.ID) (committee.Event, error) {
	return s.oneEvent(ctx, id, true)
}

func (s committeeStore) oneEvent(ctx context.Context, id avenir.ID, lock bool) (committee.Event, error) {
	var r eventRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where("e.id = ?", id)
	if lock {
		q = s.forUpdate(q)
	}
	if err := q.Scan(ctx); err != nil {
		return committee.Event{}, translate(err)
	}
	list, err := s.withCoOrganisers(ctx, []eventRow{r})
	if err != nil {
		return committee.Event{}, err
	}
	return list[0], nil
}

func (s committeeStore) withCoOrganisers(ctx context.Context, rows []eventRow) ([]committee.Event, error) {
	out := make([]committee.Event, len(rows))
	index := make(map[avenir.ID]int, len(rows))
	ids := make([]avenir.ID, len(rows))
	for i, r := range rows {
		out[i], index[r.ID], ids[i] = r.event(), i, r.ID
	}
	for start := 0; start < len(ids); start += batch {
		var co []eventCommitteeRow
		err := s.IDB(ctx).NewSelect().Model(&co).Where("event_id IN (?)", bun.List(ids[start:min(start+batch, len(ids))])).
			OrderExpr("event_id, committee_id").Scan(ctx)
		if err != nil {
			return nil, translate(err)
		}
		for _, c := range co {
			e := &out[index[c.EventID]]
			e.CoOrganisers = append(e.CoOrganisers, c.CommitteeID)
		}
	}
	return out, nil
}

func (s committeeStore) Events(ctx context.Context, f committee.EventFilter) ([]committee.Event, error) {
	var rows []eventRow
	q := s.IDB(ctx).NewSelect().Model(&rows).Where("e.ends_at > ?", f.From.UTC()).OrderExpr("e.starts_at, e.id")
	if !f.Cancelled {
		q = q.Where("e.cancelled_at IS NULL")
	}
	if !f.Committee.IsZero() {
		co := s.IDB(ctx).NewSelect().Model((*eventCommitteeRow)(nil)).Column("event_id").Where("committee_id = ?", f.Committee)
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("e.committee_id = ?", f.Committee).WhereOr("e.id IN (?)", co)
		})
	}
	if f.Department != "" {
		q = q.Where("e.department = ?", f.Department)
	}
	if !f.StartsBefore.IsZero() {
		q = q.Where("e.starts_at < ?", f.StartsBefore.UTC())
	}
	if f.PublicOnly {
		q = q.Where("e.audience_kind = ?", string(avenir.AudiencePublic))
	}
	q = whereVisible(q, f.Visibility, "e.audience_kind", "e.audience_scope")
	if !f.AfterID.IsZero() {
		after := f.AfterStarts.UTC()
		q = q.Where("(e.starts_at > ? OR (e.starts_at = ? AND e.id > ?))", after, after, f.AfterID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	return s.withCoOrganisers(ctx, rows)
}

func (s committeeStore) MoveEvents(ctx context.Context, from, to avenir.ID) error {
	db := s.IDB(ctx)
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE avenir_events SET committee_id = ? WHERE committee_id = ?`, []any{to, from}},
		{`UPDATE avenir_events SET audience_scope = ? WHERE audience_kind = ? AND audience_scope = ?`, []any{to, string(avenir.AudienceCommittee), from}},
		{`INSERT INTO avenir_event_committees (event_id, committee_id)
		  SELECT event_id, ? FROM avenir_event_committees WHERE committee_id = ?
		  ON CONFLICT (event_id, committee_id) DO NOTHING`, []any{to, from}},
		{`DELETE FROM avenir_event_committees WHERE committee_id = ?`, []any{from}},
		// The target organises some of them: it is not also their co-organiser.
		{`DELETE FROM avenir_event_committees WHERE committee_id = ?
		  AND event_id IN (SELECT id FROM avenir_events WHERE committee_id = ?)`, []any{to, to}},
	}
	for _, st := range steps {
		if _, err := db.NewRaw(st.sql, st.args...).Exec(ctx); err != nil {
			return translate(err)
		}
	}
	return nil
}

func (s committeeStore) RSVP(ctx context.Context, event, member avenir.ID) (committee.RSVP, error) {
	var r rsvpRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("event_id = ? AND member_id = ?", event, member).Scan(ctx); err != nil {
		return committee.RSVP{}, translate(err)
	}
	return r.rsvp(), nil
}

func (s committeeStore) PutRSVP(ctx context.Context, rsvp committee.RSVP) error {
	r := toRSVPRow(rsvp)
	_, err := s.IDB(ctx).NewInsert().Model(&r).
		On("CONFLICT (event_id, member_id) DO UPDATE").
		Set("status = EXCLUDED.status").
		Set("position = EXCLUDED.position").
		Set("checked_in_at = EXCLUDED.checked_in_at").
		Set("updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return translate(err)
}

func (s committeeStore) Waitlist(ctx context.Context, event avenir.ID, n int) ([]committee.RSVP, error) {
	var rows []rsvpRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("event_id = ? AND status = ?", event, string(committee.StatusWaitlisted)).
		OrderExpr("position").Limit(int64(n)).Scan(ctx)
	if err != nil {
		return nil, translate(err)
	}
	out := make([]committee.RSVP, len(rows))
	for i, r := range rows {
		out[i] = r.rsvp()
	}
	return out, nil
}

type registrationRow struct {
	memberRow   `bun:",extend"`
	Status      string    `bun:"rsvp_status,scanonly"`
	Position    int       `bun:"rsvp_position,scanonly"`
	CheckedInAt time.Time `bun:"rsvp_checked_in_at,scanonly"`
	CreatedAt2  time.Time `bun:"rsvp_created_at,scanonly"`
	UpdatedAt2  time.Time `bun:"rsvp_updated_at,scanonly"`
	EventID     avenir.ID `bun:"rsvp_event_id,scanonly"`
}

func (s committeeStore) Registrations(ctx context.Context, f committee.RegistrationFilter) ([]committee.Registration, error) {
	var rows []registrationRow
	q := s.IDB(ctx).NewSelect().Model(&rows).
		ColumnExpr("member_row.*").
		ColumnExpr("r.status AS rsvp_status, COALESCE(r.position, 0) AS rsvp_position, r.checked_in_at AS rsvp_checked_in_at").
		ColumnExpr("r.created_at AS rsvp_created_at, r.updated_at AS rsvp_updated_at, r.event_id AS rsvp_event_id").
		Join("JOIN avenir_rsvps AS r ON r.member_id = member_row.id").
		Where("r.event_id = ?", f.Event).
		OrderExpr("member_row.sort_key ASC, member_row.id ASC")
	if len(f.Statuses) > 0 {
		q = q.Where("r.status IN (?)", bun.List(f.Statuses))
	}
	if f.AfterSortKey != "" || !f.AfterID.IsZero() {
		q = q.Where("(member_row.sort_key > ? OR (member_row.sort_key = ? AND member_row.id > ?))", f.AfterSortKey, f.AfterSortKey, f.AfterID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]committee.Registration, len(rows))
	for i, r := range rows {
		out[i] = committee.Registration{
			RSVP: committee.RSVP{Event: r.EventID, Member: r.ID, Status: committee.RSVPStatus(r.Status), Position: r.Position,
				CheckedInAt: utc(r.CheckedInAt), CreatedAt: utc(r.CreatedAt2), UpdatedAt: utc(r.UpdatedAt2)},
			Member: r.member(),
		}
	}
	return out, nil
}

func (s committeeStore) CountRSVPs(ctx context.Context, event avenir.ID) (map[committee.RSVPStatus]int, error) {
	var rows []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	err := s.IDB(ctx).NewSelect().Model((*rsvpRow)(nil)).ColumnExpr("status, count(*) AS n").
		Where("event_id = ?", event).GroupExpr("status").Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	out := map[committee.RSVPStatus]int{}
	for _, r := range rows {
		out[committee.RSVPStatus(r.Status)] = r.N
	}
	n, err := s.IDB(ctx).NewSelect().Model((*rsvpRow)(nil)).Where("event_id = ? AND checked_in_at IS NOT NULL", event).Count(ctx)
	if err != nil {
		return nil, translate(err)
	}
	out["checked_in"] = int(n)
	return out, nil
}

func (s committeeStore) GoingByCommittee(ctx context.Context, event avenir.ID) (map[avenir.ID]int, error) {
	var rows []struct {
		CommitteeID avenir.ID `bun:"committee_id"`
		N           int       `bun:"n"`
	}
	err := s.IDB(ctx).NewSelect().TableExpr("avenir_rsvps AS r").
		Join("LEFT JOIN avenir_affiliations AS a ON a.member_id = r.member_id AND a.ended_at IS NULL").
		ColumnExpr("a.committee_id, count(*) AS n").
		Where("r.event_id = ? AND r.status = ?", event, string(committee.StatusGoing)).
		GroupExpr("a.committee_id").Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	out := make(map[avenir.ID]int, len(rows))
	for _, r := range rows {
		out[r.CommitteeID] += r.N
	}
	return out, nil
}

func (s committeeStore) MemberRSVPs(ctx context.Context, member avenir.ID) ([]committee.RSVP, error) {
	var rows []rsvpRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("created_at, event_id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]committee.RSVP, len(rows))
	for i, r := range rows {
		out[i] = r.rsvp()
	}
	return out, nil
}

func (s committeeStore) MembersByID(ctx context.Context, ids ...avenir.ID) ([]membership.Member, error) {
	var out []membership.Member
	for start := 0; start < len(ids); start += batch {
		var rows []memberRow
		if err := s.IDB(ctx).NewSelect().Model(&rows).Where("id IN (?)", bun.List(ids[start:min(start+batch, len(ids))])).Scan(ctx); err != nil {
			return nil, translate(err)
		}
		for _, r := range rows {
			out = append(out, r.member())
		}
	}
	return out, nil
}
