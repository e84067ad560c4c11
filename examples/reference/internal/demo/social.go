package demo

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
)

// SeedSocial writes the demo of the social layer: Louise Michel and Paul
// Lafargue follow each other, Louise follows the members-only forum and
// Paul a solidarity action; they talk in a one-to-one whose last message,
// Paul's, Louise has not read yet (her header shows it), and Louise runs a
// group with Paul and Gisèle Halimi. Louise has agreed to have the replies
// in the threads she watches mailed to her. It changes nothing when Louise has a
// conversation already. Run it after SeedSolidarity.
//
// Left to try by hand (the walk): sign in as the admin and open
// the conversation's address: 404, as for one that does not exist.
func SeedSocial(ctx context.Context, db *storage.DB, net *network.Network, log *slog.Logger) error {
	who := map[string]avenir.Actor{}
	for _, email := range []string{"louise@avenir.test", "paul@avenir.test", "gisele@avenir.test"} {
		m, err := db.Members().MemberByEmail(ctx, email)
		if err != nil {
			return fmt.Errorf("%s: %w", email, err)
		}
		if who[email], err = net.Actor(ctx, m.ID); err != nil {
			return err
		}
	}
	louise, paul, gisele := who["louise@avenir.test"], who["paul@avenir.test"], who["gisele@avenir.test"]
	if inbox, err := net.Conversations.Inbox(ctx, louise, avenir.PageRequest{Limit: 1}); err != nil || len(inbox.Items) > 0 {
		return err
	}
	// Louise has her replies mailed: a reply in a thread she watches shows
	// in her notifications and in the development mailbox.
	if _, err := net.Members.SetConsent(ctx, louise, network.ConsentNotifications, true, membership.SourceForm); err != nil {
		return fmt.Errorf("consent: %w", err)
	}
	if err := net.Notifications.SetPreference(ctx, louise, network.KindReply, network.ChannelEmail); err != nil {
		return fmt.Errorf("preference: %w", err)
	}
	internal, err := net.Forums.ForumBySlug(ctx, louise, "vie-du-mouvement")
	if err != nil {
		return err
	}
	follows := []struct {
		who avenir.Actor
		t   network.Target
	}{
		{louise, network.Target{Kind: network.FollowMember, ID: paul.ID}},
		{paul, network.Target{Kind: network.FollowMember, ID: louise.ID}},
		{louise, network.Target{Kind: network.FollowForum, ID: internal.ID}},
	}
	if courses, err := firstAction(ctx, net, paul, "Courses pour une voisine âgée"); err == nil {
		follows = append(follows, struct {
			who avenir.Actor
			t   network.Target
		}{paul, network.Target{Kind: network.FollowAction, ID: courses}})
	}
	for _, f := range follows {
		if err := net.Follows.Follow(ctx, f.who, f.t); err != nil {
			return fmt.Errorf("follow %s: %w", f.t.Kind, err)
		}
	}

	direct, _, err := net.Conversations.Start(ctx, louise, network.ConversationDraft{
		With: []avenir.ID{paul.ID}, Body: "Bonjour Paul, on tracte **samedi** au marché de la place Guichard ?"})
	if err != nil {
		return fmt.Errorf("conversation: %w", err)
	}
	for _, m := range []struct {
		who  avenir.Actor
		body string
	}{
		{paul, "Oui, volontiers. 10 h devant la mairie ?"},
		{louise, "Parfait. J’apporte les tracts sur le logement."},
		{paul, "Je prends la table pliante. À samedi !"},
	} {
		if _, err := net.Conversations.Send(ctx, m.who, direct.ID, m.body); err != nil {
			return fmt.Errorf("message: %w", err)
		}
	}
	if _, _, err := net.Conversations.Start(ctx, louise, network.ConversationDraft{
		With: []avenir.ID{paul.ID, gisele.ID}, Title: "Réunion publique du 1er décembre",
		Body: "Qui peut tenir l’accueil ? Il faudrait aussi quelqu’un pour la table de presse."}); err != nil {
		return fmt.Errorf("group: %w", err)
	}
	log.Info("demo conversations and follows seeded")
	return nil
}

// firstAction finds a published solidarity action by its title.
func firstAction(ctx context.Context, net *network.Network, actor avenir.Actor, title string) (avenir.ID, error) {
	p := avenir.PageRequest{Limit: avenir.MaxPageSize}
	for {
		page, err := net.Solidarity.Actions(ctx, actor, solidarity.Query{Category: "food_aid"}, p)
		if err != nil {
			return avenir.ID{}, err
		}
		for _, a := range page.Items {
			if a.Title == title {
				return a.ID, nil
			}
		}
		if page.Next == "" {
			return avenir.ID{}, avenir.ErrNotFound
		}
		p.After = page.Next
	}
}
