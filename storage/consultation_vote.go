package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
)

type amendmentRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_amendments,alias:a"`

	ID           avenir.ID `bun:"id,pk"`
	Consultation avenir.ID `bun:"consultation_id"`
	Text         avenir.ID `bun:"text_id"`
	Section      avenir.ID `bun:"section_id"`
	BaseVersion  int       `bun:"base_version"`
	Original     string    `bun:"original"`
	Proposed     string    `bun:"proposed"`
	Reason       string    `bun:"reason"`
	Author       avenir.ID `bun:"author_id"`
	State        string    `bun:"state"`
	Answer       string    `bun:"answer"`
	AnsweredBy   avenir.ID `bun:"answered_by,nullzero"`
	AnsweredAt   time.Time `bun:"answered_at,nullzero"`
	Version      int       `bun:"version"`
	CreatedAt    time.Time `bun:"created_at"`
	AuthorName   string    `bun:"author_name,scanonly"`
	Supports     int       `bun:"supports,scanonly"`
}

func (r amendmentRow) amendment() consultation.Amendment {
	return consultation.Amendment{ID: r.ID, Consultation: r.Consultation, Text: r.Text, Section: r.Section,
		BaseVersion: r.BaseVersion, Original: r.Original, Proposed: r.Proposed, Reason: r.Reason, Author: r.Author,
		AuthorName: r.AuthorName, State: consultation.AmendmentState(r.State), Answer: r.Answer, AnsweredBy: r.AnsweredBy,
		AnsweredAt: utc(r.AnsweredAt), Version: r.Version, Supports: r.Supports, CreatedAt: utc(r.CreatedAt)}
}

func toAmendmentRow(a consultation.Amendment) amendmentRow {
	return amendmentRow{ID: a.ID, Consultation: a.Consultation, Text: a.Text, Section: a.Section, BaseVersion: a.BaseVersion,
		Original: a.Original, Proposed: a.Proposed, Reason: a.Reason, Author: a.Author, State: string(a.State),
		Answer: a.Answer, AnsweredBy: a.AnsweredBy, AnsweredAt: utc(a.AnsweredAt), Version: a.Version, CreatedAt: a.CreatedAt.UTC()}
}

func (s consultationStore) CreateAmendment(ctx context.Context, a consultation.Amendment) error {
	r := toAmendmentRow(a)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s consultationStore) selectAmendments(ctx context.Context, rows any) *bun.SelectQuery {
	return s.IDB(ctx).NewSelect().Model(rows).ColumnExpr("a.*").
		ColumnExpr("m.display_name AS author_name").
		ColumnExpr("(SELECT count(*) FROM avenir_consultation_supports AS s WHERE s.item_id = a.id) AS supports").
		Join("JOIN avenir_members AS m ON m.id = a.author_id")
}

func (s consultationStore) Amendment(ctx context.Context, id avenir.ID) (consultation.Amendment, error) {
	var r amendmentRow
	if err := s.selectAmendments(ctx, &r).Where("a.id = ?", id).Scan(ctx); err != nil {
		return consultation.Amendment{}, translate(err)
	}
	return r.amendment(), nil
}

func (s consultationStore) AnswerAmendment(ctx context.Context, a consultation.Amendment) (bool, error) {
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_consultation_amendments").
		Set("state = ?, answer = ?, answered_by = ?, answered_at = ?, version = ?", string(a.State), a.Answer, a.AnsweredBy, a.AnsweredAt.UTC(), a.Version).
		Where("id = ? AND state = ?", a.ID, string(consultation.AmendmentProposed)).Exec(ctx)
	if err != nil {
		return false, translate(err)
	}
	n, err := res.RowsAffected()
	return n == 1, translate(err)
}

