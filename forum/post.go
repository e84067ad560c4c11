package forum

import (
	"html/template"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// State is where a post stands. A thread's state is its first post's.
type State string

// The post states.
const (
	Published State = "published" // visible to the forum's readers
	Pending   State = "pending"   // waiting in the pre-moderation queue
	Hidden    State = "hidden"    // hidden by flags (until a moderator decides) or by a decision
	Deleted   State = "deleted"   // deleted by its author or by a decision (kept for due process)
)

// HiddenReason says why a post is hidden.
type HiddenReason string

// The reasons a post is hidden.
const (
	HiddenByFlags    HiddenReason = "flags"    // enough members flagged it; a moderator will decide
	HiddenByDecision HiddenReason = "decision" // a moderator decided
)

// Thread is a discussion in a forum: a title and its posts, the first of
// which opened it. Replies and LastActivity count published posts only and
// are kept exact in the transaction that changes a post.
type Thread struct {
	ID           avenir.ID `json:"id"`
	Forum        avenir.ID `json:"forum"`
	Author       avenir.ID `json:"author"`
	AuthorName   string    `json:"author_name"`
	Title        string    `json:"title"`
	FirstPost    avenir.ID `json:"first_post"`
	State        State     `json:"state"`
	Pinned       bool      `json:"pinned"`
	Locked       bool      `json:"locked"`
	Replies      int       `json:"replies"`
	LastActivity time.Time `json:"last_activity"`
	CreatedAt    time.Time `json:"created_at"`
}

// Post is one message of a thread. Body is the Markdown its author typed,
// HTML its safe rendering (made when the post is written, never taken from
// elsewhere).
type Post struct {
	ID         avenir.ID     `json:"id"`
	Thread     avenir.ID     `json:"thread"`
	Forum      avenir.ID     `json:"forum"`
	Author     avenir.ID     `json:"author"`
	AuthorName string        `json:"author_name"` // empty once the author's data was erased
	Position   int           `json:"position"`    // 1 for the first post; gaps where posts are not visible
	Body       string        `json:"body"`
	HTML       template.HTML `json:"html"`
	State      State         `json:"state"`
	HiddenBy   HiddenReason  `json:"hidden_by,omitempty"`
	// Quote is the post this one answers, in the same thread.
	Quote         avenir.ID `json:"quote,omitzero"`
	QuotePosition int       `json:"quote_position,omitempty"`
	Supports      int       `json:"supports"`        // members who support it ("je soutiens")
	Supported     bool      `json:"supported"`       // whether the reader supports it
	Flags         int       `json:"flags,omitempty"` // open flags: shown to moderators only
	CreatedAt     time.Time `json:"created_at"`
	EditedAt      time.Time `json:"edited_at,omitzero"` // non-zero: the post shows "edited"
	QueuedAt      time.Time `json:"-"`                  // when it entered the moderation queue
}

// Edited reports whether the post was changed after it was written.
func (p Post) Edited() bool { return !p.EditedAt.IsZero() }

// First reports whether the post opened its thread.
func (p Post) First() bool { return p.Position == 1 }

// Revision is an earlier version of a post, kept when it is edited.
type Revision struct {
	ID       avenir.ID `json:"id"`
	Post     avenir.ID `json:"post"`
	Title    string    `json:"title,omitempty"` // the thread's title then, for a first post
	Body     string    `json:"body"`
	EditedBy avenir.ID `json:"edited_by"`
	EditedAt time.Time `json:"edited_at"` // when this version was replaced
}

// Draft is what a person writes: a title (to start a thread, or to change
// it by editing the first post), a Markdown body, and optionally the post
// of the same thread it answers.
type Draft struct {
	Title string    `json:"title,omitempty"`
	Body  string    `json:"body"`
	Quote avenir.ID `json:"quote,omitzero"`
}

// normalize cleans the draft and checks it; titled says whether a title is
// expected (a new thread, or the first post's edit).
func (d *Draft) normalize(titled bool) error {
	d.Title, d.Body = cleanText(text.Line(d.Title)), cleanText(d.Body)
	if titled {
		if err := checkLen("title", d.Title, 1, MaxTitle, "A title is required.", "The title must be at most %d characters."); err != nil {
			return err
		}
	} else {
		d.Title = ""
	}
	return checkLen("body", d.Body, 1, MaxBody, "The message is empty.", "The message must be at most %d characters.")
}

// Preview renders a draft's body as it would be published, for a form's
// preview.
func Preview(body string) template.HTML { return text.Markdown(cleanText(body)) }

// ThreadFilter selects a page of a forum's threads.
type ThreadFilter struct {
	Reader Reader
	Forum  avenir.ID
	// Keyset: pinned threads first, then by last activity, newest first.
	After *ThreadKey
	Limit int
}

// ThreadKey is a thread's place in its forum's list.
type ThreadKey struct {
	Pinned       bool
	LastActivity time.Time
	ID           avenir.ID
}

// PostFilter selects a page of posts: a thread's by position, or a
// member's by date (newest first).
type PostFilter struct {
	Reader Reader
	Thread avenir.ID // a thread's posts, by position
	Author avenir.ID // or a member's posts, newest first
	// Keyset: after this position (a thread), or before this date and ID
	// (a member).
	AfterPosition int
	Before        *PostKey
	Limit         int
}

// PostKey is a post's place in a member's history.
type PostKey struct {
	CreatedAt time.Time
	ID        avenir.ID
}
