package membership

import (
	"cmp"
	"context"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Limits of an import. A file past them is refused whole: split it. They keep
// one import within one transaction of a few seconds and its report, which
// holds every line's errors, within a few megabytes.
const (
	MaxImportLines = 50_000   // data lines, the header not counted
	MaxImportSize  = 20 << 20 // bytes: 20 MB
)

// ImportOptions says how to read a CSV file of members. The zero value
// guesses the columns and the separator, and imports all lines or none.
type ImportOptions struct {
	// Mapping gives the field of each column, by header: "Courriel perso" →
	// "email". A header mapped to "" is ignored. Nil guesses the fields from
	// the headers, in French or English.
	Mapping map[string]string
	// DryRun checks the file and reports as a real run would, writing nothing.
	DryRun bool
	// SkipInvalid imports the valid lines and reports the others. Without
	// it, one invalid line and nothing is imported.
	SkipInvalid bool
	// Comma is the separator; 0 detects ',', ';' or a tab from the header line.
	Comma rune
}

// ImportReport says what an import read and did.
type ImportReport struct {
	Encoding string            `json:"encoding"`          // "utf-8", "windows-1252" (what Excel on Windows writes) or "utf-16"
	Comma    string            `json:"separator"`         // the separator used
	Mapping  map[string]string `json:"mapping"`           // header → field, for the columns used
	Ignored  []string          `json:"ignored,omitempty"` // headers of the columns ignored
	Lines    int               `json:"lines"`             // data lines read (empty lines not counted)
	Valid    int               `json:"valid"`             // lines without error
	Imported int               `json:"imported"`          // members created; with DryRun, those a real run would create
	Errors   []LineError       `json:"errors"`            // every error of every line, in line order
}

// LineError is what is wrong with one line of an imported file.
type LineError struct {
	Line    int           `json:"line"`            // 1-based, as a spreadsheet numbers rows: the header is line 1
	Field   string        `json:"field,omitempty"` // the field at fault ("email", "postal_code"); empty for the whole line
	Message string        `json:"message"`         // in English, for logs
	Err     *avenir.Error `json:"-"`               // to show the message in the reader's language
}

// Fields a column may give.
const (
	fEmail       = "email"
	fDisplayName = "display_name"
	fFirstName   = "first_name"
	fLastName    = "last_name"
	fFullName    = "full_name"
	fPhone       = "phone"
	fAddressLine = "address_line"
	fPostalCode  = "postal_code"
	fCommune     = "commune" // the INSEE code; a "Commune" column holds a name and goes to city
	fCity        = "city"
	fCountry     = "country"
	fLanguage    = "language"
	fStatus      = "status"
	fJoinedAt    = "joined_at"
	fExpiresAt   = "expires_at"
	fTier        = "tier"
	fNewsletter  = "newsletter"
)

var importFields = []string{fEmail, fDisplayName, fFirstName, fLastName, fFullName, fPhone, fAddressLine,
	fPostalCode, fCommune, fCity, fCountry, fLanguage, fStatus, fJoinedAt, fExpiresAt, fTier, fNewsletter}

// headerFields maps folded headers (see fold) to fields. Each field's own
// name is added by init.
var headerFields = map[string]string{
	"e mail": fEmail, "courriel": fEmail, "mail": fEmail, "adresse e mail": fEmail, "adresse email": fEmail,
	"adresse mail": fEmail, "adresse courriel": fEmail, "email address": fEmail,
	"pseudo": fDisplayName, "pseudonyme": fDisplayName, "nom d'affichage": fDisplayName,
	"prenom": fFirstName, "first name": fFirstName, "firstname": fFirstName, "given name": fFirstName,
	"nom": fLastName, "last name": fLastName, "lastname": fLastName, "nom de famille": fLastName,
	"surname": fLastName, "family name": fLastName,
	"nom complet": fFullName, "full name": fFullName, "prenom et nom": fFullName,
	"telephone": fPhone, "tel": fPhone, "portable": fPhone, "phone": fPhone, "mobile": fPhone,
	"phone number": fPhone, "numero de telephone": fPhone,
	"adresse": fAddressLine, "address": fAddressLine, "adresse postale": fAddressLine, "rue": fAddressLine,
	"code postal": fPostalCode, "cp": fPostalCode, "postal code": fPostalCode, "zip": fPostalCode,
	"zip code": fPostalCode, "postcode": fPostalCode,
	"code insee": fCommune, "code commune": fCommune, "insee": fCommune,
	"ville": fCity, "city": fCity, "commune": fCity, "localite": fCity, "town": fCity,
	"pays": fCountry, "country": fCountry,
	"langue": fLanguage, "lang": fLanguage,
	"statut":          fStatus,
	"date d'adhesion": fJoinedAt, "joined": fJoinedAt, "date adhesion": fJoinedAt,
	"membre depuis": fJoinedAt, "member since": fJoinedAt,
	"fin d'adhesion": fExpiresAt, "expiration": fExpiresAt, "expires": fExpiresAt,
	"date d'expiration": fExpiresAt, "date de fin": fExpiresAt, "echeance": fExpiresAt,
	"cotisation": fTier, "bareme": fTier, "tarif": fTier,
	"lettre d'information": fNewsletter, "lettre d'info": fNewsletter, "infolettre": fNewsletter,
}

func init() {
	for _, f := range importFields {
		if _, ok := headerFields[fold(f)]; !ok { // "commune" stays the city's name
			headerFields[fold(f)] = f
		}
	}
}

// importableStatuses are the statuses a file may give. Suspensions,
// departures and erasures are decisions taken here, with their own records.
var importableStatuses = []avenir.Status{avenir.StatusSupporter, avenir.StatusApplicant, avenir.StatusActive, avenir.StatusGrace, avenir.StatusLapsed}

// Import creates members from a CSV file: the migration from a spreadsheet
// or another CRM. Only admins import.
//
// Every line is checked first, by the rules of the Service (the email, the
// profile and, with a Geography, the postal code), plus the import's own: a
// known status, dates written YYYY-MM-DD or DD/MM/YYYY, an end of membership
// for an active member or one in grace, an address that appears once in the
// file and is not registered yet. Then, unless DryRun, the valid lines are
// written in one transaction: all of them, or — when a line is invalid and
// SkipInvalid is not set — none, with an invalid error and the report.
//
// An imported member has the status the file gives, recorded as a transition
// from supporter with the reason "import" and the admin as its actor. The
// import states a fact of the previous system rather than moving people
// along the lifecycle, so it does not follow CanTransition's paths. The
// member has no password: they sign in by email link, which also verifies
// their address. One event, "member.imported", reports the file's counts.
// The dates are facts too: joined_at stays unknown (zero) when the cell is
// empty, expires_at is the last day covered, and no Payment is invented.
//
// A file that is not valid UTF-8 is read as Windows-1252; one that starts
// with a UTF-16 byte order mark, as UTF-16. Limits: MaxImportLines and
// MaxImportSize.
func (s *Service) Import(ctx context.Context, actor avenir.Actor, r io.Reader, opt ImportOptions) (ImportReport, error) {
	if !actor.IsAdmin() {
		return ImportReport{}, avenir.ErrForbidden
	}
	var rep ImportReport
	rows, err := readImport(r, opt, &rep)
	if err != nil {
		return rep, err
	}
	drafts, err := s.checkImport(ctx, rows, &rep)
	if err != nil {
		return rep, err
	}
	if invalid := rep.Lines - rep.Valid; invalid > 0 && !opt.SkipInvalid {
		return rep, avenir.Errorf(avenir.CodeInvalid, "The file has %d invalid lines; nothing was imported.", invalid)
	}
	rep.Imported = len(drafts)
	if opt.DryRun || len(drafts) == 0 {
		return rep, nil
	}
	if err := s.writeImport(ctx, actor, drafts, rep); err != nil {
		rep.Imported = 0
		return rep, err
	}
	return rep, nil
}

func lineError(line int, field string, err *avenir.Error) LineError {
	if field == "" {
		field = err.Field
	}
	return LineError{Line: line, Field: field, Message: err.Error(), Err: err}
}

// importDraft is a member ready to be written.
type importDraft struct {
	line       int
	member     Member
	newsletter bool
}

// checkImport checks every line and returns the members of the valid ones.
// Errors of lines go to the report; the error returned is the database's or
// the geography's, and stops the import.
func (s *Service) checkImport(ctx context.Context, rows []importRow, rep *ImportReport) ([]importDraft, error) {
	if _, ok := s.Purpose(ConsentNewsletter); !ok && slices.Contains(slices.Collect(maps.Values(rep.Mapping)), fNewsletter) {
		return nil, avenir.FieldError(fNewsletter, "The network has no newsletter to subscribe members to.")
	}
	now := s.now()
	firstLine := map[string]int{} // email → the line it first appeared on
	bad := map[int]bool{}
	for _, line := range rep.Errors { // lines that were not valid CSV
		bad[line.Line] = true
	}
	var drafts []importDraft
	for i, row := range rows {
		if i%1000 == 0 && ctx.Err() != nil {
			return nil, avenir.Internal(ctx.Err())
		}
		d, errs, err := s.checkRow(row, now)
		if err != nil {
			return nil, err
		}
		if d.member.Email != "" {
			if first, ok := firstLine[d.member.Email]; ok {
				errs = append(errs, lineError(row.line, fEmail, avenir.FieldError(fEmail, "The address %q already appears on line %d.", d.member.Email, first)))
			} else {
				firstLine[d.member.Email] = row.line
			}
		}
		if len(errs) > 0 {
			rep.Errors = append(rep.Errors, errs...)
			bad[row.line] = true
			continue
		}
		drafts = append(drafts, d)
	}
	// The addresses already registered, asked in one go rather than line by
	// line: an import of 10,000 lines is then a handful of queries.
	emails := make([]string, 0, len(firstLine))
	for e := range firstLine {
		emails = append(emails, e)
	}
	registered, err := s.store.RegisteredEmails(ctx, emails)
	if err != nil {
		return nil, err
	}
	for e, line := range firstLine {
		if registered[e] {
			rep.Errors = append(rep.Errors, lineError(line, fEmail, avenir.FieldError(fEmail, "The address %q is already registered.", e)))
			bad[line] = true
		}
	}
	drafts = slices.DeleteFunc(drafts, func(d importDraft) bool { return registered[d.member.Email] })
	rep.Valid = rep.Lines - len(bad)
	slices.SortStableFunc(rep.Errors, func(a, b LineError) int { return a.Line - b.Line })
	return drafts, nil
}

// checkRow turns a line into a member, with the errors of its fields. The
// error returned is not the line's: the geography failed.
func (s *Service) checkRow(row importRow, now time.Time) (importDraft, []LineError, error) {
	v := row.values
	d := importDraft{line: row.line}
	var errs []LineError
	fail := func(field string, err *avenir.Error) { errs = append(errs, lineError(row.line, field, err)) }

	email, err := NormalizeEmail(v[fEmail])
	if err != nil {
		fail(fEmail, asError(err))
	}
	first, last := text.Line(v[fFirstName]), text.Line(v[fLastName])
	p := Profile{
		DisplayName: v[fDisplayName], FullName: v[fFullName], Phone: v[fPhone], Language: v[fLanguage],
		Address: Address{Line: v[fAddressLine], PostalCode: v[fPostalCode], Commune: v[fCommune], City: v[fCity], Country: v[fCountry]},
	}
	if p.FullName == "" {
		p.FullName = strings.TrimSpace(first + " " + last)
	}
	if strings.TrimSpace(p.DisplayName) == "" {
		p.DisplayName = defaultDisplayName(first, last, cmp.Or(email, text.Line(v[fEmail])))
	}
	// The names a French file most often holds instead of codes.
	if fold(p.Address.Country) == "france" {
		p.Address.Country = "FR"
	}
	switch fold(p.Language) {
	case "francais", "french":
		p.Language = "fr"
	case "anglais", "english":
		p.Language = "en"
	}
	if err := s.checkProfile(&p); err != nil {
		var e *avenir.Error
		if !errors.As(err, &e) || e.Code != avenir.CodeInvalid {
			return d, nil, err
		}
		fail(profileField(e.Field, v, first), e)
	}

	status := avenir.Status(fold(v[fStatus]))
	if status == "" {
		status = avenir.StatusSupporter
	} else if !slices.Contains(importableStatuses, status) {
		fail(fStatus, avenir.FieldError(fStatus, "The status %q cannot be imported: write supporter, applicant, active, grace or lapsed.", text.Truncate(v[fStatus], 20)))
	}
	loc := s.cfg.Policy.Location
	if loc == nil {
		loc = time.UTC
	}
	joined, ok := parseImportDate(v[fJoinedAt], loc)
	if !ok {
		fail(fJoinedAt, badDate(fJoinedAt, v[fJoinedAt]))
	} else if joined.After(now) {
		fail(fJoinedAt, avenir.FieldError(fJoinedAt, "A membership cannot begin in the future."))
	}
	expires, ok := parseImportDate(v[fExpiresAt], loc)
	if !ok {
		fail(fExpiresAt, badDate(fExpiresAt, v[fExpiresAt]))
	} else if !expires.IsZero() {
		// A file says the last day a membership covers; ExpiresAt is the
		// instant it ends, as Policy.Expiry gives it: the next midnight.
		expires = expires.In(loc).AddDate(0, 0, 1).UTC()
	} else if status.InGoodStanding() {
		fail(fExpiresAt, avenir.FieldError(fExpiresAt, "A member with the status %s needs the end date of their membership.", string(status)))
	}
	tier, ok := s.importTier(v[fTier])
	if !ok {
		fail(fTier, avenir.FieldError(fTier, "The fee tier %q is not known.", text.Truncate(v[fTier], 20)))
	}
	switch fold(v[fNewsletter]) {
	case "oui", "yes", "1", "true", "x":
		d.newsletter = true
	case "non", "no", "0", "false", "":
	default:
		fail(fNewsletter, avenir.FieldError(fNewsletter, "The newsletter answer %q is not understood: write oui or non.", text.Truncate(v[fNewsletter], 20)))
	}

	d.member = Member{
		ID: avenir.NewID(), Email: email, Profile: p, Status: status, Tier: tier,
		JoinedAt: joined, ExpiresAt: expires, CreatedAt: now, UpdatedAt: now,
	}
	return d, errs, nil
}

// defaultDisplayName is how a member without a display name is shown: their
// first name and the initial of their last name ("Hélène D."), or the part
// of their address before the @.
func defaultDisplayName(first, last, email string) string {
	if first != "" {
		if r, _ := utf8.DecodeRuneInString(last); last != "" {
			return first + " " + string(unicode.ToUpper(r)) + "."
		}
		return first
	}
	local, _, _ := strings.Cut(email, "@")
	return text.Truncate(local, MaxNameLen)
}

// importTier returns the key of the fee tier a cell names, in any case.
func (s *Service) importTier(cell string) (string, bool) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return "", true
	}
	for _, t := range s.cfg.Policy.Tiers {
		if strings.EqualFold(t.Key, cell) {
			return t.Key, true
		}
	}
	return "", false
}

