package network_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests need time zones on machines without zoneinfo

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
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
		{"long name", func(c *network.Config) { c.Name = strings.Repeat("é", 81) }, "name"},
		{"accented name at the limit", func(c *network.Config) { c.Name = strings.Repeat("é", 80) }, ""},
		{"empty slug", func(c *network.Config) { c.Slug = "" }, "slug"},
		{"slug with capitals", func(c *network.Config) { c.Slug = "Avenir" }, "slug"},
		{"slug with double hyphen", func(c *network.Config) { c.Slug = "avenir--commun" }, "slug"},
		{"slug ending with hyphen", func(c *network.Config) { c.Slug = "avenir-" }, "slug"},
		{"long slug", func(c *network.Config) { c.Slug = strings.Repeat("a", 41) }, "slug"},
		{"good slug", func(c *network.Config) { c.Slug = "avenir-en-commun-2027" }, ""},
		{"long tagline", func(c *network.Config) { c.Tagline = strings.Repeat("a", 201) }, "tagline"},
		{"long leader", func(c *network.Config) { c.Leader = strings.Repeat("a", 81) }, "leader"},
		{"a leader", func(c *network.Config) { c.Leader = "Jeanne Martin" }, ""},
		{"primary colour without #", func(c *network.Config) { c.Branding.PrimaryColor = "b3262e" }, "branding.primary_color"},
		{"short primary colour", func(c *network.Config) { c.Branding.PrimaryColor = "#b32" }, "branding.primary_color"},
		{"accent colour not hex", func(c *network.Config) { c.Branding.AccentColor = "#gg0000" }, "branding.accent_color"},
		{"accent colour named", func(c *network.Config) { c.Branding.AccentColor = "red" }, "branding.accent_color"},
		{"upper-case colour", func(c *network.Config) { c.Branding.AccentColor = "#1D3557" }, ""},
		{"light primary colour, dark text", func(c *network.Config) { c.Branding.PrimaryColor = "#ffd23f" }, ""},
		{"mid-grey primary colour", func(c *network.Config) { c.Branding.PrimaryColor = "#777777" }, "branding.primary_color"},
		{"accent too light for links", func(c *network.Config) { c.Branding.AccentColor = "#ffd23f" }, "branding.accent_color"},
		{"accent just readable", func(c *network.Config) { c.Branding.AccentColor = "#767676" }, ""},
		{"logo address", func(c *network.Config) { c.Branding.Logo = "https://cdn.example.org/logo.svg" }, ""},
		{"logo path", func(c *network.Config) { c.Branding.Logo = "/static/logo.svg" }, ""},
		{"logo relative path", func(c *network.Config) { c.Branding.Logo = "static/logo.svg" }, "branding.logo"},
		{"logo javascript", func(c *network.Config) { c.Branding.Logo = "javascript:alert(1)" }, "branding.logo"},
		{"logo protocol-relative", func(c *network.Config) { c.Branding.Logo = "//evil.example/logo.svg" }, "branding.logo"},
		{"logo with a quote", func(c *network.Config) { c.Branding.Logo = `/logo.svg" onload="x` }, "branding.logo"},
		{"logo climbing up", func(c *network.Config) { c.Branding.Logo = "/static/../secret" }, "branding.logo"},
		{"logo without host", func(c *network.Config) { c.Branding.Logo = "https:///logo.svg" }, "branding.logo"},
		{"long logo", func(c *network.Config) { c.Branding.Logo = "/" + strings.Repeat("a", 500) }, "branding.logo"},
		{"unspoken language", func(c *network.Config) { c.Language = "de" }, "language"},
		{"garbage language", func(c *network.Config) { c.Language = "!!" }, "language"},
		{"no language offered", func(c *network.Config) { c.Languages = nil }, "languages"},
		{"unspoken language offered", func(c *network.Config) { c.Languages = []string{"fr", "de"} }, "languages"},
		{"language offered twice", func(c *network.Config) { c.Languages = []string{"fr", "fr-BE"} }, "languages"},
		{"default not offered", func(c *network.Config) { c.Language, c.Languages = "en", []string{"fr"} }, "languages"},
		{"French only", func(c *network.Config) { c.Languages = []string{"fr"} }, ""},
		{"unknown time zone", func(c *network.Config) { c.TimeZone = "Mars/Olympus" }, "timezone"},
		{"empty time zone", func(c *network.Config) { c.TimeZone = "" }, "timezone"},
		{"rolling year", func(c *network.Config) { c.Membership.Year = membership.RollingYear }, ""},
		{"unknown year", func(c *network.Config) { c.Membership.Year = "lunar" }, "membership.year"},
		{"negative grace", func(c *network.Config) { c.Membership.GraceDays = -1 }, "membership.grace_days"},
		{"grace over a year", func(c *network.Config) { c.Membership.GraceDays = 367 }, "membership.grace_days"},
		{"no tiers", func(c *network.Config) { c.Membership.Tiers = nil }, "membership.tiers"},
		{"tier without key", func(c *network.Config) { c.Membership.Tiers[0].Key = "" }, "membership.tiers"},
		{"tier key with space", func(c *network.Config) { c.Membership.Tiers[0].Key = "tarif réduit" }, "membership.tiers"},
		{"tier twice", func(c *network.Config) { c.Membership.Tiers[1].Key = c.Membership.Tiers[0].Key }, "membership.tiers"},
		{"negative amount", func(c *network.Config) { c.Membership.Tiers[0].Amount = -1 }, "membership.tiers"},
		{"free tier", func(c *network.Config) { c.Membership.Tiers[1].Amount = 0 }, ""},
		{"bad currency", func(c *network.Config) { c.Membership.Tiers[0].Currency = "euro" }, "membership.tiers"},
		{"zero flag threshold", func(c *network.Config) { c.Moderation.FlagThreshold = 0 }, "moderation.flag_threshold"},
		{"huge flag threshold", func(c *network.Config) { c.Moderation.FlagThreshold = 101 }, "moderation.flag_threshold"},
		{"negative premoderation", func(c *network.Config) { c.Moderation.PremoderateFirstPosts = -1 }, "moderation.premoderate_first_posts"},
		{"premoderation", func(c *network.Config) { c.Moderation.PremoderateFirstPosts = 2 }, ""},
		{"zero support limit", func(c *network.Config) { c.Consultations.SupportLimit = 0 }, "consultations.support_limit"},
		{"huge support limit", func(c *network.Config) { c.Consultations.SupportLimit = 1001 }, "consultations.support_limit"},
		{"categories", func(c *network.Config) {
			c.Solidarity.Categories = []solidarity.Category{{Code: "food_aid", Label: "Food aid"}, {Code: "pets", Label: "Animaux"}}
		}, ""},
		{"category without code", func(c *network.Config) {
			c.Solidarity.Categories = []solidarity.Category{{Code: "", Label: "Food aid"}}
		}, "solidarity.categories"},
		{"category twice", func(c *network.Config) {
			c.Solidarity.Categories = []solidarity.Category{{Code: "pets", Label: "A"}, {Code: "pets", Label: "B"}}
		}, "solidarity.categories"},
		{"category without label", func(c *network.Config) {
			c.Solidarity.Categories = []solidarity.Category{{Code: "pets", Label: " "}}
		}, "solidarity.categories"},
		{"keep lapsed members", func(c *network.Config) { c.Retention.EraseLapsedAfterMonths = 0 }, ""},
		{"negative retention", func(c *network.Config) { c.Retention.EraseLapsedAfterMonths = -1 }, "retention.erase_lapsed_after_months"},
		{"endless retention", func(c *network.Config) { c.Retention.EraseLapsedAfterMonths = 1201 }, "retention.erase_lapsed_after_months"},
		{"negative audit retention", func(c *network.Config) { c.Retention.AuditYears = -1 }, "retention.audit_years"},
		{"endless audit retention", func(c *network.Config) { c.Retention.AuditYears = 101 }, "retention.audit_years"},
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
		{"everything", `{"name":"N","slug":"n","tagline":"T","leader":"L","language":"en","languages":["en","fr"],
			"timezone":"America/Cayenne","branding":{"primary_color":"#000000","accent_color":"#0000ee","logo":"/logo.png"},
			"membership":{"year":"rolling","grace_days":30,"tiers":[{"key":"standard","amount":2000,"currency":"EUR"}]},
			"moderation":{"flag_threshold":5,"premoderate_first_posts":1},"consultations":{"support_limit":3},
			"solidarity":{"trusted_publish_directly":true,"supporters_may_volunteer":true,"categories":[{"code":"pets","label":"Pets"}]},
			"retention":{"erase_lapsed_after_months":24,"audit_years":3}}`, "N", false},
		{"unknown key", `{"nom":"Avenir"}`, "", true},
		{"unknown nested key", `{"branding":{"colour":"#000000"}}`, "", true},
		{"not JSON", `name = "Avenir"`, "", true},
		{"invalid value", `{"timezone":"Nowhere"}`, "", true},
		{"invalid nested value", `{"retention":{"audit_years":-2}}`, "", true},
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

