package main

// What stands for the host service: its users, its (toy) sign-in, and the
// forums it seeds on first start. In your service these are yours already;
// main.go is what to copy.

import (
	"context"
	"net/http"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// user is the host service's own user. Yours has more; Avenir needs an ID
// for it (keep one in your users table) and where it stands.
type user struct {
	Name      string
	AvenirID  avenir.ID
	Member    bool // a member in good standing reads members-only forums
	Moderator bool
}

// users stands for the host's user database; the toy sign-in below sets a
// cookie naming one of them.
var users = map[string]user{
	"alice": {"Alice", avenir.MustParseID("0192f0a0-0000-7000-8000-000000000001"), true, true},
	"bob":   {"Bob", avenir.MustParseID("0192f0a0-0000-7000-8000-000000000002"), true, false},
	"carol": {"Carol", avenir.MustParseID("0192f0a0-0000-7000-8000-000000000003"), false, false},
}

// signIn is the toy sign-in: /signin?as=alice sets a cookie naming the
// user. Anyone can set it: use your own sessions.
func signIn(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "user", Value: r.FormValue("as"), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/forums/", http.StatusSeeOther)
}

// setup gives each host user an Avenir member row (a post names its author
// from it) and seeds two forums and a thread on first start.
func setup(ctx context.Context, db *storage.DB, forums *forum.Service) error {
	for _, u := range users {
		m := membership.Member{ID: u.AvenirID, Status: u.actor().Status,
			Profile: membership.Profile{DisplayName: u.Name}, CreatedAt: time.Now()}
		if err := db.Members().CreateMember(ctx, m); err != nil && !avenir.IsCode(err, avenir.CodeConflict) {
			return err // a conflict is a row made by an earlier start
		}
	}
	// EnsureForum creates a forum once, however many times the program starts.
	welcome, err := forums.EnsureForum(ctx, forum.ForumInput{Slug: "welcome", Title: "Welcome", Audience: avenir.Public})
	if err != nil {
		return err
	}
	if _, err := forums.EnsureForum(ctx, forum.ForumInput{Slug: "members", Title: "Members only", Audience: avenir.Members}); err != nil {
		return err
	}
	page, err := forums.Threads(ctx, avenir.Anonymous, welcome.ID, avenir.PageRequest{})
	if err != nil || len(page.Items) > 0 {
		return err
	}
	_, _, err = forums.Start(ctx, users["alice"].actor(), welcome.ID, forum.Draft{Title: "Hello", Body: "Say **hello** below."})
	return err
}
