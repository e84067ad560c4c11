package membership_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string // want "" for an invalid address
	}{
		{"camille@example.org", "camille@example.org"},
		{"  Camille@Example.ORG\t", "camille@example.org"},
		{"camille.desmoulins+avenir@sub.example.fr", "camille.desmoulins+avenir@sub.example.fr"},
		{"e\u0301lise@example.org", "\u00e9lise@example.org"}, // NFC: é as one code point
		{"ÉLISE@exemple.fr", "élise@exemple.fr"},
		{"", ""},
		{"   ", ""},
		{"camille", ""},
		{"camille@", ""},
		{"@example.org", ""},
		{"camille@localhost", ""}, // no dot in the domain
		{"Camille <camille@example.org>", ""},
		{"<camille@example.org>", ""},
		{"camille@example.org, jean@example.org", ""},
		{"a@b@example.org", ""},
		{"camille..d@example.org", ""},
		{"camille@exa mple.org", ""},
		{"camille@example.org.", ""},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".org", ""}, // 255 characters
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			got, err := membership.NormalizeEmail(tt.in)
			if tt.want == "" {
				require.Error(t, err)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
				assert.Equal(t, "email", errorField(err))
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := membership.NormalizeEmail(got)
			require.NoError(t, err)
			assert.Equal(t, got, again, "normalizing is idempotent")
		})
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		valid    bool
		bug      string
	}{
		{"", "", true, ""},
		{"   ", "", true, ""},
		{"06 12 34 56 78", "+33612345678", true, ""},
		{"06.12.34.56.78", "+33612345678", true, ""},
		{"06-12-34-56-78", "+33612345678", true, ""},
		{"0612345678", "+33612345678", true, ""},
		{"01\u00a023\u00a045\u00a067\u00a089", "+33123456789", true, ""},
		{"+33 6 12 34 56 78", "+33612345678", true, ""},
		{"0033 6 12 34 56 78", "+33612345678", true, ""},
		{"0032 470 12 34 56", "+32470123456", true, ""},
		{"(+44) 20 7946 0958", "+442079460958", true, ""},
		{"+1 (555) 010-9999", "+15550109999", true, ""},
		{"+33 (0)6 12 34 56 78", "+33612345678", true, ""},
		{"12345", "", false, ""},
		{"06 12 34 56 7", "", false, ""},      // nine digits
		{"06 12 34 56 78 9", "", false, ""},   // eleven digits, no country code
		{"+0123456789", "", false, ""},        // no country code starts with 0
		{"+33612345678901234", "", false, ""}, // more than 15 digits
		{"+33 6 12 34 56 78 ext 5", "", false, ""},
		{"abc", "", false, ""},
		{"06/12/34/56/78", "", false, ""},
		{"++33612345678", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
			got, err := membership.NormalizePhone(tt.in)
			if !tt.valid {
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
				assert.Equal(t, "phone", errorField(err))
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// validProfile is a profile that passes every check.
func validProfile() membership.Profile {
	return membership.Profile{
		DisplayName: "Camille D.", FullName: "Camille Desmoulins", Phone: "06 12 34 56 78",
		Address:  membership.Address{Line: "1 rue de la République", PostalCode: "69001", Commune: "69381"},
		Language: "fr",
	}
}

// TestUpdateProfileValidation: each invalid field is refused with its name
// and a message in French and in English, and the profile stays as it was.
func TestUpdateProfileValidation(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name   string
		change func(p *membership.Profile)
		field  string
		bug    string
	}{
		{"no display name", func(p *membership.Profile) { p.DisplayName = "" }, "display_name", ""},
		{"blank display name", func(p *membership.Profile) { p.DisplayName = " \t\u0000 " }, "display_name", ""},
		{"display name too long", func(p *membership.Profile) { p.DisplayName = long(101) }, "display_name", ""},
		{"full name too long", func(p *membership.Profile) { p.FullName = long(101) }, "full_name", ""},
		{"address line too long", func(p *membership.Profile) { p.Address.Line = long(201) }, "address", ""},
		{"city too long", func(p *membership.Profile) { p.Address.City = long(101) }, "city", ""},
		{"country name", func(p *membership.Profile) { p.Address.Country = "France" }, "country", ""},
		{"country with a digit", func(p *membership.Profile) { p.Address.Country = "F1" }, "country", ""},
		{"postal code too short", func(p *membership.Profile) { p.Address.PostalCode = "6900" }, "postal_code", ""},
		{"postal code with a space", func(p *membership.Profile) { p.Address.PostalCode = "69 001" }, "postal_code", ""},
		{"commune code", func(p *membership.Profile) { p.Address.Commune = "6938" }, "commune", ""},
		{"language", func(p *membership.Profile) { p.Language = "de" }, "language", ""},
		{"phone", func(p *membership.Profile) { p.Phone = "12345" }, "phone", ""},
		{"visibility of an unknown field", func(p *membership.Profile) {
			p.Visibility = membership.Visibility{"birthday": avenir.Public}
		}, "visibility", ""},
		{"visibility with an unknown audience", func(p *membership.Profile) {
			p.Visibility = membership.Visibility{membership.FieldEmail: {Kind: "friends"}}
		}, "visibility", ""},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "profile@example.org", false)
		self := f.actor(t, m.ID)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.bug != "" {
					t.Skip(tt.bug)
				}
				p := validProfile()
				tt.change(&p)
				before := captureState(t, db, m.ID)
				_, err := f.svc.UpdateProfile(ctx, self, m.ID, p)
				require.Error(t, err)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%v", err)
				assert.Equal(t, tt.field, errorField(err))
				fr, en := avenir.Message(err, language.French), avenir.Message(err, language.English)
				assert.NotEmpty(t, fr)
				assert.NotEqual(t, en, fr, "the message is translated")
				before.assertUnchanged(t, db)
			})
		}

		t.Run("valid, normalized", func(t *testing.T) {
			p := validProfile()
			p.DisplayName = "  Ca\u0000mille\u0301 "
			p.Address = membership.Address{Line: "Rue Neuve 1", PostalCode: "B-1000", City: "Bruxelles", Country: " be "}
			p.Language = " EN "
			p.FullName = long(100)
			p.Visibility = membership.Visibility{membership.FieldEmail: avenir.Public, membership.FieldPhone: membership.Private}
			got, err := f.svc.UpdateProfile(ctx, self, m.ID, p)
			require.NoError(t, err)
			assert.Equal(t, "Camill\u00e9", got.DisplayName, "trimmed, NFC, without control characters")
			assert.Equal(t, "BE", got.Address.Country)
			assert.Equal(t, "B-1000", got.Address.PostalCode, "a postal code abroad is not checked")
			assert.Equal(t, "en", got.Language)
			assert.Equal(t, "+33612345678", got.Phone)
			stored, err := db.Members().Member(ctx, m.ID)
			require.NoError(t, err)
			assert.Equal(t, got.Profile, stored.Profile, "stored as returned")
		})

		t.Run("defaults", func(t *testing.T) {
			got, err := f.svc.UpdateProfile(ctx, self, m.ID, membership.Profile{DisplayName: "Camille"})
			require.NoError(t, err)
			assert.Equal(t, "FR", got.Address.Country)
			assert.Equal(t, "fr", got.Language)
		})

		t.Run("someone else's profile", func(t *testing.T) {
			other := grantee(t, f, "other-profile@example.org", avenir.StatusActive)
			before := captureState(t, db, m.ID)
			_, err := f.svc.UpdateProfile(ctx, other, m.ID, validProfile())
			assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
			before.assertUnchanged(t, db)
			_, err = f.svc.UpdateProfile(ctx, f.admin, m.ID, validProfile())
			assert.NoError(t, err, "an admin may")
		})
	})
}

