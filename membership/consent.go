package membership

import (
	"context"
	"slices"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Purpose is something a member may agree to, with the text they agreed to.
// A new text is a new version; consents name the version they were given on.
type Purpose struct {
	Key     string // "newsletter"
	Version int    // starts at 1; bump when the text changes
	Text    string // what the member reads, in the network's language
	// Required purposes are the legal basis of membership itself; a member
	// cannot withdraw them without leaving.
	Required bool
}

// The purposes every network has.
const (
	ConsentMembership   = "membership"    // processing membership data: a political body's legitimate activity, GDPR art. 9(2)(d)
	ConsentNewsletter   = "newsletter"    // receiving the network's newsletter
	ConsentShareContact = "share_contact" // sharing contact details with one's committee animators
)

// DefaultPurposes are the purposes of a network that has not written its own.
func DefaultPurposes() []Purpose {
	return []Purpose{
		{Key: ConsentMembership, Version: 1, Required: true,
			Text: "J’accepte que le mouvement traite mes données d’adhésion pour son activité politique (RGPD art. 9-2-d)."},
		{Key: ConsentNewsletter, Version: 1,
			Text: "Je souhaite recevoir la lettre d’information du mouvement."},
		{Key: ConsentShareContact, Version: 1,
			Text: "J’accepte que les animateurs de mon comité voient mon téléphone et mon adresse e-mail."},
	}
}

// Source says where a consent was given or withdrawn.
type Source string

// The consent sources.
const (
	SourceForm   Source = "form"
	SourceAPI    Source = "api"
	SourceImport Source = "import"
	SourceAdmin  Source = "admin"
)

// Sources lists the consent sources.
var Sources = []Source{SourceForm, SourceAPI, SourceImport, SourceAdmin}

// Consent is one entry of the consent ledger: a member gave or withdrew
// consent to a purpose's version, at a time, from a source. Entries are
// never changed: the state of a consent is its latest entry.
type Consent struct {
	ID      avenir.ID `json:"id"`
	Member  avenir.ID `json:"member"`
	Purpose string    `json:"purpose"`
	Version int       `json:"version"`
	Given   bool      `json:"given"`
	Source  Source    `json:"source"`
	At      time.Time `json:"at"`
}

// Purpose returns the purpose with the key.
func (s *Service) Purpose(key string) (Purpose, bool) {
	for _, p := range s.cfg.Purposes {
		if p.Key == key {
			return p, true
		}
	}
	return Purpose{}, false
}

// SetConsent records that the actor gives (or withdraws) consent to the
// current version of a purpose. The ledger keeps every entry; a required
// purpose cannot be withdrawn (leave the network instead).
func (s *Service) SetConsent(ctx context.Context, actor avenir.Actor, purpose string, given bool, source Source) (Consent, error) {
	if actor.IsAnonymous() {
		return Consent{}, avenir.ErrUnauthenticated
	}
	p, ok := s.Purpose(purpose)
	if !ok {
		return Consent{}, avenir.FieldError("purpose", "The purpose %q is not known.", text.Truncate(purpose, 30))
	}
	if !slices.Contains(Sources, source) {
		return Consent{}, avenir.FieldError("source", "The consent source %q is not known.", text.Truncate(string(source), 20))
	}
	if p.Required && !given {
		return Consent{}, avenir.Errorf(avenir.CodeConflict, "This consent is the basis of your membership: to withdraw it, leave the network.")
	}
	c := Consent{ID: avenir.NewID(), Member: actor.ID, Purpose: p.Key, Version: p.Version, Given: given, Source: source, At: s.now()}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.AddConsent(ctx, c); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("member.consent_changed", actor.ID, actor.ID, map[string]any{"purpose": p.Key, "given": given}))
	})
	return c, err
}

// ConsentState is where a member stands on one purpose.
type ConsentState struct {
	Purpose Purpose
	Given   bool      // the latest entry gave consent
	Current bool      // ... to the current version of the text
	At      time.Time // the latest entry's time; zero when never asked
}

// Consents returns where a member stands on every purpose, for the member
// and admins.
func (s *Service) Consents(ctx context.Context, actor avenir.Actor, member avenir.ID) ([]ConsentState, error) {
	if actor.ID != member && !actor.IsAdmin() {
		return nil, avenir.ErrNotFound
	}
	ledger, err := s.store.Consents(ctx, member)
	if err != nil {
		return nil, err
	}
	return consentStates(s.cfg.Purposes, ledger), nil
}

// consentStates folds a ledger (oldest first) into the state of each purpose.
func consentStates(purposes []Purpose, ledger []Consent) []ConsentState {
	out := make([]ConsentState, len(purposes))
	for i, p := range purposes {
		out[i].Purpose = p
		for _, c := range ledger {
			if c.Purpose == p.Key {
				out[i].Given, out[i].Current, out[i].At = c.Given, c.Given && c.Version == p.Version, c.At
			}
		}
	}
	return out
}

// Consented reports whether a member's latest entry for a purpose gives
// consent (to any version: a new text does not withdraw an old consent, but
// ConsentState.Current says whether to ask again).
func (s *Service) Consented(ctx context.Context, member avenir.ID, purpose string) (bool, error) {
	ledger, err := s.store.Consents(ctx, member)
	if err != nil {
		return false, err
	}
	given := false
	for _, c := range ledger {
		if c.Purpose == purpose {
			given = c.Given
		}
	}
	return given, nil
}

// NewsletterRecipients lists, for admins, the members who may receive the
// newsletter: their latest entry for it gives consent, and they are not
// erased. It returns up to limit IDs after the ID after.
func (s *Service) NewsletterRecipients(ctx context.Context, actor avenir.Actor, after avenir.ID, limit int) ([]avenir.ID, error) {
	if !actor.IsAdmin() {
		return nil, avenir.ErrForbidden
	}
	if limit <= 0 || limit > 10000 {
		return nil, avenir.FieldError("limit", "The page size must be between 1 and %d.", 10000)
	}
	return s.store.ConsentHolders(ctx, ConsentNewsletter, after, limit)
}

// ContactVisible answers "may this animator see this member's phone and
// email": the viewer animates one of the committees the member belongs to
// (a grant over a committee above counts, as avenir.Actor expands it), and
// the member consented to share their contact details with their committee's
// animators. The member themself and admins always may. Callers record the
// access (the committee package does, through its audited views).
func (s *Service) ContactVisible(ctx context.Context, viewer avenir.Actor, member avenir.ID, memberCommittees []avenir.ID) (bool, error) {
	if viewer.ID == member || viewer.IsAdmin() {
		return true, nil
	}
	animates := false
	for _, c := range memberCommittees {
		if viewer.Has(avenir.RoleAnimator, avenir.CommitteeScope(c)) {
			animates = true
			break
		}
	}
	if !animates {
		return false, nil
	}
	return s.Consented(ctx, member, ConsentShareContact)
}
