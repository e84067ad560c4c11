package consultation

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Limits on what people type, in characters.
const (
	MaxTitle    = 200
	MaxSummary  = 2_000
	MaxSection  = 20_000
	MaxSections = 50
	MaxReason   = 2_000
)

// Consultation gathers contributions in a theme forum and ends in a vote on
// a motion.
type Consultation struct {
	ID          avenir.ID       `json:"id"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Forum       avenir.ID       `json:"forum"`    // the theme forum, where discussions happen
	Audience    avenir.Audience `json:"audience"` // the theme forum's
	Schedule    Schedule        `json:"schedule"`
	// Floor is the phase reached by decisions; Phase is the phase now,
	// the later of Floor and the dates (filled when read).
	Floor Phase `json:"-"`
	Phase Phase `json:"phase"`
	// Drafters is the drafting group: members who compose the motion,
	// answer the motion's amendments and advance the phases. Admins
	// change it; it is stored with the consultation rather than as a
	// network-wide role, since it exists for this consultation only.
	Drafters []avenir.ID `json:"drafters"`
	// ElectorateAt is when the eligible voters were listed (zero before the
	// vote opens); Electorate is how many.
	ElectorateAt time.Time `json:"electorate_at,omitzero"`
	Electorate   int       `json:"electorate"`
	CreatedBy    avenir.ID `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Input creates or changes a consultation.
type Input struct {
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Forum       avenir.ID   `json:"forum"`
	Schedule    Schedule    `json:"schedule"`
	Drafters    []avenir.ID `json:"drafters"`
}

func (in *Input) normalize() error {
	in.Title, in.Description = text.Line(in.Title), text.Clean(in.Description)
	if err := checkLen("title", in.Title, MaxTitle, true); err != nil {
		return err
	}
	if err := checkLen("description", in.Description, MaxSummary, false); err != nil {
		return err
	}
	if !in.Schedule.valid() {
		return avenir.FieldError("schedule", "The phases' dates must follow one another.")
	}
	slices.SortFunc(in.Drafters, func(a, b avenir.ID) int { return compareID(a, b) })
	in.Drafters = slices.Compact(in.Drafters)
	return nil
}

func compareID(a, b avenir.ID) int { return slices.Compare(a[:], b[:]) }

func checkLen(field, s string, max int, required bool) error {
	n := utf8.RuneCountInString(s)
	if required && n == 0 {
		return avenir.FieldError(field, "This field is required.")
	}
	if n > max {
		return avenir.FieldError(field, "This field must be at most %d characters.", max)
	}
	return nil
}

// Create opens a consultation in a theme forum. Only admins create them.
// The consultation takes the forum's audience, so that nothing written in it
// reaches wider than the forum where it is discussed.
func (s *Service) Create(ctx context.Context, actor avenir.Actor, in Input) (Consultation, error) {
	if !actor.IsAdmin() {
		return Consultation{}, avenir.ErrForbidden
	}
	if err := in.normalize(); err != nil {
		return Consultation{}, err
	}
	f, err := s.cfg.Forums.Forum(ctx, actor, in.Forum)
	if err != nil {
		return Consultation{}, avenir.FieldError("forum", "Choose the theme forum of the consultation.")
	}
	if f.Audience.Kind == avenir.AudienceModerators || f.Audience.Kind == avenir.AudienceCommittee {
		// The electorate is every member in good standing: a forum
		// narrower than that would count members who cannot take part.
		return Consultation{}, avenir.FieldError("forum", "A consultation takes place in a forum open to every member.")
	}
	now := s.now()
	c := Consultation{ID: avenir.NewID(), Title: in.Title, Description: in.Description, Forum: f.ID, Audience: f.Audience,
		Schedule: in.Schedule, Floor: PhaseUpcoming, Drafters: in.Drafters, CreatedBy: actor.ID, CreatedAt: now, UpdatedAt: now}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateConsultation(ctx, c); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("consultation.created", actor.ID, c.ID, c.Audience, map[string]any{"title": c.Title}))
	})
	if err != nil {
		return Consultation{}, err
	}
	c.Phase = c.Schedule.PhaseAt(now, c.Floor)
	return c, nil
}

