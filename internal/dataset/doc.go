// Package dataset builds realistic networks for benchmarks: members,
// forums, threads and posts of French-like text, deterministically from a
// seed, written in bulk straight into a storage database. Benchmarks of
// every domain reuse it so that their figures are comparable.
package dataset
