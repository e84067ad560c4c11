package consultation

import (
	"slices"
	"time"
)

// Phase is where a consultation stands. Phases follow one another in the
// order of [Phases] and never go back.
type Phase string

// The phases, in order.
const (
	PhaseUpcoming      Phase = "upcoming"      // before the contributions open
	PhaseContributions Phase = "contributions" // members write contributions
	PhaseAmendments    Phase = "amendments"    // members amend the contributions
	PhaseSupports      Phase = "supports"      // members support contributions and amendments
	PhaseSynthesis     Phase = "synthesis"     // the drafting group writes the motion
	PhaseVote          Phase = "vote"          // members vote on the published motions
	PhaseClosed        Phase = "closed"        // results are published
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseUpcoming, PhaseContributions, PhaseAmendments, PhaseSupports, PhaseSynthesis, PhaseVote, PhaseClosed}

// Valid reports whether p is a known phase.
func (p Phase) Valid() bool { return slices.Contains(Phases, p) }

func (p Phase) index() int { return slices.Index(Phases, p) }

// After reports whether p comes after q.
func (p Phase) After(q Phase) bool { return p.index() > q.index() }

// Next returns the phase after p (closed stays closed).
func (p Phase) Next() Phase {
	if i := p.index(); i >= 0 && i < len(Phases)-1 {
		return Phases[i+1]
	}
	return PhaseClosed
}

// Action is something a member or the drafting group does in a
// consultation; [Allowed] says in which phases.
type Action string

// The actions.
const (
	ActContribute       Action = "contribute"        // submit a contribution
	ActEditContribution Action = "edit_contribution" // its authors change it (a new version)
	ActInviteCoauthor   Action = "invite_coauthor"   // invite or accept a co-author
	ActAmendText        Action = "amend_contribution"
	ActAmendMotion      Action = "amend_motion"
	ActAnswerAmendment  Action = "answer_amendment" // accept, reject or mark merged
	ActSupport          Action = "support"          // support, or withdraw a support
	ActCompose          Action = "compose"          // the drafting group writes the motion
	ActPublish          Action = "publish"          // freeze a motion's version for the vote
	ActVote             Action = "vote"
)

// Actions lists every action.
var Actions = []Action{ActContribute, ActEditContribution, ActInviteCoauthor, ActAmendText, ActAmendMotion,
	ActAnswerAmendment, ActSupport, ActCompose, ActPublish, ActVote}

// phaseTable is THE table of what each phase allows. Answering an amendment
// stays open until the synthesis ends, so that late answers still count; a
// motion is amended while it is being written.
var phaseTable = map[Phase][]Action{
	PhaseUpcoming:      nil,
	PhaseContributions: {ActContribute, ActEditContribution, ActInviteCoauthor},
	PhaseAmendments:    {ActAmendText, ActAnswerAmendment, ActInviteCoauthor},
	PhaseSupports:      {ActSupport, ActAnswerAmendment},
	PhaseSynthesis:     {ActCompose, ActAmendMotion, ActAnswerAmendment, ActPublish},
	PhaseVote:          {ActVote},
	PhaseClosed:        nil,
}

// Allowed reports whether the phase allows the action.
func Allowed(p Phase, a Action) bool { return slices.Contains(phaseTable[p], a) }

// Schedule gives the date each phase opens. Zero dates are reached only by a
// decision ([Service.Advance]); set dates must not go backwards.
type Schedule struct {
	Contributions time.Time `json:"contributions,omitzero"`
	Amendments    time.Time `json:"amendments,omitzero"`
	Supports      time.Time `json:"supports,omitzero"`
	Synthesis     time.Time `json:"synthesis,omitzero"`
	Vote          time.Time `json:"vote,omitzero"`
	Closed        time.Time `json:"closed,omitzero"`
}

// dates returns the opening dates, in the order of Phases[1:].
func (s Schedule) dates() []time.Time {
	return []time.Time{s.Contributions, s.Amendments, s.Supports, s.Synthesis, s.Vote, s.Closed}
}

// PhaseAt returns the phase at now: the later of the phase reached by a
// decision (floor) and the last phase whose date has come.
func (s Schedule) PhaseAt(now time.Time, floor Phase) Phase {
	p := floor
	if !p.Valid() {
		p = PhaseUpcoming
	}
	for i, d := range s.dates() {
		if !d.IsZero() && !now.Before(d) && Phases[i+1].After(p) {
			p = Phases[i+1]
		}
	}
	return p
}

func (s Schedule) valid() bool {
	var last time.Time
	for _, d := range s.dates() {
		if d.IsZero() {
			continue
		}
		if d.Before(last) {
			return false
		}
		last = d
	}
	return true
}
