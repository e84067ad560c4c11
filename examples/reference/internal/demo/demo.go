// Package demo seeds the reference server with a believable network for
// trying it out. Seeding is deterministic and idempotent: running it on a
// database that already holds the demo changes nothing.
//
// Named accounts with passwords (an admin, members, an applicant, a
// supporter, moderators, an animator: PrintAccounts prints them at start),
// the committee tree, forums, a consultation, solidarity actions,
// conversations, and MemberCount members in every status (SeedMembers).
package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// Account is a demo account.
type Account struct {
	Email, Password, Name, Role string
	Status                      avenir.Status
}

// Accounts are the demo accounts; their passwords are public by design.
var Accounts = []Account{
	{"admin@avenir.test", "demo-admin-avenir", "Marianne Admin", "admin", avenir.StatusActive},
	{"louise@avenir.test", "demo-membre-avenir", "Louise Michel", "member", avenir.StatusActive},
	{"jean@avenir.test", "demo-adhesion-avenir", "Jean Jaurès", "applicant", avenir.StatusApplicant},
	{"olympe@avenir.test", "demo-sympathie-avenir", "Olympe de Gouges", "supporter", avenir.StatusSupporter},
	// Forums: two moderators (an appeal goes to one who did not decide) and
	// the author of the moderation cases (see forums.go).
	{"gisele@avenir.test", "demo-moderation-avenir", "Gisèle Halimi", "forum moderator", avenir.StatusActive},
	{"lucie@avenir.test", "demo-appel-avenir", "Lucie Aubrac", "network moderator", avenir.StatusActive},
	{"paul@avenir.test", "demo-auteur-avenir", "Paul Lafargue", "member", avenir.StatusActive},
}

// Seed writes the demo data into db.
func Seed(ctx context.Context, db *storage.DB, members *membership.Service, log *slog.Logger) error {
	store := db.Members()
	var admin avenir.Actor
	for i, a := range Accounts {
		m, err := store.MemberByEmail(ctx, a.Email)
		if err == nil {
			if i == 0 {
				if admin, err = members.Actor(ctx, m.ID); err != nil {
					return err
				}
			}
			continue // already seeded
		}
		if !avenir.IsCode(err, avenir.CodeNotFound) {
			return err
		}
		if _, err := members.Register(ctx, membership.Registration{
			Email: a.Email, Password: a.Password, Join: a.Status != avenir.StatusSupporter,
			Profile:  membership.Profile{DisplayName: a.Name, FullName: a.Name, Address: membership.Address{PostalCode: "69003"}},
			Consents: []string{membership.ConsentMembership, membership.ConsentNewsletter},
		}); err != nil {
			return fmt.Errorf("%s: %w", a.Email, err)
		}
		if m, err = store.MemberByEmail(ctx, a.Email); err != nil {
			return err
		}
		// Demo addresses are confirmed, as if their owners had followed the
		// mailed link, so that the demo passwords work.
		m.EmailVerified = db.Clock().Now()
		if err := store.UpdateMember(ctx, m); err != nil {
			return err
		}
		if i == 0 {
			if admin, err = members.BootstrapAdmin(ctx, m.ID); err != nil {
				return err
			}
			continue
		}
		if a.Status == avenir.StatusActive {
			if _, err := members.RecordPayment(ctx, admin, m.ID, membership.PaymentInput{Method: membership.MethodTransfer, Reference: "DEMO"}); err != nil {
				return fmt.Errorf("%s: %w", a.Email, err)
			}
		}
	}
	return nil
}

// PrintAccounts writes the demo accounts and their passwords in one block,
// for the start of a demo server, with where to read the sign-in links of
// the members who have no password.
func PrintAccounts(w io.Writer, baseURL string) {
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Demo accounts (public passwords; see docs/demo.md):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range append(Accounts, Animator) {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Email, a.Password, a.Name, a.Role)
	}
	tw.Flush()
	fmt.Fprintf(w, "  and %d members at @%s (%s, %s…), without password: sign in by link, read at %s/dev/mailbox\n\n",
		MemberCount, MemberDomain, memberEmail(0), memberEmail(1), strings.TrimRight(baseURL, "/"))
}
