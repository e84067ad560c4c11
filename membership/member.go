package membership

import (
	"encoding/json"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Member is a person of the network, member or supporter. Personal fields
// are empty once the member is erased; the row stays as a tombstone so that
// what they wrote keeps a valid author.
type Member struct {
	ID            avenir.ID `json:"id"`
	Email         string    `json:"email,omitempty"` // normalized: trimmed, NFC, lower case; unique
	EmailVerified time.Time `json:"email_verified_at,omitzero"`
	Profile
	Status         avenir.Status `json:"status,omitempty"`
	Tier           string        `json:"tier,omitempty"`           // the fee tier of the current membership
	JoinedAt       time.Time     `json:"joined_at,omitzero"`       // first became a member (applicant or active)
	ExpiresAt      time.Time     `json:"expires_at,omitzero"`      // end of the paid membership; zero when never paid
	SuspendedUntil time.Time     `json:"suspended_until,omitzero"` // end of a suspension; zero for none or indefinite
	CreatedAt      time.Time     `json:"created_at,omitzero"`
	UpdatedAt      time.Time     `json:"updated_at,omitzero"`
}

// Profile is what a member tells about themself, and who may see each part.
type Profile struct {
	DisplayName string     `json:"display_name"`        // how others see them: required
	FullName    string     `json:"full_name,omitempty"` // legal name, for the membership card and receipts
	Phone       string     `json:"phone,omitempty"`     // E.164-like: +33612345678
	Address     Address    `json:"address,omitzero"`
	Language    string     `json:"language,omitempty"` // "fr" or "en"
	Visibility  Visibility `json:"visibility,omitempty"`
}

// Address is where a member lives, as much as the network needs: the postal
// code and commune place them in a committee, the country places members
// abroad.
type Address struct {
	Line       string `json:"line,omitempty"`        // street and number; optional
	PostalCode string `json:"postal_code,omitempty"` // French postal code, for members in France
	Commune    string `json:"commune,omitempty"`     // INSEE commune code, chosen when a postal code has several
	City       string `json:"city,omitempty"`        // the city's name, for addresses abroad
	Country    string `json:"country,omitempty"`     // ISO 3166-1 alpha-2, upper case; "FR" by default
}

// Field names a part of the profile whose visibility the member chooses.
type Field string

// The profile fields with a visibility.
const (
	FieldFullName Field = "full_name"
	FieldEmail    Field = "email"
	FieldPhone    Field = "phone"
	FieldAddress  Field = "address"
)

// Fields lists the fields with a visibility.
var Fields = []Field{FieldFullName, FieldEmail, FieldPhone, FieldAddress}

// Visibility says, for each field, who besides the member and the admins may
// see it; the zero Audience, Private, means nobody else. A field is public
// only when the member chose it. A field missing from the map has its
// default: the full name is shown to members in good standing; the contact
// details (email, phone, address) are private, since membership data is
// special-category data (GDPR art. 9) and minimisation (art. 5(1)(c)) asks
// that a member choose to show them — their committee's animators see them
// only with the share_contact consent.
type Visibility map[Field]avenir.Audience

// Of returns the audience of a field.
func (v Visibility) Of(f Field) avenir.Audience {
	if a, ok := v[f]; ok {
		return a
	}
	if f == FieldFullName {
		return avenir.Members
	}
	return Private
}

// Private is the audience of a field nobody else may see.
var Private = avenir.Audience{}

// private is Private's text form.
const private = "private"

// MarshalJSON writes each field's audience in its text form, "private" for
// Private.
func (v Visibility) MarshalJSON() ([]byte, error) {
	m := make(map[Field]string, len(v))
	for f, a := range v {
		if a == Private {
			m[f] = private
		} else {
			m[f] = a.String()
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes; "private" or "" is Private.
func (v *Visibility) UnmarshalJSON(b []byte) error {
	var m map[Field]string
	if err := json.Unmarshal(b, &m); err != nil {
		return avenir.FieldError("visibility", "The visibility of the profile is not valid.")
	}
	out := make(Visibility, len(m))
	for f, s := range m {
		if s == private || s == "" {
			out[f] = Private
			continue
		}
		a, err := avenir.ParseAudience(s)
		if err != nil {
			return avenir.FieldError("visibility", "The audience %q is not known.", text.Truncate(s, 60))
		}
		out[f] = a
	}
	*v = out
	return nil
}

// Limits of the profile fields.
const (
	MaxNameLen  = 100
	MaxEmailLen = 254 // RFC 5321's path limit
	MaxLineLen  = 200
)

var (
	phonePattern  = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`) // ITU-T E.164
	postalPattern = regexp.MustCompile(`^[0-9]{5}$`)
	inseePattern  = regexp.MustCompile(`^[0-9][0-9AB][0-9]{3}$`)
	countryRegexp = regexp.MustCompile(`^[A-Z]{2}$`)
)

// NormalizeEmail returns the form of an email address that is stored and
// compared: trimmed, Unicode NFC, lower case. It is an invalid error when
// the address is not one.
func NormalizeEmail(email string) (string, error) {
	e := strings.ToLower(norm.NFC.String(strings.TrimSpace(email)))
	if e == "" {
		return "", avenir.FieldError("email", "An email address is required.")
	}
	if len(e) > MaxEmailLen {
		return "", avenir.FieldError("email", "The email address is too long.")
	}
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e || addr.Name != "" || !strings.Contains(e[strings.LastIndex(e, "@")+1:], ".") {
		return "", avenir.FieldError("email", "The email address %q is not valid.", text.Truncate(email, 60))
	}
	return e, nil
}

// NormalizePhone removes spaces, dots, dashes and brackets, and turns a
// French national number (06…) into its international form (+336…).
func NormalizePhone(phone string) (string, error) {
	p := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '(', ')', '\u00a0':
			return -1
		}
		return r
	}, strings.TrimSpace(phone))
	if p == "" {
		return "", nil
	}
	if strings.HasPrefix(p, "00") {
		p = "+" + p[2:]
	}
	if strings.HasPrefix(p, "+330") {
		p = "+33" + p[4:] // "+33 (0)6…": the French trunk 0 does not belong after +33
	} else if len(p) == 10 && p[0] == '0' {
		p = "+33" + p[1:]
	}
	if !phonePattern.MatchString(p) {
		return "", avenir.FieldError("phone", "The phone number %q is not valid.", text.Truncate(phone, 30))
	}
	return p, nil
}

// normalize cleans a profile and reports the first invalid field. The
// geography check (does the postal code exist?) is the Service's, which has
// the geography.
func (p *Profile) normalize() error {
	p.DisplayName = text.Line(p.DisplayName)
	p.FullName = text.Line(p.FullName)
	p.Address.Line = text.Line(p.Address.Line)
	p.Address.City = text.Line(p.Address.City)
	p.Address.PostalCode = strings.TrimSpace(p.Address.PostalCode)
	p.Address.Commune = strings.ToUpper(strings.TrimSpace(p.Address.Commune))
	p.Address.Country = strings.ToUpper(strings.TrimSpace(p.Address.Country))
	if p.Address.Country == "" {
		p.Address.Country = "FR"
	}
	p.Language = strings.ToLower(strings.TrimSpace(p.Language))
	if p.Language == "" {
		p.Language = "fr"
	}
	switch {
	case p.DisplayName == "":
		return avenir.FieldError("display_name", "A display name is required.")
	case utf8.RuneCountInString(p.DisplayName) > MaxNameLen:
		return avenir.FieldError("display_name", "The display name must be at most %d characters.", MaxNameLen)
	case utf8.RuneCountInString(p.FullName) > MaxNameLen:
		return avenir.FieldError("full_name", "The full name must be at most %d characters.", MaxNameLen)
	case utf8.RuneCountInString(p.Address.Line) > MaxLineLen:
		return avenir.FieldError("address", "The address must be at most %d characters.", MaxLineLen)
	case utf8.RuneCountInString(p.Address.City) > MaxNameLen:
		return avenir.FieldError("city", "The city must be at most %d characters.", MaxNameLen)
	case !countryRegexp.MatchString(p.Address.Country):
		return avenir.FieldError("country", "The country %q is not valid.", text.Truncate(p.Address.Country, 10))
	case p.Address.Country == "FR" && p.Address.PostalCode != "" && !postalPattern.MatchString(p.Address.PostalCode):
		return avenir.FieldError("postal_code", "The postal code %q is not valid.", text.Truncate(p.Address.PostalCode, 10))
	case p.Address.Commune != "" && !inseePattern.MatchString(p.Address.Commune):
		return avenir.FieldError("commune", "The commune code %q is not valid.", text.Truncate(p.Address.Commune, 10))
	case p.Language != "fr" && p.Language != "en":
		return avenir.FieldError("language", "The language %q is not offered.", text.Truncate(p.Language, 10))
	}
	phone, err := NormalizePhone(p.Phone)
	if err != nil {
		return err
	}
	p.Phone = phone
	for f, a := range p.Visibility {
		if !validField(f) {
			return avenir.FieldError("visibility", "The field %q is not known.", text.Truncate(string(f), 20))
		}
		if a != Private && a.Validate() != nil {
			return avenir.FieldError("visibility", "The audience %q is not known.", text.Truncate(a.String(), 60))
		}
	}
	return nil
}

func validField(f Field) bool { return slices.Contains(Fields, f) }

// View is what a viewer may see of a member: the profile with every field the
// viewer may not see emptied.
func (m Member) View(viewer avenir.Actor) Member {
	if viewer.ID == m.ID || viewer.IsAdmin() {
		return m
	}
	// The status stays hidden: that a member is suspended, or left, is
	// theirs and the admins' to know.
	v := Member{ID: m.ID, Profile: Profile{DisplayName: m.DisplayName, Language: m.Language}}
	if m.Visibility.Of(FieldFullName).Allows(viewer) {
		v.FullName = m.FullName
	}
	if m.Visibility.Of(FieldEmail).Allows(viewer) {
		v.Email = m.Email
	}
	if m.Visibility.Of(FieldPhone).Allows(viewer) {
		v.Phone = m.Phone
	}
	if m.Visibility.Of(FieldAddress).Allows(viewer) {
		v.Address = m.Address
	}
	return v
}
