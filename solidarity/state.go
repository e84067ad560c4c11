package solidarity

import "github.com/avenirnet/avenir"

// Status is where an action stands in its workflow.
type Status string

// The statuses of an action. Completed, cancelled and expired are final.
const (
	StatusDraft      Status = "draft"       // written, seen by its author only
	StatusSubmitted  Status = "submitted"   // waiting for an animator or a moderator
	StatusPublished  Status = "published"   // open: its audience may read it and volunteer
	StatusInProgress Status = "in_progress" // under way
	StatusCompleted  Status = "completed"   // done, with its impact report
	StatusCancelled  Status = "cancelled"   // called off
	StatusExpired    Status = "expired"     // its end date passed while it was open
	StatusRejected   Status = "rejected"    // refused, with a reason its author sees
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusDraft, StatusSubmitted, StatusPublished, StatusInProgress, StatusCompleted, StatusCancelled, StatusExpired, StatusRejected}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// Final reports whether no event moves an action out of s.
func (s Status) Final() bool {
	return s == StatusCompleted || s == StatusCancelled || s == StatusExpired
}

// Open reports whether volunteers may sign up to an action in s.
func (s Status) Open() bool { return s == StatusPublished || s == StatusInProgress }

// listed reports whether an action in s is shown to its audience: once
// published, it stays readable, whatever came after.
func (s Status) listed() bool {
	return s == StatusPublished || s == StatusInProgress || s == StatusCompleted || s == StatusExpired
}

// Transition is what happens to an action.
type Transition string

// The transitions of the workflow.
const (
	Submit   Transition = "submit"   // the author asks for validation
	Publish  Transition = "publish"  // an animator or a moderator validates
	Reject   Transition = "reject"   // an animator or a moderator refuses, with a reason
	Revise   Transition = "revise"   // the author takes a rejected action back to edit it
	Start    Transition = "start"    // the organiser says it is under way
	Complete Transition = "complete" // the organiser closes it with its impact
	Cancel   Transition = "cancel"   // the organiser calls it off
	Expire   Transition = "expire"   // the periodic job: its end date passed
)

// Transitions lists every transition.
var Transitions = []Transition{Submit, Publish, Reject, Revise, Start, Complete, Cancel, Expire}

// workflow is the one table of the state machine: from a status, what each
// transition leads to. A pair missing from it is an illegal transition.
var workflow = map[Status]map[Transition]Status{
	StatusDraft:      {Submit: StatusSubmitted, Cancel: StatusCancelled},
	StatusSubmitted:  {Publish: StatusPublished, Reject: StatusRejected, Cancel: StatusCancelled},
	StatusPublished:  {Start: StatusInProgress, Complete: StatusCompleted, Cancel: StatusCancelled, Expire: StatusExpired},
	StatusInProgress: {Complete: StatusCompleted, Cancel: StatusCancelled},
	StatusRejected:   {Revise: StatusDraft},
	StatusCompleted:  {},
	StatusCancelled:  {},
	StatusExpired:    {},
}

// Next returns the status a transition leads to from s, and a conflict
// error when the workflow does not allow it.
func Next(s Status, t Transition) (Status, error) {
	if to, ok := workflow[s][t]; ok {
		return to, nil
	}
	key, ok := illegal[t]
	if !ok {
		key = "This cannot be done to the action now."
	}
	return "", avenir.Errorf(avenir.CodeConflict, key)
}

// illegal says, for each transition, from where it is allowed: the message
// of an illegal transition (kept in step with workflow by a test).
var illegal = map[Transition]string{
	Submit:   "Only a draft can be submitted.",
	Publish:  "Only an action waiting for validation can be published.",
	Reject:   "Only an action waiting for validation can be rejected.",
	Revise:   "Only a rejected action can be revised.",
	Start:    "Only a published action can be started.",
	Complete: "Only a published or started action can be completed.",
	Cancel:   "Only an action not yet completed, expired or rejected can be cancelled.",
	Expire:   "Only a published action can expire.",
}
