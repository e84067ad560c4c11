// Command permdoc writes docs/permissions.md: who may do what, as tables of
// personas against audiences and actions, computed by calling the permission
// rules of the domain packages (pure functions and tables) rather than
// written by hand, so that the page cannot drift from the code. Its test
// fails when the committed page differs from what it would write now.
//
//	go generate ./internal/cmd/permdoc
//
//go:generate go run . -o ../../../docs/permissions.md
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
)

func main() {
	out := flag.String("o", "docs/permissions.md", "the file to write")
	flag.Parse()
	if err := os.WriteFile(*out, Render(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// Fixed IDs, so that the page is the same at every run.
var (
	committeeX = avenir.MustParseID("00000000-0000-7000-8000-0000000000c1")
	forumF     = avenir.MustParseID("00000000-0000-7000-8000-0000000000f1")
	author     = avenir.MustParseID("00000000-0000-7000-8000-0000000000a1")
	someone    = avenir.MustParseID("00000000-0000-7000-8000-0000000000a2")
)

// persona is one kind of person the tables are computed for.
type persona struct {
	name  string
	actor avenir.Actor
}

func member(status avenir.Status, committees []avenir.ID, grants ...avenir.Grant) avenir.Actor {
	return avenir.Actor{ID: avenir.MustParseID("00000000-0000-7000-8000-0000000000b1"), Status: status, Committees: committees, Grants: grants}
}

var (
	admin    = avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}
	netMod   = avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()}
	personas = []persona{
		{"visitor (not signed in)", avenir.Anonymous},
		{"supporter", member(avenir.StatusSupporter, nil)},
		{"applicant", member(avenir.StatusApplicant, nil)},
		{"lapsed member", member(avenir.StatusLapsed, []avenir.ID{committeeX})},
		{"suspended admin (grants inert)", member(avenir.StatusSuspended, []avenir.ID{committeeX}, admin)},
		{"member (active or in grace)", member(avenir.StatusActive, nil)},
		{"member of committee X", member(avenir.StatusActive, []avenir.ID{committeeX})},
		{"animator of X (or above it)", member(avenir.StatusActive, nil, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeX)})},
		{"moderator of forum F", member(avenir.StatusActive, nil, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumF)})},
		{"network moderator", member(avenir.StatusActive, nil, netMod)},
		{"admin", member(avenir.StatusActive, nil, admin)},
	}
)

// column is one question asked of every persona.
type column struct {
	head string
	can  func(avenir.Actor) bool
}

