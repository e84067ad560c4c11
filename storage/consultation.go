package storage

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/text"
)

// Consultations returns the consultation store.
func (db *DB) Consultations() consultation.Store { return consultationStore{db} }

// consultationStore implements consultation.Store.
type consultationStore struct{ *DB }

type consultationRow struct {
	bun.BaseModel `bun:"table:avenir_consultations,alias:c"`

	ID            avenir.ID `bun:"id,pk"`
	Title         string    `bun:"title"`
	Description   string    `bun:"description"`
	Forum         avenir.ID `bun:"forum_id"`
	AudienceKind  string    `bun:"audience_kind"`
	AudienceScope avenir.ID `bun:"audience_scope,nullzero"`
	Floor         string    `bun:"floor_phase"`
	Contributions time.Time `bun:"contributions_at,nullzero"`
	Amendments    time.Time `bun:"amendments_at,nullzero"`
	Supports      time.Time `bun:"supports_at,nullzero"`
	Synthesis     time.Time `bun:"synthesis_at,nullzero"`
	Vote          time.Time `bun:"vote_at,nullzero"`
	Closed        time.Time `bun:"closed_at,nullzero"`
	ElectorateAt  time.Time `bun:"electorate_at,nullzero"`
	Electorate    int       `bun:"electorate"`
	CreatedBy     avenir.ID `bun:"created_by"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

func toConsultationRow(c consultation.Consultation) consultationRow {
	s := c.Schedule
	return consultationRow{ID: c.ID, Title: c.Title, Description: c.Description, Forum: c.Forum,
		AudienceKind: string(c.Audience.Kind), AudienceScope: c.Audience.Scope, Floor: string(c.Floor),
		Contributions: utc(s.Contributions), Amendments: utc(s.Amendments), Supports: utc(s.Supports),
		Synthesis: utc(s.Synthesis), Vote: utc(s.Vote), Closed: utc(s.Closed), ElectorateAt: utc(c.ElectorateAt),
		Electorate: c.Electorate, CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC()}
}

func (r consultationRow) consultation() consultation.Consultation {
	return consultation.Consultation{ID: r.ID, Title: r.Title, Description: r.Description, Forum: r.Forum,
		Audience: avenir.Audience{Kind: avenir.AudienceKind(r.AudienceKind), Scope: r.AudienceScope},
		Schedule: consultation.Schedule{Contributions: utc(r.Contributions), Amendments: utc(r.Amendments),
			Supports: utc(r.Supports), Synthesis: utc(r.Synthesis), Vote: utc(r.Vote), Closed: utc(r.Closed)},
		Floor: consultation.Phase(r.Floor), ElectorateAt: utc(r.ElectorateAt), Electorate: r.Electorate,
		CreatedBy: r.CreatedBy, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

type drafterRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_drafters"`

	Consultation avenir.ID `bun:"consultation_id,pk"`
	Member       avenir.ID `bun:"member_id,pk"`
}

func (s consultationStore) CreateConsultation(ctx context.Context, c consultation.Consultation) error {
	r := toConsultationRow(c)
	if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
		return translate(err)
	}
	return s.setDrafters(ctx, c)
}

func (s consultationStore) UpdateConsultation(ctx context.Context, c consultation.Consultation) error {
	r := toConsultationRow(c)
	res, err := s.IDB(ctx).NewUpdate().Model(&r).WherePK().
		Column("title", "description", "floor_phase", "contributions_at", "amendments_at", "supports_at",
			"synthesis_at", "vote_at", "closed_at", "updated_at").Exec(ctx)
	if err := oneRow(res, err); err != nil {
		return err
	}
	return s.setDrafters(ctx, c)
}

