package membership_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// inbox is a Mailer that keeps the mails, as a development mailbox would.
type inbox struct {
	mu    sync.Mutex
	mails []membership.Mail
}

func (b *inbox) Send(_ context.Context, m membership.Mail) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.mails = append(b.mails, m)
	return nil
}

// token returns the token of the link in the latest mail.
func (b *inbox) token() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, token, _ := strings.Cut(b.mails[len(b.mails)-1].Text, "token=")
	token, _, _ = strings.Cut(token, "\n")
	return token
}

// A person signs up, confirms their address with the link they were mailed,
// and signs in.
func ExampleService_Register() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	mail := &inbox{}
	svc := membership.NewService(db.Members(), membership.Config{Mailer: mail, BaseURL: "https://example.org"})

	m, err := svc.Register(ctx, membership.Registration{
		Email:    " Camille@Example.org",
		Password: "liberté, égalité, fraternité",
		Profile:  membership.Profile{DisplayName: "Camille", Language: "en"},
		Consents: []string{membership.ConsentMembership, membership.ConsentNewsletter},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("registered:", m.Email, m.Status)
	fmt.Println("mailed:", mail.mails[0].Subject)

	v, err := svc.VerifyEmail(ctx, mail.token())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verified:", !v.EmailVerified.IsZero())

	in, err := svc.SignIn(ctx, "camille@example.org", "liberté, égalité, fraternité", "192.0.2.1")
	if err != nil {
		log.Fatal(err)
	}
	actor, _, err := svc.Authenticate(ctx, in.Token) // on each request, with the session cookie
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("signed in:", in.Member.DisplayName, actor.Status, actor.InGoodStanding())
	// Output:
	// registered: camille@example.org supporter
	// mailed: Confirm your email address
	// verified: true
	// signed in: Camille supporter false
}

// An admin records a cheque: the applicant becomes an active member until
// the end of the calendar year; after it, Sweep puts them in grace.
func ExampleService_RecordPayment() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	clock := avenir.NewManualClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	svc := membership.NewService(db.Members(), membership.Config{Clock: clock, Mailer: &inbox{}})
	register := func(email, name string, join bool) membership.Member {
		m, err := svc.Register(ctx, membership.Registration{Email: email, Profile: membership.Profile{DisplayName: name},
			Join: join, Consents: []string{membership.ConsentMembership}})
		if err != nil {
			log.Fatal(err)
		}
		return m
	}

	// The first admin of a network is made by its operator, in the store.
	a := register("treasurer@example.org", "Trésorière", false)
	a.Status = avenir.StatusActive
	if err := db.Members().UpdateMember(ctx, a); err != nil {
		log.Fatal(err)
	}
	if err := db.Members().AddGrant(ctx, membership.Grant{ID: avenir.NewID(), Member: a.ID, Role: avenir.RoleAdmin, Scope: avenir.NetworkScope(), GrantedAt: clock.Now()}); err != nil {
		log.Fatal(err)
	}
	admin, err := svc.Actor(ctx, a.ID)
	if err != nil {
		log.Fatal(err)
	}

	m := register("camille@example.org", "Camille", true)
	fmt.Println("before:", m.Status)
	p, err := svc.RecordPayment(ctx, admin, m.ID, membership.PaymentInput{Method: membership.MethodCheque, Reference: "n° 1234"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("paid %d.%02d %s (%s), member until %s\n", p.Amount/100, p.Amount%100, p.Currency, p.Tier, p.Expires.Format(time.DateOnly))
	m, err = svc.Member(ctx, admin, m.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("after:", m.Status)

	clock.Set(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC))
	if _, err := svc.Sweep(ctx); err != nil {
		log.Fatal(err)
	}
	m, err = svc.Member(ctx, admin, m.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("on", clock.Now().Format(time.DateOnly)+":", m.Status)
	// Output:
	// before: applicant
	// paid 30.00 EUR (standard), member until 2027-01-01
	// after: active
	// on 2027-01-02: grace
}

// The lifecycle is one table: every change of status is checked against it.
func ExampleCanTransition() {
	steps := [][2]avenir.Status{
		{avenir.StatusSupporter, avenir.StatusApplicant}, // joins
		{avenir.StatusApplicant, avenir.StatusActive},    // pays
		{avenir.StatusActive, avenir.StatusGrace},        // the year ends
		{avenir.StatusGrace, avenir.StatusActive},        // renews
		{avenir.StatusActive, avenir.StatusApplicant},    // no way back
		{avenir.StatusErased, avenir.StatusSupporter},    // erasure is final
	}
	for _, s := range steps {
		fmt.Printf("%s → %s: %v\n", s[0], s[1], membership.CanTransition(s[0], s[1]))
	}
	var fromLeft []string
	for _, to := range avenir.Statuses {
		if membership.CanTransition(avenir.StatusLeft, to) {
			fromLeft = append(fromLeft, string(to))
		}
	}
	fmt.Println("from left:", strings.Join(fromLeft, ", "))
	// Output:
	// supporter → applicant: true
	// applicant → active: true
	// active → grace: true
	// grace → active: true
	// active → applicant: false
	// erased → supporter: false
	// from left: supporter, applicant, erased
}
