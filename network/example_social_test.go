package network_test

import (
	"context"
	"fmt"
	"log"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

// exampleSocial opens an in-memory database and returns it with the social
// configuration over a forum service; a real program gets both from
// network.New.
func exampleSocial(ctx context.Context) (*storage.DB, network.SocialConfig) {
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	return db, network.SocialConfig{Forums: forum.NewService(db.Forums(), forum.Config{})}
}

// exampleActor stores a member in good standing and returns their actor; a
// real program gets actors from membership.Service.Authenticate.
func exampleActor(ctx context.Context, db *storage.DB, name string, grants ...avenir.Grant) avenir.Actor {
	m := membership.Member{ID: avenir.NewID(), Status: avenir.StatusActive, Profile: membership.Profile{DisplayName: name}}
	if err := db.Members().CreateMember(ctx, m); err != nil {
		log.Fatal(err)
	}
	return avenir.Actor{ID: m.ID, Status: m.Status, Grants: grants}
}

// Two members follow each other; a third refuses followers.
func ExampleFollows_Follow() {
	ctx := context.Background()
	db, cfg := exampleSocial(ctx)
	defer db.Close()
	follows := network.NewFollows(db.Follows(), cfg)
	camille, jean, lea := exampleActor(ctx, db, "Camille"), exampleActor(ctx, db, "Jean"), exampleActor(ctx, db, "Léa")

	_ = follows.Follow(ctx, camille, network.Target{Kind: network.FollowMember, ID: jean.ID})
	_ = follows.Follow(ctx, jean, network.Target{Kind: network.FollowMember, ID: camille.ID})
	_ = follows.SetPolicy(ctx, lea, network.FollowNobody)
	err := follows.Follow(ctx, camille, network.Target{Kind: network.FollowMember, ID: lea.ID})

	followers, _ := follows.Followers(ctx, camille, jean.ID, avenir.PageRequest{})
	counts, _ := follows.Counts(ctx, camille, jean.ID)
	fmt.Println(followers.Items[0].Name, "follows Jean;", counts.Followers, "follower,", counts.Following, "followed")
	fmt.Println(avenir.ErrorCode(err), "—", err)
	// Output:
	// Camille follows Jean; 1 follower, 1 followed
	// forbidden — This member does not accept followers.
}

// Two members talk in a private conversation that an admin cannot read.
func ExampleConversations_Start() {
	ctx := context.Background()
	db, cfg := exampleSocial(ctx)
	defer db.Close()
	conversations := network.NewConversations(db.Conversations(), cfg)
	camille, jean := exampleActor(ctx, db, "Camille"), exampleActor(ctx, db, "Jean")
	admin := exampleActor(ctx, db, "Admin", avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})

	c, _, err := conversations.Start(ctx, camille, network.ConversationDraft{With: []avenir.ID{jean.ID}, Body: "On tracte **samedi** ?"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := conversations.Send(ctx, jean, c.ID, "Oui, à 10 h."); err != nil {
		log.Fatal(err)
	}
	unread, _ := conversations.Unread(ctx, camille)
	page, _ := conversations.Messages(ctx, camille, c.ID, avenir.PageRequest{})
	for _, m := range page.Items {
		fmt.Printf("#%d %s: %s", m.Seq, m.AuthorName, m.HTML)
	}
	_, err = conversations.Messages(ctx, admin, c.ID, avenir.PageRequest{})
	fmt.Println(unread, "unread; the admin gets", avenir.ErrorCode(err))
	// Output:
	// #2 Jean: <p>Oui, à 10 h.</p>
	// #1 Camille: <p>On tracte <strong>samedi</strong> ?</p>
	// 1 unread; the admin gets not_found
}

// A member's feed shows the threads of the members they follow, as long as
// they may still read them.
func ExampleFeed_Page() {
	ctx := context.Background()
	db, cfg := exampleSocial(ctx)
	defer db.Close()
	follows := network.NewFollows(db.Follows(), cfg)
	feed := network.NewFeed(db.Feed(), cfg)
	admin := exampleActor(ctx, db, "Admin", avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	camille, jean := exampleActor(ctx, db, "Camille"), exampleActor(ctx, db, "Jean")

	f, err := cfg.Forums.CreateForum(ctx, admin, forum.ForumInput{Title: "Transports", Audience: avenir.Members})
	if err != nil {
		log.Fatal(err)
	}
	if err := follows.Follow(ctx, camille, network.Target{Kind: network.FollowMember, ID: jean.ID}); err != nil {
		log.Fatal(err)
	}
	if _, _, err := cfg.Forums.Start(ctx, jean, f.ID, forum.Draft{Title: "Trains de nuit", Body: "Rouvrons-les."}); err != nil {
		log.Fatal(err)
	}
	page, err := feed.Page(ctx, camille, avenir.PageRequest{Limit: 20})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range page.Items {
		fmt.Println(e.Type, e.Actor == jean.ID)
	}
	// Output:
	// forum.thread_started true
}
