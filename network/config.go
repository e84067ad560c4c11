package network

import (
	"encoding/json"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
)

// Config is what makes one network itself: its name, the way it looks and
// speaks, and the policies its services apply. The zero value is not valid;
// start from DefaultConfig (ReadConfig does).
type Config struct {
	Name    string `json:"name"`    // shown everywhere: "Avenir en commun"
	Slug    string `json:"slug"`    // short machine name: "avenir-en-commun" (mail tags, cookie and file names)
	Tagline string `json:"tagline"` // one line under the name
	// Leader is the leader or figurehead the movement gathers around, as
	// the pages name them ("" for none).
	Leader   string   `json:"leader"`
	Branding Branding `json:"branding"`
	// Language is the default language: "fr" or "en"; Languages are those
	// the network offers (the switcher), the default among them.
	Language  string   `json:"language"`
	Languages []string `json:"languages"`
	TimeZone  string   `json:"timezone"` // IANA name, for showing times: "Europe/Paris"

	Membership    MembershipPolicy `json:"membership"`
	Moderation    Moderation       `json:"moderation"`
	Consultations Consultations    `json:"consultations"`
	Solidarity    Solidarity       `json:"solidarity"`
	Retention     Retention        `json:"retention"`
}

// Branding is how the network looks.
type Branding struct {
	PrimaryColor string `json:"primary_color"` // "#rrggbb": header, buttons
	AccentColor  string `json:"accent_color"`  // "#rrggbb": links, highlights
	// Logo is an https:// (or http://) address, or a path on the server
	// ("/static/logo.svg"); "" shows the name alone.
	Logo string `json:"logo"`
}

// MembershipPolicy is what membership.Policy needs from a configuration
// file: how long a membership year lasts, the grace after it ends, and the
// fee schedule (the first tier is the default).
type MembershipPolicy struct {
	Year      membership.YearKind `json:"year"`       // "calendar" or "rolling"
	GraceDays int                 `json:"grace_days"` // days in good standing after expiry
	Tiers     []Tier              `json:"tiers"`
}

// Tier is one line of the fee schedule.
type Tier struct {
	Key      string `json:"key"`      // "standard", "reduced"
	Amount   int64  `json:"amount"`   // in cents
	Currency string `json:"currency"` // ISO 4217: "EUR"
}

// Moderation holds the forums' moderation defaults.
type Moderation struct {
	// FlagThreshold is how many distinct members must flag a post for it
	// to be hidden until a moderator decides.
	FlagThreshold int `json:"flag_threshold"`
	// PremoderateFirstPosts holds a member's first N posts for approval; 0
	// turns it off.
	PremoderateFirstPosts int `json:"premoderate_first_posts"`
}

// Consultations holds the consultations' settings.
type Consultations struct {
	// SupportLimit is how many items a member may support in one
	// consultation.
	SupportLimit int `json:"support_limit"`
}

// Solidarity holds the solidarity space's options.
type Solidarity struct {
	// TrustedPublishDirectly publishes the actions of animators and
	// moderators without validation.
	TrustedPublishDirectly bool `json:"trusted_publish_directly"`
	// SupportersMayVolunteer lets supporters, not only members, sign up.
	SupportersMayVolunteer bool `json:"supporters_may_volunteer"`
	// Categories are the kinds of help listed; empty: solidarity's defaults.
	Categories []solidarity.Category `json:"categories"`
}

// Retention says how long personal data is kept (GDPR art. 5(1)(e),
// storage limitation).
type Retention struct {
	// EraseLapsedAfterMonths lists for erasure the members whose membership
	// lapsed (or who left) longer ago than this; 0 keeps them.
	EraseLapsedAfterMonths int `json:"erase_lapsed_after_months"`
	// AuditYears is how long audit entries are kept; 0 keeps them.
	AuditYears int `json:"audit_years"`
}