func (s consultationStore) setDrafters(ctx context.Context, c consultation.Consultation) error {
	db := s.IDB(ctx)
	if _, err := db.NewDelete().Model((*drafterRow)(nil)).Where("consultation_id = ?", c.ID).Exec(ctx); err != nil {
		return translate(err)
	}
	if len(c.Drafters) == 0 {
		return nil
	}
	rows := make([]drafterRow, len(c.Drafters))
	for i, m := range c.Drafters {
		rows[i] = drafterRow{Consultation: c.ID, Member: m}
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return translate(err)
}

func (s consultationStore) Consultation(ctx context.Context, id avenir.ID) (consultation.Consultation, error) {
	return s.consultation(ctx, id, "")
}

func (s consultationStore) LockConsultation(ctx context.Context, id avenir.ID) (consultation.Consultation, error) {
	return s.consultation(ctx, id, "UPDATE")
}

func (s consultationStore) ShareConsultation(ctx context.Context, id avenir.ID) (consultation.Consultation, error) {
	return s.consultation(ctx, id, "SHARE")
}

// forShare takes a shared lock on the selected rows until the transaction
// ends: others may share it, none may take it for update. SQLite needs
// none, as for forUpdate.
func (db *DB) forShare(q *bun.SelectQuery) *bun.SelectQuery {
	switch db.dialect {
	case PostgreSQL:
		return q.For("SHARE")
	case SQLite:
		return q
	default:
		panic("storage: unknown dialect " + string(db.dialect))
	}
}

// consultation reads a consultation, locked for "UPDATE" or "SHARE" when
// lock says so.
func (s consultationStore) consultation(ctx context.Context, id avenir.ID, lock string) (consultation.Consultation, error) {
	var r consultationRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where("c.id = ?", id)
	switch lock {
	case "UPDATE":
		q = s.forUpdate(q)
	case "SHARE":
		q = s.forShare(q)
	}
	if err := q.Scan(ctx); err != nil {
		return consultation.Consultation{}, translate(err)
	}
	c := r.consultation()
	if err := s.IDB(ctx).NewSelect().Model((*drafterRow)(nil)).Column("member_id").
		Where("consultation_id = ?", id).OrderExpr("member_id").Scan(ctx, &c.Drafters); err != nil {
		return consultation.Consultation{}, translate(err)
	}
	return c, nil
}

func (s consultationStore) Consultations(ctx context.Context, v avenir.Visibility) ([]consultation.Consultation, error) {
	var rows []consultationRow
	q := s.IDB(ctx).NewSelect().Model(&rows).OrderExpr("c.created_at DESC, c.id DESC")
	if err := whereVisible(q, v, "c.audience_kind", "c.audience_scope").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]consultation.Consultation, len(rows))
	at := map[avenir.ID]int{}
	for i, r := range rows {
		out[i] = r.consultation()
		at[r.ID] = i
	}
	if len(rows) == 0 {
		return out, nil
	}
	var drafters []drafterRow
	if err := s.IDB(ctx).NewSelect().Model(&drafters).Where("consultation_id IN (?)", bun.List(slices.Collect(maps.Keys(at)))).
		OrderExpr("consultation_id, member_id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	for _, d := range drafters {
		out[at[d.Consultation]].Drafters = append(out[at[d.Consultation]].Drafters, d.Member)
	}
	return out, nil
}

type textRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_texts,alias:t"`

	ID           avenir.ID `bun:"id,pk"`
	Consultation avenir.ID `bun:"consultation_id"`
	Kind         string    `bun:"kind"`
	Title        string    `bun:"title"`
	Summary      string    `bun:"summary"`
	Author       avenir.ID `bun:"author_id"`
	Thread       avenir.ID `bun:"thread_id,nullzero"`
	Version      int       `bun:"version"`
	Published    int       `bun:"published"`
	CreatedAt    time.Time `bun:"created_at"`
	UpdatedAt    time.Time `bun:"updated_at"`
	AuthorName   string    `bun:"author_name,scanonly"`
	Supports     int       `bun:"supports,scanonly"`
}

