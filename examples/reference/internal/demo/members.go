package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

// MemberCount is how many members SeedMembers adds to the named accounts.
const MemberCount = 200

// MemberDomain is the domain of the addresses of SeedMembers' members:
// they have no password and sign in by a mailed link (read it at
// /dev/mailbox).
const MemberDomain = "adherents.avenir.test"

// MemberStatuses is how many of SeedMembers' members end in each status.
var MemberStatuses = map[avenir.Status]int{
	avenir.StatusSupporter: 25, avenir.StatusApplicant: 15, avenir.StatusActive: 110,
	avenir.StatusGrace: 15, avenir.StatusLapsed: 20, avenir.StatusSuspended: 5, avenir.StatusLeft: 10,
}

// Believable French names; member i is firstNames[i%40] lastNames[13i%50],
// which never repeats a pair below 200.
var (
	firstNames = []string{"Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Jeanne", "Alice", "Juliette", "Zoé",
		"Louise", "Emma", "Anaïs", "Élodie", "Nadia", "Fatou", "Hélène", "Sophie", "Mathilde", "Margaux",
		"Lucas", "Hugo", "Thomas", "Nathan", "Karim", "Julien", "Antoine", "Mehdi", "Romain", "Théo",
		"Nicolas", "Maxime", "Yanis", "Baptiste", "Olivier", "Benoît", "Samir", "Pierre", "Étienne", "Rémi"}
	lastNames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
		"Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
		"Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
		"Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
		"Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Benali"}
)

// homes are where SeedMembers' members live: the local committees'
// communes (postal code, INSEE code), Lyon and Paris more than the others,
// and four cities abroad.
var homes = []struct{ postalCode, commune, city, country string }{
	{"69003", "69383", "", ""}, {"69003", "69383", "", ""}, {"69001", "69381", "", ""}, {"69007", "69387", "", ""},
	{"69100", "69266", "", ""}, {"69200", "69259", "", ""}, {"75011", "75111", "", ""}, {"75018", "75118", "", ""},
	{"75020", "75120", "", ""}, {"75011", "75111", "", ""}, {"13001", "13201", "", ""}, {"13100", "13001", "", ""},
	{"59000", "59350", "", ""}, {"59100", "59512", "", ""}, {"33000", "33063", "", ""}, {"31000", "31555", "", ""},
	{"44000", "44109", "", ""}, {"67000", "67482", "", ""}, {"34000", "34172", "", ""}, {"38000", "38185", "", ""},
	{"01000", "01053", "", ""}, {"74100", "74012", "", ""},
	{"", "", "Berlin", "DE"}, {"", "", "Montréal", "CA"}, {"", "", "Wien", "AT"},
}

// plan is what becomes of member i: the status of the imported file, then
// what happens to them here.
type plan struct {
	status  avenir.Status // in the file
	expires int           // last day covered, in days from today (with active)
	pays    int           // an applicant who pays, so many days ago; 0 for none
	then    avenir.Status // suspended or left; empty for nothing
}

// planOf spreads the statuses of MemberStatuses over the members, so that
// every committee gets a mix.
func planOf(i int) plan {
	switch r := i % 40; {
	case r < 5: // 25 supporters
		return plan{status: avenir.StatusSupporter}
	case r < 14: // 45 applicants, 30 of whom pay
		if r < 11 {
			return plan{status: avenir.StatusApplicant, pays: 3 + i%50}
		}
		return plan{status: avenir.StatusApplicant}
	case r < 17: // 15 whose membership ended last month: grace
		return plan{status: avenir.StatusActive, expires: -20 - i%40}
	case r < 21: // 20 whose membership ended long ago: lapsed
		return plan{status: avenir.StatusActive, expires: -200 - i%300}
	case r == 21: // 5 suspended
		return plan{status: avenir.StatusActive, expires: 200, then: avenir.StatusSuspended}
	case r < 24: // 10 who left
		return plan{status: avenir.StatusActive, expires: 150, then: avenir.StatusLeft}
	default: // 80 in good standing, some to renew within the month
		return plan{status: avenir.StatusActive, expires: 10 + (i*7)%350}
	}
}

// memberEmail is the address of member i.
func memberEmail(i int) string {
	first, last := firstNames[i%len(firstNames)], lastNames[(13*i)%len(lastNames)]
	return ascii(first) + "." + ascii(last) + "@" + MemberDomain
}

