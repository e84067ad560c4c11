package solidarity

import (
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/text"
)

// Kind says who helps whom.
type Kind string

// The kinds of action.
const (
	Offer      Kind = "offer"      // "I can help"
	Request    Kind = "request"    // "I need help"
	Collective Kind = "collective" // a committee's action: a food collection, tutoring sessions, visits
)

// Kinds lists every kind.
var Kinds = []Kind{Offer, Request, Collective}

// Category is a kind of help, from the network's list (Config.Categories).
type Category struct {
	Code  string `json:"code"`  // stable: "food_aid"
	Label string `json:"label"` // as shown, a catalog key translated when shown: "Food aid"
}

// DefaultCategories are the categories of a network that lists none.
var DefaultCategories = []Category{
	{"food_aid", "Food aid"}, {"tutoring", "Tutoring"}, {"transport", "Transport"}, {"visits", "Visits"},
	{"administrative", "Administrative help"}, {"housing", "Housing"}, {"repairs", "Repairs"}, {"other", "Other"},
}

// Limits of an action's fields.
const (
	MaxTitle       = 140
	MaxDescription = 20000
	MaxCity        = 100
	MaxVolunteers  = 1000 // places of an action or of a shift
	MaxShifts      = 50
	MaxReason      = 1000
)

// Place is where an action happens: a commune of France (INSEE code), a
// town abroad (its country required), or online.
type Place struct {
	Online  bool   `json:"online,omitempty"`
	Commune string `json:"commune,omitempty"` // INSEE code, in France
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-2, abroad
	City    string `json:"city,omitempty"`    // the town abroad, free text
}

// Shift is one time slot of a collective action, with its own places.
type Shift struct {
	Number   int       `json:"number"` // from 1, in order of start
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Capacity int       `json:"capacity"` // places; 0: as many as come
	Accepted int       `json:"accepted"`
	waitNext int
}

// ShiftDraft is a shift as its organiser proposes it.
type ShiftDraft struct {
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Capacity int       `json:"capacity"`
}

// Draft is an action as its author writes it.
type Draft struct {
	Kind        Kind      `json:"kind"`
	Category    string    `json:"category"`
	Title       string    `json:"title"`
	Description string    `json:"description"` // Markdown
	Place       Place     `json:"place"`
	Committee   avenir.ID `json:"committee,omitzero"` // zero: the nearest committee of the place
	// StartsAt and EndsAt date the action: both zero for an open-ended
	// offer or request, StartsAt alone for a one-off action, both for a
	// period.
	StartsAt time.Time `json:"starts_at,omitzero"`
	EndsAt   time.Time `json:"ends_at,omitzero"`
	// Volunteers is the number of places (0: as many as come); ignored
	// when the action has shifts, which carry their own.
	Volunteers int          `json:"volunteers"`
	Shifts     []ShiftDraft `json:"shifts,omitempty"` // collective actions only
	// AutoAccept accepts volunteers while places remain; otherwise the
	// organiser accepts each one.
	AutoAccept bool             `json:"auto_accept,omitempty"`
	Audience   *avenir.Audience `json:"audience,omitempty"` // nil: public
}