func (s consultationStore) Amendments(ctx context.Context, textID avenir.ID) ([]consultation.Amendment, error) {
	var rows []amendmentRow
	if err := s.selectAmendments(ctx, &rows).Where("a.text_id = ?", textID).OrderExpr("a.created_at, a.id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]consultation.Amendment, len(rows))
	for i, r := range rows {
		out[i] = r.amendment()
	}
	return out, nil
}

// AddSupport takes the member's counter row for the consultation (created
// at zero if missing) and raises it only below the limit: the conditional
// UPDATE holds the row lock on PostgreSQL and re-reads the count after a
// concurrent commit, so two requests can never both pass at limit-1.
func (s consultationStore) AddSupport(ctx context.Context, cid, item, member avenir.ID, limit int, at time.Time) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewRaw(`INSERT INTO avenir_consultation_support_counts (consultation_id, member_id, n) VALUES (?, ?, 0)
ON CONFLICT (consultation_id, member_id) DO NOTHING`, cid, member).Exec(ctx); err != nil {
			return translate(err)
		}
		res, err := db.NewRaw(`UPDATE avenir_consultation_support_counts SET n = n + 1
WHERE consultation_id = ? AND member_id = ? AND n < ?`, cid, member, limit).Exec(ctx)
		if err != nil {
			return translate(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return translate(err)
		} else if n == 0 {
			return consultation.ErrSupportLimit
		}
		_, err = db.NewRaw(`INSERT INTO avenir_consultation_supports (consultation_id, item_id, member_id, created_at) VALUES (?, ?, ?, ?)`,
			cid, item, member, at.UTC()).Exec(ctx)
		return translate(err)
	})
}

func (s consultationStore) RemoveSupport(ctx context.Context, cid, item, member avenir.ID) (bool, error) {
	var removed bool
	err := s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		res, err := db.NewRaw(`DELETE FROM avenir_consultation_supports WHERE consultation_id = ? AND item_id = ? AND member_id = ?`,
			cid, item, member).Exec(ctx)
		if err != nil {
			return translate(err)
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return translate(err)
		}
		removed = true
		_, err = db.NewRaw(`UPDATE avenir_consultation_support_counts SET n = n - 1 WHERE consultation_id = ? AND member_id = ?`,
			cid, member).Exec(ctx)
		return translate(err)
	})
	return removed, err
}

func (s consultationStore) Supported(ctx context.Context, cid, member avenir.ID) ([]avenir.ID, error) {
	var out []avenir.ID
	err := s.IDB(ctx).NewSelect().Table("avenir_consultation_supports").Column("item_id").
		Where("consultation_id = ? AND member_id = ?", cid, member).OrderExpr("created_at, item_id").Scan(ctx, &out)
	return out, translate(err)
}

func (s consultationStore) TakeElectorate(ctx context.Context, cid avenir.ID, at time.Time) (int, error) {
	db := s.IDB(ctx)
	res, err := db.NewRaw(`INSERT INTO avenir_consultation_electors (consultation_id, member_id)
SELECT ?, id FROM avenir_members WHERE status IN (?)`, cid, bun.List([]avenir.Status{avenir.StatusActive, avenir.StatusGrace})).Exec(ctx)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, translate(err)
	}
	res, err = db.NewUpdate().Table("avenir_consultations").Set("electorate_at = ?, electorate = ?", at.UTC(), n).
		Where("id = ?", cid).Exec(ctx)
	return int(n), oneRow(res, err)
}

func (s consultationStore) Eligible(ctx context.Context, cid, member avenir.ID) (bool, error) {
	ok, err := s.IDB(ctx).NewSelect().Table("avenir_consultation_electors").
		Where("consultation_id = ? AND member_id = ?", cid, member).Exists(ctx)
	return ok, translate(err)
}

