package consultation

import (
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// Config configures a Service. Zero fields take the defaults shown.
type Config struct {
	// Forums starts each contribution's and motion's discussion thread in
	// the theme forum. Required.
	Forums *forum.Service
	Clock  avenir.Clock // avenir.SystemClock
	// SupportLimit is how many items a member may support in one
	// consultation: 10.
	SupportLimit int
	// Secret keys the ballots (HMAC-SHA256): at least 32 random bytes, kept
	// out of the database and the same on every server. Without it the
	// vote refuses to run.
	Secret []byte
}

// Service holds the consultations' rules and workflows.
type Service struct {
	store Store
	cfg   Config
}

// NewService returns a Service storing in store.
func NewService(store Store, cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if cfg.SupportLimit <= 0 {
		cfg.SupportLimit = 10
	}
	return &Service{store: store, cfg: cfg}
}

// SupportLimit returns how many items a member may support per consultation.
func (s *Service) SupportLimit() int { return s.cfg.SupportLimit }

func (s *Service) now() time.Time { return s.cfg.Clock.Now() }

// event builds a domain event; payloads of ours always encode.
func (s *Service) event(typ string, actor, subject avenir.ID, audience avenir.Audience, payload any) avenir.Event {
	e, err := avenir.NewEvent(s.cfg.Clock, typ, actor, subject, audience, payload)
	if err != nil {
		panic(err)
	}
	return e
}
