package committee_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestJoinAndTransfer(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.member(t, avenir.StatusApplicant)
		me := avenir.Actor{ID: m.ID, Status: m.Status}

		_, err := f.svc.Affiliation(ctx, me, m.ID)
		requireCode(t, err, avenir.CodeNotFound)
		a, err := f.svc.Join(ctx, me, f.lyon.ID)
		require.NoError(t, err)
		assert.Equal(t, f.lyon.ID, a.Committee)
		assert.True(t, a.From.IsZero())
		_, err = f.svc.Join(ctx, me, f.rhone.ID)
		requireCode(t, err, avenir.CodeConflict)

		// Another member, and the Ain's animator, may not move them.
		other := f.actor(t, f.member(t, avenir.StatusActive))
		_, err = f.svc.Transfer(ctx, other, m.ID, f.ain.ID, "")
		requireCode(t, err, avenir.CodeNotFound)
		ainAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.ain))
		_, err = f.svc.Transfer(ctx, ainAnimator, m.ID, f.ain.ID, "")
		requireCode(t, err, avenir.CodeNotFound)
		_, err = f.svc.Affiliation(ctx, other, m.ID)
		requireCode(t, err, avenir.CodeNotFound)

		// The member moves themself; then an animator over both moves them back.
		b, err := f.svc.Transfer(ctx, me, m.ID, f.ain.ID, "Déménagement à Bourg-en-Bresse")
		require.NoError(t, err)
		assert.Equal(t, f.lyon.ID, b.From)
		national := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.national))
		_, err = f.svc.Transfer(ctx, national, m.ID, f.lyon.ID, "Erreur de saisie")
		require.NoError(t, err)
		same, err := f.svc.Transfer(ctx, me, m.ID, f.lyon.ID, "")
		require.NoError(t, err, "a transfer to the same committee changes nothing")

		hist, err := f.svc.History(ctx, me, m.ID)
		require.NoError(t, err)
		require.Len(t, hist, 3)
		assert.Equal(t, []avenir.ID{f.lyon.ID, f.ain.ID, f.lyon.ID}, []avenir.ID{hist[0].Committee, hist[1].Committee, hist[2].Committee})
		assert.Equal(t, []avenir.ID{m.ID, m.ID, national.ID}, []avenir.ID{hist[0].By, hist[1].By, hist[2].By})
		assert.Equal(t, "Erreur de saisie", hist[2].Reason)
		assert.Equal(t, same, hist[2])
		assert.False(t, hist[0].Open())
		assert.True(t, hist[2].Open())
		assert.Equal(t, []string{"affiliation.joined", "affiliation.transferred", "affiliation.transferred"}, f.outbox(t, m.ID))

		// Bad input changes nothing.
		_, err = f.svc.Transfer(ctx, me, m.ID, avenir.NewID(), "")
		requireCode(t, err, avenir.CodeInvalid, "committee")
		long := string(make([]rune, committee.MaxReasonLen+1))
		_, err = f.svc.Transfer(ctx, me, m.ID, f.ain.ID, strings500(long))
		requireCode(t, err, avenir.CodeInvalid, "reason")
		supporter := f.member(t, avenir.StatusSupporter)
		_, err = f.svc.Join(ctx, avenir.Actor{ID: supporter.ID, Status: supporter.Status}, f.lyon.ID)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.Join(ctx, avenir.Anonymous, f.lyon.ID)
		requireCode(t, err, avenir.CodeUnauthenticated)
		after, err := f.svc.History(ctx, f.admin, m.ID)
		require.NoError(t, err)
		assert.Equal(t, hist, after)
	})
}

func strings500(s string) string {
	out := []rune(s)
	for i := range out {
		out[i] = 'x'
	}
	return string(out)
}