// TestMemberView: what each viewer sees of a member, for each choice of
// visibility.
func TestMemberView(t *testing.T) {
	id := avenir.MustParseID("01936b2e-0000-7000-8000-000000000123")
	full := membership.Member{
		ID: id, Email: "camille@example.org", EmailVerified: start,
		Profile: membership.Profile{
			DisplayName: "Camille D.", FullName: "Camille Desmoulins", Phone: "+33612345678",
			Address:  membership.Address{Line: "1 rue de la République", PostalCode: "69001", Commune: "69381", Country: "FR"},
			Language: "fr",
		},
		Status: avenir.StatusActive, Tier: "reduced", JoinedAt: start, ExpiresAt: start.AddDate(1, 0, 0),
		CreatedAt: start, UpdatedAt: start,
	}
	allTo := func(a avenir.Audience) membership.Visibility {
		return membership.Visibility{membership.FieldFullName: a, membership.FieldEmail: a, membership.FieldPhone: a, membership.FieldAddress: a}
	}
	visibilities := map[string]membership.Visibility{
		"default": nil,
		"private": allTo(membership.Private),
		"public":  allTo(avenir.Public),
		// full name left to the default (members), email public, phone
		// private, address to registered users.
		"mixed": {membership.FieldEmail: avenir.Public, membership.FieldPhone: membership.Private, membership.FieldAddress: avenir.Registered},
	}
	person := func(st avenir.Status, grants ...avenir.Grant) avenir.Actor {
		return avenir.Actor{ID: avenir.NewID(), Status: st, Grants: grants}
	}
	admin := avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}
	const everything = "full_name email phone address status"
	tests := []struct {
		viewer string
		actor  avenir.Actor
		want   map[string]string // visibility → the fields seen, besides ID, display name and language
	}{
		{"self", avenir.Actor{ID: id, Status: avenir.StatusSupporter}, map[string]string{
			"default": everything, "private": everything, "public": everything, "mixed": everything}},
		{"admin", person(avenir.StatusActive, admin), map[string]string{
			"default": everything, "private": everything, "public": everything, "mixed": everything}},
		// By default members see the full name, not the contact details; no
		// one but the member and the admins sees the status.
		{"active member", person(avenir.StatusActive), map[string]string{
			"default": "full_name", "private": "", "public": "full_name email phone address", "mixed": "full_name email address"}},
		{"member in grace", person(avenir.StatusGrace), map[string]string{
			"default": "full_name", "private": "", "public": "full_name email phone address", "mixed": "full_name email address"}},
		{"supporter", person(avenir.StatusSupporter), map[string]string{
			"default": "", "private": "", "public": "full_name email phone address", "mixed": "email address"}},
		{"lapsed member", person(avenir.StatusLapsed), map[string]string{
			"default": "", "private": "", "public": "full_name email phone address", "mixed": "email address"}},
		{"suspended admin", person(avenir.StatusSuspended, admin), map[string]string{
			"default": "", "private": "", "public": "full_name email phone address", "mixed": "email"}},
		{"anonymous", avenir.Actor{}, map[string]string{
			"default": "", "private": "", "public": "full_name email phone address", "mixed": "email"}},
		{"zero ID claiming good standing", avenir.Actor{Status: avenir.StatusActive, Grants: []avenir.Grant{admin}}, map[string]string{
			"default": "", "private": "", "public": "full_name email phone address", "mixed": "email"}},
	}
	for _, tt := range tests {
		for visName, vis := range visibilities {
			t.Run(tt.viewer+"/"+visName, func(t *testing.T) {
				m := full
				m.Visibility = vis
				got := m.View(tt.actor)
				wantFields := strings.Fields(tt.want[visName])
				if tt.want[visName] == everything && (tt.actor.ID == id || tt.actor.IsAdmin()) {
					assert.Equal(t, m, got, "the member themself and admins see everything")
					return
				}
				has := func(f string) bool { return strings.Contains(" "+strings.Join(wantFields, " ")+" ", " "+f+" ") }
				want := membership.Member{ID: id, Profile: membership.Profile{DisplayName: m.DisplayName, Language: m.Language}}
				if has("full_name") {
					want.FullName = m.FullName
				}
				if has("email") {
					want.Email = m.Email
				}
				if has("phone") {
					want.Phone = m.Phone
				}
				if has("address") {
					want.Address = m.Address
				}
				if has("status") {
					want.Status = m.Status
				}
				assert.Equal(t, want, got, "dates, tier and visibility choices are the member's and the admins' only")
			})
		}
	}
}