func (s consultationStore) Cast(ctx context.Context, motion, member avenir.ID, b consultation.Ballot) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewRaw(`INSERT INTO avenir_consultation_voters (motion_id, member_id) VALUES (?, ?)
ON CONFLICT (motion_id, member_id) DO NOTHING`, motion, member).Exec(ctx); err != nil {
			return translate(err)
		}
		_, err := db.NewRaw(`INSERT INTO avenir_consultation_ballots (motion_id, ballot_key, receipt, choice) VALUES (?, ?, ?, ?)
ON CONFLICT (motion_id, ballot_key) DO UPDATE SET choice = excluded.choice`, motion, b.Key, b.Receipt, string(b.Choice)).Exec(ctx)
		return translate(err)
	})
}

func (s consultationStore) HasVoted(ctx context.Context, motion, member avenir.ID) (bool, error) {
	ok, err := s.IDB(ctx).NewSelect().Table("avenir_consultation_voters").
		Where("motion_id = ? AND member_id = ?", motion, member).Exists(ctx)
	return ok, translate(err)
}

func (s consultationStore) Tally(ctx context.Context, motion avenir.ID) (consultation.Result, error) {
	r := consultation.Result{Motion: motion}
	db := s.IDB(ctx)
	n, err := db.NewSelect().Table("avenir_consultation_voters").Where("motion_id = ?", motion).Count(ctx)
	if err != nil {
		return r, translate(err)
	}
	r.Voters = int(n)
	var rows []struct {
		Choice string `bun:"choice"`
		N      int    `bun:"n"`
	}
	if err := db.NewSelect().Table("avenir_consultation_ballots").ColumnExpr("choice, count(*) AS n").
		Where("motion_id = ?", motion).GroupExpr("choice").Scan(ctx, &rows); err != nil {
		return r, translate(err)
	}
	for _, x := range rows {
		switch consultation.Choice(x.Choice) {
		case consultation.For:
			r.For = x.N
		case consultation.Against:
			r.Against = x.N
		case consultation.Abstain:
			r.Abstain = x.N
		}
	}
	return r, nil
}

type resultRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_results,alias:r"`

	Motion     avenir.ID `bun:"motion_id,pk"`
	Electorate int       `bun:"electorate"`
	Voters     int       `bun:"voters"`
	For        int       `bun:"for_count"`
	Against    int       `bun:"against_count"`
	Abstain    int       `bun:"abstain_count"`
	ClosedAt   time.Time `bun:"closed_at"`
}

func (s consultationStore) SaveResult(ctx context.Context, r consultation.Result) error {
	row := resultRow{Motion: r.Motion, Electorate: r.Electorate, Voters: r.Voters, For: r.For, Against: r.Against,
		Abstain: r.Abstain, ClosedAt: r.ClosedAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&row).Exec(ctx)
	return translate(err)
}

func (s consultationStore) Result(ctx context.Context, motion avenir.ID) (consultation.Result, error) {
	var row resultRow
	if err := s.IDB(ctx).NewSelect().Model(&row).Where("r.motion_id = ?", motion).Scan(ctx); err != nil {
		return consultation.Result{}, translate(err)
	}
	return consultation.Result{Motion: row.Motion, Electorate: row.Electorate, Voters: row.Voters, For: row.For,
		Against: row.Against, Abstain: row.Abstain, ClosedAt: utc(row.ClosedAt)}, nil
}

func (s consultationStore) Receipts(ctx context.Context, motion avenir.ID, after string, limit int) ([]consultation.Receipt, error) {
	var rows []struct {
		Receipt string `bun:"receipt"`
		Choice  string `bun:"choice"`
	}
	q := s.IDB(ctx).NewSelect().Table("avenir_consultation_ballots").Column("receipt", "choice").
		Where("motion_id = ?", motion).OrderExpr("receipt").Limit(int64(limit))
	if after != "" {
		q = q.Where("receipt > ?", after)
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, translate(err)
	}
	out := make([]consultation.Receipt, len(rows))
	for i, r := range rows {
		out[i] = consultation.Receipt{Receipt: r.Receipt, Choice: consultation.Choice(r.Choice)}
	}
	return out, nil
}
