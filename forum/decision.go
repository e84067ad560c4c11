package forum

import (
	"time"

	"github.com/avenirnet/avenir"
)

// Reason is why a post is flagged, or why a decision was taken.
type Reason string

// The reasons. The first five are the reasons a member may flag a post for;
// a decision may also cite another breach of the charter, or none (to keep
// a post).
const (
	ReasonSpam         Reason = "spam"
	ReasonHarassment   Reason = "harassment" // harassment or abuse
	ReasonOffTopic     Reason = "off_topic"
	ReasonPersonalData Reason = "personal_data" // personal data exposed
	ReasonIllegal      Reason = "illegal"       // illegal content
	ReasonCharter      Reason = "charter"       // another breach of the charter
	ReasonNone         Reason = "none"          // no breach
)

// FlagReasons are the reasons a member may flag a post for.
var FlagReasons = []Reason{ReasonSpam, ReasonHarassment, ReasonOffTopic, ReasonPersonalData, ReasonIllegal}

// DecisionReasons are the reasons a decision may cite.
var DecisionReasons = []Reason{ReasonSpam, ReasonHarassment, ReasonOffTopic, ReasonPersonalData, ReasonIllegal, ReasonCharter, ReasonNone}

// Flag is a member's report of a post. Moderators see the reason and the
// text, not who flagged: a reporter is protected from retaliation.
type Flag struct {
	ID        avenir.ID `json:"id"`
	Post      avenir.ID `json:"post"`
	Member    avenir.ID `json:"-"`
	Reason    Reason    `json:"reason"`
	Text      string    `json:"text,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	Decision  avenir.ID `json:"decision,omitzero"` // the decision that settled it
}

// FlagInput is what a member gives to flag a post.
type FlagInput struct {
	Reason Reason `json:"reason"`
	Text   string `json:"text,omitempty"`
}

// Action is what a moderator decides about a post.
type Action string

// The actions.
const (
	ActionKeep    Action = "keep"    // the post stays (or comes back) published
	ActionHide    Action = "hide"    // the post is hidden
	ActionDelete  Action = "delete"  // the post is deleted
	ActionLock    Action = "lock"    // the post stays published; its thread is locked
	ActionSuspend Action = "suspend" // the post is hidden and its author may not write in the forum until a date
)

// Actions lists every action.
var Actions = []Action{ActionKeep, ActionHide, ActionDelete, ActionLock, ActionSuspend}

// Target is the kind of content a decision is about.
type Target string

// The targets: a post, or a whole thread (its first post, or a lock).
const (
	TargetPost   Target = "post"
	TargetThread Target = "thread"
)

// DecisionInput is a moderator's decision on a post, with its statement of
// reasons.
type DecisionInput struct {
	Action Action    `json:"action"`
	Reason Reason    `json:"reason"`
	Text   string    `json:"text"`
	Until  time.Time `json:"until,omitzero"` // the end of a suspension
}

// Outcome is the answer to an appeal.
type Outcome string

// The outcomes.
const (
	Upheld     Outcome = "upheld"     // the decision stands
	Overturned Outcome = "overturned" // the decision is undone: the content is restored
)

// AppealAnswer is a second moderator's answer to an appeal, with reasons.
type AppealAnswer struct {
	Outcome Outcome `json:"outcome"`
	Text    string  `json:"text"`
}

// Appeal is an author's appeal of a decision and its answer.
type Appeal struct {
	Text      string        `json:"text"`
	At        time.Time     `json:"at"`
	Outcome   Outcome       `json:"outcome,omitempty"` // empty while pending
	Reason    string        `json:"reason,omitempty"`  // the answer's statement of reasons
	Role      ModeratorRole `json:"role,omitempty"`
	DecidedBy avenir.ID     `json:"-"`
	DecidedAt time.Time     `json:"decided_at,omitzero"`
}

// Decision is a moderator's decision on a post, with its statement of
// reasons, and the author's appeal when there is one. The author is told.
type Decision struct {
	ID             avenir.ID     `json:"id"`
	Forum          avenir.ID     `json:"forum"`
	Thread         avenir.ID     `json:"thread"`
	Post           avenir.ID     `json:"post"`
	Author         avenir.ID     `json:"author"` // the author of the post
	Target         Target        `json:"target"`
	Action         Action        `json:"action"`
	Reason         Reason        `json:"reason"`
	Text           string        `json:"text"`
	Moderator      avenir.ID     `json:"-"`
	Role           ModeratorRole `json:"role"`
	SuspendedUntil time.Time     `json:"suspended_until,omitzero"`
	DecidedAt      time.Time     `json:"decided_at"`
	Appeal         *Appeal       `json:"appeal,omitempty"`
}

// Appealable reports whether the author may still appeal: once, and not a
// decision that kept the post.
func (d Decision) Appealable() bool { return d.Appeal == nil && d.Action != ActionKeep }

// LogEntry is a decision as the moderation log shows it to readers of the
// forum: what was decided, on which kind of content, why, when and by which
// role; never the content, its author, nor the moderators' names.
type LogEntry struct {
	ID             avenir.ID     `json:"id"`
	Forum          avenir.ID     `json:"forum"`
	ForumTitle     string        `json:"forum_title"`
	Target         Target        `json:"target"`
	Action         Action        `json:"action"`
	Reason         Reason        `json:"reason"`
	Text           string        `json:"text"`
	Role           ModeratorRole `json:"role"`
	SuspendedUntil time.Time     `json:"suspended_until,omitzero"`
	DecidedAt      time.Time     `json:"decided_at"`
	Appealed       bool          `json:"appealed"`
	// The appeal's answer (the appeal's own text is the author's and is
	// not shown).
	Outcome          Outcome       `json:"outcome,omitempty"`
	OutcomeText      string        `json:"outcome_text,omitempty"`
	OutcomeRole      ModeratorRole `json:"outcome_role,omitempty"`
	OutcomeDecidedAt time.Time     `json:"outcome_decided_at,omitzero"`
}

// LogEntry returns what the moderation log shows of d.
func (d Decision) LogEntry(forumTitle string) LogEntry {
	e := LogEntry{ID: d.ID, Forum: d.Forum, ForumTitle: forumTitle, Target: d.Target, Action: d.Action, Reason: d.Reason,
		Text: d.Text, Role: d.Role, SuspendedUntil: d.SuspendedUntil, DecidedAt: d.DecidedAt, Appealed: d.Appeal != nil}
	if d.Appeal != nil {
		e.Outcome, e.OutcomeText, e.OutcomeRole, e.OutcomeDecidedAt = d.Appeal.Outcome, d.Appeal.Reason, d.Appeal.Role, d.Appeal.DecidedAt
	}
	return e
}

// QueueItem is a post waiting for a moderator: pending approval, or
// flagged. Flags do not say who flagged.
type QueueItem struct {
	Post        Post      `json:"post"`
	ThreadTitle string    `json:"thread_title"`
	Flags       []Flag    `json:"flags"`
	QueuedAt    time.Time `json:"queued_at"`
}

// QueueFilter selects a moderation queue: one forum's, or (zero Forum)
// every forum the moderator moderates.
type QueueFilter struct {
	Forum avenir.ID `json:"forum,omitzero"`
}

// DecisionFilter selects decisions from the store.
type DecisionFilter struct {
	Reader Reader    // for the log: decisions in forums the reader may read
	Forum  avenir.ID // one forum's
	Author avenir.ID // one author's (their own decisions)
	// PendingAppeals keeps the decisions appealed and not yet answered, in
	// forums the reader moderates.
	PendingAppeals bool
	// Keyset: newest first.
	Before *DecisionKey
	Limit  int
}

// DecisionKey is a decision's place in the log.
type DecisionKey struct {
	DecidedAt time.Time
	ID        avenir.ID
}