// TestServiceMember: who may look a member up at all, and what the audit
// records.
func TestServiceMember(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "looked-up@example.org", false)
		erased := f.register(t, "erased@example.org", false)
		forceStatus(t, db, erased.ID, avenir.StatusErased)
		active := grantee(t, f, "looker@example.org", avenir.StatusActive)
		supporter := grantee(t, f, "supporter-looker@example.org", avenir.StatusSupporter)

		tests := []struct {
			name   string
			viewer avenir.Actor
			id     avenir.ID
			found  bool
		}{
			{"visitor", avenir.Anonymous, m.ID, false},
			{"visitor claiming a status", avenir.Actor{Status: avenir.StatusActive}, m.ID, false},
			{"supporter looks up someone else", supporter, m.ID, false},
			{"lapsed member looks up someone else", grantee(t, f, "lapsed-looker@example.org", avenir.StatusLapsed), m.ID, false},
			{"supporter looks up themself", f.actor(t, m.ID), m.ID, true},
			{"member looks up someone", active, m.ID, true},
			{"member looks up an erased member", active, erased.ID, false},
			{"admin looks up an erased member", f.admin, erased.ID, true},
			{"member looks up no one", active, avenir.NewID(), false},
			{"admin looks up no one", f.admin, avenir.NewID(), false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := f.svc.Member(ctx, tt.viewer, tt.id)
				if !tt.found {
					assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err), "%v", err)
					assert.Equal(t, membership.Member{}, got)
					return
				}
				require.NoError(t, err)
				stored, err := db.Members().Member(ctx, tt.id)
				require.NoError(t, err)
				assert.Equal(t, stored.View(tt.viewer), got, "the Service gives the view")
			})
		}

		accesses := func(id avenir.ID) []membership.Access {
			a, err := db.Members().Accesses(ctx, id)
			require.NoError(t, err)
			return a
		}
		t.Run("an admin's look is audited", func(t *testing.T) {
			before := len(accesses(m.ID))
			f.clock.Advance(time.Minute)
			_, err := f.svc.Member(ctx, f.admin, m.ID)
			require.NoError(t, err)
			got := accesses(m.ID)
			require.Len(t, got, before+1)
			assert.Equal(t, f.admin.ID, got[before].Viewer)
			assert.Equal(t, "profile", got[before].What)
			assert.Equal(t, f.clock.Now(), got[before].At)
		})
		t.Run("one's own look is not", func(t *testing.T) {
			before := len(accesses(m.ID))
			_, err := f.svc.Member(ctx, f.actor(t, m.ID), m.ID)
			require.NoError(t, err)
			assert.Len(t, accesses(m.ID), before)
		})
		t.Run("a member's look without contact details is not audited", func(t *testing.T) {
			before := len(accesses(m.ID))
			got, err := f.svc.Member(ctx, active, m.ID)
			require.NoError(t, err)
			require.Empty(t, got.Email, "contact details are private by default")
			assert.Len(t, accesses(m.ID), before)
		})
		t.Run("a member's look at contact details is audited", func(t *testing.T) {
			p := m.Profile
			p.Visibility = membership.Visibility{membership.FieldEmail: avenir.Members}
			_, err := f.svc.UpdateProfile(ctx, f.actor(t, m.ID), m.ID, p)
			require.NoError(t, err)
			before := len(accesses(m.ID))
			got, err := f.svc.Member(ctx, active, m.ID)
			require.NoError(t, err)
			require.Equal(t, "looked-up@example.org", got.Email, "the member chose to show it to members")
			assert.Len(t, accesses(m.ID), before+1)
		})
	})
}
