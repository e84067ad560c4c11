package membership_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// importFile opens a file of testdata/import.
func importFile(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "import", name))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// importTables are the tables an import writes to.
var importTables = []string{"avenir_members", "avenir_member_transitions", "avenir_consents", "avenir_outbox"}

// countRows counts the rows of the tables an import writes to.
func importCounts(t *testing.T, db *storage.DB) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, table := range importTables {
		n, err := db.Bun().NewSelect().Table(table).Count(context.Background())
		require.NoError(t, err)
		counts[table] = int(n)
	}
	return counts
}

// consentsOf folds a member's consent ledger into purpose → source of the
// latest consent given.
func importConsents(t *testing.T, db *storage.DB, id avenir.ID) map[string]membership.Source {
	t.Helper()
	ledger, err := db.Members().Consents(context.Background(), id)
	require.NoError(t, err)
	out := map[string]membership.Source{}
	for _, c := range ledger {
		if c.Given {
			out[c.Purpose] = c.Source
		}
	}
	return out
}

// lastEvent returns the latest outbox event of a type, as an admin sees it.
func importEvent(t *testing.T, f *fixture, typ string) avenir.Event {
	t.Helper()
	page, err := f.db.Events(context.Background(), f.admin, avenir.PageRequest{Limit: avenir.MaxPageSize})
	require.NoError(t, err)
	var found []avenir.Event
	for _, e := range page.Items {
		if e.Type == typ {
			found = append(found, e)
		}
	}
	require.Len(t, found, 1, "one %s event", typ)
	return found[0]
}

func importDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestImportFrenchExport(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		before := importCounts(t, db)

		rep, err := f.svc.Import(ctx, f.admin, importFile(t, "adherents.csv"), membership.ImportOptions{})
		require.NoError(t, err)
		assert.Equal(t, "utf-8", rep.Encoding)
		assert.Equal(t, ";", rep.Comma)
		assert.Equal(t, map[string]string{
			"Nom": "last_name", "Prénom": "first_name", "E-mail": "email", "Téléphone": "phone",
			"Adresse": "address_line", "Code postal": "postal_code", "Ville": "city", "Statut": "status",
			"Date d'adhésion": "joined_at", "Fin d'adhésion": "expires_at", "Cotisation": "tier",
			"Lettre d'information": "newsletter",
		}, rep.Mapping)
		assert.Equal(t, []string{"Remarques"}, rep.Ignored)
		assert.Empty(t, rep.Errors)
		assert.Equal(t, 5, rep.Lines, "the trailing empty row is not a line")
		assert.Equal(t, 5, rep.Valid)
		assert.Equal(t, 5, rep.Imported)

		after := importCounts(t, db)
		assert.Equal(t, before["avenir_members"]+5, after["avenir_members"])
		assert.Equal(t, before["avenir_member_transitions"]+4, after["avenir_member_transitions"], "the supporter has no transition")
		assert.Equal(t, before["avenir_consents"]+5+2, after["avenir_consents"], "membership for all, newsletter for two")
		assert.Equal(t, before["avenir_outbox"]+1, after["avenir_outbox"], "one event per file")

		tests := []struct {
			email      string
			want       membership.Member
			newsletter bool
		}{
			{"helene.dupont@example.org", membership.Member{
				Profile: membership.Profile{DisplayName: "Hélène D.", FullName: "Hélène Dupont", Phone: "+33612345678", Language: "fr",
					Address: membership.Address{Line: "12 rue de la Paix; bât. B", PostalCode: "69003", City: "Lyon", Country: "FR"}},
				Status: avenir.StatusActive, Tier: "standard", JoinedAt: importDay(2020, 1, 15), ExpiresAt: importDay(2027, 1, 1),
			}, true},
			{"jean.martin@example.org", membership.Member{
				Profile: membership.Profile{DisplayName: "Jean M.", FullName: "Jean Martin", Language: "fr",
					Address: membership.Address{PostalCode: "75011", City: "Paris", Country: "FR"}},
				Status: avenir.StatusGrace, Tier: "reduced", JoinedAt: importDay(2019, 5, 2), ExpiresAt: importDay(2026, 1, 1),
			}, false},
			{"louise.bernard@example.org", membership.Member{
				Profile: membership.Profile{DisplayName: "Louise B.", FullName: "Louise Bernard", Phone: "+33698765432", Language: "fr",
					Address: membership.Address{PostalCode: "13001", City: "Marseille", Country: "FR"}},
				Status: avenir.StatusSupporter,
			}, true},
			{"marc.petit@example.org", membership.Member{
				Profile: membership.Profile{DisplayName: "Marc P.", FullName: "Marc Petit", Language: "fr",
					Address: membership.Address{PostalCode: "33000", City: "Bordeaux", Country: "FR"}},
				Status: avenir.StatusApplicant, JoinedAt: importDay(2026, 3, 1),
			}, false},
			{"zoe.durand@example.org", membership.Member{
				Profile: membership.Profile{DisplayName: "Zoé D.", FullName: "Zoé Durand", Language: "fr", Address: membership.Address{Country: "FR"}},
				Status:  avenir.StatusLapsed, Tier: "standard", JoinedAt: importDay(2018, 9, 1), ExpiresAt: importDay(2024, 1, 1),
			}, false},
		}
		for _, tt := range tests {
			t.Run(tt.email, func(t *testing.T) {
				m, err := db.Members().MemberByEmail(ctx, tt.email)
				require.NoError(t, err)
				want := tt.want
				want.ID, want.Email, want.CreatedAt, want.UpdatedAt = m.ID, tt.email, start, start
				assert.Equal(t, want, m)
				assert.True(t, m.EmailVerified.IsZero(), "an imported address is verified by the first sign-in link")
				_, err = db.Members().PasswordHash(ctx, m.ID)
				assert.True(t, avenir.IsCode(err, avenir.CodeNotFound), "no password: imported members sign in by email link")

				history, err := f.svc.History(ctx, f.admin, m.ID)
				require.NoError(t, err)
				if tt.want.Status == avenir.StatusSupporter {
					assert.Empty(t, history)
				} else {
					require.Len(t, history, 1)
					assert.Equal(t, avenir.StatusSupporter, history[0].From)
					assert.Equal(t, tt.want.Status, history[0].To)
					assert.Equal(t, f.admin.ID, history[0].Actor)
					assert.Equal(t, "import", history[0].Reason)
				}

				want2 := map[string]membership.Source{membership.ConsentMembership: membership.SourceImport}
				if tt.newsletter {
					want2[membership.ConsentNewsletter] = membership.SourceImport
				}
				assert.Equal(t, want2, importConsents(t, db, m.ID))
			})
		}

		e := importEvent(t, f, "member.imported")
		assert.Equal(t, f.admin.ID, e.Actor)
		assert.Equal(t, avenir.Moderators, e.Audience)
		var payload map[string]int
		require.NoError(t, json.Unmarshal(e.Payload, &payload))
		assert.Equal(t, map[string]int{"lines": 5, "imported": 5, "invalid": 0}, payload)

		// An imported member signs in by email link.
		require.NoError(t, f.svc.RequestSignInLink(ctx, "helene.dupont@example.org"))
		in, err := f.svc.SignInWithLink(ctx, linkToken(t, f.mail.Last(t).Text))
		require.NoError(t, err)
		assert.Equal(t, "helene.dupont@example.org", in.Member.Email)
	})
}

// importBadRows are the errors of testdata/import/erreurs.csv, one per line.
var importBadRows = []struct {
	line  int
	field string
	key   string
}{
	{3, "email", "The email address %q is not valid."},
	{4, "email", "The address %q already appears on line %d."},
	{5, "email", "The address %q is already registered."},
	{6, "postal_code", "The postal code %q is not valid."},
	{7, "status", "The status %q cannot be imported: write supporter, applicant, active, grace or lapsed."},
	{8, "joined_at", "The date %q is not valid: write it YYYY-MM-DD or DD/MM/YYYY."},
	{9, "expires_at", "A member with the status %s needs the end date of their membership."},
	{10, "tier", "The fee tier %q is not known."},
	{11, "newsletter", "The newsletter answer %q is not understood: write oui or non."},
}

