// Command reference is Avenir's reference server: the whole network as HTML
// pages and a JSON API, ready to brand. It runs on a fresh machine with
// nothing installed, storing its data in a SQLite file:
//
//	go run ./examples/reference            # http://localhost:8080
//	go run ./examples/reference -demo      # with demo data
//	go run ./examples/reference -db 'postgres://user@localhost:5432/avenir?sslmode=disable'
//
// Flags:
//
//	-addr    address to listen on (default :8080; 127.0.0.1:8080 with -dev or -demo)
//	-db      database: a SQLite file path or a postgres:// URL (default avenir-data/avenir.db)
//	-config  a JSON file with the network's configuration (docs/branding.md; example:
//	         network.example.json, which -demo uses when no -config is given)
//	-demo    seed demo data at start (implies -dev)
//	-dev     serve the development mailbox at /dev/mailbox, where sent mails can be read
//	-url     the server's public address, for links in mails
//	-log     log format: text or json (default text)
//	-admin   make the member with this email the first admin (only while the network has none)
package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
	_ "time/tzdata" // time zones on machines without a zoneinfo database

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/examples/reference/internal/web"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

// exampleConfig is network.example.json: the documented example of a
// configuration, and the demo's.
//
//go:embed network.example.json
var exampleConfig []byte

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reference:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("reference", flag.ContinueOnError)
	addr := fs.String("addr", ":8080", "address to listen on (127.0.0.1:8080 with -dev or -demo)")
	dsn := fs.String("db", filepath.Join("avenir-data", "avenir.db"), "database: a SQLite file path or a postgres:// URL")
	configPath := fs.String("config", "", "JSON file with the network's configuration")
	seed := fs.Bool("demo", false, "seed demo data at start (implies -dev)")
	dev := fs.Bool("dev", false, "serve the development mailbox at /dev/mailbox (never on a public address)")
	baseURL := fs.String("url", "", "the server's public address, for links in mails (default http://localhost:PORT)")
	logFormat := fs.String("log", "text", "log format: text or json")
	firstAdmin := fs.String("admin", "", "make the member with this email the network's first admin (only while it has none)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	addrSet := false
	fs.Visit(func(f *flag.Flag) { addrSet = addrSet || f.Name == "addr" })
	if (*dev || *seed) && !addrSet {
		// Development mode publishes demo passwords and mailed sign-in
		// links: keep it on this machine unless told otherwise.
		*addr = "127.0.0.1:8080"
	}

	var handler slog.Handler = slog.NewTextHandler(os.Stderr, nil)
	if *logFormat == "json" {
		handler = slog.NewJSONHandler(os.Stderr, nil)
	}
	log := slog.New(handler)

	cfg := network.DefaultConfig()
	if *seed && *configPath == "" {
		// The demo is a believable movement, branded as one.
		var err error
		if cfg, err = network.ReadConfig(bytes.NewReader(exampleConfig)); err != nil {
			return fmt.Errorf("network.example.json: %w", err)
		}
	}
	if *configPath != "" {
		f, err := os.Open(*configPath)
		if err != nil {
			return err
		}
		cfg, err = network.ReadConfig(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *configPath, err)
		}
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := storage.Open(ctx, *dsn, storage.WithMigrate(), storage.WithLogger(log))
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("database ready", "dialect", db.Dialect())

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if *baseURL == "" {
		*baseURL = "http://" + displayAddr(ln.Addr())
	}
	if (*dev || *seed) && !localURL(*baseURL) {
		ln.Close()
		return fmt.Errorf("-dev and -demo publish mailed sign-in links and demo passwords: they run only on this machine, not at %s", *baseURL)
	}
	server, err := web.New(db, cfg, log, web.Options{Dev: *dev || *seed, BaseURL: *baseURL, BallotSecret: ballotSecret(log, *dev || *seed)})
	if err != nil {
		ln.Close()
		return err
	}
	if *firstAdmin != "" {
		if err := bootstrapAdmin(ctx, db, server.Members(), *firstAdmin); err != nil {
			ln.Close()
			return fmt.Errorf("-admin: %w", err)
		}
		log.Info("first admin made", "member", *firstAdmin)
	}
	if *seed {
		if err := demo.Seed(ctx, db, server.Members(), log); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if err := demo.SeedCommittees(ctx, db, server.Members(), server.Committees(), log); err != nil {
			return fmt.Errorf("demo committees: %w", err)
		}
		if err := demo.SeedForums(ctx, db, server.Members(), server.Committees(), server.Forums(), log); err != nil {
			return fmt.Errorf("demo forums: %w", err)
		}
		if err := demo.SeedConsultations(ctx, db, server.Members(), server.Forums(), server.Consultations(), log); err != nil {
			return fmt.Errorf("demo consultations: %w", err)
		}
		if err := demo.SeedSolidarity(ctx, db, server.Clock(), server.Members(), server.Committees(), server.Solidarity(), log); err != nil {
			return fmt.Errorf("demo solidarity: %w", err)
		}
		if err := demo.SeedSocial(ctx, db, server.Network(), log); err != nil {
			return fmt.Errorf("demo conversations: %w", err)
		}
		if err := demo.SeedMembers(ctx, db, server.Clock(), server.Network(), log); err != nil {
			return fmt.Errorf("demo members: %w", err)
		}
		demo.PrintAccounts(os.Stderr, *baseURL)
	}
	if *dev || *seed {
		log.Warn("development mailbox on: mails, sign-in links included, are readable at " + *baseURL + "/dev/mailbox")
	}
	go server.RunBackground(ctx)

	srv := &http.Server{
		Addr:              *addr,
		Handler:           server.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	log.Info("serving", "network", cfg.Name, "url", "http://"+displayAddr(ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// bootstrapAdmin makes the member registered with email the first admin.
func bootstrapAdmin(ctx context.Context, db *storage.DB, members *membership.Service, email string) error {
	email, err := membership.NormalizeEmail(email)
	if err != nil {
		return err
	}
	m, err := db.Members().MemberByEmail(ctx, email)
	if err != nil {
		return fmt.Errorf("no member has the address %s: join first, then restart with -admin", email)
	}
	_, err = members.BootstrapAdmin(ctx, m.ID)
	return err
}

// localURL reports whether a server address names this machine.
func localURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr turns ":8080" into "localhost:8080" for the log line a
// newcomer clicks.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// ballotSecret reads the key of the consultations' ballots from
// AVENIR_BALLOT_SECRET (at least 32 bytes, the same on every server, kept out
// of the database: docs/consultations.md). In -dev and -demo a fixed,
// public key stands in, so that votes survive a restart; elsewhere, without
// it, votes are refused.
func ballotSecret(log *slog.Logger, dev bool) []byte {
	if s := os.Getenv("AVENIR_BALLOT_SECRET"); len(s) >= 32 {
		return []byte(s)
	}
	if dev {
		log.Warn("AVENIR_BALLOT_SECRET is not set: ballots use a public development key")
		return []byte("avenir development ballot key -- public, never for real votes")
	}
	log.Warn("AVENIR_BALLOT_SECRET is not set (32 bytes or more): consultation votes are refused")
	return nil
}
