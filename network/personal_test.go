package network_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// everywhere gives a member data in every domain and returns what is
// personal in it (to be gone after erasure) and what is public (to stay).
type everywhere struct {
	member          membership.Member
	personal        []string
	public          []string
	thread          forum.Thread
	contribution    consultation.Text
	supportedByThem forum.Post
}

func newEverywhere(t *testing.T, f *fixture) everywhere {
	t.Helper()
	ctx := context.Background()
	w := everywhere{
		personal: []string{"helene.zeller@example.org", "Hélène Zeller", "Zézette", "+33698765432", "12 rue des Lilas",
			"brouillon caché de Zézette", "message masqué de Zézette", "signalement de Zézette", "appel de Zézette",
			"besoin intime de Zézette", "en attente de Zézette", "message privé de Zézette"},
		public: []string{"Pour des pistes cyclables partout", "Le rail partout", "Rouvrir les petites lignes"},
	}
	now := f.clock.Now()
	w.member = membership.Member{ID: avenir.NewID(), Email: w.personal[0], Status: avenir.StatusActive, CreatedAt: now, UpdatedAt: now,
		JoinedAt: now, ExpiresAt: now.AddDate(1, 0, 0),
		Profile: membership.Profile{DisplayName: w.personal[2], FullName: w.personal[1], Phone: w.personal[3],
			Address: membership.Address{Line: w.personal[4], PostalCode: "69003", Country: "FR"}, Language: "fr"}}
	require.NoError(t, f.db.Members().CreateMember(ctx, w.member))
	id := w.member.ID

	// Committees: an affiliation and a follow.
	_, err := f.net.Committees.Join(ctx, avenir.Actor{ID: id, Status: avenir.StatusActive}, f.lyon.ID)
	require.NoError(t, err)
	require.NoError(t, f.net.Committees.Follow(ctx, f.actor(t, id), f.rhone.ID))
	me := f.actor(t, id)

	// Forums: a public thread they started, an edit (a revision), a reply
	// hidden by a moderator and appealed, a pending reply, a flag, a
	// support and a watch.
	fo, err := f.net.Forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Transports", Audience: avenir.Public})
	require.NoError(t, err)
	th, first, err := f.net.Forums.Start(ctx, me, fo.ID, forum.Draft{Title: "Vélo", Body: w.personal[5]})
	require.NoError(t, err)
	_, err = f.net.Forums.Edit(ctx, me, first.ID, forum.Draft{Title: "Vélo", Body: w.public[0]})
	require.NoError(t, err)
	hidden, err := f.net.Forums.Reply(ctx, me, th.ID, forum.Draft{Body: w.personal[6]})
	require.NoError(t, err)
	d, err := f.net.Forums.Decide(ctx, f.admin, hidden.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonPersonalData, Text: "Données personnelles."})
	require.NoError(t, err)
	_, err = f.net.Forums.Appeal(ctx, me, d.ID, w.personal[8])
	require.NoError(t, err)
	other := f.member(t, avenir.StatusActive)
	theirs, err := f.net.Forums.Reply(ctx, f.actor(t, other.ID), th.ID, forum.Draft{Body: "Une réponse d’un autre membre."})
	require.NoError(t, err)
	require.NoError(t, f.net.Forums.Flag(ctx, me, theirs.ID, forum.FlagInput{Reason: forum.ReasonOffTopic, Text: w.personal[7]}))
	w.supportedByThem, err = f.net.Forums.Support(ctx, me, theirs.ID)
	require.NoError(t, err)
	require.Equal(t, 1, w.supportedByThem.Supports)
	require.NoError(t, f.net.Forums.Watch(ctx, me, th.ID))
	w.thread = th

	// Consultations: a contribution (public) and, in the supports phase, a
	// support.
	c, err := f.net.Consultations.Create(ctx, f.admin, consultation.Input{Title: "Combattre et proposer", Forum: fo.ID})
	require.NoError(t, err)
	c, err = f.net.Consultations.Advance(ctx, f.admin, c.ID) // contributions
	require.NoError(t, err)
	w.contribution, err = f.net.Consultations.Contribute(ctx, me, c.ID, consultation.Draft{Title: w.public[1],
		Sections: []consultation.SectionInput{{Body: w.public[2]}}})
	require.NoError(t, err)
	_, err = f.net.Consultations.Advance(ctx, f.admin, c.ID) // amendments
	require.NoError(t, err)
	_, err = f.net.Consultations.Advance(ctx, f.admin, c.ID) // supports
	require.NoError(t, err)
	require.NoError(t, f.net.Consultations.Support(ctx, me, w.contribution.ID))

	// Solidarity: a request for help that tells much about them.
	_, err = f.net.Solidarity.Propose(ctx, me, solidarity.Draft{Kind: solidarity.Request, Category: "transport", Title: "Aller à l’hôpital",
		Description: w.personal[9], Place: solidarity.Place{Commune: "69383"}})
	require.NoError(t, err)

	// A reply still waiting for approval, in a pre-moderated forum.
	pre, err := f.net.Forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Modéré", Audience: avenir.Public, Moderation: forum.PreModeration})
	require.NoError(t, err)
	_, pending, err := f.net.Forums.Start(ctx, me, pre.ID, forum.Draft{Title: "Question", Body: w.personal[10]})
	require.NoError(t, err)
	require.Equal(t, forum.Pending, pending.State)

	// The social layer: they follow the other member and write to them in
	// private; the other's reply in the watched thread becomes their
	// notification once the relay has run.
	require.NoError(t, f.net.Follows.Follow(ctx, me, network.Target{Kind: network.FollowMember, ID: other.ID}))
	_, _, err = f.net.Conversations.Start(ctx, me, network.ConversationDraft{With: []avenir.ID{other.ID}, Body: w.personal[11]})
	require.NoError(t, err)
	_, err = f.net.Forums.Reply(ctx, f.actor(t, other.ID), th.ID, forum.Draft{Body: "Une seconde réponse, qui leur est notifiée."})
	require.NoError(t, err)
	_, err = f.net.Relay.RunOnce(ctx)
	require.NoError(t, err)
	notes, err := f.net.Notifications.List(ctx, me, false, avenir.PageRequest{})
	require.NoError(t, err)
	require.NotEmpty(t, notes.Items, "the relay wired by New notified the watcher")
	return w
}

