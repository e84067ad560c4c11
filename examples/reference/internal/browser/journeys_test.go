package browser

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
)

// password returns a demo account's password.
func password(t *testing.T, email string) string {
	t.Helper()
	for _, a := range append(demo.Accounts, demo.Animator) {
		if a.Email == email {
			return a.Password
		}
	}
	t.Fatalf("no demo account %s", email)
	return ""
}

// TestJourneys walks issue 9's journeys through the pages in Chromium, one
// server and one browser for all, a browser context for each person.
func TestJourneys(t *testing.T) {
	s := newSite(t)

	t.Run("join, post in the members' forum, sign out", func(t *testing.T) {
		joinPostAndSignOut(t, s)
	})
	t.Run("find a committee by postal code and answer an event", func(t *testing.T) {
		findCommitteeAndRSVP(t, s)
	})
	t.Run("propose, validate and volunteer for a solidarity action", func(t *testing.T) {
		proposeValidateVolunteer(t, s)
	})
}

// findCommitteeAndRSVP: a member finds her committee from her postal code
// (69003 → Lyon 3e), opens one of its upcoming events, signs in from there
// and says she is going.
func findCommitteeAndRSVP(t *testing.T, s *site) {
	olympe := s.person(t, "Olympe")
	olympe.follow("Committees")
	olympe.fill("Postal code", "69003")
	olympe.press("Find")
	olympe.sees("Your committees, nearest first", "Lyon 3e")
	olympe.follow("Lyon 3e")
	olympe.sees("Upcoming events")
	event := eval[string](olympe, `(() => { const a = [...document.querySelectorAll('a[href^="/events/"]')].find(a => !a.href.endsWith('.ics')); return a ? a.innerText.trim() : ''; })()`)
	if event == "" {
		t.Fatal("Lyon 3e has no upcoming event to answer")
	}
	olympe.follow(event)
	olympe.follow("Sign in to register")
	olympe.fill("Email address", "olympe@avenir.test")
	olympe.fill("Password", password(t, "olympe@avenir.test"))
	olympe.press("Sign in")
	olympe.sees(event, "Will you come?")
	olympe.press("I am going")
	olympe.sees(event, "Your answer: Going")
	assert.Equal(t, int64(http.StatusOK), olympe.status)
}

// joinPostAndSignOut: Camille joins as a member and confirms her address
// from the mail; the admin records her dues, which put her in good
// standing; she starts a thread in the members' forum; signed out, she
// finds it nowhere: not in the forums, not in the search, not at its
// address.
func joinPostAndSignOut(t *testing.T, s *site) {
	const email, title, word = "camille@avenir.test", "Porte-à-porte à la Croix-Rousse", "Gerlandpapillon"
	camille := s.person(t, "Camille")
	camille.follow("Join")
	camille.fill("Email address", email)
	camille.fill("Display name", "Camille D.")
	camille.fill("Full name", "Camille Desmoulins")
	camille.fill("Postal code", "69003")
	camille.fill("City", "Lyon")
	camille.fill("Password (optional)", "une-phrase-de-passe-solide")
	camille.check("I want to become a member")
	camille.check("J’accepte que le mouvement traite mes données d’adhésion")
	camille.press("Create my account")
	camille.seesNot("Sign out")

	// The mail, read in the development mailbox.
	camille.follow("Mailbox")
	camille.sees("To: " + email)
	camille.followIn("To: "+email, s.url+"/verify?token=…")
	camille.press("Confirm my address")
	camille.signIn(email, "une-phrase-de-passe-solide")

	// An applicant is not in good standing: the members' forum is shut.
	camille.open("/forums/vie-du-mouvement")
	camille.seesNot("Start a thread")

	// Her dues, received by transfer, recorded by the admin.
	admin := s.person(t, "the admin")
	admin.signIn("admin@avenir.test", password(t, "admin@avenir.test"))
	admin.follow("Members")
	admin.check("Membership applied for (dues awaited)")
	admin.press("Filter")
	admin.follow("Camille D.")
	admin.choose("Method", "Bank transfer")
	admin.fill("Reference (cheque number, transfer reference…)", "VIR-CAMILLE-2026")
	admin.press("Record the payment")
	admin.sees("VIR-CAMILLE-2026")
	assert.Equal(t, "Member in good standing", eval[string](admin, `document.getElementById('status').innerText`))

	// Now she posts in the members' forum and finds her thread.
	camille.follow("Forums")
	camille.follow("Vie du mouvement")
	camille.fill("Title", title)
	camille.fill("Message", "Rendez-vous samedi place de la Croix-Rousse, mot de passe "+word+".")
	camille.press("Publish")
	camille.sees(title, word)
	thread := camille.location()
	camille.open("/forums/search")
	camille.fill("Words to find", word)
	camille.press("Search")
	camille.sees(title)

	// Signed out, it is nowhere.
	camille.press("Sign out")
	camille.seesNot("Camille D.")
	camille.follow("Forums")
	camille.seesNot(title)
	camille.open("/forums/vie-du-mouvement")
	camille.seesNot(title)
	camille.open("/forums/search")
	camille.fill("Words to find", word)
	camille.press("Search")
	camille.sees("Nothing matches.")
	camille.seesNot(title)
	camille.open(thread)
	assert.Equal(t, int64(http.StatusNotFound), camille.status, "a members' thread at its address, signed out")
	camille.seesNot(title, word)
}

// proposeValidateVolunteer: Louise offers lifts to the market; the
// animator of the Rhône federation finds the offer in her validation queue
// and publishes it; Paul volunteers, and Louise sees him among the
// volunteers to accept.
func proposeValidateVolunteer(t *testing.T, s *site) {
	const title = "Covoiturage pour le marché de la Guillotière"
	louise := s.person(t, "Louise")
	louise.signIn("louise@avenir.test", password(t, "louise@avenir.test"))
	louise.follow("Fraternity in action")
	louise.follow("Propose an action")
	louise.choose("Kind", "Offer of help")
	louise.choose("Category", "Transport")
	louise.fill("Title", title)
	louise.fill("Description (Markdown)", "Trois places dans ma voiture le samedi matin, départ place Guichard.")
	louise.check("In a commune of France")
	louise.fill("Postal code", "69003")
	louise.fill("Volunteers needed (0: as many as come)", "2")
	louise.press("Submit for validation")
	louise.sees(title, "Waiting for validation")
	action := louise.location()

	// Not published yet: Paul does not find it.
	paul := s.person(t, "Paul")
	paul.signIn("paul@avenir.test", password(t, "paul@avenir.test"))
	paul.follow("Fraternity in action")
	paul.seesNot(title)

	animator := s.person(t, "the animator")
	animator.signIn(demo.Animator.Email, demo.Animator.Password)
	animator.follow("Fraternity in action")
	animator.follow("Validation queue")
	animator.pressIn(title, "Validate and publish")
	animator.seesNot(title) // the queue no longer holds it

	paul.follow("Fraternity in action")
	paul.follow(title)
	paul.press("I volunteer")
	paul.sees("Withdraw")

	louise.open(strings.SplitN(action, "?", 2)[0])
	louise.sees("Published", "Paul Lafargue")
	louise.pressIn("Paul Lafargue", "Accept Paul Lafargue")
	louise.sees("Places taken: 1 of 2")
}
