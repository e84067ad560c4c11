package forum_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
	"github.com/avenirnet/avenir/text"
)

// world is a network with a forum of every audience, threads in every state
// written by every role, and posts in every state in each.
type world struct {
	forums  []forum.Forum
	threads []forum.Thread
	posts   []forum.Post
	actors  []namedActor
}

type namedActor struct {
	name  string
	actor avenir.Actor
}

func buildWorld(t *testing.T, f *fixture) world {
	t.Helper()
	ctx := context.Background()
	committee, otherCommittee := avenir.NewID(), avenir.NewID()
	var w world
	for _, aud := range []avenir.Audience{avenir.Public, avenir.Registered, avenir.Members, avenir.CommitteeAudience(committee), avenir.Moderators} {
		w.forums = append(w.forums, f.forum(t, "Forum "+string(aud.Kind), aud))
	}
	committeeForum := w.forums[3]
	grant := func(role avenir.Role, scope avenir.Scope) avenir.Grant { return avenir.Grant{Role: role, Scope: scope} }
	with := func(a avenir.Actor, committees ...avenir.ID) avenir.Actor { a.Committees = committees; return a }
	w.actors = []namedActor{
		{"anonymous", avenir.Anonymous},
		{"applicant", f.person(t, "applicant", avenir.StatusApplicant)},
		{"supporter", f.person(t, "supporter", avenir.StatusSupporter)},
		{"active member", f.person(t, "active", avenir.StatusActive)},
		{"lapsed member", f.person(t, "lapsed", avenir.StatusLapsed)},
		{"suspended member", with(f.person(t, "suspended", avenir.StatusSuspended), committee)},
		{"committee member", with(f.person(t, "committee", avenir.StatusActive), committee)},
		{"member of another committee", with(f.person(t, "other committee", avenir.StatusActive), otherCommittee)},
		{"animator above", with(f.person(t, "animator", avenir.StatusActive,
			grant(avenir.RoleAnimator, avenir.CommitteeScope(otherCommittee)), grant(avenir.RoleAnimator, avenir.CommitteeScope(committee))), otherCommittee)},
		{"forum moderator", f.person(t, "forum moderator", avenir.StatusActive, grant(avenir.RoleModerator, avenir.ForumScope(committeeForum.ID)))},
		{"suspended forum moderator", f.person(t, "suspended moderator", avenir.StatusSuspended, grant(avenir.RoleModerator, avenir.ForumScope(committeeForum.ID)))},
		{"network moderator", f.person(t, "network moderator", avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope()))},
		{"admin", f.admin},
	}
	store := f.db.Forums()
	states := []forum.State{forum.Published, forum.Pending, forum.Hidden, forum.Deleted}
	require.NoError(t, f.db.InTx(ctx, func(ctx context.Context) error {
		for _, fo := range w.forums {
			for _, a := range w.actors {
				if a.actor.IsAnonymous() {
					continue
				}
				for _, ts := range states {
					now := f.clock.Advance(time.Second)
					th := forum.Thread{ID: avenir.NewID(), Forum: fo.ID, Author: a.actor.ID, Title: "Fil " + a.name, FirstPost: avenir.NewID(),
						State: ts, LastActivity: now, CreatedAt: now}
					require.NoError(t, store.CreateThread(ctx, th))
					for i, ps := range append([]forum.State{ts}, states...) {
						pos, err := store.NextPosition(ctx, th.ID)
						require.NoError(t, err)
						body := fmt.Sprintf("Fraternité numéro %d de %s", i, a.name)
						p := forum.Post{ID: avenir.NewID(), Thread: th.ID, Forum: fo.ID, Author: a.actor.ID, Position: pos,
							Body: body, HTML: text.Markdown(body), State: ps, CreatedAt: now}
						if i == 0 {
							p.ID = th.FirstPost
						}
						require.NoError(t, store.CreatePost(ctx, p, th.Title))
						w.posts = append(w.posts, p)
					}
					require.NoError(t, store.Recount(ctx, th.ID))
					w.threads = append(w.threads, th)
				}
			}
		}
		return nil
	}))
	return w
}

