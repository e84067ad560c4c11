// Package solidarity owns "la Fraternité en action": offers, requests and
// collective actions of mutual aid, their volunteers, their validation
// workflow, their comments (a forum thread per action) and their impact.
//
// The package is being built: for now it holds this description.
package solidarity