func TestExportMember(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		w := newEverywhere(t, f)
		me := f.actor(t, w.member.ID)

		x, err := f.net.ExportMember(ctx, me, w.member.ID)
		require.NoError(t, err)
		doc, err := json.Marshal(x)
		require.NoError(t, err)
		for _, s := range append(w.personal, w.public...) {
			assert.Contains(t, string(doc), s, "the export holds %q", s)
		}
		for _, section := range []string{"committee", "forum", "consultation", "solidarity", "audit", "follows", "conversations", "notifications"} {
			assert.Contains(t, x.Sections, section)
		}
		fd := x.Sections["forum"].(forum.MemberData)
		assert.Len(t, fd.Posts, 4, "three in the forums, and the contribution's opening post")
		assert.Len(t, fd.Revisions, 1)
		assert.Equal(t, []avenir.ID{w.supportedByThem.ID}, fd.Supports)
		assert.Contains(t, fd.Watching, w.thread.ID)
		require.Len(t, fd.Decisions, 1)
		cd := x.Sections["consultation"].(consultation.MemberData)
		require.Len(t, cd.Texts, 1)
		assert.Equal(t, w.contribution.ID, cd.Texts[0].ID)
		require.Len(t, cd.Supports, 1)
		assert.NotContains(t, string(doc), "ballot")

		// Another member may not; an admin may, and both exports are audited.
		other := f.member(t, avenir.StatusActive)
		_, err = f.net.ExportMember(ctx, f.actor(t, other.ID), w.member.ID)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
		_, err = f.net.ExportMember(ctx, f.admin, w.member.ID)
		require.NoError(t, err)
		exports := auditLog(t, f, f.admin, network.AuditFilter{Member: w.member.ID, Kinds: []network.AuditKind{network.AuditExport}})
		require.Len(t, exports, 2)
		assert.Equal(t, f.admin.ID, exports[0].Actor)
		assert.Equal(t, w.member.ID, exports[1].Actor)
	})
}

func TestEraseMemberLeavesNoPersonalData(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		w := newEverywhere(t, f)
		before := storagetest.Dump(t, db)
		for _, s := range append(w.personal, w.public...) {
			require.Contains(t, before, strings.ToLower(s), "the dump sees %q before erasure", s)
		}

		proof, err := f.net.EraseMember(ctx, f.actor(t, w.member.ID), w.member.ID)
		require.NoError(t, err)
		assert.Equal(t, w.member.ID, proof.Member)

		after := storagetest.Dump(t, db)
		for _, s := range w.personal {
			for _, line := range strings.Split(after, "\n") {
				if strings.Contains(line, strings.ToLower(s)) {
					t.Errorf("%q survived erasure in %q", s, line)
				}
			}
		}
		for _, s := range w.public {
			assert.Contains(t, after, strings.ToLower(s), "the public contribution %q stays", s)
		}

		// The thread still reads, its first post shown as a former member's.
		reader := f.actor(t, f.member(t, avenir.StatusActive).ID)
		posts, err := f.net.Forums.Posts(ctx, reader, w.thread.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.NotEmpty(t, posts.Items)
		assert.Equal(t, w.public[0], strings.TrimSpace(posts.Items[0].Body))
		assert.Empty(t, posts.Items[0].AuthorName, "shown as a former member")
		theirs, err := f.net.Forums.Post(ctx, reader, w.supportedByThem.ID)
		require.NoError(t, err)
		assert.Equal(t, 0, theirs.Supports, "the support was withdrawn")
		text, err := f.net.Consultations.Text(ctx, reader, w.contribution.ID)
		require.NoError(t, err)
		assert.Equal(t, w.public[1], text.Title)
		assert.Equal(t, 0, text.Supports, "a support in the supports phase is withdrawn")

		// The erasure is audited and proven; a second one is refused.
		erasures := auditLog(t, f, f.admin, network.AuditFilter{Member: w.member.ID, Kinds: []network.AuditKind{network.AuditErasure}})
		require.Len(t, erasures, 1)
		assert.JSONEq(t, `{"proof":"`+proof.ID.String()+`"}`, string(erasures[0].Details))
		_, err = f.net.EraseMember(ctx, f.admin, w.member.ID)
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err))
	})
}

func TestEraseMemberIsPrivateAndAtomic(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		a := f.member(t, avenir.StatusActive)
		b := f.member(t, avenir.StatusActive)
		_, err := f.net.EraseMember(ctx, f.actor(t, b.ID), a.ID)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
		m, err := db.Members().Member(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, a.Email, m.Email, "nothing changed")
		assert.Empty(t, auditLog(t, f, f.admin, network.AuditFilter{Member: a.ID, Kinds: []network.AuditKind{network.AuditErasure}}))
	})
}
