package forum_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// exampleMember stores a member and returns their actor; a real program
// gets actors from membership.Service.Authenticate.
func exampleMember(ctx context.Context, db *storage.DB, name string, grants ...avenir.Grant) avenir.Actor {
	m := membership.Member{ID: avenir.NewID(), Status: avenir.StatusActive, Profile: membership.Profile{DisplayName: name}}
	if err := db.Members().CreateMember(ctx, m); err != nil {
		log.Fatal(err)
	}
	return avenir.Actor{ID: m.ID, Status: m.Status, Grants: grants}
}

// An admin opens a forum; a member starts a thread, another answers it and
// supports the first post; anyone reads the thread page.
func ExampleService_Start() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	forums := forum.NewService(db.Forums(), forum.Config{})
	admin := exampleMember(ctx, db, "Admin", avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	camille := exampleMember(ctx, db, "Camille")
	jean := exampleMember(ctx, db, "Jean")

	f, err := forums.CreateForum(ctx, admin, forum.ForumInput{Title: "Transports & mobilités", Audience: avenir.Public})
	if err != nil {
		log.Fatal(err)
	}
	thread, first, err := forums.Start(ctx, camille, f.ID, forum.Draft{Title: "Rouvrir les trains de nuit", Body: "Il faut **rouvrir** les lignes <script>x</script>."})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := forums.Reply(ctx, jean, thread.ID, forum.Draft{Body: "Je suis d’accord.", Quote: first.ID}); err != nil {
		log.Fatal(err)
	}
	if _, err := forums.Support(ctx, jean, first.ID); err != nil {
		log.Fatal(err)
	}

	page, err := forums.Posts(ctx, avenir.Anonymous, thread.ID, avenir.PageRequest{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Slug)
	for _, p := range page.Items {
		fmt.Printf("#%d %s (%d soutien) %s\n", p.Position, p.AuthorName, p.Supports, strings.TrimSpace(string(p.HTML)))
	}
	// Output:
	// transports-mobilites
	// #1 Camille (1 soutien) <p>Il faut <strong>rouvrir</strong> les lignes x.</p>
	// #2 Jean (0 soutien) <p>Je suis d’accord.</p>
}