// Render returns the page.
func Render() []byte {
	var b bytes.Buffer
	b.WriteString(header)

	section(&b, "Audiences", "Who sees content by its audience (`avenir.Audience.Allows`). Every list, search, feed, count and export filters by the same rule inside its query.",
		personaTable([]column{
			{"public", avenir.Public.Allows},
			{"registered", avenir.Registered.Allows},
			{"members", avenir.Members.Allows},
			{"committee X", avenir.CommitteeAudience(committeeX).Allows},
			{"moderators of F", avenir.ForumModerators(forumF).Allows},
			{"network moderators", avenir.Moderators.Allows},
		}))

	forumOf := func(a avenir.Audience) forum.Forum { return forum.Forum{ID: forumF, Audience: a} }
	readForum := func(a avenir.Audience) func(avenir.Actor) bool {
		return func(x avenir.Actor) bool { return forum.CanReadForum(x, forumOf(a)) }
	}
	section(&b, "Forums: who reads forum F", "By the forum's audience (`forum.CanReadForum`): its audience, plus whoever moderates it.",
		personaTable([]column{
			{"public", readForum(avenir.Public)},
			{"registered", readForum(avenir.Registered)},
			{"members", readForum(avenir.Members)},
			{"committee X", readForum(avenir.CommitteeAudience(committeeX))},
			{"its moderators", readForum(avenir.ForumModerators(forumF))},
			{"moderate F", func(x avenir.Actor) bool { return forum.CanModerate(x, forumF) }},
		}))

	post := func(state forum.State, own bool) func(avenir.Actor) bool {
		return func(x avenir.Actor) bool {
			by := someone
			if own {
				by = x.ID
			}
			f := forumOf(avenir.Public)
			t := forum.Thread{Forum: forumF, State: forum.Published, Author: someone}
			return forum.CanRead(x, f, t, forum.Post{Forum: forumF, State: state, Author: by})
		}
	}
	section(&b, "Forums: who reads a post of a public forum F, by its state", "`forum.CanRead`; \"own\" is a post the persona wrote (a visitor writes none).",
		personaTable([]column{
			{"published", post(forum.Published, false)},
			{"pending or hidden", post(forum.Pending, false)},
			{"own pending or hidden", func(x avenir.Actor) bool { return !x.IsAnonymous() && post(forum.Hidden, true)(x) }},
			{"deleted", post(forum.Deleted, false)},
		}))

	consult := func(a avenir.Audience, drafters ...avenir.ID) consultation.Consultation {
		return consultation.Consultation{Audience: a, Drafters: drafters}
	}
	section(&b, "Consultations", "`consultation.CanRead`, `CanTakePart` (contribute, amend, support, vote, in the phases that allow it: below) and `CanDraft` (the drafting group: \"drafter\" is a member listed in it).",
		personaTable([]column{
			{"read (members)", func(x avenir.Actor) bool { return consultation.CanRead(x, consult(avenir.Members)) }},
			{"take part (members)", func(x avenir.Actor) bool { return consultation.CanTakePart(x, consult(avenir.Members)) }},
			{"read (public)", func(x avenir.Actor) bool { return consultation.CanRead(x, consult(avenir.Public)) }},
			{"take part (public)", func(x avenir.Actor) bool { return consultation.CanTakePart(x, consult(avenir.Public)) }},
			{"draft, not a drafter", func(x avenir.Actor) bool { return consultation.CanDraft(x, consult(avenir.Members)) }},
			{"draft, as a drafter", func(x avenir.Actor) bool { return consultation.CanDraft(x, consult(avenir.Members, x.ID)) }},
		}))

	var phases [][]string
	for _, p := range consultation.Phases {
		row := []string{string(p)}
		for _, a := range consultation.Actions {
			row = append(row, mark(consultation.Allowed(p, a)))
		}
		phases = append(phases, row)
	}
	section(&b, "Consultations: what each phase allows", "`consultation.Allowed`, the phase table; acting outside it is a conflict.",
		table(append([]string{"phase"}, strs(consultation.Actions)...), phases))

	action := func(kind solidarity.Kind, by avenir.ID) solidarity.Action {
		return solidarity.Action{Kind: kind, Committee: committeeX, Author: by, Audience: avenir.Public, Status: solidarity.StatusSubmitted}
	}
	section(&b, "Solidarity actions of committee X", "`solidarity.CanValidate` (validate or reject a submitted action, cancel it) and `solidarity.CanOrganise` (accept volunteers, start, complete, cancel).",
		personaTable([]column{
			{"validate a request", func(x avenir.Actor) bool { return solidarity.CanValidate(x, action(solidarity.Request, someone)) }},
			{"organise another's request", func(x avenir.Actor) bool { return solidarity.CanOrganise(x, action(solidarity.Request, someone)) }},
			{"organise own request", func(x avenir.Actor) bool { return solidarity.CanOrganise(x, action(solidarity.Request, x.ID)) }},
			{"organise a collective action", func(x avenir.Actor) bool { return solidarity.CanOrganise(x, action(solidarity.Collective, someone)) }},
		}))

	parentP := avenir.MustParseID("00000000-0000-7000-8000-0000000000c0")
	committeeOf := func(visible bool) committee.Committee {
		return committee.Committee{ID: committeeX, Parent: parentP, Kind: committee.Local, MembersVisible: visible}
	}
	section(&b, "Committees", "`committee.CanAnimate` (edit X, its events, its solidarity actions), `CanRestructure` (create, move, merge or archive a committee under a parent: the parent's animators, admins for the national one), `CanListMembers` (X's members with the contact details each consented to share), `CanListFellows` (the names of X's members, when X shows them to its members) and `CanSeeCounts` (how many members the committees have).",
		personaTable([]column{
			{"animate X", func(x avenir.Actor) bool { return committee.CanAnimate(x, committeeX) }},
			{"restructure under X", func(x avenir.Actor) bool { return committee.CanRestructure(x, committee.Local, committeeX) }},
			{"restructure the national", func(x avenir.Actor) bool { return committee.CanRestructure(x, committee.National, avenir.ID{}) }},
			{"list X's members", func(x avenir.Actor) bool { return committee.CanListMembers(x, committeeOf(false)) }},
			{"see X's fellows (shown)", func(x avenir.Actor) bool { return committee.CanListFellows(x, committeeOf(true)) }},
			{"see X's fellows (hidden)", func(x avenir.Actor) bool { return committee.CanListFellows(x, committeeOf(false)) }},
			{"see member counts", committee.CanSeeCounts},
		}))

	var flow [][]string
	for _, s := range solidarity.Statuses {
		row := []string{string(s)}
		for _, t := range solidarity.Transitions {
			to, err := solidarity.Next(s, t)
			row = append(row, cond(err == nil, "→ "+string(to), "–"))
		}
		flow = append(flow, row)
	}
	section(&b, "Solidarity: the workflow", "`solidarity.Next`: from a status (rows), what each transition leads to; `–` is refused.",
		table(append([]string{"status"}, strs(solidarity.Transitions)...), flow))

	profile := membership.Member{ID: author, Status: avenir.StatusActive, Email: "e@example.org", Profile: membership.Profile{DisplayName: "D", FullName: "F", Phone: "+33600000000"}}
	chose := profile
	chose.Visibility = membership.Visibility{membership.FieldEmail: avenir.Members}
	self := persona{"the member themself", avenir.Actor{ID: author, Status: avenir.StatusActive}}
	section(&b, "Members' profiles", "`membership.Member.View`: what a persona sees of another member's profile, with the default visibility (full name to members, contact details private) and when the member chose to show their email to members. The status is shown to the member and the admins only.",
		personaTableWith(append(personas, self), []column{
			{"display name", func(x avenir.Actor) bool { return profile.View(x).DisplayName != "" }},
			{"full name (default)", func(x avenir.Actor) bool { return profile.View(x).FullName != "" }},
			{"email, phone (default)", func(x avenir.Actor) bool { return profile.View(x).Email != "" }},
			{"email shown to members", func(x avenir.Actor) bool { return chose.View(x).Email != "" }},
			{"status", func(x avenir.Actor) bool { return profile.View(x).Status != "" }},
		}))

	var life [][]string
	for _, from := range avenir.Statuses {
		row := []string{string(from)}
		for _, to := range avenir.Statuses {
			row = append(row, cond(from == to, "", mark(membership.CanTransition(from, to))))
		}
		life = append(life, row)
	}
	section(&b, "Membership: the status transitions", "`membership.CanTransition`: from a status (rows) to another (columns). Who may make each move is in [membership.md](membership.md).",
		table(append([]string{"from \\ to"}, strs(avenir.Statuses)...), life))

	b.WriteString(footer)
	return b.Bytes()
}

