package demo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// Animator is the demo account of an animator of the Rhône federation
// (and so of the local committees under it), a member of Lyon 3e.
var Animator = Account{"animatrice@avenir.test", "demo-animatrice-avenir", "Danielle Casanova", "animator (Fédération du Rhône)", avenir.StatusActive}

// federations are real departments; a federation covers one.
var federations = []struct{ name, dept string }{
	{"Fédération de l’Ain", "01"}, {"Fédération des Bouches-du-Rhône", "13"}, {"Fédération de la Dordogne", "24"},
	{"Fédération de la Haute-Garonne", "31"}, {"Fédération de la Gironde", "33"}, {"Fédération de l’Hérault", "34"},
	{"Fédération de l’Isère", "38"}, {"Fédération de Loire-Atlantique", "44"}, {"Fédération du Nord", "59"},
	{"Fédération du Bas-Rhin", "67"}, {"Fédération du Rhône", "69"}, {"Fédération de Haute-Savoie", "74"},
	{"Fédération de Paris", "75"},
}

// locals are real communes (INSEE codes) in their federation's department.
// Valserhône (Ain) and Éloïse (Haute-Savoie) share the postal code 01200,
// which spans two departments; Fougueyrolles (Dordogne) has a Gironde
// postal code.
var locals = []struct {
	name, dept string
	communes   []string
}{
	{"Lyon 1er", "69", []string{"69381"}}, {"Lyon 3e", "69", []string{"69383"}}, {"Lyon 7e", "69", []string{"69387"}},
	{"Villeurbanne", "69", []string{"69266"}}, {"Vénissieux", "69", []string{"69259"}},
	{"Valserhône", "01", []string{"01033"}}, {"Bourg-en-Bresse", "01", []string{"01053"}},
	{"Pays d’Éloïse", "74", []string{"74109"}}, {"Annemasse", "74", []string{"74012"}},
	{"Paris 11e", "75", []string{"75111"}}, {"Paris 18e", "75", []string{"75118"}}, {"Paris 20e", "75", []string{"75120"}},
	{"Marseille centre", "13", []string{"13201", "13202"}}, {"Aix-en-Provence", "13", []string{"13001"}},
	{"Lille", "59", []string{"59350"}}, {"Roubaix", "59", []string{"59512"}},
	{"Bordeaux", "33", []string{"33063"}}, {"Fougueyrolles", "24", []string{"24189"}},
	{"Toulouse", "31", []string{"31555"}}, {"Nantes", "44", []string{"44109"}},
	{"Strasbourg", "67", []string{"67482"}}, {"Montpellier", "34", []string{"34172"}}, {"Grenoble", "38", []string{"38185"}},
}

