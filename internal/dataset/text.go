package dataset

import (
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/avenirnet/avenir/committee/geo"
)

// Prose writes French-like text: sentences of real French words in a
// plausible order, with nouns drawn from a Zipf distribution so that, as in
// real forums, a few words are everywhere and most are rare. Search
// benchmarks depend on that skew: a query of two common words must sift
// many matches, a query of two rare words few.
//
// Prose is deterministic for a seed, and not safe for concurrent use.
type Prose struct {
	r     *rand.Rand
	nouns *rand.Zipf
}

// NewProse returns a writer seeded with seed.
func NewProse(seed uint64) *Prose {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &Prose{r: r, nouns: rand.NewZipf(r, 1.1, 4, uint64(len(nouns)-1))}
}

// Title returns a thread title of three to eight words, capitalised.
func (p *Prose) Title() string {
	var b strings.Builder
	p.clause(&b)
	if p.r.IntN(3) == 0 {
		b.WriteString(" et ")
		b.WriteString(p.noun())
	}
	return capitalise(b.String())
}

// Paragraphs returns n paragraphs of two to six sentences, separated by
// blank lines (Markdown paragraphs).
func (p *Prose) Paragraphs(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j := range 2 + p.r.IntN(5) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.Sentence())
		}
	}
	return b.String()
}

// Sentence returns one sentence ending with a full stop, a question mark
// or an exclamation mark.
func (p *Prose) Sentence() string {
	var b strings.Builder
	b.WriteString(openers[p.r.IntN(len(openers))])
	p.clause(&b)
	if p.r.IntN(2) == 0 {
		b.WriteString(links[p.r.IntN(len(links))])
		p.clause(&b)
	}
	b.WriteString(ends[p.r.IntN(len(ends))])
	return capitalise(b.String())
}

// clause writes "le <noun> <verb> <det> <noun> <adjective>", or, two times
// in three, "le <noun> <verb> les <people> de <commune>": real posts speak
// of places as much as of themes, and the 35,000 communes give the text the
// long tail of rare words a real vocabulary has (without it, each theme
// would be in most posts and every search would match half the network).
func (p *Prose) clause(b *strings.Builder) {
	b.WriteString(dets[p.r.IntN(len(dets))])
	b.WriteString(p.noun())
	b.WriteByte(' ')
	b.WriteString(verbs[p.r.IntN(len(verbs))])
	b.WriteByte(' ')
	if p.r.IntN(3) > 0 {
		places := communeNames()
		b.WriteString(people[p.r.IntN(len(people))])
		b.WriteString(places[p.r.IntN(len(places))])
		return
	}
	b.WriteString(dets[p.r.IntN(len(dets))])
	b.WriteString(p.noun())
	if p.r.IntN(2) == 0 {
		b.WriteByte(' ')
		b.WriteString(adjectives[p.r.IntN(len(adjectives))])
	}
}

// communeNames lists the names of France's communes, in the order of the
// geography's data (so that a seed gives the same text on every machine).
var communeNames = sync.OnceValue(func() []string {
	var names []string
	for _, d := range geo.Departments() {
		cs, err := geo.DepartmentCommunes(d.Code)
		if err != nil {
			panic(err) // the geography's own departments
		}
		for _, c := range cs {
			names = append(names, c.Name)
		}
	}
	return names
})

func (p *Prose) noun() string { return nouns[p.nouns.Uint64()] }

// Intn returns a number in [0, n), from the same source as the text, so
// that a dataset built from one seed is the same every time.
func (p *Prose) Intn(n int) int { return p.r.IntN(n) }

func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

