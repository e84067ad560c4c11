package network

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// Config is what makes one network itself: its name and the way it speaks.
// The zero value is not valid; start from DefaultConfig.
type Config struct {
	Name     string `json:"name"`     // shown everywhere: "Avenir en commun"
	Tagline  string `json:"tagline"`  // one line under the name
	Language string `json:"language"` // default language: "fr" or "en"
	TimeZone string `json:"timezone"` // IANA name, for showing times: "Europe/Paris"
}

// DefaultConfig is a valid configuration for a network that has not chosen.
func DefaultConfig() Config {
	return Config{
		Name:     "Avenir",
		Tagline:  "Le réseau social du mouvement",
		Language: "fr",
		TimeZone: "Europe/Paris",
	}
}

// Validate reports the first problem of the configuration, as an invalid
// error that names the field.
func (c Config) Validate() error {
	switch {
	case strings.TrimSpace(c.Name) == "":
		return avenir.FieldError("name", "The network needs a name.")
	case len(c.Name) > 80:
		return avenir.FieldError("name", "The network's name must be at most %d characters.", 80)
	case len(c.Tagline) > 200:
		return avenir.FieldError("tagline", "The tagline must be at most %d characters.", 200)
	}
	if _, err := c.LanguageTag(); err != nil {
		return err
	}
	if _, err := c.Location(); err != nil {
		return err
	}
	return nil
}

// LanguageTag returns the default language, which must be one Avenir speaks.
func (c Config) LanguageTag() (language.Tag, error) {
	tag, err := language.Parse(c.Language)
	if err == nil {
		for _, l := range avenir.Languages {
			if base, _ := tag.Base(); base == mustBase(l) {
				return l, nil
			}
		}
	}
	return language.Und, avenir.FieldError("language", "The language %q is not one Avenir speaks (fr, en).", c.Language)
}

func mustBase(t language.Tag) language.Base {
	b, _ := t.Base()
	return b
}

// Location returns the network's time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil || c.TimeZone == "" {
		return nil, avenir.FieldError("timezone", "The time zone %q is not known.", c.TimeZone)
	}
	return loc, nil
}

// ReadConfig reads a JSON configuration over the defaults, so that a file
// names only what it changes, and validates the result. Unknown fields are
// an error, so that a misspelt key does not go unnoticed.
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

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"The network needs a name.":                          "Le réseau doit avoir un nom.",
		"The network's name must be at most %d characters.":  "Le nom du réseau doit compter au plus %d caractères.",
		"The tagline must be at most %d characters.":         "Le slogan doit compter au plus %d caractères.",
		"The language %q is not one Avenir speaks (fr, en).": "La langue %q n’est pas proposée par Avenir (fr, en).",
		"The time zone %q is not known.":                     "Le fuseau horaire %q est inconnu.",
		"The configuration cannot be read: %v":               "La configuration ne peut pas être lue : %v",
	})
}
