package consultation_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestPermissions checks the three rules for every kind of actor against
// every audience a consultation may have, then the list filter against the
// single check, on both databases.
func TestPermissions(t *testing.T) {
	drafter := avenir.NewID()
	admin := avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}
	moderator := avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()}
	actors := map[string]avenir.Actor{
		"anonymous":      avenir.Anonymous,
		"supporter":      {ID: avenir.NewID(), Status: avenir.StatusSupporter},
		"applicant":      {ID: avenir.NewID(), Status: avenir.StatusApplicant},
		"member":         {ID: avenir.NewID(), Status: avenir.StatusActive},
		"grace":          {ID: avenir.NewID(), Status: avenir.StatusGrace},
		"lapsed":         {ID: avenir.NewID(), Status: avenir.StatusLapsed},
		"suspended":      {ID: avenir.NewID(), Status: avenir.StatusSuspended},
		"moderator":      {ID: avenir.NewID(), Status: avenir.StatusActive, Grants: []avenir.Grant{moderator}},
		"admin":          {ID: avenir.NewID(), Status: avenir.StatusActive, Grants: []avenir.Grant{admin}},
		"drafter":        {ID: drafter, Status: avenir.StatusActive},
		"lapsed drafter": {ID: drafter, Status: avenir.StatusLapsed},
	}
	// read, take part, draft — for each audience.
	type rights struct{ read, part, draft bool }
	want := map[avenir.AudienceKind]map[string]rights{
		avenir.AudiencePublic: {
			"anonymous": {true, false, false}, "supporter": {true, false, false}, "applicant": {true, false, false},
			"member": {true, true, false}, "grace": {true, true, false}, "lapsed": {true, false, false}, "suspended": {true, false, false},
			"moderator": {true, true, false}, "admin": {true, true, true}, "drafter": {true, true, true}, "lapsed drafter": {true, false, false}},
		avenir.AudienceRegistered: {
			"anonymous": {false, false, false}, "supporter": {true, false, false}, "applicant": {true, false, false},
			"member": {true, true, false}, "grace": {true, true, false}, "lapsed": {true, false, false}, "suspended": {false, false, false},
			"moderator": {true, true, false}, "admin": {true, true, true}, "drafter": {true, true, true}, "lapsed drafter": {true, false, false}},
		avenir.AudienceMembers: {
			"anonymous": {false, false, false}, "supporter": {false, false, false}, "applicant": {false, false, false},
			"member": {true, true, false}, "grace": {true, true, false}, "lapsed": {false, false, false}, "suspended": {false, false, false},
			"moderator": {true, true, false}, "admin": {true, true, true}, "drafter": {true, true, true}, "lapsed drafter": {false, false, false}},
	}
	for kind, byActor := range want {
		c := consultation.Consultation{Audience: avenir.Audience{Kind: kind}, Drafters: []avenir.ID{drafter}}
		for name, a := range actors {
			w := byActor[name]
			assert.Equal(t, w.read, consultation.CanRead(a, c), "%s reads a %s consultation", name, kind)
			assert.Equal(t, w.part, consultation.CanTakePart(a, c), "%s takes part in a %s consultation", name, kind)
			assert.Equal(t, w.draft, consultation.CanDraft(a, c), "%s drafts a %s consultation", name, kind)
		}
	}

	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		var ids []avenir.ID
		for _, aud := range []avenir.Audience{avenir.Public, avenir.Registered, avenir.Members} {
			fo, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Thème " + string(aud.Kind), Audience: aud})
			require.NoError(t, err)
			c, err := f.svc.Create(ctx, f.admin, consultation.Input{Title: "Consultation " + string(aud.Kind), Forum: fo.ID})
			require.NoError(t, err)
			ids = append(ids, c.ID)
		}
		for name, a := range actors {
			list, err := f.svc.List(ctx, a)
			require.NoError(t, err)
			listed := map[avenir.ID]bool{}
			for _, c := range list {
				listed[c.ID] = true
			}
			for _, id := range ids {
				_, err := f.svc.Get(ctx, a, id)
				assert.Equal(t, err == nil, listed[id], "%s: the list and the single check agree", name)
				if err != nil {
					assert.Equal(t, avenir.CodeNotFound, code(err))
				}
			}
		}
	})
}
