package storage

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
)

// participationSQL lists (member, time) of each contribution, amendment
// and support of a consultation; its three ? are the consultation.
const participationSQL = `SELECT author_id AS member_id, created_at AS at FROM avenir_consultation_texts
 WHERE consultation_id = ? AND kind = 'contribution'
UNION ALL SELECT author_id, created_at FROM avenir_consultation_amendments WHERE consultation_id = ?
UNION ALL SELECT member_id, created_at FROM avenir_consultation_supports WHERE consultation_id = ?`

func (s consultationStore) Stats(ctx context.Context, cid avenir.ID) (consultation.Stats, error) {
	db := s.IDB(ctx)
	var st consultation.Stats
	err := db.NewRaw(`SELECT
 (SELECT count(*) FROM avenir_consultation_texts WHERE consultation_id = ? AND kind = 'contribution'),
 (SELECT count(*) FROM avenir_consultation_amendments WHERE consultation_id = ?),
 (SELECT count(*) FROM avenir_consultation_amendments WHERE consultation_id = ? AND state IN ('accepted', 'merged')),
 (SELECT count(*) FROM avenir_consultation_supports WHERE consultation_id = ?),
 (SELECT count(DISTINCT p.member_id) FROM (`+participationSQL+`) AS p)`,
		cid, cid, cid, cid, cid, cid, cid).Scan(ctx, &st.Contributions, &st.Amendments, &st.Accepted, &st.Supports, &st.Participants)
	if err != nil {
		return st, translate(err)
	}
	var rows []struct {
		Committee avenir.ID `bun:"committee_id,nullzero"`
		Name      string    `bun:"name"`
		N         int       `bun:"n"`
	}
	err = db.NewRaw(`SELECT a.committee_id, COALESCE(c.name, '') AS name, count(DISTINCT p.member_id) AS n
FROM (`+participationSQL+`) AS p
LEFT JOIN avenir_affiliations AS a ON a.member_id = p.member_id AND a.started_at <= p.at AND (a.ended_at IS NULL OR a.ended_at > p.at)
LEFT JOIN avenir_committees AS c ON c.id = a.committee_id
GROUP BY a.committee_id, c.name ORDER BY n DESC, name`, cid, cid, cid).Scan(ctx, &rows)
	if err != nil {
		return st, translate(err)
	}
	st.ByCommittee = make([]consultation.CommitteeCount, len(rows))
	for i, r := range rows {
		st.ByCommittee[i] = consultation.CommitteeCount{Committee: r.Committee, Name: r.Name, Participants: r.N}
	}
	return st, nil
}