// TestOneOpenAffiliation races joins of one member: the unique partial
// index lets exactly one through.
func TestOneOpenAffiliation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.member(t, avenir.StatusActive)
		me := avenir.Actor{ID: m.ID, Status: m.Status}
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() {
				c := []committee.Committee{f.lyon, f.rhone, f.ain, f.national}[i%4]
				_, errs[i] = f.svc.Join(ctx, me, c.ID)
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				requireCode(t, err, avenir.CodeConflict)
			}
		}
		assert.Equal(t, 1, ok)
		hist, err := f.svc.History(ctx, me, m.ID)
		require.NoError(t, err)
		assert.Len(t, hist, 1)

		// The store itself refuses a second open affiliation.
		err = db.Committees().AddAffiliation(ctx, committee.Affiliation{ID: avenir.NewID(), Member: m.ID, Committee: f.ain.ID, StartedAt: f.clock.Now()})
		requireCode(t, err, avenir.CodeConflict)
	})
}

func TestFollow(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		s := f.member(t, avenir.StatusSupporter)
		me := avenir.Actor{ID: s.ID, Status: s.Status}
		require.NoError(t, f.svc.Follow(ctx, me, f.lyon.ID))
		require.NoError(t, f.svc.Follow(ctx, me, f.lyon.ID), "following again changes nothing")
		require.NoError(t, f.svc.Follow(ctx, me, f.abroad.ID))
		got, err := f.svc.Following(ctx, me)
		require.NoError(t, err)
		assert.ElementsMatch(t, []avenir.ID{f.lyon.ID, f.abroad.ID}, ids(got))
		require.NoError(t, f.svc.Unfollow(ctx, me, f.lyon.ID))
		got, err = f.svc.Following(ctx, me)
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.abroad.ID}, ids(got))
		requireCode(t, f.svc.Follow(ctx, avenir.Anonymous, f.lyon.ID), avenir.CodeUnauthenticated)
		requireCode(t, f.svc.Follow(ctx, me, avenir.NewID()), avenir.CodeNotFound)
	})
}

func TestCounts(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for _, st := range []avenir.Status{avenir.StatusActive, avenir.StatusActive, avenir.StatusGrace, avenir.StatusLapsed, avenir.StatusSuspended} {
			f.joined(t, f.lyon, st)
		}
		f.joined(t, f.rhone, avenir.StatusActive)
		f.joined(t, f.abroad, avenir.StatusActive)
		viewer := f.actor(t, f.member(t, avenir.StatusActive))
		counts, err := f.svc.Counts(ctx, viewer)
		require.NoError(t, err)
		assert.Equal(t, committee.Count{Members: 3, Total: 3}, counts[f.lyon.ID], "members in good standing only")
		assert.Equal(t, committee.Count{Members: 1, Total: 4}, counts[f.rhone.ID])
		assert.Equal(t, committee.Count{Members: 0, Total: 5}, counts[f.national.ID])
		assert.Equal(t, committee.Count{}, counts[f.ain.ID])

		_, err = f.svc.Counts(ctx, avenir.Anonymous)
		requireCode(t, err, avenir.CodeUnauthenticated)
		supporter := f.member(t, avenir.StatusSupporter)
		_, err = f.svc.Counts(ctx, avenir.Actor{ID: supporter.ID, Status: supporter.Status})
		requireCode(t, err, avenir.CodeForbidden)
	})
}

