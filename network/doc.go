// Package network ties a network together. [Config] is what makes it itself:
// its name, slug, leader, branding, languages and time zone, and the policies
// its services apply (membership years and fees, moderation defaults,
// consultation and solidarity options, retention periods); [ReadConfig]
// reads it from JSON over [DefaultConfig] and validates it.
//
// [New] wires every service of the network on a [Backend] — the one
// *storage.DB gives — and returns a [Network]: Members, Committees, Forums,
// Consultations and Solidarity ready, each part that holds personal data
// registered with membership, and the membership–committee cycle (each
// needs the other) handled inside. [Network.Actor] builds the avenir.Actor
// of a signed-in member: their status, their grants expanded down the
// committee tree, their committee.
//
// The workflows that cross every domain live here: [Network.ExportMember]
// returns one JSON document with everything held about a member (GDPR art.
// 15 and 20), [Network.EraseMember] erases them everywhere in one
// transaction (art. 17), and [Network.EraseDue] erases the members lapsed
// longer than the retention period (art. 5(1)(e)). [Audit] is the
// append-only audit log (art. 5(2)): role and status changes, who saw or
// exported whose data, moderation decisions, exports, erasures and
// configuration changes, written in the transaction of the change; admins
// read it all, members the entries about themselves.
//
// The outbox's events reach the rest of the world through a [Relay], which
// hands each event to named [Consumer]s at least once, with retries, on any
// number of application servers. [Notifications] is one consumer: it turns
// events into in-app notifications and emails by [Routes], following each
// member's preferences, consent and a daily [Notifications.Digest].
// [Webhooks] gives one consumer per subscription and POSTs events signed
// with HMAC-SHA256 ([VerifyWebhook]). See docs/network-notifications.md.
package network
