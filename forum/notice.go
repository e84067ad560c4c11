package forum

import (
	"context"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// Notifier tells a member of a decision about their post, or of the answer
// to their appeal. The forum package holds no addresses: a program's
// Notifier finds the member's address and language (the reference server
// mails them). Notify should queue and return at once; it is called after
// the decision is committed, and its failure is logged, not returned: the
// author still finds the decision with Service.Decisions.
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// Notice is what a member is told.
type Notice struct {
	Member   avenir.ID `json:"member"`
	Decision Decision  `json:"decision"`
	// Answer is true for the answer to the member's appeal, false for the
	// decision itself.
	Answer bool   `json:"answer"`
	URL    string `json:"url"` // where the member reads the decision and may appeal
}

// Message returns the notice's subject and text in the language of tag.
func (n Notice) Message(tag language.Tag) (subject, body string) {
	p := avenir.Printer(tag)
	d := n.Decision
	var b strings.Builder
	if n.Answer && d.Appeal != nil {
		subject = p.Sprintf("The answer to your appeal")
		b.WriteString(p.Sprintf("A moderator other than the one who decided has answered your appeal: %s.", p.Sprintf(d.Appeal.Outcome.Label())))
		b.WriteString("\n\n")
		b.WriteString(p.Sprintf("Reasons: %s", d.Appeal.Reason))
	} else {
		subject = p.Sprintf("A moderation decision about your post")
		b.WriteString(p.Sprintf("A moderator (%s) decided: %s.", p.Sprintf(d.Role.Label()), p.Sprintf(d.Action.Label())))
		b.WriteString("\n\n")
		b.WriteString(p.Sprintf("Reason: %s. %s", p.Sprintf(d.Reason.Label()), d.Text))
		if !d.SuspendedUntil.IsZero() {
			b.WriteString("\n\n")
			b.WriteString(p.Sprintf("You may not write in this forum until %s.", d.SuspendedUntil.Format(time.DateOnly)))
		}
		if d.Appealable() {
			b.WriteString("\n\n")
			b.WriteString(p.Sprintf("You may appeal this decision once; a different moderator will answer."))
		}
	}
	if n.URL != "" {
		b.WriteString("\n\n")
		b.WriteString(n.URL)
	}
	return subject, b.String()
}

// notify tells the author, after the transaction committed.
func (s *Service) notify(ctx context.Context, d Decision, answer bool) {
	if s.cfg.Notifier == nil {
		return
	}
	n := Notice{Member: d.Author, Decision: d, Answer: answer}
	if s.cfg.BaseURL != "" {
		n.URL = strings.TrimSuffix(s.cfg.BaseURL, "/") + "/forums/decisions/" + d.ID.String()
	}
	if err := s.cfg.Notifier.Notify(ctx, n); err != nil {
		s.cfg.Log.ErrorContext(ctx, "forum: cannot notify a decision", "decision", d.ID, "err", err)
	}
}