var (
	openers = []string{"", "", "", "Pourtant, ", "Ensuite, ", "À mon avis, ", "Dans notre comité, ", "Concrètement, ", "Depuis des années, "}
	links   = []string{", mais ", " et ", ", car ", " parce que ", ", donc ", " alors que "}
	ends    = []string{".", ".", ".", ".", " ?", " !"}
	people  = []string{"les habitants de ", "les voisins de ", "les familles de ", "les jeunes de ", "les élus de ", "les gens de "}
	dets    = []string{"le ", "la ", "les ", "notre ", "votre ", "chaque ", "une ", "un ", "cette ", "leur "}
	verbs   = []string{
		"défend", "propose", "renforce", "protège", "finance", "améliore", "organise", "soutient", "rassemble",
		"transforme", "garantit", "menace", "oublie", "réclame", "construit", "accompagne", "partage", "éclaire",
		"développe", "réduit", "ouvre", "relie", "écoute", "change", "prépare", "rejoint", "mobilise", "élargit",
	}
	adjectives = []string{
		"publique", "local", "nationale", "solidaire", "écologique", "sociale", "juste", "durable", "commun",
		"populaire", "républicaine", "rurale", "urbaine", "européenne", "accessible", "gratuite", "collective",
		"démocratique", "fraternel", "laïque", "numérique", "essentiel", "nouvelle", "quotidienne", "régionale",
	}
	// Nouns, the most frequent first (the Zipf draw favours low indexes).
	nouns = []string{
		"solidarité", "école", "santé", "travail", "territoire", "écologie", "fraternité", "démocratie",
		"logement", "transport", "service", "commune", "retraite", "salaire", "jeunesse", "éducation",
		"hôpital", "culture", "agriculture", "énergie", "industrie", "justice", "sécurité", "égalité",
		"laïcité", "république", "association", "quartier", "village", "ville", "région", "département",
		"entreprise", "syndicat", "coopérative", "famille", "enfance", "formation", "université", "recherche",
		"emploi", "chômage", "impôt", "budget", "dette", "banque", "monnaie", "Europe", "frontière",
		"climat", "forêt", "rivière", "océan", "montagne", "campagne", "littoral", "eau", "air", "sol",
		"alimentation", "cantine", "marché", "commerce", "artisan", "paysan", "ouvrier", "infirmière",
		"enseignant", "médecin", "pharmacie", "maternité", "bibliothèque", "musée", "théâtre", "cinéma",
		"sport", "stade", "piscine", "gare", "ligne", "bus", "train", "vélo", "route", "autoroute",
		"tramway", "métro", "aéroport", "port", "poste", "mairie", "préfecture", "tribunal", "prison",
		"police", "gendarmerie", "pompier", "armée", "paix", "guerre", "diplomatie", "liberté", "droit",
		"devoir", "citoyen", "citoyenneté", "vote", "élection", "référendum", "assemblée", "sénat",
		"constitution", "loi", "décret", "amendement", "motion", "congrès", "militant", "adhérent",
		"comité", "fédération", "section", "collectif", "réunion", "tract", "affiche", "porte-à-porte",
		"manifestation", "grève", "pétition", "consultation", "contribution", "proposition", "programme",
		"projet", "avenir", "progrès", "espoir", "colère", "inquiétude", "confiance", "dignité", "respect",
		"accueil", "migration", "exil", "asile", "intégration", "langue", "mémoire", "histoire", "patrimoine",
		"numérique", "internet", "réseau", "donnée", "algorithme", "plateforme", "téléphone", "fibre",
		"isolement", "précarité", "pauvreté", "richesse", "inégalité", "héritage", "rente",
		"loyer", "propriétaire", "locataire", "copropriété", "chauffage", "isolation", "rénovation",
		"épicerie", "banque alimentaire", "maraude", "bénévole", "bénévolat", "entraide", "voisinage",
		"soutien scolaire", "covoiturage", "aide administrative", "permanence", "visite", "aîné",
		"handicap", "autonomie", "dépendance", "aidant", "crèche", "périscolaire", "lycée", "collège",
		"apprentissage", "stage", "diplôme", "concours", "fonctionnaire", "statut", "contrat", "intérim",
		"ubérisation", "automatisation", "robot", "usine", "atelier", "chantier", "bâtiment", "ciment",
		"acier", "nucléaire", "éolienne", "panneau solaire", "barrage", "hydrogène", "charbon", "pétrole",
		"gaz", "carburant", "taxe", "péage", "tarif", "gratuité", "abonnement", "subvention", "crédit",
		"épargne", "assurance", "mutuelle", "sécurité sociale", "allocation", "minimum vieillesse",
		"pension", "cotisation", "réforme", "concertation", "dialogue", "compromis", "majorité", "opposition",
		"alliance", "union", "rassemblement", "front", "gauche", "droite", "centre", "extrême", "populisme",
		"nation", "patrie", "souveraineté", "indépendance", "coopération", "traité", "accord", "sommet",
		"Afrique", "Méditerranée", "outre-mer", "Guadeloupe", "Martinique", "Réunion", "Guyane", "Mayotte",
		"Corse", "Bretagne", "Occitanie", "Normandie", "Alsace", "Provence", "Savoie", "Auvergne",
		"festival", "fête", "banquet", "concert", "débat", "conférence", "atelier citoyen", "université d'été",
	}
)
