package browser

import (
	"net/http"
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

func joinPostAndSignOut(t *testing.T, s *site) {}

func proposeValidateVolunteer(t *testing.T, s *site) {}