// Action is an offer, a request or a collective action. It never carries
// its author's contact details: see Service.Contacts.
type Action struct {
	ID              avenir.ID       `json:"id"`
	Kind            Kind            `json:"kind"`
	Category        string          `json:"category"`
	Title           string          `json:"title"`
	Description     string          `json:"description"`      // Markdown, as written
	DescriptionHTML string          `json:"description_html"` // sanitized HTML
	Place           Place           `json:"place"`
	Department      string          `json:"department,omitempty"` // of the commune
	Region          string          `json:"region,omitempty"`     // of the department
	Committee       avenir.ID       `json:"committee,omitzero"`
	StartsAt        time.Time       `json:"starts_at,omitzero"`
	EndsAt          time.Time       `json:"ends_at,omitzero"`
	Volunteers      int             `json:"volunteers"` // places; 0: as many as come
	Accepted        int             `json:"accepted"`   // volunteers accepted (without shifts)
	Shifts          []Shift         `json:"shifts,omitempty"`
	AutoAccept      bool            `json:"auto_accept,omitempty"`
	Audience        avenir.Audience `json:"audience"`
	Status          Status          `json:"status"`
	Author          avenir.ID       `json:"author"`
	// Reason is why the action was rejected or cancelled.
	Reason      string    `json:"reason,omitempty"`
	Impact      *Impact   `json:"impact,omitempty"`
	Thread      avenir.ID `json:"thread,omitzero"` // its forum thread, once opened
	PublishedAt time.Time `json:"published_at,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	waitNext int
}

// Impact is what a completed action achieved.
type Impact struct {
	PeopleHelped int    `json:"people_helped"`
	Hours        int    `json:"hours"`
	Volunteers   int    `json:"volunteers"` // volunteers involved, counted at completion
	Report       string `json:"report,omitempty"`
}

// WaitlistNext and WithWaitlistNext expose the waitlist counter to the
// storage package, which keeps it on the action row; nothing else needs it.
func (a Action) WaitlistNext() int { return a.waitNext }

// WithWaitlistNext returns a with its waitlist counter set.
func (a Action) WithWaitlistNext(n int) Action { a.waitNext = n; return a }

// WaitlistNext and WithWaitlistNext do the same for a shift.
func (s Shift) WaitlistNext() int { return s.waitNext }

// WithWaitlistNext returns s with its waitlist counter set.
func (s Shift) WithWaitlistNext(n int) Shift { s.waitNext = n; return s }

// Starts returns when the action begins, for the date filters: its start,
// or the start of its first shift; zero when it is open-ended.
func (a Action) Starts() time.Time {
	begin := a.StartsAt
	for _, s := range a.Shifts {
		if begin.IsZero() || s.StartsAt.Before(begin) {
			begin = s.StartsAt
		}
	}
	return begin
}

// Ends returns when the action is over for the expiry job: its end, or its
// start for a one-off action, or the end of its last shift; zero when it is
// open-ended.
func (a Action) Ends() time.Time {
	end := a.EndsAt
	if end.IsZero() {
		end = a.StartsAt
	}
	for _, s := range a.Shifts {
		if s.EndsAt.After(end) {
			end = s.EndsAt
		}
	}
	return end
}

// Places returns the free places of the action (shift 0) or of one shift,
// and false when the number is unlimited.
func (a Action) Places(shift int) (free int, limited bool) {
	if shift == 0 {
		return a.Volunteers - a.Accepted, a.Volunteers > 0
	}
	for _, s := range a.Shifts {
		if s.Number == shift {
			return s.Capacity - s.Accepted, s.Capacity > 0
		}
	}
	return 0, true
}

// normalize checks a draft against the network's categories and fills in
// what follows from it: the place's department and region.
func (d *Draft) normalize(categories []Category, now time.Time) (dept, region string, err error) {
	d.Title = strings.TrimSpace(d.Title)
	d.Description = strings.TrimSpace(d.Description)
	d.Category = strings.TrimSpace(d.Category)
	switch d.Kind {
	case Offer, Request, Collective:
	default:
		return "", "", avenir.FieldError("kind", "The kind %q is not known: offer, request or collective.", text.Truncate(string(d.Kind), 20))
	}
	if !knownCategory(categories, d.Category) {
		return "", "", avenir.FieldError("category", "The category %q is not known.", text.Truncate(d.Category, 40))
	}
	switch {
	case d.Title == "":
		return "", "", avenir.FieldError("title", "A title is required.")
	case len([]rune(d.Title)) > MaxTitle:
		return "", "", avenir.FieldError("title", "The title must be at most %d characters.", MaxTitle)
	case len([]rune(d.Description)) > MaxDescription:
		return "", "", avenir.FieldError("description", "The description must be at most %d characters.", MaxDescription)
	}
	if dept, region, err = d.Place.normalize(); err != nil {
		return "", "", err
	}
	if !d.EndsAt.IsZero() && d.StartsAt.IsZero() {
		return "", "", avenir.FieldError("starts_at", "An action with an end needs a start.")
	}
	if !d.EndsAt.IsZero() && d.EndsAt.Before(d.StartsAt) {
		return "", "", avenir.FieldError("ends_at", "The action must end after it starts.")
	}
	if end := d.EndsAt; !end.IsZero() && !end.After(now) || end.IsZero() && !d.StartsAt.IsZero() && d.StartsAt.Before(now) {
		return "", "", avenir.FieldError("starts_at", "The action's dates are already past.")
	}
	if d.Volunteers < 0 || d.Volunteers > MaxVolunteers {
		return "", "", avenir.FieldError("volunteers", "The number of volunteers must be between 0 (as many as come) and %d.", MaxVolunteers)
	}
	if len(d.Shifts) > 0 && d.Kind != Collective {
		return "", "", avenir.FieldError("shifts", "Only a collective action has shifts.")
	}
	if len(d.Shifts) > MaxShifts {
		return "", "", avenir.FieldError("shifts", "An action has at most %d shifts.", MaxShifts)
	}
	for _, s := range d.Shifts {
		switch {
		case s.StartsAt.IsZero() || !s.EndsAt.After(s.StartsAt):
			return "", "", avenir.FieldError("shifts", "A shift must end after it starts.")
		case !s.StartsAt.After(now):
			return "", "", avenir.FieldError("shifts", "A shift starts in the future.")
		case s.Capacity < 0 || s.Capacity > MaxVolunteers:
			return "", "", avenir.FieldError("shifts", "The number of volunteers must be between 0 (as many as come) and %d.", MaxVolunteers)
		}
	}
	if d.Audience != nil {
		if err := d.Audience.Validate(); err != nil {
			return "", "", err
		}
	}
	return dept, region, nil
}

func knownCategory(list []Category, code string) bool {
	for _, c := range list {
		if c.Code == code {
			return true
		}
	}
	return false
}

// normalize checks a place and returns its department and region.
func (p *Place) normalize() (dept, region string, err error) {
	p.Commune = strings.ToUpper(strings.TrimSpace(p.Commune))
	p.Country = strings.ToUpper(strings.TrimSpace(p.Country))
	p.City = strings.TrimSpace(p.City)
	if p.Country == "FR" {
		p.Country = ""
	}
	switch {
	case p.Online:
		if p.Commune != "" || p.Country != "" || p.City != "" {
			return "", "", avenir.FieldError("place", "An online action has no commune or country.")
		}
		return "", "", nil
	case p.Country != "":
		if p.Commune != "" {
			return "", "", avenir.FieldError("place.commune", "A commune (INSEE code) is in France; abroad, give the town.")
		}
		if _, err := geo.CountryByCode(p.Country); err != nil {
			return "", "", avenir.FieldError("place.country", "The country %q is not known.", text.Truncate(p.Country, 10))
		}
		if len([]rune(p.City)) > MaxCity {
			return "", "", avenir.FieldError("place.city", "The town must be at most %d characters.", MaxCity)
		}
		return "", "", nil
	case p.Commune == "" && p.City != "":
		return "", "", avenir.FieldError("place.country", "A place outside France needs its country.")
	case p.Commune == "":
		return "", "", avenir.FieldError("place.commune", "A place is required: a commune, a town abroad with its country, or online.")
	}
	c, err := geo.CommuneByINSEE(p.Commune)
	if err != nil {
		return "", "", avenir.FieldError("place.commune", "The commune %q does not exist.", text.Truncate(p.Commune, 10))
	}
	p.City = c.Name
	if d, err := geo.DepartmentByCode(c.Department); err == nil {
		region = d.Region.Code
	}
	return c.Department, region, nil
}
