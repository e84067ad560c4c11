// Package network owns what ties a network together: its configuration and
// branding ([Config]), and — as they are built — the social fabric (follows,
// private conversations, the activity feed, notifications, the audit log),
// the workflows that cross every domain (export or erase a member
// everywhere), and network.New, which wires every service for a program.
//
// The outbox's events reach the rest of the world through a [Relay], which
// hands each event to named [Consumer]s at least once, with retries, on any
// number of application servers. [Notifications] is one consumer: it turns
// events into in-app notifications and emails by [Routes], following each
// member's preferences, consent and a daily [Notifications.Digest].
// [Webhooks] gives one consumer per subscription and POSTs events signed
// with HMAC-SHA256 ([VerifyWebhook]). See docs/network-notifications.md.
package network