// ascii folds a name for an address: "Élodie" → "elodie".
func ascii(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, s)
	return strings.ToLower(strings.ReplaceAll(out, " ", "-"))
}

// SeedMembers adds MemberCount members to the demo, deterministically: the
// file of the movement's previous system, imported as an admin would
// (one transaction, no mail), then the year's life through the services:
// applicants pay (payments dated in the past weeks), the sweep moves the
// memberships that ended into grace or lapses them, an admin suspends a
// few members with a reason, a few members leave. Members join the
// committee of their address, answer the events to come, and take part in
// the public forum. It changes nothing when the first of them exists. Run
// it after SeedSocial.
func SeedMembers(ctx context.Context, db *storage.DB, clock avenir.Clock, net *network.Network, log *slog.Logger) error {
	if _, err := db.Members().MemberByEmail(ctx, memberEmail(0)); err == nil {
		return nil // already seeded
	} else if !avenir.IsCode(err, avenir.CodeNotFound) {
		return err
	}
	started := time.Now()
	admin, err := actorOf(ctx, db, net.Members, Accounts[0].Email)
	if err != nil {
		return err
	}
	loc := net.Members.Policy().Location
	if loc == nil {
		loc = time.UTC
	}
	today := clock.Now().In(loc)
	date := func(days int) string { return today.AddDate(0, 0, days).Format("2006-01-02") }

	// The file.
	var file bytes.Buffer
	w := csv.NewWriter(&file)
	_ = w.Write([]string{"email", "first_name", "last_name", "postal_code", "code insee", "city", "country", "status", "joined_at", "expires_at", "newsletter"})
	for i := range MemberCount {
		p, h := planOf(i), homes[i%len(homes)]
		joined, expires := "", ""
		if p.status != avenir.StatusSupporter {
			joined = date(-30 - (i*37)%1500)
		}
		if p.status == avenir.StatusActive {
			expires = date(p.expires)
		}
		newsletter := "non"
		if i%3 != 0 {
			newsletter = "oui"
		}
		_ = w.Write([]string{memberEmail(i), firstNames[i%len(firstNames)], lastNames[(13*i)%len(lastNames)],
			h.postalCode, h.commune, h.city, h.country, string(p.status), joined, expires, newsletter})
	}
	w.Flush()
	if rep, err := net.Members.Import(ctx, admin, &file, membership.ImportOptions{}); err != nil {
		if len(rep.Errors) > 0 {
			return fmt.Errorf("import, line %d: %w", rep.Errors[0].Line, rep.Errors[0].Err)
		}
		return fmt.Errorf("import: %w", err)
	}

	ids := make([]avenir.ID, MemberCount)
	for i := range MemberCount {
		m, err := db.Members().MemberByEmail(ctx, memberEmail(i))
		if err != nil {
			return err
		}
		ids[i] = m.ID
	}
	// Applicants pay; then every member joins the committee of their
	// address (Suggest finds it, as the join form does).
	for i, id := range ids {
		p := planOf(i)
		if p.pays > 0 {
			if _, err := net.Members.RecordPayment(ctx, admin, id, membership.PaymentInput{
				Method: membership.MethodTransfer, Reference: fmt.Sprintf("VIR-%04d", i), PaidAt: clock.Now().AddDate(0, 0, -p.pays)}); err != nil {
				return fmt.Errorf("payment of %s: %w", memberEmail(i), err)
			}
		}
	}
	found := map[int]avenir.ID{}
	for i, id := range ids {
		if planOf(i).status == avenir.StatusSupporter {
			continue
		}
		h := i % len(homes)
		if _, ok := found[h]; !ok {
			f, err := net.Committees.Suggest(ctx, membership.Address{PostalCode: homes[h].postalCode, Commune: homes[h].commune, City: homes[h].city, Country: homes[h].country})
			if err != nil {
				return err
			}
			if c, ok := f.Nearest(); ok {
				found[h] = c.ID
			}
		}
		if c, ok := found[h]; ok {
			member, err := net.Members.Actor(ctx, id)
			if err != nil {
				return err
			}
			if _, err := net.Committees.Join(ctx, member, c); err != nil {
				return fmt.Errorf("committee of %s: %w", memberEmail(i), err)
			}
		}
	}
	// Time does its work: memberships that ended go into grace, or lapse.
	if _, err := net.Members.Sweep(ctx); err != nil {
		return err
	}
	// An admin's decisions and members' own.
	for i, id := range ids {
		switch planOf(i).then {
		case avenir.StatusSuspended:
			if _, err := net.Members.ChangeStatus(ctx, admin, id, membership.StatusChange{To: avenir.StatusSuspended,
				Reason: "Propos injurieux répétés lors d’une réunion publique.", Until: clock.Now().AddDate(0, 2, 0)}); err != nil {
				return fmt.Errorf("suspension of %s: %w", memberEmail(i), err)
			}
		case avenir.StatusLeft:
			me, err := net.Members.Actor(ctx, id)
			if err != nil {
				return err
			}
			if _, err := net.Members.Leave(ctx, me, "Je déménage et je n’ai plus le temps de militer."); err != nil {
				return fmt.Errorf("%s leaving: %w", memberEmail(i), err)
			}
		}
	}
	if err := seedActivity(ctx, clock, net, admin, ids); err != nil {
		return err
	}
	log.InfoContext(ctx, "demo members", "members", MemberCount, "domain", MemberDomain, "took", time.Since(started).Round(time.Millisecond))
	return nil
}

