// Package browser holds the reference server's tests in a real browser:
// Chromium, driven by chromedp, walks the journeys of a person through the
// pages — joining, confirming the address from the development mailbox,
// posting in a members' forum, finding a committee and answering an event,
// proposing, validating and volunteering for a solidarity action. The
// fields are found by their labels and the buttons and links by their
// words, as a person (and a screen reader) finds them.
//
// The package has no code outside its tests. Without Chromium the tests are
// skipped, or fail when CI=true; see docs/contributing.md.
package browser
