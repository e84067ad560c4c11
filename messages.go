package avenir

import (
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Languages are the languages Avenir speaks, the first being the default.
var Languages = []language.Tag{language.French, language.English}

// The catalog holds every translated message of the module. Keys are the
// English texts (fmt formats), so a missing translation still reads well.
var (
	messages = catalog.NewBuilder(catalog.Fallback(language.English))
	matcher  = language.NewMatcher(Languages)

	printersMu sync.RWMutex
	printers   = map[language.Tag]*message.Printer{}

	// registered remembers each translation, so that two packages giving
	// one key two different translations fail at start, not by whichever
	// init ran last.
	registeredMu sync.Mutex
	registered   = map[language.Tag]map[string]string{}
)

// SetMessages registers translations of catalog keys for one language.
// Domain packages call it from an init function for their own messages:
//
//	avenir.SetMessages(language.French, map[string]string{
//		"The thread is locked.": "Le fil est verrouillé.",
//	})
//
// A key translated twice differently, by two packages, is a programming
// error: SetMessages panics, naming it.
func SetMessages(tag language.Tag, translations map[string]string) {
	registeredMu.Lock()
	defer registeredMu.Unlock()
	if registered[tag] == nil {
		registered[tag] = map[string]string{}
	}
	for key, msg := range translations {
		if prev, ok := registered[tag][key]; ok && prev != msg {
			panic("avenir: " + tag.String() + " message " + strconv.Quote(key) + " translated twice: " +
				strconv.Quote(prev) + " and " + strconv.Quote(msg))
		}
		registered[tag][key] = msg
		if err := messages.SetString(tag, key, msg); err != nil {
			panic("avenir: bad message for " + tag.String() + ": " + err.Error())
		}
	}
}

// SetPlural registers a text whose words agree with a number, for one
// language: the argument arg (1 for the first) chooses among cases, given
// as selector, format pairs, by the language's plural rules (CLDR): "one"
// (French: 0 and 1; English: 1), "other", or "=N" for exactly N.
//
//	avenir.SetPlural(language.French, "%d replies", 1, "one", "%d réponse", "other", "%d réponses")
//
// English keys that count need an English entry too ("one", "%d reply").
// A key registered twice differently panics, as with SetMessages.
func SetPlural(tag language.Tag, key string, arg int, cases ...string) {
	if len(cases) == 0 || len(cases)%2 != 0 {
		panic("avenir: plural message " + strconv.Quote(key) + " needs selector, format pairs")
	}
	registeredMu.Lock()
	defer registeredMu.Unlock()
	if registered[tag] == nil {
		registered[tag] = map[string]string{}
	}
	joined := "plural " + strconv.Itoa(arg) + ": " + strings.Join(cases, " | ")
	if prev, ok := registered[tag][key]; ok && prev != joined {
		panic("avenir: " + tag.String() + " message " + strconv.Quote(key) + " translated twice: " +
			strconv.Quote(prev) + " and " + strconv.Quote(joined))
	}
	registered[tag][key] = joined
	selectors := make([]any, len(cases))
	for i, c := range cases {
		selectors[i] = c
	}
	if err := messages.Set(tag, key, plural.Selectf(arg, "%d", selectors...)); err != nil {
		panic("avenir: bad plural message for " + tag.String() + ": " + err.Error())
	}
}

// Printer returns a printer that formats catalog keys in the language of tag
// (or the closest one Avenir speaks).
func Printer(tag language.Tag) *message.Printer {
	tag = closest(tag)
	printersMu.RLock()
	p, ok := printers[tag]
	printersMu.RUnlock()
	if ok {
		return p
	}
	p = message.NewPrinter(tag, message.Catalog(messages))
	printersMu.Lock()
	printers[tag] = p
	printersMu.Unlock()
	return p
}

// Localize formats a catalog key with its arguments in the language of tag.
func Localize(tag language.Tag, key string, args ...any) string {
	return Printer(tag).Sprintf(key, args...)
}

// MatchLanguage picks the language Avenir speaks that best fits the
// preferences, given as Accept-Language headers or language tags
// ("fr-CA", "en;q=0.8"). It returns the default language when nothing fits.
func MatchLanguage(preferences ...string) language.Tag {
	var tags []language.Tag
	for _, p := range preferences {
		if t, _, err := language.ParseAcceptLanguage(p); err == nil {
			tags = append(tags, t...)
		}
	}
	tag, _, _ := matcher.Match(tags...)
	return closest(tag)
}

// closest reduces a tag to the base language Avenir has a catalog for.
func closest(tag language.Tag) language.Tag {
	_, i, conf := matcher.Match(tag)
	if conf == language.No {
		return Languages[0]
	}
	return Languages[i]
}

func init() {
	SetMessages(language.French, map[string]string{
		"The request is not valid.":                   "La demande n’est pas valide.",
		"Not found.":                                  "Introuvable.",
		"You are not allowed to do this.":             "Vous n’êtes pas autorisé à faire cela.",
		"Please sign in to continue.":                 "Veuillez vous connecter pour continuer.",
		"This conflicts with the current state.":      "Cela entre en conflit avec l’état actuel.",
		"Too many attempts. Please try again later.":  "Trop de tentatives. Veuillez réessayer plus tard.",
		"Something went wrong on our side.":           "Une erreur s’est produite de notre côté.",
		"The identifier %q is not valid.":             "L’identifiant %q n’est pas valide.",
		"The page cursor is not valid.":               "Le curseur de pagination n’est pas valide.",
		"The page size must be between 1 and %d.":     "La taille de page doit être comprise entre 1 et %d.",
		"The list's next page is the page just read.": "La page suivante de la liste est celle qui vient d’être lue.",
		"This already exists.":                        "Cela existe déjà.",
		"A referenced item does not exist.":           "Un élément référencé n’existe pas.",
		"A required value is missing.":                "Une valeur obligatoire est manquante.",
		"A value breaks a rule.":                      "Une valeur enfreint une règle.",
		"The service is busy. Please try again.":      "Le service est occupé. Veuillez réessayer.",
		"The audience %q is not known.":               "L’audience %q est inconnue.",
	})
}
