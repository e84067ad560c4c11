package storagetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ory/dockertest/v3"
	"github.com/ory/dockertest/v3/docker"
)

// startDocker starts a throwaway postgres:16 container and returns the DSN of
// its postgres database. The container removes itself when stopped and is
// told to stop after ten minutes, so an interrupted test run leaves nothing.
func startDocker() (string, error) {
	pool, err := dockertest.NewPool("")
	if err != nil {
		return "", errors.New("no Docker daemon")
	}
	if err := pool.Client.Ping(); err != nil {
		return "", errors.New("no " + EnvPostgresDSN + " and no Docker daemon answers")
	}
	res, err := pool.RunWithOptions(&dockertest.RunOptions{
		Repository: "postgres",
		Tag:        "16",
		Env:        []string{"POSTGRES_PASSWORD=avenir", "POSTGRES_DB=postgres"},
	}, func(hc *docker.HostConfig) {
		hc.AutoRemove = true
		hc.RestartPolicy = docker.RestartPolicy{Name: "no"}
	})
	if err != nil {
		return "", fmt.Errorf("start postgres:16 with Docker: %w", err)
	}
	_ = res.Expire(600)
	dsn := fmt.Sprintf("postgres://postgres:avenir@%s/postgres?sslmode=disable", res.GetHostPort("5432/tcp"))
	pool.MaxWait = 90 * time.Second
	err = pool.Retry(func() error {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return db.PingContext(ctx)
	})
	if err != nil {
		_ = pool.Purge(res)
		return "", fmt.Errorf("postgres:16 in Docker did not answer: %w", err)
	}
	return dsn, nil
}
