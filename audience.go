package avenir

import (
	"slices"
	"strings"
)

// AudienceKind says who may see a piece of content.
type AudienceKind string

// The audience kinds, from the widest to the narrowest.
const (
	AudiencePublic     AudienceKind = "public"     // anyone, signed in or not
	AudienceRegistered AudienceKind = "registered" // any signed-in person, member or supporter
	AudienceMembers    AudienceKind = "members"    // members in good standing
	AudienceCommittee  AudienceKind = "committee"  // one committee's members and the animators above it
	AudienceModerators AudienceKind = "moderators" // moderators (of one forum, or of the network)
)

// AudienceKinds lists every kind.
var AudienceKinds = []AudienceKind{AudiencePublic, AudienceRegistered, AudienceMembers, AudienceCommittee, AudienceModerators}

// Audience says who may see a piece of content. Scope is the committee of a
// committee audience, and the forum of a moderators audience (the zero ID
// there means the network's moderators).
//
// The zero Audience is no audience at all: it allows nobody, so that content
// whose audience was forgotten stays private.
type Audience struct {
	Kind  AudienceKind
	Scope ID
}

// The audiences that need no scope.
var (
	Public     = Audience{Kind: AudiencePublic}
	Registered = Audience{Kind: AudienceRegistered}
	Members    = Audience{Kind: AudienceMembers}
	Moderators = Audience{Kind: AudienceModerators}
)

// CommitteeAudience is the audience of one committee.
func CommitteeAudience(committee ID) Audience {
	return Audience{Kind: AudienceCommittee, Scope: committee}
}

// ForumModerators is the audience of one forum's moderators.
func ForumModerators(forum ID) Audience {
	return Audience{Kind: AudienceModerators, Scope: forum}
}

// Allows reports whether actor may see content with this audience. It is the
// one rule: list and search filters are built from [Actor.Visibility], which
// is tested to agree with it for every actor and audience.
func (a Audience) Allows(actor Actor) bool {
	if !a.valid() {
		return false
	}
	switch a.Kind {
	case AudiencePublic:
		return true
	case AudienceRegistered:
		return actor.Registered()
	case AudienceMembers:
		return actor.InGoodStanding()
	case AudienceCommittee:
		if a.Scope.IsZero() || !actor.InGoodStanding() {
			return false
		}
		return actor.BelongsTo(a.Scope) || actor.Has(RoleAnimator, CommitteeScope(a.Scope))
	case AudienceModerators:
		if a.Scope.IsZero() {
			return actor.Has(RoleModerator, NetworkScope())
		}
		return actor.Has(RoleModerator, ForumScope(a.Scope))
	default:
		return false
	}
}

// Validate reports whether a is a well-formed audience: a known kind, with a
// scope where the kind needs one and none where it takes none.
func (a Audience) Validate() error {
	if a.valid() {
		return nil
	}
	return FieldError("audience", "The audience %q is not known.", a.String())
}

func (a Audience) valid() bool {
	switch a.Kind {
	case AudiencePublic, AudienceRegistered, AudienceMembers:
		return a.Scope.IsZero()
	case AudienceCommittee:
		return !a.Scope.IsZero()
	case AudienceModerators:
		return true
	}
	return false
}

// String returns the text form: "members", "committee:<id>", "moderators:<id>".
func (a Audience) String() string {
	if a.Scope.IsZero() {
		return string(a.Kind)
	}
	return string(a.Kind) + ":" + a.Scope.String()
}

// ParseAudience parses the text form of an audience.
func ParseAudience(s string) (Audience, error) {
	kind, scope, scoped := strings.Cut(s, ":")
	a := Audience{Kind: AudienceKind(kind)}
	if scoped {
		id, err := ParseID(scope)
		if err != nil || id.IsZero() {
			return Audience{}, FieldError("audience", "The audience %q is not known.", truncate(s, 60))
		}
		a.Scope = id
	}
	if err := a.Validate(); err != nil {
		return Audience{}, err
	}
	return a, nil
}

// MarshalText implements encoding.TextMarshaler.
func (a Audience) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Audience) UnmarshalText(b []byte) error {
	v, err := ParseAudience(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Visibility is what an actor may see, in the form a query filter needs: a
// store turns it into a WHERE clause over (audience_kind, audience_scope)
// columns, so that lists, searches, counts and feeds filter inside the query.
// Visibility.Allows(aud) equals aud.Allows(actor) for every audience.
type Visibility struct {
	All        bool           // every audience (a network admin)
	Kinds      []AudienceKind // kinds visible whatever their scope
	Committees []ID           // committee audiences visible
	Forums     []ID           // forum moderators audiences visible
}

// Visibility returns what the actor may see.
func (a Actor) Visibility() Visibility {
	if a.IsAdmin() {
		return Visibility{All: true}
	}
	v := Visibility{Kinds: []AudienceKind{AudiencePublic}}
	if a.Registered() {
		v.Kinds = append(v.Kinds, AudienceRegistered)
	}
	if !a.InGoodStanding() {
		return v
	}
	v.Kinds = append(v.Kinds, AudienceMembers)
	if a.Has(RoleAnimator, NetworkScope()) {
		// A network grant covers every committee, as in Audience.Allows.
		v.Kinds = append(v.Kinds, AudienceCommittee)
	}
	if a.Has(RoleModerator, NetworkScope()) {
		v.Kinds = append(v.Kinds, AudienceModerators)
	}
	seen := map[ID]bool{}
	for _, c := range a.Committees {
		if !seen[c] {
			seen[c] = true
			v.Committees = append(v.Committees, c)
		}
	}
	for _, g := range a.Grants {
		switch {
		case g.Role == RoleAnimator && g.Scope.Kind == ScopeCommittee && !seen[g.Scope.ID]:
			seen[g.Scope.ID] = true
			v.Committees = append(v.Committees, g.Scope.ID)
		case g.Role == RoleModerator && g.Scope.Kind == ScopeForum:
			v.Forums = append(v.Forums, g.Scope.ID)
		}
	}
	return v
}

// Allows reports whether content with audience a is visible.
func (v Visibility) Allows(a Audience) bool {
	if !a.valid() {
		return false
	}
	if v.All {
		return true
	}
	switch a.Kind {
	case AudienceCommittee:
		return slices.Contains(v.Kinds, AudienceCommittee) || slices.Contains(v.Committees, a.Scope)
	case AudienceModerators:
		return slices.Contains(v.Kinds, AudienceModerators) || (!a.Scope.IsZero() && slices.Contains(v.Forums, a.Scope))
	default:
		return slices.Contains(v.Kinds, a.Kind)
	}
}
