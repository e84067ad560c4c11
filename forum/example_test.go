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

// Three members flag a post, which is hidden until a moderator decides; the
// moderator hides it with reasons; its author appeals, and a second
// moderator overturns the decision. The log shows it all, by role.
func ExampleService_Decide() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	forums := forum.NewService(db.Forums(), forum.Config{FlagThreshold: 3})
	admin := exampleMember(ctx, db, "Admin", avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	f, err := forums.CreateForum(ctx, admin, forum.ForumInput{Title: "Économie", Audience: avenir.Public})
	if err != nil {
		log.Fatal(err)
	}
	moderator := exampleMember(ctx, db, "Modératrice", avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(f.ID)})
	author := exampleMember(ctx, db, "Auteur")
	thread, _, err := forums.Start(ctx, exampleMember(ctx, db, "Camille"), f.ID, forum.Draft{Title: "La dette", Body: "Débattons."})
	if err != nil {
		log.Fatal(err)
	}
	post, err := forums.Reply(ctx, author, thread.ID, forum.Draft{Body: "Une phrase maladroite."})
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"A", "B", "C"} {
		if err := forums.Flag(ctx, exampleMember(ctx, db, name), post.ID, forum.FlagInput{Reason: forum.ReasonHarassment}); err != nil {
			log.Fatal(err)
		}
	}
	_, err = forums.Post(ctx, avenir.Anonymous, post.ID)
	fmt.Println("after three flags:", avenir.ErrorCode(err))

	d, err := forums.Decide(ctx, moderator, post.ID, forum.DecisionInput{
		Action: forum.ActionHide, Reason: forum.ReasonHarassment, Text: "Propos blessants envers un membre."})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := forums.Appeal(ctx, author, d.ID, "Ce n’était pas mon intention, je reformule."); err != nil {
		log.Fatal(err)
	}
	second := exampleMember(ctx, db, "Second", avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
	if _, err := forums.DecideAppeal(ctx, second, d.ID, forum.AppealAnswer{Outcome: forum.Overturned, Text: "Maladroit mais pas injurieux."}); err != nil {
		log.Fatal(err)
	}
	_, err = forums.Post(ctx, avenir.Anonymous, post.ID)
	fmt.Println("after the appeal:", err == nil)

	entries, err := forums.Log(ctx, avenir.Anonymous, forum.LogFilter{}, avenir.PageRequest{})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries.Items {
		fmt.Printf("%s on %s (%s, %s): %s; appeal: %s by %s\n", e.Action, e.Target, e.Reason, e.Text, e.Role, e.Outcome, e.OutcomeRole)
	}
	// Output:
	// after three flags: not_found
	// after the appeal: true
	// hide on post (harassment, Propos blessants envers un membre.): forum_moderator; appeal: overturned by network_moderator
}