// Update changes a consultation's title, description, dates and drafting
// group (admins only). The theme forum stays.
func (s *Service) Update(ctx context.Context, actor avenir.Actor, id avenir.ID, in Input) (Consultation, error) {
	if !actor.IsAdmin() {
		return Consultation{}, avenir.ErrForbidden
	}
	if err := in.normalize(); err != nil {
		return Consultation{}, err
	}
	var out Consultation
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.lock(ctx, id)
		if err != nil {
			return err
		}
		c.Title, c.Description, c.Schedule, c.Drafters, c.UpdatedAt = in.Title, in.Description, in.Schedule, in.Drafters, s.now()
		c.Phase = c.Schedule.PhaseAt(c.UpdatedAt, c.Floor)
		out = c
		return s.store.UpdateConsultation(ctx, c)
	})
	return out, err
}

// Get returns a consultation the actor may read; any other is not_found.
func (s *Service) Get(ctx context.Context, actor avenir.Actor, id avenir.ID) (Consultation, error) {
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		return Consultation{}, err
	}
	if !CanRead(actor, c) {
		return Consultation{}, avenir.ErrNotFound
	}
	c.Phase = c.Schedule.PhaseAt(s.now(), c.Floor)
	return c, nil
}

// List returns the consultations the actor may read, newest first.
// Consultations are few; the list is not paginated.
func (s *Service) List(ctx context.Context, actor avenir.Actor) ([]Consultation, error) {
	cs, err := s.store.Consultations(ctx, actor.Visibility())
	now := s.now()
	for i := range cs {
		cs[i].Phase = cs[i].Schedule.PhaseAt(now, cs[i].Floor)
	}
	return cs, err
}

// lock reads a consultation under its row lock, with its phase now.
func (s *Service) lock(ctx context.Context, id avenir.ID) (Consultation, error) {
	c, err := s.store.LockConsultation(ctx, id)
	if err != nil {
		return Consultation{}, err
	}
	c.Phase = c.Schedule.PhaseAt(s.now(), c.Floor)
	return c, nil
}

// Advance moves the consultation to its next phase by a decision of the
// drafting group; it returns the consultation in its new phase. Opening the
// vote lists the eligible voters; closing it counts the votes.
func (s *Service) Advance(ctx context.Context, actor avenir.Actor, id avenir.ID) (Consultation, error) {
	var out Consultation
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.lock(ctx, id)
		if err != nil {
			return err
		}
		if !CanRead(actor, c) {
			return avenir.ErrNotFound
		}
		if !CanDraft(actor, c) {
			return avenir.ErrForbidden
		}
		if c.Phase == PhaseClosed {
			return avenir.Errorf(avenir.CodeConflict, "The consultation is closed.")
		}
		if c.Phase == PhaseSynthesis {
			n, err := s.store.PublishedMotions(ctx, c.ID)
			if err != nil {
				return err
			}
			if n == 0 {
				return avenir.Errorf(avenir.CodeConflict, "Publish a motion before opening the vote.")
			}
		}
		c.Floor, c.UpdatedAt = c.Phase.Next(), s.now()
		c.Phase = c.Floor
		if err := s.store.UpdateConsultation(ctx, c); err != nil {
			return err
		}
		if c, err = s.settle(ctx, c); err != nil {
			return err
		}
		out = c
		return s.store.Record(ctx, s.event("consultation.phase_advanced", actor.ID, c.ID, c.Audience, map[string]any{"phase": c.Phase}))
	})
	return out, err
}

// settle does, under the consultation's lock, what entering the vote or the
// closed phase entails, once: listing the electorate, counting the votes.
// Phases reached by date are settled by the first action that needs them.
func (s *Service) settle(ctx context.Context, c Consultation) (Consultation, error) {
	if !c.Phase.After(PhaseSynthesis) {
		return c, nil
	}
	if c.ElectorateAt.IsZero() {
		n, err := s.store.TakeElectorate(ctx, c.ID, s.now())
		if err != nil {
			return c, err
		}
		c.ElectorateAt, c.Electorate = s.now(), n
	}
	if c.Phase == PhaseClosed {
		if err := s.count(ctx, c); err != nil {
			return c, err
		}
	}
	return c, nil
}