// seedActivity makes the pages look alive: members in good standing answer
// the public and members' events to come, and discuss in the public forum.
func seedActivity(ctx context.Context, clock avenir.Clock, net *network.Network, admin avenir.Actor, ids []avenir.ID) error {
	var active []avenir.Actor
	for i, id := range ids {
		if planOf(i).status == avenir.StatusSupporter || planOf(i).then != "" {
			continue
		}
		a, err := net.Members.Actor(ctx, id)
		if err != nil {
			return err
		}
		if a.Status == avenir.StatusActive {
			active = append(active, a)
		}
	}
	events, err := net.Committees.Events(ctx, admin, committee.EventFilter{From: clock.Now()}, avenir.PageRequest{Limit: avenir.MaxPageSize})
	if err != nil {
		return err
	}
	for k, e := range events.Items {
		if e.Audience.Kind == avenir.AudienceCommittee {
			continue
		}
		for j, a := range active {
			if (j+k)%3 != 0 {
				continue
			}
			resp := committee.Going
			if j%5 == 1 {
				resp = committee.Maybe
			}
			if _, err := net.Committees.RSVP(ctx, a, e.ID, resp); err != nil {
				return fmt.Errorf("%s: %w", e.Title, err)
			}
		}
	}

	f, err := net.Forums.ForumBySlug(ctx, admin, "ecologie-et-transition")
	if err != nil {
		return err
	}
	topics := []struct{ title, body string }{
		{"Des pistes cyclables continues entre les communes", "Les pistes s’arrêtent aux limites des communes. Proposons un **réseau intercommunal** continu et sûr."},
		{"Rénover les passoires thermiques d’ici 2035", "Un guichet unique par département, des avances sans intérêts pour les ménages modestes."},
		{"Cantines scolaires : du bio et du local", "Cinquante pour cent de produits locaux dans les cantines, avec les agriculteurs du département."},
	}
	replies := []string{
		"Tout à fait d’accord, c’est une attente forte dans mon quartier.",
		"Il faudrait chiffrer la mesure avant de la porter dans la campagne.",
		"Notre comité peut organiser une réunion publique sur ce sujet.",
		"Attention à ne pas oublier les zones rurales.",
		"Je propose d’en faire une contribution à la prochaine consultation.",
	}
	for t, topic := range topics {
		author := active[(t*17)%len(active)]
		th, first, err := net.Forums.Start(ctx, author, f.ID, forum.Draft{Title: topic.title, Body: topic.body})
		if err != nil {
			return err
		}
		for r, body := range replies {
			if _, err := net.Forums.Reply(ctx, active[(t*17+r*7+3)%len(active)], th.ID, forum.Draft{Body: body}); err != nil {
				return err
			}
		}
		for s := range 4 + 3*t {
			who := active[(t*11+s*5+1)%len(active)]
			if who.ID == author.ID {
				continue
			}
			if _, err := net.Forums.Support(ctx, who, first.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
