package forum

// Labels: the English text of each code, a key of the message catalog, so
// that pages and notices show it in the reader's language
// (avenir.Localize(tag, action.Label())).

var actionLabels = map[Action]string{
	ActionKeep:    "post kept",
	ActionHide:    "post hidden",
	ActionDelete:  "post deleted",
	ActionLock:    "thread locked",
	ActionSuspend: "author suspended from the forum",
}

// Label returns the English text of the action, a catalog key.
func (a Action) Label() string { return orCode(actionLabels[a], string(a)) }

var reasonLabels = map[Reason]string{
	ReasonSpam:         "spam",
	ReasonHarassment:   "harassment or abuse",
	ReasonOffTopic:     "off-topic",
	ReasonPersonalData: "personal data exposed",
	ReasonIllegal:      "illegal content",
	ReasonCharter:      "another breach of the charter",
	ReasonNone:         "no breach of the charter",
}

// Label returns the English text of the reason, a catalog key.
func (r Reason) Label() string { return orCode(reasonLabels[r], string(r)) }

var roleLabels = map[ModeratorRole]string{
	RoleForumModerator:   "forum moderator",
	RoleNetworkModerator: "network moderator",
	RoleAdmin:            "admin",
}

// Label returns the English text of the role, a catalog key.
func (r ModeratorRole) Label() string { return orCode(roleLabels[r], string(r)) }

var outcomeLabels = map[Outcome]string{
	Upheld:     "decision upheld",
	Overturned: "decision overturned",
}

// Label returns the English text of the outcome, a catalog key.
func (o Outcome) Label() string { return orCode(outcomeLabels[o], string(o)) }

var targetLabels = map[Target]string{TargetPost: "a post", TargetThread: "a thread"}

// Label returns the English text of the target, a catalog key.
func (t Target) Label() string { return orCode(targetLabels[t], string(t)) }

var stateLabels = map[State]string{Published: "published", Pending: "awaiting approval", Hidden: "hidden", Deleted: "deleted"}

// Label returns the English text of the state, a catalog key.
func (s State) Label() string { return orCode(stateLabels[s], string(s)) }

func orCode(label, code string) string {
	if label == "" {
		return code
	}
	return label
}
