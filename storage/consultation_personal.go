package storage

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
)

// What consultations hold about one member, for consultation.Service's
// export and erasure.

func (s consultationStore) MemberRecords(ctx context.Context, member avenir.ID) (consultation.MemberRecords, error) {
	db := s.IDB(ctx)
	r := consultation.MemberRecords{Texts: []avenir.ID{}, Authorship: []consultation.Author{}, Amendments: []avenir.ID{}, Supports: []consultation.Support{}}
	if err := db.NewSelect().Table("avenir_consultation_texts").Column("id").Where("author_id = ?", member).
		OrderExpr("created_at, id").Scan(ctx, &r.Texts); err != nil {
		return r, translate(err)
	}
	var authors []authorRow
	if err := db.NewSelect().Model(&authors).ColumnExpr("au.*").ColumnExpr("m.display_name AS name").
		Join("JOIN avenir_members AS m ON m.id = au.member_id").Where("au.member_id = ?", member).
		OrderExpr("au.created_at, au.text_id").Scan(ctx); err != nil {
		return r, translate(err)
	}
	for _, a := range authors {
		r.Authorship = append(r.Authorship, consultation.Author{Text: a.Text, Member: a.Member, Name: a.Name, Accepted: a.Accepted, At: utc(a.CreatedAt)})
	}
	if err := db.NewSelect().Table("avenir_consultation_amendments").Column("id").Where("author_id = ?", member).
		OrderExpr("created_at, id").Scan(ctx, &r.Amendments); err != nil {
		return r, translate(err)
	}
	var supports []struct {
		Consultation avenir.ID `bun:"consultation_id"`
		Item         avenir.ID `bun:"item_id"`
		At           time.Time `bun:"created_at"`
	}
	if err := db.NewSelect().Table("avenir_consultation_supports").Column("consultation_id", "item_id", "created_at").
		Where("member_id = ?", member).OrderExpr("created_at, item_id").Scan(ctx, &supports); err != nil {
		return r, translate(err)
	}
	for _, sup := range supports {
		r.Supports = append(r.Supports, consultation.Support{Consultation: sup.Consultation, Item: sup.Item, At: utc(sup.At)})
	}
	return r, nil
}

func (s consultationStore) RemoveInvitations(ctx context.Context, member avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*authorRow)(nil)).Where("member_id = ?", member).Where("accepted = ?", false).Exec(ctx)
	return translate(err)
}