func TestImportLineErrors(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		before := importCounts(t, db)

		rep, err := f.svc.Import(ctx, f.admin, importFile(t, "erreurs.csv"), membership.ImportOptions{})
		require.Error(t, err)
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
		assert.Equal(t, "The file has 9 invalid lines; nothing was imported.", err.Error())
		assert.Equal(t, "Le fichier compte 9 lignes non valides ; rien n’a été importé.", avenir.Message(err, language.French))
		assert.Equal(t, before, importCounts(t, db), "all or nothing: nothing was written")
		assert.Equal(t, 11, rep.Lines)
		assert.Equal(t, 2, rep.Valid)
		assert.Zero(t, rep.Imported)

		require.Len(t, rep.Errors, len(importBadRows))
		for i, tt := range importBadRows {
			t.Run(tt.field, func(t *testing.T) {
				got := rep.Errors[i]
				assert.Equal(t, tt.line, got.Line)
				assert.Equal(t, tt.field, got.Field)
				require.NotNil(t, got.Err)
				assert.Equal(t, tt.key, got.Err.Key)
				assert.Equal(t, got.Err.Error(), got.Message)
				assert.NotEqual(t, got.Err.Localize(language.English), got.Err.Localize(language.French), "translated")
			})
		}
		assert.Contains(t, rep.Errors[1].Message, "line 2", "a duplicate names the line of the first occurrence")
		assert.Equal(t, "L’adresse \"admin@example.org\" est déjà inscrite.", rep.Errors[2].Err.Localize(language.French),
			"the address registered in another case is found")
	})
}

func TestImportSkipInvalid(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		before := importCounts(t, db)

		rep, err := f.svc.Import(ctx, f.admin, importFile(t, "erreurs.csv"), membership.ImportOptions{SkipInvalid: true})
		require.NoError(t, err)
		assert.Equal(t, 11, rep.Lines)
		assert.Equal(t, 2, rep.Valid)
		assert.Equal(t, 2, rep.Imported)
		assert.Len(t, rep.Errors, len(importBadRows))

		after := importCounts(t, db)
		assert.Equal(t, before["avenir_members"]+2, after["avenir_members"])
		assert.Equal(t, before["avenir_member_transitions"]+2, after["avenir_member_transitions"])
		assert.Equal(t, before["avenir_consents"]+2+1, after["avenir_consents"])
		assert.Equal(t, before["avenir_outbox"]+1, after["avenir_outbox"])

		ana, err := db.Members().MemberByEmail(ctx, "ana.bel@example.org")
		require.NoError(t, err)
		assert.Equal(t, "Ana Bel", ana.FullName, "the first occurrence of a duplicate is imported")
		leo, err := db.Members().MemberByEmail(ctx, "leo.vert@example.org")
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusGrace, leo.Status)
		for _, email := range []string{"cp.court@example.org", "statut@example.org", "sans.fin@example.org"} {
			_, err := db.Members().MemberByEmail(ctx, email)
			assert.True(t, avenir.IsCode(err, avenir.CodeNotFound), "%s was not imported", email)
		}
		var payload map[string]int
		require.NoError(t, json.Unmarshal(importEvent(t, f, "member.imported").Payload, &payload))
		assert.Equal(t, map[string]int{"lines": 11, "imported": 2, "invalid": 9}, payload)
	})
}

func TestImportDryRun(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		// In this order: only the last real run writes to the database, and
		// the two files have no address in common.
		for _, tt := range []struct {
			file string
			opt  membership.ImportOptions
		}{
			{"erreurs.csv", membership.ImportOptions{}},
			{"erreurs.csv", membership.ImportOptions{SkipInvalid: true}},
			{"adherents.csv", membership.ImportOptions{}},
		} {
			t.Run(tt.file, func(t *testing.T) {
				before := importCounts(t, db)
				dry := tt.opt
				dry.DryRun = true
				dryRep, dryErr := f.svc.Import(ctx, f.admin, importFile(t, tt.file), dry)
				assert.Equal(t, before, importCounts(t, db), "a dry run writes nothing")

				realRep, realErr := f.svc.Import(ctx, f.admin, importFile(t, tt.file), tt.opt)
				assert.Equal(t, realRep, dryRep, "a dry run reports as a real run")
				assert.Equal(t, realErr, dryErr)
				if realErr == nil {
					assert.Positive(t, dryRep.Imported, "a dry run says how many a real run imports")
					assert.Equal(t, before["avenir_members"]+realRep.Imported, importCounts(t, db)["avenir_members"])
				}
			})
		}
	})
}

