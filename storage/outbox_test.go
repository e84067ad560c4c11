package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestEventsFilterAgreesWithAudienceAllows holds the SQL filter of a list to
// the pure rule: for every actor, the events listed are exactly those whose
// audience allows the actor.
func TestEventsFilterAgreesWithAudienceAllows(t *testing.T) {
	committeeA, committeeB := avenir.NewID(), avenir.NewID()
	forumF, forumG := avenir.NewID(), avenir.NewID()
	audiences := []avenir.Audience{
		avenir.Public, avenir.Registered, avenir.Members, avenir.Moderators,
		avenir.CommitteeAudience(committeeA), avenir.CommitteeAudience(committeeB),
		avenir.ForumModerators(forumF), avenir.ForumModerators(forumG),
	}
	member := func(status avenir.Status, grants ...avenir.Grant) avenir.Actor {
		return avenir.Actor{ID: avenir.NewID(), Status: status, Grants: grants}
	}
	inA := member(avenir.StatusActive)
	inA.Committees = []avenir.ID{committeeA}
	actors := map[string]avenir.Actor{
		"anonymous":          avenir.Anonymous,
		"supporter":          member(avenir.StatusSupporter),
		"suspended":          member(avenir.StatusSuspended),
		"active":             member(avenir.StatusActive),
		"lapsed":             member(avenir.StatusLapsed),
		"member of A":        inA,
		"animator of A":      member(avenir.StatusActive, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeA)}),
		"moderator of F":     member(avenir.StatusGrace, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumF)}),
		"network moderator":  member(avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()}),
		"admin":              member(avenir.StatusActive, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}),
		"lapsed admin":       member(avenir.StatusLapsed, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}),
		"suspended animator": member(avenir.StatusSuspended, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeA)}),
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		for _, aud := range audiences {
			e, err := avenir.NewEvent(avenir.SystemClock, "thing.happened", avenir.NewID(), avenir.NewID(), aud, nil)
			require.NoError(t, err)
			e.Type = aud.String() // to recognise it when listed
			require.NoError(t, db.Record(ctx, e))
		}
		for name, actor := range actors {
			t.Run(name, func(t *testing.T) {
				var want []string
				for _, aud := range audiences {
					if aud.Allows(actor) {
						want = append(want, aud.String())
					}
				}
				page, err := db.Events(ctx, actor, avenir.PageRequest{Limit: avenir.MaxPageSize})
				require.NoError(t, err)
				var got []string
				for _, e := range page.Items {
					got = append(got, e.Type)
				}
				assert.ElementsMatch(t, want, got)
			})
		}
	})
}

func TestEventsRoundTripAndPages(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(time.Date(2026, 11, 24, 9, 30, 0, 123456000, time.FixedZone("Paris", 3600)))
		var recorded []avenir.Event
		for i := range 7 {
			e, err := avenir.NewEvent(clock, "member.joined", avenir.NewID(), avenir.NewID(), avenir.Public, map[string]int{"i": i})
			require.NoError(t, err)
			recorded = append(recorded, e)
			clock.Advance(time.Second)
		}
		require.NoError(t, db.InTx(ctx, func(ctx context.Context) error { return db.Record(ctx, recorded...) }))

		var listed []avenir.Event
		page := avenir.PageRequest{Limit: 3}
		for pages := 0; ; pages++ {
			require.Less(t, pages, 4, "three pages at most")
			p, err := db.Events(ctx, avenir.Anonymous, page)
			require.NoError(t, err)
			listed = append(listed, p.Items...)
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		require.Len(t, listed, len(recorded))
		for i := range recorded {
			want, got := recorded[i], listed[i]
			assert.Equal(t, want.ID, got.ID)
			assert.Equal(t, want.Subject, got.Subject)
			assert.Equal(t, want.Actor, got.Actor)
			assert.Equal(t, want.Audience, got.Audience)
			assert.JSONEq(t, string(want.Payload), string(got.Payload))
			assert.True(t, want.OccurredAt.Equal(got.OccurredAt), "time %v read back as %v", want.OccurredAt, got.OccurredAt)
			assert.Equal(t, time.UTC, got.OccurredAt.Location())
		}

		for _, bad := range []avenir.PageRequest{{After: "garbage"}, {After: listed[0].ID.String()}, {Limit: -1}, {Limit: avenir.MaxPageSize + 1}} {
			_, err := db.Events(ctx, avenir.Anonymous, bad)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%+v", bad)
		}
	})
}

func TestRecordRejectsIncompleteEvents(t *testing.T) {
	db := storagetest.SQLite(t)
	good := newEvent(t, "a.done")
	tests := map[string]func(e *avenir.Event){
		"no id":       func(e *avenir.Event) { e.ID = avenir.ID{} },
		"no type":     func(e *avenir.Event) { e.Type = "" },
		"no time":     func(e *avenir.Event) { e.OccurredAt = time.Time{} },
		"no audience": func(e *avenir.Event) { e.Audience = avenir.Audience{} },
		"scoped public": func(e *avenir.Event) {
			e.Audience = avenir.Audience{Kind: avenir.AudiencePublic, Scope: avenir.NewID()}
		},
		"unscoped group": func(e *avenir.Event) { e.Audience = avenir.Audience{Kind: avenir.AudienceCommittee} },
	}
	for name, spoil := range tests {
		t.Run(name, func(t *testing.T) {
			e := good
			e.ID = avenir.NewID()
			spoil(&e)
			err := db.Record(context.Background(), newEvent(t, "first.ok"), e)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
		})
	}
	assert.Zero(t, countEvents(t, db), "a rejected batch writes nothing")
}