func personaTable(cols []column) string { return personaTableWith(personas, cols) }

func personaTableWith(ps []persona, cols []column) string {
	head := []string{"persona"}
	for _, c := range cols {
		head = append(head, c.head)
	}
	var rows [][]string
	for _, p := range ps {
		row := []string{p.name}
		for _, c := range cols {
			row = append(row, mark(c.can(p.actor)))
		}
		rows = append(rows, row)
	}
	return table(head, rows)
}

func table(head []string, rows [][]string) string {
	var b strings.Builder
	line := func(cells []string) { fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | ")) }
	line(head)
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = cond(i == 0, "---", ":---:")
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
	return b.String()
}

func section(b *bytes.Buffer, title, intro, body string) {
	fmt.Fprintf(b, "\n## %s\n\n%s\n\n%s", title, intro, body)
}

func mark(ok bool) string { return cond(ok, "✓", "–") }

func cond(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

const header = `<!-- Generated by internal/cmd/permdoc (go generate ./internal/cmd/permdoc); do not edit. -->
# Permissions

Who may do what, computed from the permission rules themselves: each table below calls the pure
functions and tables of the domain packages for each persona, so it says what the code does. A test
(` + "`go test ./internal/cmd/permdoc`" + `) fails when this page differs from what the code would write;
after a change of the rules, run ` + "`go generate ./internal/cmd/permdoc`" + ` and commit the page.

How to read it:

- A **persona** is an ` + "`avenir.Actor`" + `: a status, grants and committees. "X" is a committee, "F" a
  forum. Grants count only in good standing (active or grace): the suspended admin shows that a
  suspension makes every grant inert without deleting it. An animator's grant held above X is listed
  on X too (` + "`committee.Service.Actor`" + ` builds actors so), hence one row for both.
- ✓ allowed, – refused. A refusal on something the persona may not read is a 404 (not_found), never a
  403 that would tell that it exists.
- Rules that are not exported (the solidarity ` + "`maySee`" + `, who may write in a forum) are tested as tables in their packages but
  not drawn here; their prose is in each package's guide ([committees.md](committees.md),
  [solidarity.md](solidarity.md), [forums.md](forums.md)).
`

const footer = `
## Roles in one paragraph each

- **Admin** (network-wide only): every role everywhere; creates forums and consultations, gives roles,
  manages members.
- **Moderator** of one forum, or of the network: reads and moderates every state of the forum's posts
  (hide, restore, delete, with reasons in the public log); network moderators also validate
  solidarity actions.
- **Animator** of a committee: leads it and every committee below it; validates its solidarity actions
  and organises its collective ones; reads its committee audience.
- **Referent** of a department: lists the members of that department in the directory, seeing of each
  what members may see (` + "`membership.Service.Directory`" + `, not drawn here).
`