// TestMembers checks who may list a committee's members, and that the list
// agrees with the rule: each member listed is in the committee's subtree
// (for animators) or in the committee (for fellows), in good standing, and
// shows contact details only where the member consented.
func TestMembers(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		_, err := f.svc.Update(ctx, f.admin, f.lyon.ID, committee.Draft{Name: f.lyon.Name, Territory: f.lyon.Territory, MembersVisible: true})
		require.NoError(t, err)

		sharing := f.joined(t, f.lyon, avenir.StatusActive)
		_, err = f.members.SetConsent(ctx, avenir.Actor{ID: sharing.ID, Status: sharing.Status}, membership.ConsentShareContact, true, membership.SourceForm)
		require.NoError(t, err)
		private := f.joined(t, f.lyon, avenir.StatusActive)
		f.joined(t, f.lyon, avenir.StatusLapsed) // not listed
		inRhone := f.joined(t, f.rhone, avenir.StatusActive)
		inAin := f.joined(t, f.ain, avenir.StatusActive)

		fellow := f.actor(t, private)
		rhoneAnimator := f.actor(t, inRhone, animatorOf(f.rhone))
		lyonAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.lyon))
		ainMember := f.actor(t, inAin)
		outsider := f.actor(t, f.member(t, avenir.StatusActive))

		type want struct {
			members []avenir.ID
			contact []avenir.ID // whose email and phone are shown
		}
		tests := []struct {
			name      string
			actor     avenir.Actor
			committee committee.Committee
			want      *want // nil: not_found
		}{
			{"the federation's animator, on the federation (their own contact included)", rhoneAnimator, f.rhone, &want{[]avenir.ID{sharing.ID, private.ID, inRhone.ID}, []avenir.ID{sharing.ID, inRhone.ID}}},
			{"the federation's animator, on a local committee below", rhoneAnimator, f.lyon, &want{[]avenir.ID{sharing.ID, private.ID}, []avenir.ID{sharing.ID}}},
			{"the local animator", lyonAnimator, f.lyon, &want{[]avenir.ID{sharing.ID, private.ID}, []avenir.ID{sharing.ID}}},
			{"the local animator, on the federation above", lyonAnimator, f.rhone, nil},
			{"a fellow member, the list shown", fellow, f.lyon, &want{[]avenir.ID{sharing.ID, private.ID}, nil}},
			{"a member of another committee", ainMember, f.lyon, nil},
			{"a member, on a committee that hides its list", ainMember, f.ain, nil},
			{"an outsider", outsider, f.lyon, nil},
			{"anonymous", avenir.Anonymous, f.lyon, nil},
			{"an admin", f.admin, f.national, &want{[]avenir.ID{sharing.ID, private.ID, inRhone.ID, inAin.ID}, []avenir.ID{sharing.ID, private.ID, inRhone.ID, inAin.ID}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, err := f.svc.Members(ctx, tt.actor, tt.committee.ID, avenir.PageRequest{})
				if tt.want == nil {
					requireCode(t, err, avenir.CodeNotFound)
					return
				}
				require.NoError(t, err)
				var got, contact []avenir.ID
				for _, e := range page.Items {
					got = append(got, e.Member.ID)
					assert.NotEmpty(t, e.Member.DisplayName)
					if e.Member.Email != "" || e.Member.Phone != "" {
						contact = append(contact, e.Member.ID)
					}
					assert.Empty(t, e.Member.Status, "the status is never listed")
				}
				assert.ElementsMatch(t, tt.want.members, got)
				assert.ElementsMatch(t, tt.want.contact, contact)
			})
		}

		// Each contact shown was audited, and nothing else.
		accesses, err := db.Members().Accesses(ctx, sharing.ID)
		require.NoError(t, err)
		viewers := map[avenir.ID]int{}
		for _, a := range accesses {
			assert.Equal(t, "committee", a.What)
			viewers[a.Viewer]++
		}
		assert.Equal(t, map[avenir.ID]int{rhoneAnimator.ID: 2, lyonAnimator.ID: 1, f.admin.ID: 1}, viewers)
		accesses, err = db.Members().Accesses(ctx, private.ID)
		require.NoError(t, err)
		assert.Len(t, accesses, 1, "only the admin saw their contact")
	})
}

func TestMembersPagination(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		var want []avenir.ID
		for range 7 {
			want = append(want, f.joined(t, f.lyon, avenir.StatusActive).ID)
		}
		var got []avenir.ID
		page := avenir.PageRequest{Limit: 3}
		for {
			p, err := f.svc.Members(ctx, f.admin, f.rhone.ID, page)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(p.Items), 3)
			for _, e := range p.Items {
				got = append(got, e.Member.ID)
			}
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		assert.ElementsMatch(t, want, got)
		assert.Len(t, slices.Compact(slices.Clone(got)), 7)
		_, err := f.svc.Members(ctx, f.admin, f.rhone.ID, avenir.PageRequest{After: "bogus"})
		requireCode(t, err, avenir.CodeInvalid, "cursor")
	})
}