func TestImportEncodings(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("Courriel\tPrénom\tNom\r\nnoe@example.org\tNoé\tLefèvre\r\n")
	require.NoError(t, err)
	tests := []struct {
		name        string
		file        string // in testdata/import; or
		data        string
		encoding    string
		comma       string
		emailHeader string
		want        map[string]membership.Profile // by email
	}{
		{name: "windows-1252", file: "windows1252.csv", encoding: "windows-1252", comma: ";", emailHeader: "Courriel",
			want: map[string]membership.Profile{
				"helene@example.org": {DisplayName: "Hélène D.", FullName: "Hélène Dupont", Language: "fr",
					Address: membership.Address{Line: "12 rue de l’Église", City: "Lyon", Country: "FR"}},
				"zoe@example.org": {DisplayName: "Zoé F.", FullName: "Zoé François", Language: "fr",
					Address: membership.Address{City: "Besançon", Country: "FR"}},
			}},
		{name: "utf-8 with a byte order mark", file: "bom.csv", encoding: "utf-8", comma: ",", emailHeader: "Email",
			want: map[string]membership.Profile{
				"maya@example.org": {DisplayName: "Maya A.", FullName: "Maya Angelou", Language: "fr", Address: membership.Address{Country: "FR"}},
			}},
		{name: "utf-16 from Excel's Unicode text", data: utf16, encoding: "utf-16", comma: "\t", emailHeader: "Courriel",
			want: map[string]membership.Profile{
				"noe@example.org": {DisplayName: "Noé L.", FullName: "Noé Lefèvre", Language: "fr", Address: membership.Address{Country: "FR"}},
			}},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var r io.Reader = strings.NewReader(tt.data)
				if tt.file != "" {
					r = importFile(t, tt.file)
				}
				rep, err := f.svc.Import(ctx, f.admin, r, membership.ImportOptions{})
				require.NoError(t, err)
				assert.Equal(t, tt.encoding, rep.Encoding)
				assert.Equal(t, tt.comma, rep.Comma)
				assert.Equal(t, "email", rep.Mapping[tt.emailHeader], "a byte order mark is not part of the first header")
				assert.Equal(t, len(tt.want), rep.Imported)
				for email, want := range tt.want {
					m, err := db.Members().MemberByEmail(ctx, email)
					require.NoError(t, err)
					assert.Equal(t, want, m.Profile)
				}
			})
		}
	})
}

