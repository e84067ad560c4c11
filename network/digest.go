package network

import (
	"context"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Digest sends the daily digest of the day that contains now, in the
// network's time zone: one email per member with notifications waiting for
// it, listing them. Run it once a day (or more often: a member's digest of
// a day is taken once, by one server only, so that several application
// servers running the job never send it twice). It returns how many emails
// went. A member who withdrew ConsentNotifications meanwhile gets no email;
// their waiting items are marked digested all the same. The mail is sent
// after the digest is recorded: a failed send is logged, not retried (at
// most once, unlike single notifications).
func (s *Notifications) Digest(ctx context.Context) (int, error) {
	now := s.cfg.Clock.Now()
	day := now.In(s.cfg.Location).Format(time.DateOnly)
	sent := 0
	var after avenir.ID
	for {
		members, err := s.store.DigestMembers(ctx, after, 200)
		if err != nil {
			return sent, err
		}
		for _, m := range members {
			ok, err := s.digest(ctx, m, day, now)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(members) < 200 {
			return sent, nil
		}
		after = members[len(members)-1]
	}
}

func (s *Notifications) digest(ctx context.Context, member avenir.ID, day string, now time.Time) (bool, error) {
	items, err := s.store.TakeDigest(ctx, member, day, now)
	if avenir.IsCode(err, avenir.CodeConflict) {
		return false, nil // already sent today, here or by another server
	}
	if err != nil || len(items) == 0 {
		return false, err
	}
	consented, err := s.cfg.People.Consented(ctx, member, ConsentNotifications)
	if err != nil || !consented {
		return false, err
	}
	email, tag, err := s.cfg.People.Address(ctx, member)
	if err != nil || email == "" {
		return false, err
	}
	p := avenir.Printer(tag)
	var b strings.Builder
	for _, n := range items {
		b.WriteString("- " + n.Headline(tag) + "\n")
	}
	b.WriteString("\n" + p.Sprintf("See your notifications: %s", s.link()))
	m := membership.Mail{To: email, Subject: p.Sprintf("Your day on the network: %d notifications", len(items)), Text: b.String()}
	if err := s.cfg.Mailer.Send(ctx, m); err != nil {
		s.cfg.Log.ErrorContext(ctx, "notifications: cannot send a digest", "member", member, "err", err)
		return false, nil
	}
	return true, nil
}
