package committee

import (
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Kind is the level of a committee in the tree.
type Kind string

// The committee kinds.
const (
	National   Kind = "national"   // the root: one per network, covers everything
	Federation Kind = "federation" // one or more departments
	Local      Kind = "local"      // a town, a group of communes, a district
	Abroad     Kind = "abroad"     // members living in one or more countries
)

// Kinds lists the kinds, from the root down.
var Kinds = []Kind{National, Federation, Local, Abroad}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Committee is a node of the territorial tree.
type Committee struct {
	ID          avenir.ID `json:"id"`
	Kind        Kind      `json:"kind"`
	Name        string    `json:"name"`
	Slug        string    `json:"slug"`                  // accent-free, unique: "federation-du-rhone"
	Description string    `json:"description,omitempty"` // Markdown
	Contact     string    `json:"contact,omitempty"`     // public: an address, a phone, a web page
	Parent      avenir.ID `json:"parent,omitzero"`       // zero for the national committee
	Territory   Territory `json:"territory"`
	// MembersVisible lets the committee's members see the list of its
	// members (names only).
	MembersVisible bool      `json:"members_visible"`
	ArchivedAt     time.Time `json:"archived_at,omitzero"`
	MergedInto     avenir.ID `json:"merged_into,omitzero"` // set when archived by a merge
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Active reports whether the committee is not archived.
func (c Committee) Active() bool { return c.ArchivedAt.IsZero() }

// DescriptionHTML is the description rendered as safe HTML.
func (c Committee) DescriptionHTML() template.HTML { return text.Markdown(c.Description) }

// Draft is what a committee is created or edited from. Parent and Territory
// are used on creation; afterwards Move changes the parent, and Update the
// territory (within the parent's).
type Draft struct {
	Kind           Kind      `json:"kind"`
	Name           string    `json:"name"`
	Slug           string    `json:"slug,omitempty"` // optional: made from the name
	Description    string    `json:"description,omitempty"`
	Contact        string    `json:"contact,omitempty"`
	Parent         avenir.ID `json:"parent,omitzero"`
	Territory      Territory `json:"territory"`
	MembersVisible bool      `json:"members_visible"`
}

// Limits of a committee's fields.
const (
	MaxNameLen        = 120
	MaxDescriptionLen = 20000
	MaxContactLen     = 500
)

// normalize cleans a draft and checks its own fields (not its place in the
// tree, which needs the parent).
func (d *Draft) normalize() error {
	d.Name = text.Line(d.Name)
	d.Contact = text.Clean(d.Contact)
	d.Description = text.Clean(d.Description)
	d.Slug = strings.TrimSpace(d.Slug)
	if d.Slug == "" {
		d.Slug = text.Slug(d.Name)
	}
	if err := d.Territory.normalize(); err != nil {
		return err
	}
	switch {
	case !d.Kind.Valid():
		return avenir.FieldError("kind", "The committee kind %q is not known.", text.Truncate(string(d.Kind), 20))
	case d.Name == "":
		return avenir.FieldError("name", "A name is required.")
	case utf8.RuneCountInString(d.Name) > MaxNameLen:
		return avenir.FieldError("name", "The name must be at most %d characters.", MaxNameLen)
	case d.Slug == "" || d.Slug != text.Slug(d.Slug):
		return avenir.FieldError("slug", "The slug %q is not valid: use lower-case letters, digits and hyphens.", text.Truncate(d.Slug, 40))
	case utf8.RuneCountInString(d.Description) > MaxDescriptionLen:
		return avenir.FieldError("description", "The description must be at most %d characters.", MaxDescriptionLen)
	case utf8.RuneCountInString(d.Contact) > MaxContactLen:
		return avenir.FieldError("contact", "The contact must be at most %d characters.", MaxContactLen)
	}
	return nil
}