// Limits of the configuration's fields.
const (
	MaxName    = 80
	MaxSlug    = 40
	MaxTagline = 200
	MaxLeader  = 80
	MaxLogo    = 500
)

// DefaultConfig is a valid configuration for a network that has not chosen.
func DefaultConfig() Config {
	policy := membership.DefaultPolicy()
	tiers := make([]Tier, len(policy.Tiers))
	for i, t := range policy.Tiers {
		tiers[i] = Tier(t)
	}
	return Config{
		Name:      "Avenir",
		Slug:      "avenir",
		Tagline:   "Le réseau social du mouvement",
		Branding:  Branding{PrimaryColor: "#b3262e", AccentColor: "#1d3557"},
		Language:  "fr",
		Languages: []string{"fr", "en"},
		TimeZone:  "Europe/Paris",
		Membership: MembershipPolicy{
			Year: policy.Year, GraceDays: int(policy.Grace / (24 * time.Hour)), Tiers: tiers,
		},
		Moderation:    Moderation{FlagThreshold: 3},
		Consultations: Consultations{SupportLimit: 10},
		// Animators and moderators validate actions; their own need not
		// wait for a colleague.
		Solidarity: Solidarity{TrustedPublishDirectly: true},
		// The CNIL's guidance for political movements: keep the data of
		// former members no more than three years after their last contact.
		Retention: Retention{EraseLapsedAfterMonths: 36, AuditYears: 5},
	}
}

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	keyPattern   = regexp.MustCompile(`^[a-z0-9_]+$`)
	currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)
)

// The longest retention periods a configuration may set.
const (
	maxRetentionMonths = 1200
	maxRetentionYears  = 100
)

// Validate reports the first problem of the configuration, as an invalid
// error that names the field (its JSON path: "branding.primary_color").
func (c Config) Validate() error {
	checks := []func() error{c.checkIdentity, c.checkBranding, c.checkLanguages, c.checkTimeZone,
		c.checkMembership, c.checkModeration, c.checkSolidarity, c.checkRetention}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) checkIdentity() error {
	switch {
	case strings.TrimSpace(c.Name) == "":
		return avenir.FieldError("name", "The network needs a name.")
	case utf8.RuneCountInString(c.Name) > MaxName:
		return avenir.FieldError("name", "The network's name must be at most %d characters.", MaxName)
	case len(c.Slug) > MaxSlug:
		return avenir.FieldError("slug", "The slug must be at most %d characters.", MaxSlug)
	case !slugPattern.MatchString(c.Slug):
		return avenir.FieldError("slug", "The slug %q may hold only lowercase letters, digits and single hyphens.", c.Slug)
	case utf8.RuneCountInString(c.Tagline) > MaxTagline:
		return avenir.FieldError("tagline", "The tagline must be at most %d characters.", MaxTagline)
	case utf8.RuneCountInString(c.Leader) > MaxLeader:
		return avenir.FieldError("leader", "The leader's name must be at most %d characters.", MaxLeader)
	}
	return nil
}

func (c Config) checkBranding() error {
	colors := []struct{ field, value string }{
		{"branding.primary_color", c.Branding.PrimaryColor}, {"branding.accent_color", c.Branding.AccentColor},
	}
	for _, col := range colors {
		if !colorPattern.MatchString(col.value) {
			return avenir.FieldError(col.field, "The colour %q is not of the form #rrggbb.", col.value)
		}
	}
	if err := c.checkContrast(); err != nil {
		return err
	}
	logo := c.Branding.Logo
	if logo == "" {
		return nil
	}
	if len(logo) > MaxLogo {
		return avenir.FieldError("branding.logo", "The logo's address must be at most %d characters.", MaxLogo)
	}
	if !validLogo(logo) {
		return avenir.FieldError("branding.logo", "The logo %q is neither an http(s) address nor a path starting with /.", logo)
	}
	return nil
}