func TestReadConfigKeepsDefaultsNotNamed(t *testing.T) {
	c, err := network.ReadConfig(strings.NewReader(`{"moderation":{"premoderate_first_posts":2}}`))
	require.NoError(t, err)
	assert.Equal(t, 3, c.Moderation.FlagThreshold, "a nested default survives a partial object")
	assert.Equal(t, 2, c.Moderation.PremoderateFirstPosts)
	assert.Equal(t, network.DefaultConfig().Membership, c.Membership)
}

func TestMembershipPolicy(t *testing.T) {
	c := network.DefaultConfig()
	c.TimeZone = "America/Cayenne"
	c.Membership = network.MembershipPolicy{Year: membership.RollingYear, GraceDays: 30,
		Tiers: []network.Tier{{Key: "solidaire", Amount: 100, Currency: "EUR"}}}
	p, err := c.MembershipPolicy()
	require.NoError(t, err)
	assert.Equal(t, membership.RollingYear, p.Year)
	assert.Equal(t, 30*24*time.Hour, p.Grace)
	assert.Equal(t, "America/Cayenne", p.Location.String())
	assert.Equal(t, []membership.Tier{{Key: "solidaire", Amount: 100, Currency: "EUR"}}, p.Tiers)

	c.Membership.Tiers = nil
	_, err = c.MembershipPolicy()
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))

	// The default configuration describes membership's default policy.
	p, err = network.DefaultConfig().MembershipPolicy()
	require.NoError(t, err)
	def := membership.DefaultPolicy()
	assert.Equal(t, def.Year, p.Year)
	assert.Equal(t, def.Grace, p.Grace)
	assert.Equal(t, def.Tiers, p.Tiers)
}
