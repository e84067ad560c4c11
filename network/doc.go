// Package network owns what ties a network together: its configuration and
// branding ([Config]), and — as they are built — the social fabric (follows,
// private conversations, the activity feed, notifications, the audit log),
// the workflows that cross every domain (export or erase a member
// everywhere), and network.New, which wires every service for a program.
package network
