package storage

import (
	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
)

// whereVisible restricts q to the rows whose audience, stored in the columns
// kindCol and scopeCol, the visibility allows. It is the SQL twin of
// avenir.Visibility.Allows, and the tests hold the two to the same answers:
// lists, searches, counts and feeds filter inside the query with it, so that
// nothing reaches an actor who may not see it.
func whereVisible(q *bun.SelectQuery, v avenir.Visibility, kindCol, scopeCol string) *bun.SelectQuery {
	if v.All {
		return q
	}
	kind, scope := bun.Ident(kindCol), bun.Ident(scopeCol)
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("? IN (?)", kind, bun.List(v.Kinds))
		if len(v.Committees) > 0 {
			q = q.WhereOr("(? = ? AND ? IN (?))", kind, avenir.AudienceCommittee, scope, bun.List(v.Committees))
		}
		if len(v.Forums) > 0 {
			q = q.WhereOr("(? = ? AND ? IN (?))", kind, avenir.AudienceModerators, scope, bun.List(v.Forums))
		}
		return q
	})
}