func (r textRow) text() consultation.Text {
	return consultation.Text{ID: r.ID, Consultation: r.Consultation, Kind: consultation.Kind(r.Kind), Title: r.Title,
		Summary: r.Summary, Author: r.Author, AuthorName: r.AuthorName, Thread: r.Thread, Version: r.Version,
		Published: r.Published, Supports: r.Supports, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

func (s consultationStore) CreateText(ctx context.Context, t consultation.Text) error {
	r := textRow{ID: t.ID, Consultation: t.Consultation, Kind: string(t.Kind), Title: t.Title, Summary: t.Summary,
		Author: t.Author, Thread: t.Thread, CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s consultationStore) selectTexts(ctx context.Context, rows any) *bun.SelectQuery {
	return s.IDB(ctx).NewSelect().Model(rows).ColumnExpr("t.*").
		ColumnExpr("m.display_name AS author_name").
		ColumnExpr("(SELECT count(*) FROM avenir_consultation_supports AS s WHERE s.item_id = t.id) AS supports").
		Join("JOIN avenir_members AS m ON m.id = t.author_id")
}

func (s consultationStore) Text(ctx context.Context, id avenir.ID) (consultation.Text, error) {
	var r textRow
	if err := s.selectTexts(ctx, &r).Where("t.id = ?", id).Scan(ctx); err != nil {
		return consultation.Text{}, translate(err)
	}
	t := r.text()
	secs, err := s.sections(ctx, []avenir.ID{id}, map[avenir.ID]int{id: t.Version})
	if err != nil {
		return consultation.Text{}, err
	}
	t.Sections = secs[versionKey{id, t.Version}]
	return t, nil
}

func (s consultationStore) LockText(ctx context.Context, id avenir.ID) (consultation.Text, error) {
	var r textRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where("t.id = ?", id)
	if err := s.forUpdate(q).Scan(ctx); err != nil {
		return consultation.Text{}, translate(err)
	}
	return r.text(), nil
}

func (s consultationStore) Texts(ctx context.Context, cid avenir.ID, kind consultation.Kind, sort consultation.Sort) ([]consultation.Text, error) {
	var rows []textRow
	q := s.selectTexts(ctx, &rows).Where("t.consultation_id = ? AND t.kind = ?", cid, string(kind))
	if sort == consultation.SortSupports {
		q = q.OrderExpr("supports DESC")
	}
	if err := q.OrderExpr("t.created_at DESC, t.id DESC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]consultation.Text, len(rows))
	for i, r := range rows {
		out[i] = r.text()
	}
	return out, nil
}

type versionRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_versions,alias:v"`

	Text      avenir.ID `bun:"text_id,pk"`
	Number    int       `bun:"number,pk"`
	Title     string    `bun:"title"`
	Summary   string    `bun:"summary"`
	By        avenir.ID `bun:"by_id"`
	Amendment avenir.ID `bun:"amendment_id,nullzero"`
	Note      string    `bun:"note"`
	CreatedAt time.Time `bun:"created_at"`
}

type sectionRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_sections,alias:s"`

	Text     avenir.ID `bun:"text_id,pk"`
	Version  int       `bun:"version,pk"`
	Section  avenir.ID `bun:"section_id,pk"`
	Position int       `bun:"position"`
	Heading  string    `bun:"heading"`
	Body     string    `bun:"body"`
}

type sourceRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_sources,alias:src"`

	Text             avenir.ID `bun:"text_id,pk"`
	Version          int       `bun:"version,pk"`
	Section          avenir.ID `bun:"section_id,pk"`
	Consultation     avenir.ID `bun:"consultation_id"`
	Source           avenir.ID `bun:"source_id,pk"`
	Contribution     avenir.ID `bun:"contribution_id,nullzero"`
	Amendment        avenir.ID `bun:"amendment_id,nullzero"`
	ContributionKind string    `bun:"contribution_kind,nullzero"`
	Title            string    `bun:"title,scanonly"`
	Target           avenir.ID `bun:"target,scanonly,nullzero"`
}

func (s consultationStore) AddVersion(ctx context.Context, v consultation.Version) error {
	db := s.IDB(ctx)
	var cid avenir.ID
	if err := db.NewSelect().Table("avenir_consultation_texts").Column("consultation_id").Where("id = ?", v.Text).Scan(ctx, &cid); err != nil {
		return translate(err)
	}
	vr := versionRow{Text: v.Text, Number: v.Number, Title: v.Title, Summary: v.Summary, By: v.By, Amendment: v.Amendment,
		Note: v.Note, CreatedAt: v.At.UTC()}
	if _, err := db.NewInsert().Model(&vr).Exec(ctx); err != nil {
		return translate(err)
	}
	var secs []sectionRow
	var srcs []sourceRow
	for i, sec := range v.Sections {
		secs = append(secs, sectionRow{Text: v.Text, Version: v.Number, Section: sec.ID, Position: i + 1, Heading: sec.Heading, Body: sec.Body})
		for _, src := range sec.Sources {
			r := sourceRow{Text: v.Text, Version: v.Number, Section: sec.ID, Consultation: cid, Source: src.ID}
			if src.Kind == consultation.SourceContribution {
				r.Contribution, r.ContributionKind = src.ID, string(consultation.KindContribution)
			} else {
				r.Amendment = src.ID
			}
			srcs = append(srcs, r)
		}
	}
	if _, err := db.NewInsert().Model(&secs).Exec(ctx); err != nil {
		return translate(err)
	}
	if len(srcs) > 0 {
		if _, err := db.NewInsert().Model(&srcs).Exec(ctx); err != nil {
			if avenir.IsCode(translate(err), avenir.CodeConflict) {
				// The composite keys refuse a source of another consultation.
				return avenir.Wrap(avenir.CodeInvalid, err, "A source is not a contribution or an amendment of this consultation.")
			}
			return translate(err)
		}
	}
	res, err := db.NewUpdate().Table("avenir_consultation_texts").
		Set("title = ?, summary = ?, version = ?, updated_at = ?", v.Title, v.Summary, v.Number, v.At.UTC()).
		Where("id = ?", v.Text).Exec(ctx)
	return oneRow(res, err)
}

type versionKey struct {
	text    avenir.ID
	version int
}

// sections reads the sections of the texts' versions (only the version in
// only, when given), with their sources, by position.
func (s consultationStore) sections(ctx context.Context, texts []avenir.ID, only map[avenir.ID]int) (map[versionKey][]consultation.Section, error) {
	db := s.IDB(ctx)
	var rows []sectionRow
	if err := db.NewSelect().Model(&rows).Where("s.text_id IN (?)", bun.List(texts)).
		OrderExpr("s.text_id, s.version, s.position").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	var srcs []sourceRow
	if err := db.NewSelect().Model(&srcs).ColumnExpr("src.*").
		ColumnExpr("COALESCE(t.title, a.proposed) AS title, a.text_id AS target").
		Join("LEFT JOIN avenir_consultation_texts AS t ON t.id = src.contribution_id").
		Join("LEFT JOIN avenir_consultation_amendments AS a ON a.id = src.amendment_id").
		Where("src.text_id IN (?)", bun.List(texts)).OrderExpr("src.text_id, src.version, src.section_id, src.source_id").
		Scan(ctx); err != nil {
		return nil, translate(err)
	}
	type secKey struct {
		versionKey
		section avenir.ID
	}
	sources := map[secKey][]consultation.Source{}
	for _, r := range srcs {
		src := consultation.Source{Kind: consultation.SourceContribution, ID: r.Source, Title: r.Title}
		if !r.Amendment.IsZero() {
			src.Kind, src.Title, src.Text = consultation.SourceAmendment, text.Truncate(r.Title, 80), r.Target
		}
		k := secKey{versionKey{r.Text, r.Version}, r.Section}
		sources[k] = append(sources[k], src)
	}
	out := map[versionKey][]consultation.Section{}
	for _, r := range rows {
		if v, ok := only[r.Text]; ok && v != r.Version {
			continue
		}
		k := versionKey{r.Text, r.Version}
		out[k] = append(out[k], consultation.Section{ID: r.Section, Heading: r.Heading, Body: r.Body,
			HTML: text.Markdown(r.Body), Sources: sources[secKey{k, r.Section}]})
	}
	return out, nil
}

func (s consultationStore) Versions(ctx context.Context, id avenir.ID) ([]consultation.Version, error) {
	var rows []versionRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("v.text_id = ?", id).OrderExpr("v.number").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	secs, err := s.sections(ctx, []avenir.ID{id}, nil)
	if err != nil {
		return nil, err
	}
	out := make([]consultation.Version, len(rows))
	for i, r := range rows {
		out[i] = consultation.Version{Text: r.Text, Number: r.Number, Title: r.Title, Summary: r.Summary,
			Sections: secs[versionKey{r.Text, r.Number}], By: r.By, Amendment: r.Amendment, Note: r.Note, At: utc(r.CreatedAt)}
	}
	return out, nil
}

func (s consultationStore) Publish(ctx context.Context, id avenir.ID, version int) error {
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_consultation_texts").Set("published = ?", version).
		Where("id = ? AND kind = ? AND published = 0", id, string(consultation.KindMotion)).Exec(ctx)
	return oneRow(res, err)
}

func (s consultationStore) PublishedMotions(ctx context.Context, cid avenir.ID) (int, error) {
	n, err := s.IDB(ctx).NewSelect().Table("avenir_consultation_texts").
		Where("consultation_id = ? AND kind = ? AND published > 0", cid, string(consultation.KindMotion)).Count(ctx)
	return int(n), translate(err)
}

type authorRow struct {
	bun.BaseModel `bun:"table:avenir_consultation_authors,alias:au"`

	Text      avenir.ID `bun:"text_id,pk"`
	Member    avenir.ID `bun:"member_id,pk"`
	Accepted  bool      `bun:"accepted"`
	CreatedAt time.Time `bun:"created_at"`
	Name      string    `bun:"name,scanonly"`
}

func (s consultationStore) AddAuthor(ctx context.Context, a consultation.Author) error {
	r := authorRow{Text: a.Text, Member: a.Member, Accepted: a.Accepted, CreatedAt: a.At.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s consultationStore) AcceptAuthor(ctx context.Context, textID, member avenir.ID, at time.Time) (bool, error) {
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_consultation_authors").Set("accepted = ?, created_at = ?", true, at.UTC()).
		Where("text_id = ? AND member_id = ? AND accepted = ?", textID, member, false).Exec(ctx)
	if err != nil {
		return false, translate(err)
	}
	n, err := res.RowsAffected()
	return n == 1, translate(err)
}

func (s consultationStore) Authors(ctx context.Context, textID avenir.ID) ([]consultation.Author, error) {
	var rows []authorRow
	// The one who submitted the text first, then co-authors as they joined.
	if err := s.IDB(ctx).NewSelect().Model(&rows).ColumnExpr("au.*").ColumnExpr("m.display_name AS name").
		Join("JOIN avenir_members AS m ON m.id = au.member_id").
		Join("JOIN avenir_consultation_texts AS t ON t.id = au.text_id").Where("au.text_id = ?", textID).
		OrderExpr("CASE WHEN au.member_id = t.author_id THEN 0 ELSE 1 END, au.created_at, au.member_id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]consultation.Author, len(rows))
	for i, r := range rows {
		out[i] = consultation.Author{Text: r.Text, Member: r.Member, Name: r.Name, Accepted: r.Accepted, At: utc(r.CreatedAt)}
	}
	return out, nil
}