func TestImportRefused(t *testing.T) {
	tests := []struct {
		name  string
		data  func() io.Reader
		opt   membership.ImportOptions
		code  avenir.Code
		key   string
		field string
	}{
		{name: "missing email column", data: func() io.Reader { return strings.NewReader("Prénom;Nom;Téléphone\nAnne;Martin;0612345678\n") },
			code: avenir.CodeInvalid, key: "The file has no email column.", field: "email"},
		{name: "empty file", data: func() io.Reader { return strings.NewReader("\ufeff \r\n") },
			code: avenir.CodeInvalid, key: "The file is empty."},
		{name: "larger than 20 MB", data: func() io.Reader {
			return io.MultiReader(strings.NewReader("email\n"), bytes.NewReader(bytes.Repeat([]byte("x"), membership.MaxImportSize)))
		}, code: avenir.CodeInvalid, key: "The file is larger than %d MB; split it."},
		{name: "more than 50,000 lines", data: func() io.Reader {
			return strings.NewReader("email\n" + strings.Repeat("a@example.org\n", membership.MaxImportLines+1))
		}, code: avenir.CodeInvalid, key: "The file has more than %d lines; split it."},
		{name: "a quote as separator", data: func() io.Reader { return strings.NewReader("email\na@example.org\n") },
			opt: membership.ImportOptions{Comma: '"'}, code: avenir.CodeInvalid, key: "The separator %q cannot be used.", field: "comma"},
		{name: "header not valid CSV", data: func() io.Reader { return strings.NewReader("\"email;nom\n") },
			code: avenir.CodeInvalid, key: "Line %d is not valid CSV."},
		{name: "mapping to an unknown field", data: func() io.Reader { return strings.NewReader("Courriel;Âge\na@example.org;42\n") },
			opt:  membership.ImportOptions{Mapping: map[string]string{"Courriel": "email", "Âge": "age"}},
			code: avenir.CodeInvalid, key: "The field %q cannot be imported.", field: "mapping"},
		{name: "mapping a column the file does not have", data: func() io.Reader { return strings.NewReader("Courriel;Nom\na@example.org;Martin\n") },
			opt:  membership.ImportOptions{Mapping: map[string]string{"Courriel": "email", "Ville": "city"}},
			code: avenir.CodeInvalid, key: "The column %q is not in the file.", field: "mapping"},
		{name: "mapping two columns to one field", data: func() io.Reader { return strings.NewReader("Courriel;Mail\na@example.org;b@example.org\n") },
			opt:  membership.ImportOptions{Mapping: map[string]string{"Courriel": "email", "Mail": "email"}},
			code: avenir.CodeInvalid, key: "The columns %q and %q both give the field %s.", field: "mapping"},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		before := importCounts(t, db)

		t.Run("not an admin", func(t *testing.T) {
			member := f.actor(t, f.register(t, "militant@example.org", true).ID)
			before := importCounts(t, db)
			for _, actor := range []avenir.Actor{avenir.Anonymous, member} {
				_, err := f.svc.Import(ctx, actor, importFile(t, "adherents.csv"), membership.ImportOptions{})
				assert.ErrorIs(t, err, avenir.ErrForbidden)
			}
			assert.Equal(t, before, importCounts(t, db))
		})
		before = importCounts(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.svc.Import(ctx, f.admin, tt.data(), tt.opt)
				var e *avenir.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.code, e.Code)
				assert.Equal(t, tt.key, e.Key)
				assert.Equal(t, tt.field, e.Field)
				assert.Equal(t, before, importCounts(t, db))
			})
		}
	})
}

func TestImportHeaders(t *testing.T) {
	tests := []struct {
		header string
		field  string // "" for an ignored column
	}{
		{"E-mail", "email"}, {"COURRIEL", "email"}, {"Mail", "email"}, {"email", "email"}, {"Adresse e-mail", "email"},
		{"Prénom", "first_name"}, {"PRENOM", "first_name"}, {"First name", "first_name"}, {"first_name", "first_name"},
		{"Nom", "last_name"}, {"Last Name", "last_name"}, {"Nom de famille", "last_name"},
		{"Nom complet", "full_name"}, {"Pseudo", "display_name"},
		{"Téléphone", "phone"}, {"Tél.", "phone"}, {"Portable", "phone"}, {"Phone", "phone"}, {"Mobile", "phone"},
		{"Code postal", "postal_code"}, {"CP", "postal_code"}, {"Postal code", "postal_code"}, {"ZIP", "postal_code"},
		{"Ville", "city"}, {"City", "city"}, {"Commune", "city"}, {"Code INSEE", "commune"},
		{"Adresse", "address_line"}, {"Address", "address_line"}, {"Pays", "country"}, {"Country", "country"},
		{"Langue", "language"}, {"Statut", "status"}, {"Status", "status"},
		{"Date d’adhésion", "joined_at"}, {"Date d'adhesion", "joined_at"}, {"Joined", "joined_at"},
		{"Fin d'adhésion", "expires_at"}, {"Expiration", "expires_at"}, {"Expires", "expires_at"},
		{"Cotisation", "tier"}, {"Tier", "tier"}, {"Barème", "tier"},
		{"Newsletter", "newsletter"}, {"Lettre d'information", "newsletter"},
		{"Remarques", ""}, {"Date de naissance", ""},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		for _, tt := range tests {
			t.Run(tt.header, func(t *testing.T) {
				// The email column comes second: for an email synonym, the
				// first column of two wins and the second is ignored.
				csv := tt.header + ";Courriel\n;a@example.org\n"
				if tt.field == "email" {
					csv = tt.header + ";Courriel\na@example.org;a@example.org\n"
				}
				rep, err := f.svc.Import(context.Background(), f.admin, strings.NewReader(csv), membership.ImportOptions{DryRun: true})
				require.NoError(t, err)
				if tt.field == "" {
					assert.Equal(t, []string{tt.header}, rep.Ignored)
					assert.NotContains(t, rep.Mapping, tt.header)
					return
				}
				assert.Equal(t, tt.field, rep.Mapping[tt.header])
				if tt.field == "email" {
					assert.Equal(t, []string{"Courriel"}, rep.Ignored)
				} else {
					assert.Empty(t, rep.Ignored)
				}
			})
		}
	})
}