// SeedCommittees writes the demo committee tree (the national committee,
// 13 federations, 23 local committees, 2 committees abroad), the animator
// account, the demo members' committees, and events to come, among them a
// national festival with co-organisers. It does nothing when the tree is
// there already.
func SeedCommittees(ctx context.Context, db *storage.DB, members *membership.Service, committees *committee.Service, log *slog.Logger) error {
	if _, err := committees.National(ctx); err == nil {
		return nil // already seeded
	}
	store := db.Members()
	adminRow, err := store.MemberByEmail(ctx, Accounts[0].Email)
	if err != nil {
		return err
	}
	admin, err := members.Actor(ctx, adminRow.ID)
	if err != nil {
		return err
	}
	national, err := committees.Create(ctx, admin, committee.Draft{Kind: committee.National, Name: "Avenir, comité national",
		Slug: "national", Description: "Le comité national coordonne les fédérations, les comités locaux et les comités à l’étranger.",
		Contact: "contact@avenir.test"})
	if err != nil {
		return fmt.Errorf("national committee: %w", err)
	}
	byDept := map[string]committee.Committee{}
	for _, f := range federations {
		c, err := committees.Create(ctx, admin, committee.Draft{Kind: committee.Federation, Name: f.name, Parent: national.ID,
			Territory: committee.Territory{Departments: []string{f.dept}}})
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		byDept[f.dept] = c
	}
	byName := map[string]committee.Committee{}
	for _, l := range locals {
		c, err := committees.Create(ctx, admin, committee.Draft{Kind: committee.Local, Name: l.name, Parent: byDept[l.dept].ID,
			Territory: committee.Territory{Communes: l.communes}, MembersVisible: l.name == "Lyon 3e",
			Description: "Le comité **" + l.name + "** se réunit chaque mois. Toutes et tous sont bienvenus aux réunions publiques."})
		if err != nil {
			return fmt.Errorf("%s: %w", l.name, err)
		}
		byName[l.name] = c
	}
	for _, a := range []struct {
		name      string
		countries []string
	}{{"Français d’Allemagne et d’Autriche", []string{"DE", "AT"}}, {"Français d’Amérique du Nord", []string{"CA", "US"}}} {
		c, err := committees.Create(ctx, admin, committee.Draft{Kind: committee.Abroad, Name: a.name, Parent: national.ID,
			Territory: committee.Territory{Countries: a.countries}})
		if err != nil {
			return fmt.Errorf("%s: %w", a.name, err)
		}
		byName[a.name] = c
	}

	// The animator: a member of Lyon 3e who leads the Rhône federation.
	m, err := members.Register(ctx, membership.Registration{
		Email: Animator.Email, Password: Animator.Password, Join: true,
		Profile:  membership.Profile{DisplayName: Animator.Name, FullName: Animator.Name, Address: membership.Address{PostalCode: "69003"}},
		Consents: []string{membership.ConsentMembership, membership.ConsentNewsletter, membership.ConsentShareContact},
	})
	if err != nil {
		return fmt.Errorf("%s: %w", Animator.Email, err)
	}
	m.EmailVerified = db.Clock().Now()
	if err := store.UpdateMember(ctx, m); err != nil {
		return err
	}
	if _, err := members.RecordPayment(ctx, admin, m.ID, membership.PaymentInput{Method: membership.MethodTransfer, Reference: "DEMO"}); err != nil {
		return err
	}
	if _, err := members.GrantRole(ctx, admin, m.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(byDept["69"].ID)}); err != nil {
		return err
	}
	// Every demo member belongs to the committee of their address.
	for _, a := range append(Accounts, Animator) {
		row, err := store.MemberByEmail(ctx, a.Email)
		if err != nil || row.Status == avenir.StatusSupporter {
			continue
		}
		found, err := committees.Suggest(ctx, row.Address)
		if err != nil {
			return err
		}
		if nearest, ok := found.Nearest(); ok {
			if _, err := committees.Join(ctx, avenir.Actor{ID: row.ID, Status: row.Status}, nearest.ID); err != nil && !avenir.IsCode(err, avenir.CodeConflict) {
				return err
			}
		}
	}

	// Events to come, from tomorrow on, at 18:30 Paris time.
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return err
	}
	day := func(days, hour, minute int) time.Time {
		t := db.Clock().Now().In(paris).AddDate(0, 0, days)
		return time.Date(t.Year(), t.Month(), t.Day(), hour, minute, 0, 0, paris)
	}
	var coOrganisers []avenir.ID
	for _, d := range []string{"69", "75", "13", "59", "33", "01", "74"} {
		coOrganisers = append(coOrganisers, byDept[d].ID)
	}
	events := []committee.EventDraft{
		{Kind: committee.Festival, Committee: national.ID, CoOrganisers: coOrganisers, Title: "Fête de la fraternité",
			Description: "Deux jours de débats, de concerts et de rencontres entre les comités de toute la France.\n\n- ateliers\n- forums\n- bal populaire",
			StartsAt:    day(45, 10, 0), EndsAt: day(46, 22, 0), Venue: committee.Venue{Address: "Parc de la Villette, 211 avenue Jean Jaurès", Commune: "75119"},
			Audience: avenir.Public, Capacity: 5000},
		{Kind: committee.Meeting, Committee: byName["Lyon 3e"].ID, Title: "Réunion publique : le logement à Lyon",
			Description: "Échanges avec les habitants sur les loyers et la rénovation.", StartsAt: day(7, 18, 30), EndsAt: day(7, 20, 30),
			Venue: committee.Venue{Address: "Salle des fêtes, 18 rue Paul Bert", Commune: "69383"}, Audience: avenir.Public, Capacity: 40},
		{Kind: committee.Canvassing, Committee: byDept["69"].ID, CoOrganisers: []avenir.ID{byName["Villeurbanne"].ID},
			Title: "Porte-à-porte aux Gratte-Ciel", StartsAt: day(10, 10, 0), EndsAt: day(10, 12, 30),
			Venue: committee.Venue{Address: "Place Lazare-Goujon", Commune: "69266"}, Audience: avenir.Public, Capacity: 3},
		{Kind: committee.MarketStall, Committee: byName["Paris 18e"].ID, Title: "Stand au marché Ordener",
			StartsAt: day(5, 9, 0), EndsAt: day(5, 13, 0), Venue: committee.Venue{Address: "Rue Ordener", Commune: "75118"}, Audience: avenir.Public},
		{Kind: committee.Meeting, Committee: byName["Lyon 3e"].ID, Title: "Assemblée du comité Lyon 3e",
			Description: "Réservée aux adhérents du comité : bilan et préparation de la fête.", StartsAt: day(14, 19, 0), EndsAt: day(14, 21, 0),
			Venue:    committee.Venue{Address: "Local du comité, 4 rue Voltaire", Commune: "69383"},
			Audience: avenir.Audience{Kind: avenir.AudienceCommittee, Scope: byName["Lyon 3e"].ID}},
		{Kind: committee.Training, Committee: national.ID, Title: "Formation : animer un comité", StartsAt: day(20, 18, 0), EndsAt: day(20, 20, 0),
			Audience: avenir.Members, OnlineURL: "https://visio.avenir.test/formation"},
		{Kind: committee.Online, Committee: byName["Français d’Allemagne et d’Autriche"].ID, Title: "Visioconférence des Français d’Allemagne et d’Autriche",
			StartsAt: day(12, 19, 0), EndsAt: day(12, 20, 30), OnlineURL: "https://visio.avenir.test/berlin", Audience: avenir.Public},
	}
	for _, d := range events {
		if d.TimeZone == "" {
			d.TimeZone = "Europe/Paris"
		}
		if _, err := committees.CreateEvent(ctx, admin, d); err != nil {
			return fmt.Errorf("%s: %w", d.Title, err)
		}
	}
	return nil
}
