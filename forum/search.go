package forum

import (
	"context"
	"html"
	"html/template"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Search limits.
const (
	MaxQuery      = 200 // characters of a search
	MaxQueryWords = 16  // words of a search that count
)

const searchCursor = "forum.search"

// SearchQuery is a search: words as a person types them ("école
// solidarité"; on PostgreSQL also "a phrase", or, -word) and optionally one
// forum.
type SearchQuery struct {
	Text  string    `json:"q"`
	Forum avenir.ID `json:"forum,omitzero"`
}

// Hit is a post that matches a search: where it is, and an excerpt of it in
// which the matching words are highlighted with <mark> (the only HTML an
// excerpt holds; the rest is escaped text).
type Hit struct {
	Post        avenir.ID     `json:"post"`
	Thread      avenir.ID     `json:"thread"`
	Forum       avenir.ID     `json:"forum"`
	ThreadTitle string        `json:"thread_title"`
	Position    int           `json:"position"`
	Author      avenir.ID     `json:"author"`
	AuthorName  string        `json:"author_name"`
	Excerpt     template.HTML `json:"excerpt"`
	Rank        float64       `json:"rank"` // higher is better
	CreatedAt   time.Time     `json:"created_at"`
}

// SearchFilter is a search as the store runs it.
type SearchFilter struct {
	Reader Reader
	// Text is the search as typed (cleaned), for PostgreSQL's
	// websearch_to_tsquery; Words are its folded words (accents and case
	// removed), for SQLite's FTS5.
	Text  string
	Words []string
	Forum avenir.ID
	// Keyset: by rank, best first, then by ID.
	After *SearchKey
	Limit int
}

// SearchKey is a hit's place in the results.
type SearchKey struct {
	Rank float64
	ID   avenir.ID
}

// The store marks highlighted words in an excerpt with these characters
// (people cannot type them: cleanText removes them).
const (
	MarkStart = string(markStart)
	MarkEnd   = string(markEnd)
)

// Search finds the published posts the actor may read that match the
// query, best first: case- and accent-insensitive on both databases, with
// French stemming on PostgreSQL. Pending, hidden and deleted posts never
// match, and nothing from a forum the actor may not read is counted or
// shown.
func (s *Service) Search(ctx context.Context, actor avenir.Actor, q SearchQuery, page avenir.PageRequest) (avenir.Page[Hit], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Hit]{}, err
	}
	q.Text = cleanText(q.Text)
	if utf8.RuneCountInString(q.Text) > MaxQuery {
		return avenir.Page[Hit]{}, avenir.FieldError("q", "A search must be at most %d characters.", MaxQuery)
	}
	words := searchWords(q.Text)
	if len(words) == 0 {
		return avenir.Page[Hit]{}, avenir.FieldError("q", "Type at least one word to search.")
	}
	if !q.Forum.IsZero() {
		if _, err := s.Forum(ctx, actor, q.Forum); err != nil {
			return avenir.Page[Hit]{}, err
		}
	}
	f := SearchFilter{Reader: ReaderOf(actor), Text: q.Text, Words: words, Forum: q.Forum, Limit: size + 1}
	if page.After != "" {
		var k SearchKey
		if err := avenir.DecodeCursor(page.After, searchCursor, &k.Rank, &k.ID); err != nil {
			return avenir.Page[Hit]{}, err
		}
		f.After = &k
	}
	hits, err := s.store.Search(ctx, f)
	if err != nil {
		return avenir.Page[Hit]{}, err
	}
	for i := range hits {
		hits[i].Excerpt = excerptHTML(string(hits[i].Excerpt))
	}
	return avenir.NewPage(hits, size, searchCursor, func(h Hit) []any { return []any{h.Rank, h.Post} }), nil
}

// searchWords returns the folded words of a search, at most MaxQueryWords.
func searchWords(q string) []string {
	words := strings.FieldsFunc(text.Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	return words
}

// excerptHTML escapes an excerpt and turns its highlight markers into
// <mark> elements, balanced whatever the markers' order.
func excerptHTML(s string) template.HTML {
	var b strings.Builder
	open := false
	for _, r := range html.EscapeString(s) {
		switch r {
		case markStart:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case markEnd:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		default:
			b.WriteRune(r)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String()) //nolint:gosec // escaped above; <mark> is the only element
}