func TestImportMapping(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		csv := "Courriel perso,Identité,Notes,Prénom\n" +
			"claire@example.org,Claire Lacombe,\"actrice, militante\",Rose\n"
		rep, err := f.svc.Import(ctx, f.admin, strings.NewReader(csv), membership.ImportOptions{
			Mapping: map[string]string{"courriel perso": "email", "Identité": "full_name", "Notes": ""},
		})
		require.NoError(t, err)
		assert.Equal(t, ",", rep.Comma)
		assert.Equal(t, map[string]string{"Courriel perso": "email", "Identité": "full_name"}, rep.Mapping,
			"headers match the mapping without case or accents")
		assert.Equal(t, []string{"Notes", "Prénom"}, rep.Ignored, "a mapping says every column used; the others are ignored")
		m, err := db.Members().MemberByEmail(ctx, "claire@example.org")
		require.NoError(t, err)
		assert.Equal(t, "Claire Lacombe", m.FullName)
		assert.Equal(t, "claire", m.DisplayName, "without a first name, the part of the address before the @")
	})
}

// importGeography knows a few postal codes.
type importGeography map[string]bool

func (g importGeography) CheckPostalCode(postalCode, _ string) error {
	if !g[postalCode] {
		return avenir.FieldError("postal_code", "The postal code %q is not valid.", postalCode)
	}
	return nil
}

func (g importGeography) DepartmentPostalCodes(string) ([]string, error) { return nil, nil }

func TestImportGeography(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		svc := membership.NewService(db.Members(), membership.Config{Clock: f.clock, Geography: importGeography{"69003": true, "75011": true}})
		csv := "Courriel;Code postal;Pays\n" +
			"a@example.org;69003;\n" +
			"b@example.org;99999;France\n" +
			"c@example.org;99999;BE\n" // abroad: not a French postal code
		rep, err := svc.Import(ctx, f.admin, strings.NewReader(csv), membership.ImportOptions{SkipInvalid: true})
		require.NoError(t, err)
		require.Len(t, rep.Errors, 1)
		assert.Equal(t, 3, rep.Errors[0].Line)
		assert.Equal(t, "postal_code", rep.Errors[0].Field)
		assert.Equal(t, 2, rep.Imported)
		c, err := db.Members().MemberByEmail(ctx, "c@example.org")
		require.NoError(t, err)
		assert.Equal(t, "BE", c.Address.Country)
	})
}

func TestImportLineNumbers(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		// Line 2 has a cell on two lines of the file, line 3 is empty, line
		// 5 is not valid CSV: lines are numbered as a spreadsheet shows them.
		csv := "Courriel;Adresse\n" +
			"a@example.org;\"1 rue Haute\nBâtiment B\"\n" +
			"\n" +
			"pas une adresse;\n" +
			"b@example.org;2 rue \"Basse\"\n" +
			"c@example.org;3 rue Neuve\n" +
			"d@example.org;\n"
		rep, err := f.svc.Import(context.Background(), f.admin, strings.NewReader(csv), membership.ImportOptions{DryRun: true, SkipInvalid: true})
		require.NoError(t, err)
		assert.Equal(t, 5, rep.Lines)
		assert.Equal(t, 3, rep.Valid)
		require.Len(t, rep.Errors, 2)
		assert.Equal(t, 4, rep.Errors[0].Line)
		assert.Equal(t, "email", rep.Errors[0].Field)
		assert.Equal(t, 5, rep.Errors[1].Line)
		assert.Empty(t, rep.Errors[1].Field)
		assert.Equal(t, "Line 5 is not valid CSV.", rep.Errors[1].Message)
	})
}
