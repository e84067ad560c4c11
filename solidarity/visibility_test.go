package solidarity_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestListAgreesWithSingleCheck writes an action in every status for every
// audience (and a cancelled one that was published) and checks, for every
// role, that the SQL list filter returns exactly the actions the
// single-object check lets the role read.
func TestListAgreesWithSingleCheck(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		authorM := f.member(t, avenir.StatusActive)
		lyonMember := f.newActor(t, avenir.StatusActive)
		_, err := f.committees.Join(ctx, lyonMember, f.lyon.ID)
		require.NoError(t, err)
		lyonMember = f.actor(t, f.member(t, avenir.StatusActive))
		_, err = f.committees.Join(ctx, lyonMember, f.lyon.ID)
		require.NoError(t, err)
		lyonMember, err = f.committees.Actor(ctx, avenir.Actor{ID: lyonMember.ID, Status: avenir.StatusActive})
		require.NoError(t, err)

		audiences := []avenir.Audience{avenir.Public, avenir.Registered, avenir.Members, avenir.CommitteeAudience(f.lyon.ID), avenir.Moderators}
		store := db.Solidarity()
		var all []avenir.ID
		label := map[avenir.ID]string{}
		for _, aud := range audiences {
			for _, st := range solidarity.Statuses {
				for _, published := range []bool{false, true} {
					if published && st != solidarity.StatusCancelled {
						continue
					}
					a := solidarity.Action{ID: avenir.NewID(), Kind: solidarity.Request, Category: "other", Title: string(st),
						Place: solidarity.Place{Commune: "69383"}, Department: "69", Committee: f.lyon.ID, Audience: aud,
						Status: st, Author: authorM.ID, CreatedAt: start, UpdatedAt: start}
					if published {
						a.PublishedAt = start
					}
					require.NoError(t, store.CreateAction(ctx, a))
					all = append(all, a.ID)
					label[a.ID] = fmt.Sprintf("%s/%s/published %v", aud, st, published)
				}
			}
		}
		roles := map[string]avenir.Actor{
			"anonymous":       avenir.Anonymous,
			"supporter":       f.newActor(t, avenir.StatusSupporter),
			"member":          f.newActor(t, avenir.StatusActive),
			"lyon member":     lyonMember,
			"lapsed":          f.newActor(t, avenir.StatusLapsed),
			"animator":        f.newActor(t, avenir.StatusActive, animatorOf(f.lyon)),
			"rhone animator":  f.newActor(t, avenir.StatusActive, animatorOf(f.rhone)),
			"network anim.":   f.newActor(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.NetworkScope()}),
			"moderator":       f.newActor(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()}),
			"forum moderator": f.newActor(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(avenir.NewID())}),
			"admin":           f.admin,
			"author":          f.actor(t, authorM),
		}
		for name, who := range roles {
			want := map[string]bool{}
			for _, id := range all {
				if _, err := f.svc.Action(ctx, who, id); err == nil {
					want[label[id]] = true
				} else {
					requireCode(t, err, avenir.CodeNotFound)
				}
			}
			got := map[string]bool{}
			page := avenir.PageRequest{Limit: 7}
			for {
				p, err := f.svc.Actions(ctx, who, solidarity.Query{Statuses: solidarity.Statuses}, page)
				require.NoError(t, err)
				for _, a := range p.Items {
					assert.False(t, got[label[a.ID]], "%s: listed twice", name)
					got[label[a.ID]] = true
				}
				if p.Next == "" {
					break
				}
				page.After = p.Next
			}
			assert.Equal(t, want, got, name)
			assert.NotEmpty(t, want, name)
		}
	})
}
