package network_test

import (
	"fmt"
	"strings"
	"testing"
	_ "time/tzdata" // the tests need time zones on machines without zoneinfo

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name      string
		change    func(c *network.Config)
		wantField string
	}{
		{"defaults are valid", func(c *network.Config) {}, ""},
		{"English", func(c *network.Config) { c.Language = "en-GB" }, ""},
		{"no name", func(c *network.Config) { c.Name = "  " }, "name"},
		{"long name", func(c *network.Config) { c.Name = strings.Repeat("a", 81) }, "name"},
		{"long tagline", func(c *network.Config) { c.Tagline = strings.Repeat("a", 201) }, "tagline"},
		{"unspoken language", func(c *network.Config) { c.Language = "de" }, "language"},
		{"garbage language", func(c *network.Config) { c.Language = "!!" }, "language"},
		{"unknown time zone", func(c *network.Config) { c.TimeZone = "Mars/Olympus" }, "timezone"},
		{"empty time zone", func(c *network.Config) { c.TimeZone = "" }, "timezone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := network.DefaultConfig()
			tt.change(&c)
			err := c.Validate()
			if tt.wantField == "" {
				require.NoError(t, err)
				return
			}
			var e *avenir.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, avenir.CodeInvalid, e.Code)
			assert.Equal(t, tt.wantField, e.Field)
			assert.NotEqual(t, avenir.Message(err, language.French), avenir.Message(err, language.English), "translated")
		})
	}
}

func TestReadConfig(t *testing.T) {
	tests := []struct {
		name, json string
		wantName   string
		wantErr    bool
	}{
		{"only the name", `{"name":"Avenir en commun"}`, "Avenir en commun", false},
		{"everything", `{"name":"N","tagline":"T","language":"en","timezone":"America/Cayenne"}`, "N", false},
		{"unknown key", `{"nom":"Avenir"}`, "", true},
		{"not JSON", `name = "Avenir"`, "", true},
		{"invalid value", `{"timezone":"Nowhere"}`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := network.ReadConfig(strings.NewReader(tt.json))
			if tt.wantErr {
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantName, c.Name)
		})
	}
}

func ExampleReadConfig() {
	cfg, err := network.ReadConfig(strings.NewReader(`{"name": "Avenir en commun", "language": "en"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	tag, _ := cfg.LanguageTag()
	fmt.Println(cfg.Name, "·", cfg.Tagline, "·", tag, "·", cfg.TimeZone)
	// Output: Avenir en commun · Le réseau social du mouvement · en · Europe/Paris
}
