// Command embed mounts one Avenir capability, the forums, inside an existing
// net/http service that has its own users and its own sign-in. It is the
// pattern to copy: open the storage, build the one service you need, turn
// your user into an avenir.Actor on each request, call the service. See
// README.md beside this file and docs/embedding.md.
package main

import (
	"context"
	"errors"
	"flag"
	"html/template"
	"log"
	"net"
	"net/http"
	"time"

	"golang.org/x/text/language"

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

// actor maps a host user to an Avenir actor: a member is active, a
// moderator holds the network's moderator grant, anyone else signed in is
// a supporter.
func (u user) actor() avenir.Actor {
	a := avenir.Actor{ID: u.AvenirID, Status: avenir.StatusSupporter}
	if u.Member {
		a.Status = avenir.StatusActive
	}
	if u.Moderator {
		a.Grants = []avenir.Grant{{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()}}
	}
	return a
}

// actor is the actor of the request: its signed-in user's, or
// avenir.Anonymous for a visitor.
func actor(r *http.Request) avenir.Actor {
	if c, err := r.Cookie("user"); err == nil {
		if u, ok := users[c.Value]; ok {
			return u.actor()
		}
	}
	return avenir.Anonymous
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

// mountForums adds the forum pages under /forums/ of the host's mux.
func mountForums(mux *http.ServeMux, forums *forum.Service) {
	mux.HandleFunc("GET /forums/{$}", func(w http.ResponseWriter, r *http.Request) {
		list, err := forums.Forums(r.Context(), actor(r)) // only the forums this actor may read
		render(w, err, `{{range .}}<p><a href="/forums/{{.Slug}}">{{.Title}}</a></p>{{end}}`, list)
	})
	mux.HandleFunc("GET /forums/{slug}", func(w http.ResponseWriter, r *http.Request) {
		f, err := forums.ForumBySlug(r.Context(), actor(r), r.PathValue("slug")) // not_found when unreadable
		if err != nil {
			render(w, err, "", nil)
			return
		}
		page, err := forums.Threads(r.Context(), actor(r), f.ID, avenir.PageRequest{})
		render(w, err, `{{range .Items}}<p><a href="/forums/t/{{.ID}}">{{.Title}}</a> ({{.Replies}})</p>{{end}}`, page)
	})
	mux.HandleFunc("GET /forums/t/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := avenir.ParseID(r.PathValue("id"))
		var page avenir.Page[forum.Post]
		if err == nil {
			page, err = forums.Posts(r.Context(), actor(r), id, avenir.PageRequest{})
		}
		render(w, err, `{{range .Items}}<article><b>{{.AuthorName}}</b> {{.HTML}}</article>{{end}}
<form method="post" action=""><textarea name="body"></textarea><button>Reply</button></form>`, page)
	})
	mux.HandleFunc("POST /forums/t/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := avenir.ParseID(r.PathValue("id"))
		if err == nil {
			_, err = forums.Reply(r.Context(), actor(r), id, forum.Draft{Body: r.FormValue("body")})
		}
		if err != nil {
			render(w, err, "", nil)
			return
		}
		http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	})
}

// statuses maps Avenir's error codes to HTTP; the message is for people,
// already translated (French here).
var statuses = map[avenir.Code]int{avenir.CodeInvalid: 400, avenir.CodeUnauthenticated: 401,
	avenir.CodeForbidden: 403, avenir.CodeNotFound: 404, avenir.CodeConflict: 409}

func render(w http.ResponseWriter, err error, page string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err != nil {
		status, ok := statuses[avenir.ErrorCode(err)]
		if !ok {
			log.Print(err) // an internal error: log it, show nothing of it
			status = http.StatusInternalServerError
		}
		http.Error(w, avenir.Message(err, language.French), status)
		return
	}
	if err := template.Must(template.New("").Parse(page)).Execute(w, data); err != nil {
		log.Print(err)
	}
}

// newServer is the host service: its own pages and sign-in, plus the forums.
func newServer(ctx context.Context, db *storage.DB) (http.Handler, error) {
	forums := forum.NewService(db.Forums(), forum.Config{})
	if err := setup(ctx, db, forums); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /signin", func(w http.ResponseWriter, r *http.Request) { // toy sign-in: ?as=alice
		http.SetCookie(w, &http.Cookie{Name: "user", Value: r.FormValue("as"), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, "/forums/", http.StatusSeeOther)
	})
	mountForums(mux, forums)
	return http.NewCrossOriginProtection().Handler(mux), nil // refuses cross-site POSTs
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	dsn := flag.String("db", "embed-data/avenir.db", "a SQLite file, or postgres://…")
	flag.Parse()
	ctx := context.Background()
	db, err := storage.Open(ctx, *dsn, storage.WithMigrate()) // migrations run at start
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	h, err := newServer(ctx, db)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr) // "127.0.0.1:0" picks a free port
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("forums on http://%s/forums/ (sign in with /signin?as=alice, bob or carol)", ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
