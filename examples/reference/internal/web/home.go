package web

import (
	"net/http"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func (s *Server) mountHome(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	// Any other page that no feature claims is a 404 page.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, avenir.ErrNotFound)
	})
}

// home is the landing page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "home.html", nil)
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Skip to content": "Aller au contenu",
		"Home":            "Accueil",
		"Members, forums, committees and solidarity: the social network of the movement.": "Adhérents, forums, comités et solidarité : le réseau social du mouvement.",
		"Debate ideas": "Débattre des idées",
		"Thematic forums where members contribute, with moderation that is seen to be fair.": "Des forums thématiques où les adhérents contribuent, avec une modération équitable et transparente.",
		"Act locally": "Agir près de chez soi",
		"Committees across the country and abroad carry the network into the field.": "Des comités partout en France et à l’étranger portent le réseau sur le terrain.",
		"Fraternity in action": "La Fraternité en action",
		"Offer help, ask for it, and join collective acts of solidarity.": "Proposer son aide, en demander, et rejoindre des actions solidaires collectives.",
		"Powered by Avenir":     "Propulsé par Avenir",
		"Language":              "Langue",
		"Error %d":              "Erreur %d",
		"Back to the home page": "Retour à l’accueil",
	})
}
