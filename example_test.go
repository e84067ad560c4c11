package avenir_test

import (
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func ExampleAudience_Allows() {
	lyon := avenir.MustParseID("01936b2e-0000-7000-8000-000000000069")
	member := avenir.Actor{
		ID:         avenir.MustParseID("01936b2e-0000-7000-8000-000000000001"),
		Status:     avenir.StatusActive,
		Committees: []avenir.ID{lyon},
	}
	lapsed := member
	lapsed.Status = avenir.StatusLapsed

	for _, aud := range []avenir.Audience{avenir.Public, avenir.Members, avenir.CommitteeAudience(lyon)} {
		fmt.Printf("%-10s anonymous=%v member=%v lapsed=%v\n",
			aud.Kind, aud.Allows(avenir.Anonymous), aud.Allows(member), aud.Allows(lapsed))
	}
	// Output:
	// public     anonymous=true member=true lapsed=true
	// members    anonymous=false member=true lapsed=false
	// committee  anonymous=false member=true lapsed=false
}

func ExampleEncodeCursor() {
	// The last row of a page of threads, ordered by last activity then ID.
	lastActivity := time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)
	lastID := avenir.MustParseID("01936b2e-7c4a-7d2e-9f10-4b5c6d7e8f90")
	next := avenir.EncodeCursor("forum.threads", lastActivity, lastID)

	// The following request sends the token back.
	var (
		after   time.Time
		afterID avenir.ID
	)
	if err := avenir.DecodeCursor(next, "forum.threads", &after, &afterID); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(after, afterID)

	// A token made for another list is refused.
	err := avenir.DecodeCursor(next, "forum.posts", &after, &afterID)
	fmt.Println(avenir.ErrorCode(err), err)
	// Output:
	// 2025-03-14 15:09:26 +0000 UTC 01936b2e-7c4a-7d2e-9f10-4b5c6d7e8f90
	// invalid The page cursor is not valid.
}

func ExampleError_Localize() {
	err := avenir.Errorf(avenir.CodeInvalid, "The page size must be between 1 and %d.", avenir.MaxPageSize)
	fmt.Println(err.Localize(language.French))
	fmt.Println(err.Localize(language.English))
	// Output:
	// La taille de page doit être comprise entre 1 et 200.
	// The page size must be between 1 and 200.
}

func ExampleMatchLanguage() {
	// The Accept-Language header of a request.
	fmt.Println(avenir.MatchLanguage("en-GB,en;q=0.9,fr;q=0.5"))
	fmt.Println(avenir.MatchLanguage("fr-CA"))
	// A language Avenir does not speak gets the default, French.
	fmt.Println(avenir.MatchLanguage("de-DE"))
	// Output:
	// en
	// fr
	// fr
}