func (w world) forum(id avenir.ID) forum.Forum {
	for _, f := range w.forums {
		if f.ID == id {
			return f
		}
	}
	panic("no forum")
}

func (w world) thread(id avenir.ID) forum.Thread {
	for _, t := range w.threads {
		if t.ID == id {
			return t
		}
	}
	panic("no thread")
}

// TestListsAgreeWithCanRead holds every list and the search to the single
// checks: for every role, the forums, threads and posts listed or found are
// exactly those CanReadForum, CanReadThread and CanRead allow (search: the
// published ones among them).
func TestListsAgreeWithCanRead(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		w := buildWorld(t, f)
		all := avenir.PageRequest{Limit: avenir.MaxPageSize}
		for _, r := range w.actors {
			t.Run(r.name, func(t *testing.T) {
				a := r.actor
				var wantForums, gotForums []avenir.ID
				for _, fo := range w.forums {
					if forum.CanReadForum(a, fo) {
						wantForums = append(wantForums, fo.ID)
					}
				}
				list, err := f.svc.Forums(ctx, a)
				require.NoError(t, err)
				for _, fo := range list {
					gotForums = append(gotForums, fo.ID)
				}
				assert.ElementsMatch(t, wantForums, gotForums, "forums")

				for _, fo := range w.forums {
					var want, got []avenir.ID
					for _, th := range w.threads {
						if th.Forum == fo.ID && forum.CanReadThread(a, fo, th) {
							want = append(want, th.ID)
						}
					}
					page, err := f.svc.Threads(ctx, a, fo.ID, all)
					if !forum.CanReadForum(a, fo) {
						assert.Equal(t, avenir.CodeNotFound, code(err))
						continue
					}
					require.NoError(t, err)
					for _, th := range page.Items {
						got = append(got, th.ID)
					}
					assert.ElementsMatch(t, want, got, "threads of %s", fo.Title)
				}

				var wantPosts, wantHits, gotPosts, gotHits []avenir.ID
				for _, p := range w.posts {
					fo, th := w.forum(p.Forum), w.thread(p.Thread)
					if forum.CanRead(a, fo, th, p) {
						wantPosts = append(wantPosts, p.ID)
						if p.State == forum.Published && th.State == forum.Published {
							wantHits = append(wantHits, p.ID)
						}
					}
				}
				for _, author := range w.actors {
					if author.actor.IsAnonymous() {
						continue
					}
					for page := all; ; {
						got, err := f.svc.MemberPosts(ctx, a, author.actor.ID, page)
						require.NoError(t, err)
						for _, p := range got.Items {
							gotPosts = append(gotPosts, p.ID)
						}
						if page.After = got.Next; page.After == "" {
							break
						}
					}
				}
				assert.ElementsMatch(t, wantPosts, gotPosts, "a member's posts")

				// A thread's page, for the threads of one author.
				author := w.actors[3].actor
				for _, th := range w.threads {
					if th.Author != author.ID {
						continue
					}
					fo := w.forum(th.Forum)
					page, err := f.svc.Posts(ctx, a, th.ID, all)
					if !forum.CanReadThread(a, fo, th) {
						assert.Equal(t, avenir.CodeNotFound, code(err))
						continue
					}
					require.NoError(t, err)
					var want, got []avenir.ID
					for _, p := range w.posts {
						if p.Thread == th.ID && forum.CanRead(a, fo, th, p) {
							want = append(want, p.ID)
						}
					}
					for _, p := range page.Items {
						got = append(got, p.ID)
					}
					assert.ElementsMatch(t, want, got, "posts of %s in %s", th.Title, fo.Title)
				}

				for page := all; ; {
					hits, err := f.svc.Search(ctx, a, forum.SearchQuery{Text: "fraternite"}, page)
					require.NoError(t, err)
					for _, h := range hits.Items {
						gotHits = append(gotHits, h.Post)
					}
					if page.After = hits.Next; page.After == "" {
						break
					}
				}
				assert.ElementsMatch(t, wantHits, gotHits, "search")
				t.Logf("%d posts, %d hits", len(wantPosts), len(wantHits))
			})
		}
	})
}
