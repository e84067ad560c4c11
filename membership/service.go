package membership

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
)

// Geography knows French addresses. The committee/geo package gives one
// (geo.Addresses); a Service without it checks only the form of a postal
// code and cannot filter the directory by department.
type Geography interface {
	// CheckPostalCode returns an invalid error for a postal code that does
	// not exist, and for a commune (INSEE code, optional) that does not
	// carry it.
	CheckPostalCode(postalCode, commune string) error
	// DepartmentPostalCodes returns the postal codes of a department's
	// communes, and an invalid error for an unknown department.
	DepartmentPostalCodes(department string) ([]string, error)
}

// Config configures a Service. Zero fields take the defaults shown.
type Config struct {
	Policy     Policy        // DefaultPolicy()
	Purposes   []Purpose     // DefaultPurposes()
	Clock      avenir.Clock  // avenir.SystemClock
	Mailer     Mailer        // required for sign-up and sign-in links
	BaseURL    string        // the network's address, for links in mails: "https://example.org"
	Geography  Geography     // optional
	Committees CommitteeTree // optional; lets animators grant below them
	// PersonalData are the other parts of the network holding personal data,
	// for Export and Erase.
	PersonalData []PersonalData

	Password        PasswordParams // DefaultPasswordParams
	SessionTTL      time.Duration  // 30 days; sliding: each use extends it
	SessionMaxAge   time.Duration  // 90 days: a session ends then however much it is used
	SignInLinkTTL   time.Duration  // 15 minutes
	VerifyLinkTTL   time.Duration  // 48 hours
	ThrottleWindow  time.Duration  // 15 minutes
	MaxFailures     int            // failed sign-ins per account in the window: 5
	MaxClientFailed int            // failed sign-ins per client address in the window: 20
	MaxLinksPerHour int            // sign-in links mailed to one address in an hour: 5
}

// Service holds membership's rules and workflows.
type Service struct {
	store Store
	cfg   Config
}

// NewService returns a Service storing in store.
func NewService(store Store, cfg Config) *Service {
	if cfg.Policy.Tiers == nil {
		cfg.Policy = DefaultPolicy()
	}
	if cfg.Purposes == nil {
		cfg.Purposes = DefaultPurposes()
	}
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if cfg.Mailer == nil {
		cfg.Mailer = discardMailer{}
	}
	if cfg.Password == (PasswordParams{}) {
		cfg.Password = DefaultPasswordParams
	}
	setDefault(&cfg.SessionTTL, 30*24*time.Hour)
	setDefault(&cfg.SessionMaxAge, 90*24*time.Hour)
	setDefault(&cfg.SignInLinkTTL, 15*time.Minute)
	setDefault(&cfg.VerifyLinkTTL, 48*time.Hour)
	setDefault(&cfg.ThrottleWindow, 15*time.Minute)
	if cfg.MaxFailures == 0 {
		cfg.MaxFailures = 5
	}
	if cfg.MaxClientFailed == 0 {
		cfg.MaxClientFailed = 20
	}
	if cfg.MaxLinksPerHour == 0 {
		cfg.MaxLinksPerHour = 5
	}
	return &Service{store: store, cfg: cfg}
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d == 0 {
		*d = def
	}
}

// Policy returns the membership policy in force.
func (s *Service) Policy() Policy { return s.cfg.Policy }

// SessionMaxAge returns how long a session lives at most, however much it is
// used (a cookie that carries one can be kept that long).
func (s *Service) SessionMaxAge() time.Duration { return s.cfg.SessionMaxAge }

// Purposes returns the consent purposes.
func (s *Service) Purposes() []Purpose { return s.cfg.Purposes }

func (s *Service) now() time.Time { return s.cfg.Clock.Now() }

func (s *Service) event(typ string, actor, subject avenir.ID, payload any) avenir.Event {
	// Membership events name a person: only moderators (and admins) may
	// learn of them through the outbox.
	e, err := avenir.NewEvent(s.cfg.Clock, typ, actor, subject, avenir.Moderators, payload)
	if err != nil {
		panic(err) // a payload of ours that does not encode is a bug
	}
	return e
}

// Actor builds the avenir.Actor of a member: their status and the grants in
// force. Committee affiliations are added by the committee package.
func (s *Service) Actor(ctx context.Context, member avenir.ID) (avenir.Actor, error) {
	m, err := s.store.Member(ctx, member)
	if err != nil {
		return avenir.Anonymous, err
	}
	return s.actorOf(ctx, m)
}

// actorOf builds the actor of a member already read.
func (s *Service) actorOf(ctx context.Context, m Member) (avenir.Actor, error) {
	grants, err := s.store.Grants(ctx, m.ID)
	if err != nil {
		return avenir.Anonymous, err
	}
	a := avenir.Actor{ID: m.ID, Status: m.Status}
	now := s.now()
	for _, g := range grants {
		if g.InForce(now) {
			a.Grants = append(a.Grants, avenir.Grant{Role: g.Role, Scope: g.Scope})
		}
	}
	return a, nil
}

// Member returns what viewer may see of a member. A member the viewer may
// not see at all is not_found, so that a visitor cannot probe who is a member.
func (s *Service) Member(ctx context.Context, viewer avenir.Actor, id avenir.ID) (Member, error) {
	if viewer.IsAnonymous() {
		return Member{}, avenir.ErrNotFound
	}
	m, err := s.store.Member(ctx, id)
	if err != nil {
		return Member{}, err
	}
	if m.Status == avenir.StatusErased && viewer.ID != id && !viewer.IsAdmin() {
		return Member{}, avenir.ErrNotFound
	}
	if viewer.ID != id && !viewer.InGoodStanding() && !viewer.IsAdmin() {
		return Member{}, avenir.ErrNotFound
	}
	v := m.View(viewer)
	if viewer.ID != id && (v.Email != "" || v.Phone != "" || v.Address != (Address{})) {
		// Someone else sees contact details: the view is audited.
		if err := s.audit(ctx, viewer, "profile", id); err != nil {
			return Member{}, err
		}
	}
	return v, nil
}

// UpdateProfile changes a member's profile: the member themself, or an admin.
func (s *Service) UpdateProfile(ctx context.Context, actor avenir.Actor, id avenir.ID, p Profile) (Member, error) {
	if actor.ID != id && !actor.IsAdmin() {
		return Member{}, avenir.ErrNotFound
	}
	if err := s.checkProfile(&p); err != nil {
		return Member{}, err
	}
	var out Member
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.store.MemberForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if m.Status == avenir.StatusErased {
			return avenir.Errorf(avenir.CodeConflict, "This member's data was erased.")
		}
		m.Profile = p
		m.UpdatedAt = s.now()
		if err := s.store.UpdateMember(ctx, m); err != nil {
			return err
		}
		out = m
		return s.store.Record(ctx, s.event("member.profile_updated", actor.ID, id, nil))
	})
	return out, err
}

func (s *Service) checkProfile(p *Profile) error {
	if err := p.normalize(); err != nil {
		return err
	}
	if s.cfg.Geography != nil && p.Address.Country == "FR" && p.Address.PostalCode != "" {
		return s.cfg.Geography.CheckPostalCode(p.Address.PostalCode, p.Address.Commune)
	}
	return nil
}
