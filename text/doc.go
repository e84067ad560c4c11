// Package text turns what people type into what Avenir stores and shows:
// Markdown into safe HTML, names into slugs, and words into the folded form
// that accent- and case-insensitive search compares ("École" and "ecole"
// fold alike).
//
// Every domain package that takes free text (forum posts, event and
// committee descriptions, solidarity actions) goes through Markdown, so that
// one policy decides what HTML a member may produce: goldmark renders
// CommonMark with GitHub's extensions and never passes raw HTML through, and
// bluemonday's user-content policy then cleans what goldmark produced.
package text