// profileField names the import field behind an error of the profile's.
func profileField(field string, v map[string]string, first string) string {
	switch field {
	case "":
		return fPostalCode // the geography's
	case "address":
		return fAddressLine
	case "full_name":
		if v[fFullName] == "" {
			return fLastName
		}
	case "display_name":
		if strings.TrimSpace(v[fDisplayName]) == "" && first != "" {
			return fFirstName
		}
	}
	return field
}

func asError(err error) *avenir.Error {
	var e *avenir.Error
	if errors.As(err, &e) {
		return e
	}
	return avenir.Wrap(avenir.CodeInternal, err, "")
}

// parseImportDate reads a date written YYYY-MM-DD or DD/MM/YYYY (one digit
// for the day or month will do) as midnight in loc. An empty cell is the
// zero time.
func parseImportDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-1-2", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil && t.Year() >= 1900 && t.Year() <= 2200 {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func badDate(field, value string) *avenir.Error {
	return avenir.FieldError(field, "The date %q is not valid: write it YYYY-MM-DD or DD/MM/YYYY.", text.Truncate(value, 20))
}

// writeImport creates the members of the drafts in one transaction.
func (s *Service) writeImport(ctx context.Context, actor avenir.Actor, drafts []importDraft, rep ImportReport) error {
	now := s.now()
	newsletter, _ := s.Purpose(ConsentNewsletter)
	var (
		members     []Member
		transitions []Transition
		consents    []Consent
	)
	for _, d := range drafts {
		m := d.member
		members = append(members, m)
		if m.Status != avenir.StatusSupporter {
			transitions = append(transitions, Transition{ID: avenir.NewID(), Member: m.ID, From: avenir.StatusSupporter, To: m.Status, Actor: actor.ID, Reason: "import", At: now})
		}
		for _, p := range s.cfg.Purposes {
			// The required purposes are the basis of membership: holding
			// its members' data is a political body's legitimate activity
			// (GDPR art. 9(2)(d)), which the previous system was already
			// doing. Other consents are never assumed.
			if p.Required || (d.newsletter && p.Key == newsletter.Key) {
				consents = append(consents, Consent{ID: avenir.NewID(), Member: m.ID, Purpose: p.Key, Version: p.Version, Given: true, Source: SourceImport, At: now})
			}
		}
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.ImportMembers(ctx, members, transitions, consents); err != nil {
			if avenir.IsCode(err, avenir.CodeConflict) {
				// Registered since the check: the transaction keeps the file whole.
				return avenir.Wrap(avenir.CodeConflict, err, "An address of the file was registered during the import; nothing was imported. Please try again.")
			}
			return err
		}
		// One event for the file, about the import itself (which has no row
		// of its own, hence a fresh ID): counts, no personal data.
		return s.store.Record(ctx, s.event("member.imported", actor.ID, avenir.NewID(), map[string]int{
			"lines": rep.Lines, "imported": len(drafts), "invalid": rep.Lines - rep.Valid,
		}))
	})
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"The file is larger than %d MB; split it.":                                                         "Le fichier dépasse %d Mo ; découpez-le.",
		"The file has more than %d lines; split it.":                                                       "Le fichier compte plus de %d lignes ; découpez-le.",
		"The file is empty.":                                                                               "Le fichier est vide.",
		"The separator %q cannot be used.":                                                                 "Le séparateur %q ne peut pas être utilisé.",
		"Line %d is not valid CSV.":                                                                        "La ligne %d n’est pas du CSV valide.",
		"The field %q cannot be imported.":                                                                 "Le champ %q ne peut pas être importé.",
		"The columns %q and %q both give the field %s.":                                                    "Les colonnes %q et %q donnent toutes deux le champ %s.",
		"The column %q is not in the file.":                                                                "La colonne %q ne figure pas dans le fichier.",
		"The file has no email column.":                                                                    "Le fichier n’a pas de colonne d’adresse e-mail.",
		"The network has no newsletter to subscribe members to.":                                           "Le mouvement n’a pas de lettre d’information à laquelle inscrire les membres.",
		"The address %q already appears on line %d.":                                                       "L’adresse %q figure déjà à la ligne %d.",
		"The address %q is already registered.":                                                            "L’adresse %q est déjà inscrite.",
		"The status %q cannot be imported: write supporter, applicant, active, grace or lapsed.":           "Le statut %q ne peut pas être importé : écrivez supporter, applicant, active, grace ou lapsed.",
		"A membership cannot begin in the future.":                                                         "Une adhésion ne peut pas commencer dans le futur.",
		"A member with the status %s needs the end date of their membership.":                              "Un membre au statut %s doit avoir une date de fin d’adhésion.",
		"The newsletter answer %q is not understood: write oui or non.":                                    "La réponse %q pour la lettre d’information n’est pas comprise : écrivez oui ou non.",
		"The date %q is not valid: write it YYYY-MM-DD or DD/MM/YYYY.":                                     "La date %q n’est pas valide : écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA.",
		"An address of the file was registered during the import; nothing was imported. Please try again.": "Une adresse du fichier a été inscrite pendant l’import ; rien n’a été importé. Veuillez réessayer.",
	})
}

// The counted texts (the import"s) agree with their number: "1 … " is singular.
func init() {
	avenir.SetPlural(language.English, "The file has %d invalid lines; nothing was imported.", 1, "one", "The file has %d invalid line; nothing was imported.", "other", "The file has %d invalid lines; nothing was imported.")
	avenir.SetPlural(language.French, "The file has %d invalid lines; nothing was imported.", 1, "one", "Le fichier compte %d ligne non valide ; rien n’a été importé.", "other", "Le fichier compte %d lignes non valides ; rien n’a été importé.")
}
