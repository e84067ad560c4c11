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
	"github.com/avenirnet/avenir/storage"
)

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

// mountForums adds the forum pages under /forums/ of the host's mux.
func mountForums(mux *http.ServeMux, forums *forum.Service) {
	mux.HandleFunc("GET /forums/{$}", func(w http.ResponseWriter, r *http.Request) {
		list, err := forums.Forums(r.Context(), actor(r)) // only the forums this actor may read
		render(w, err, forumsPage, list)
	})
	mux.HandleFunc("GET /forums/{slug}", func(w http.ResponseWriter, r *http.Request) {
		f, err := forums.ForumBySlug(r.Context(), actor(r), r.PathValue("slug")) // not_found when unreadable
		if err != nil {
			render(w, err, nil, nil)
			return
		}
		page, err := forums.Threads(r.Context(), actor(r), f.ID, avenir.PageRequest{})
		render(w, err, threadsPage, page)
	})
	mux.HandleFunc("GET /forums/t/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := avenir.ParseID(r.PathValue("id"))
		var page avenir.Page[forum.Post]
		if err == nil {
			page, err = forums.Posts(r.Context(), actor(r), id, avenir.PageRequest{})
		}
		render(w, err, postsPage, page)
	})
	mux.HandleFunc("POST /forums/t/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := avenir.ParseID(r.PathValue("id"))
		if err == nil {
			_, err = forums.Reply(r.Context(), actor(r), id, forum.Draft{Body: r.FormValue("body")})
		}
		if err != nil {
			render(w, err, nil, nil)
			return
		}
		http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	})
}

// statuses maps Avenir's error codes to HTTP; the message is for people,
// already translated (French here).
var statuses = map[avenir.Code]int{avenir.CodeInvalid: 400, avenir.CodeUnauthenticated: 401,
	avenir.CodeForbidden: 403, avenir.CodeNotFound: 404, avenir.CodeConflict: 409}

// The pages, minimal on purpose: use your own templates. Post.HTML is
// already sanitized Markdown, safe to output as is.
var (
	forumsPage  = template.Must(template.New("").Parse(`{{range .}}<p><a href="/forums/{{.Slug}}">{{.Title}}</a></p>{{end}}`))
	threadsPage = template.Must(template.New("").Parse(`{{range .Items}}<p><a href="/forums/t/{{.ID}}">{{.Title}}</a> ({{.Replies}})</p>{{end}}`))
	postsPage   = template.Must(template.New("").Parse(`{{range .Items}}<article><b>{{.AuthorName}}</b> {{.HTML}}</article>{{end}}
<form method="post" action=""><label>Reply <textarea name="body"></textarea></label><button>Send</button></form>`))
)

// render writes the page, or err as the status of its code and its message.
func render(w http.ResponseWriter, err error, page *template.Template, data any) {
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
	if err := page.Execute(w, data); err != nil {
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
	mux.HandleFunc("GET /signin", signIn) // the host's own sign-in (host.go)
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
