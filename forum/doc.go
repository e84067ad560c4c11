// Package forum owns the thematic forums of a network: threads, posts,
// reactions, flags and moderation that is seen to be fair (every decision
// with its reasons, an appeal, a public log), French full-text search, and
// participatory consultations that turn members' contributions into a motion.
//
// The package is being built: for now it holds this description.
package forum
