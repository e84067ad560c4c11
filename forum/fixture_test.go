package forum_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

var start = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// notices is a Notifier that keeps what it is given.
type notices struct {
	mu   sync.Mutex
	sent []forum.Notice
}

func (n *notices) Notify(_ context.Context, x forum.Notice) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent = append(n.sent, x)
	return nil
}

func (n *notices) all() []forum.Notice {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]forum.Notice(nil), n.sent...)
}

// fixture is a Service on a fresh database with a manual clock, and an
// admin.
type fixture struct {
	db      *storage.DB
	svc     *forum.Service
	clock   *avenir.ManualClock
	notices *notices
	admin   avenir.Actor
}

func newFixture(t *testing.T, db *storage.DB, cfg ...func(*forum.Config)) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: avenir.NewManualClock(start), notices: &notices{}}
	c := forum.Config{Clock: f.clock, Notifier: f.notices, BaseURL: "https://example.org"}
	for _, fn := range cfg {
		fn(&c)
	}
	f.svc = forum.NewService(db.Forums(), c)
	f.admin = f.person(t, "Admin", avenir.StatusActive, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	return f
}

// person stores a member and returns their actor. The forum package reads
// grants and committees from the actor, never from the database.
func (f *fixture) person(t *testing.T, name string, status avenir.Status, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	now := f.clock.Now()
	m := membership.Member{ID: avenir.NewID(), Status: status, Profile: membership.Profile{DisplayName: name, Language: "fr"},
		CreatedAt: now, UpdatedAt: now}
	require.NoError(t, f.db.Members().CreateMember(context.Background(), m))
	return avenir.Actor{ID: m.ID, Status: status, Grants: grants}
}

func (f *fixture) forum(t *testing.T, title string, aud avenir.Audience, mode ...forum.Moderation) forum.Forum {
	t.Helper()
	in := forum.ForumInput{Title: title, Description: "Pour débattre.", Audience: aud}
	if len(mode) > 0 {
		in.Moderation = mode[0]
	}
	fo, err := f.svc.CreateForum(context.Background(), f.admin, in)
	require.NoError(t, err)
	return fo
}

func (f *fixture) start(t *testing.T, actor avenir.Actor, fo forum.Forum, title, body string) (forum.Thread, forum.Post) {
	t.Helper()
	th, p, err := f.svc.Start(context.Background(), actor, fo.ID, forum.Draft{Title: title, Body: body})
	require.NoError(t, err)
	return th, p
}

func (f *fixture) reply(t *testing.T, actor avenir.Actor, th forum.Thread, body string) forum.Post {
	t.Helper()
	p, err := f.svc.Reply(context.Background(), actor, th.ID, forum.Draft{Body: body})
	require.NoError(t, err)
	return p
}

// count counts the rows of a table.
func (f *fixture) count(t *testing.T, table string) int {
	t.Helper()
	n, err := f.db.Bun().NewSelect().TableExpr(table).Count(context.Background())
	require.NoError(t, err)
	return int(n)
}

func code(err error) avenir.Code { return avenir.ErrorCode(err) }

var avenirFrench = language.French
