// Package solidarity owns "la Fraternité en action", the space where anyone
// may consult, propose and comment concrete acts of mutual aid: an [Offer]
// ("I can help"), a [Request] ("I need help") or a [Collective] action of a
// committee (a food collection, tutoring sessions, visits to isolated
// elders), each an [Action] with a category from the network's list
// ([Config.Categories], [DefaultCategories]), a [Place] (a commune of
// France, a town abroad with its country, or online), the committee it
// belongs to (by default the nearest one of its place), its dates or its
// shifts ([Shift]), its places for volunteers and its audience (public unless
// said otherwise).
//
// An action moves through one state machine, the table [Next] reads:
//
//	from         transition → to
//	draft        submit → submitted, cancel → cancelled
//	submitted    publish → published, reject → rejected, cancel → cancelled
//	published    start → in_progress, complete → completed, cancel → cancelled, expire → expired
//	in_progress  complete → completed, cancel → cancelled
//	rejected     revise → draft
//	completed, cancelled and expired are final.
//
// The author proposes ([Service.Propose]), edits while it is a draft
// ([Service.Edit]) and submits; an animator of its committee or a network
// moderator validates or rejects it with a reason the author reads
// ([Service.Validate], [Service.Reject]), unless the network lets trusted
// authors publish directly ([Config.TrustedPublishDirectly]). The organiser
// starts, completes (with an [Impact] report) or cancels it; a periodic job
// expires the published actions whose end passed ([Service.ExpireDue]). An
// illegal transition is a conflict that changes nothing.
//
// Members (and supporters, when [Config.SupportersMayVolunteer]) sign up
// ([Service.SignUp]); the organiser accepts or declines ([Service.Accept],
// [Service.Decline]) and the volunteer may withdraw. Places hold under
// concurrency (every change happens under the action's row lock), with a
// waitlist promoted in order. Contact details are never stored here nor
// carried by an Action: [Service.Contacts] reads them from the membership
// records, and only for the pairs entitled to them, the author and the
// volunteers they accepted, each seeing the other's.
//
// Comments ([Service.Comment], [Service.Comments]) are a thread of the
// forum package, one per action, in a forum kept for the actions of the
// same audience: its flags, moderation with due process and search are the
// forum's, and who may comment is who may post there.
//
// Discovery lists actions by kind, category, place, committee, dates and
// status with keyset pagination ([Service.Actions], [Query]); matching
// puts a request next to the open offers of its category nearest to it,
// and the reverse ([Service.Matches]); [Service.NearMe] starts from a
// postal code. [Service.Impact] and [Service.ImpactCSV] sum up the
// completed actions by committee, department, category or month. Lists,
// counts and sums hold only what their reader may see, filtered in the
// query ([Filter]).
//
// A [Service] holds the rules and workflows; it stores through a [Store],
// which the storage package implements on PostgreSQL and SQLite. It
// implements membership.PersonalData, so that a member's export and
// erasure include their actions and sign-ups.
package solidarity