// validLogo accepts an http(s) address with a host, or an absolute path on
// the server; nothing that could break out of an HTML attribute.
func validLogo(logo string) bool {
	u, err := url.Parse(logo)
	if err != nil || strings.ContainsAny(logo, " \t\r\n\"'<>\\") {
		return false
	}
	switch {
	case u.Scheme == "https" || u.Scheme == "http":
		return u.Host != ""
	case u.Scheme == "" && u.Host == "":
		return strings.HasPrefix(logo, "/") && !strings.HasPrefix(logo, "//") && !strings.Contains(logo, "..")
	}
	return false
}

func (c Config) checkLanguages() error {
	def, err := c.LanguageTag()
	if err != nil {
		return err
	}
	offered, err := c.LanguageTags()
	if err != nil {
		return err
	}
	for _, t := range offered {
		if t == def {
			return nil
		}
	}
	return avenir.FieldError("languages", "The default language %q must be among the languages offered.", c.Language)
}

func (c Config) checkTimeZone() error {
	_, err := c.Location()
	return err
}

func (c Config) checkMembership() error {
	m := c.Membership
	switch {
	case m.Year != membership.CalendarYear && m.Year != membership.RollingYear:
		return avenir.FieldError("membership.year", "The membership year %q is neither %q nor %q.", m.Year, membership.CalendarYear, membership.RollingYear)
	case m.GraceDays < 0 || m.GraceDays > 366:
		return avenir.FieldError("membership.grace_days", "The grace period must be between 0 and %d days.", 366)
	case len(m.Tiers) == 0:
		return avenir.FieldError("membership.tiers", "The fee schedule needs at least one tier.")
	}
	seen := map[string]bool{}
	for _, t := range m.Tiers {
		switch {
		case !keyPattern.MatchString(t.Key):
			return avenir.FieldError("membership.tiers", "The tier key %q may hold only lowercase letters, digits and underscores.", t.Key)
		case seen[t.Key]:
			return avenir.FieldError("membership.tiers", "The tier key %q appears twice.", t.Key)
		case t.Amount < 0:
			return avenir.FieldError("membership.tiers", "The tier %q has a negative amount.", t.Key)
		case !currencyCode.MatchString(t.Currency):
			return avenir.FieldError("membership.tiers", "The currency %q of the tier %q is not an ISO 4217 code (EUR).", t.Currency, t.Key)
		}
		seen[t.Key] = true
	}
	return nil
}

func (c Config) checkModeration() error {
	switch {
	case c.Moderation.FlagThreshold < 1 || c.Moderation.FlagThreshold > 100:
		return avenir.FieldError("moderation.flag_threshold", "The flag threshold must be between 1 and %d.", 100)
	case c.Moderation.PremoderateFirstPosts < 0 || c.Moderation.PremoderateFirstPosts > 100:
		return avenir.FieldError("moderation.premoderate_first_posts", "The number of first posts held for approval must be between 0 and %d.", 100)
	case c.Consultations.SupportLimit < 1 || c.Consultations.SupportLimit > 1000:
		return avenir.FieldError("consultations.support_limit", "The support limit must be between 1 and %d.", 1000)
	}
	return nil
}

func (c Config) checkSolidarity() error {
	seen := map[string]bool{}
	for _, cat := range c.Solidarity.Categories {
		switch {
		case !keyPattern.MatchString(cat.Code):
			return avenir.FieldError("solidarity.categories", "The category code %q may hold only lowercase letters, digits and underscores.", cat.Code)
		case seen[cat.Code]:
			return avenir.FieldError("solidarity.categories", "The category code %q appears twice.", cat.Code)
		case strings.TrimSpace(cat.Label) == "":
			return avenir.FieldError("solidarity.categories", "The category %q needs a label.", cat.Code)
		}
		seen[cat.Code] = true
	}
	return nil
}

