# The everyday commands are plain Go (see README.md); this file holds the
# longer ones. `make help` lists them.

PG ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable

.PHONY: help test ci bench bench-small load

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

test: ## the tests, on SQLite and on the PostgreSQL at $(PG)
	AVENIR_TEST_POSTGRES_DSN='$(PG)' go test ./...

ci: ## what CI runs, on this checkout
	bash .ci/run

bench: ## the benchmarks of docs/performance.md on a million-post network (built once, ~20 min, then cached)
	AVENIR_BENCH_POSTGRES_DSN='$(PG)' go test -run '^$$' -bench . -benchtime 3s -timeout 90m ./forum/ ./committee/geo/

bench-small: ## the same benchmarks on a network of 10,000 posts: a quick check that they run
	AVENIR_BENCH_POSTGRES_DSN='$(PG)' AVENIR_BENCH_SCALE=0.01 go test -run '^$$' -bench . -benchtime 20x ./forum/ ./committee/geo/

load: ## wrk at 64 connections against the reference server's thread and members-only pages on $(PG) (docs/performance.md)
	PG='$(PG)' bash scripts/load.sh