func (c Config) checkRetention() error {
	switch {
	case c.Retention.EraseLapsedAfterMonths < 0 || c.Retention.EraseLapsedAfterMonths > maxRetentionMonths:
		return avenir.FieldError("retention.erase_lapsed_after_months", "The retention of lapsed members must be between 0 (keep) and %d months.", maxRetentionMonths)
	case c.Retention.AuditYears < 0 || c.Retention.AuditYears > maxRetentionYears:
		return avenir.FieldError("retention.audit_years", "The retention of the audit log must be between 0 (keep) and %d years.", maxRetentionYears)
	}
	return nil
}

// LanguageTag returns the default language, which must be one Avenir speaks.
func (c Config) LanguageTag() (language.Tag, error) {
	if tag, ok := spoken(c.Language); ok {
		return tag, nil
	}
	return language.Und, avenir.FieldError("language", "The language %q is not one Avenir speaks (fr, en).", c.Language)
}

// LanguageTags returns the languages offered, each one Avenir speaks.
func (c Config) LanguageTags() ([]language.Tag, error) {
	if len(c.Languages) == 0 {
		return nil, avenir.FieldError("languages", "The network offers at least one language.")
	}
	out := make([]language.Tag, 0, len(c.Languages))
	for _, l := range c.Languages {
		tag, ok := spoken(l)
		if !ok {
			return nil, avenir.FieldError("languages", "The language %q is not one Avenir speaks (fr, en).", l)
		}
		for _, t := range out {
			if t == tag {
				return nil, avenir.FieldError("languages", "The language %q is offered twice.", l)
			}
		}
		out = append(out, tag)
	}
	return out, nil
}

// spoken returns the language of Avenir's whose base is l's.
func spoken(l string) (language.Tag, bool) {
	tag, err := language.Parse(l)
	if err != nil {
		return language.Und, false
	}
	base, _ := tag.Base()
	for _, t := range avenir.Languages {
		if b, _ := t.Base(); b == base {
			return t, true
		}
	}
	return language.Und, false
}

// Location returns the network's time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil || c.TimeZone == "" {
		return nil, avenir.FieldError("timezone", "The time zone %q is not known.", c.TimeZone)
	}
	return loc, nil
}

// MembershipPolicy returns the membership.Policy the configuration
// describes, in the network's time zone.
func (c Config) MembershipPolicy() (membership.Policy, error) {
	if err := c.checkMembership(); err != nil {
		return membership.Policy{}, err
	}
	loc, err := c.Location()
	if err != nil {
		return membership.Policy{}, err
	}
	p := membership.Policy{Year: c.Membership.Year, Grace: time.Duration(c.Membership.GraceDays) * 24 * time.Hour, Location: loc}
	for _, t := range c.Membership.Tiers {
		p.Tiers = append(p.Tiers, membership.Tier(t))
	}
	return p, nil
}

// forumConfig returns the forum settings the configuration holds; New
// completes them with the clock and the notifier.
func (c Config) forumConfig() forum.Config {
	return forum.Config{FlagThreshold: c.Moderation.FlagThreshold, PremoderateFirstPosts: c.Moderation.PremoderateFirstPosts}
}

func (c Config) consultationConfig() consultation.Config {
	return consultation.Config{SupportLimit: c.Consultations.SupportLimit}
}

func (c Config) solidarityConfig() solidarity.Config {
	return solidarity.Config{
		Categories:             c.Solidarity.Categories,
		TrustedPublishDirectly: c.Solidarity.TrustedPublishDirectly,
		SupportersMayVolunteer: c.Solidarity.SupportersMayVolunteer,
	}
}

// ReadConfig reads a JSON configuration over the defaults, so that a file
// names only what it changes, and validates the result. Unknown fields are
// an error, so that a misspelt key does not go unnoticed. A list in the file
// (tiers, languages, categories) replaces the default list.
func ReadConfig(r io.Reader) (Config, error) {
	c := DefaultConfig()
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, avenir.Wrap(avenir.CodeInvalid, err, "The configuration cannot be read: %v", err.Error())
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}
