package storage

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/text/language"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/avenirnet/avenir"
)

// Messages of the translated driver errors.
const (
	msgExists    = "This already exists."
	msgReference = "A referenced item does not exist."
	msgRequired  = "A required value is missing."
	msgRule      = "A value breaks a rule."
	msgBusy      = "The service is busy. Please try again."
)

// translate turns a driver error into an avenir error, once, at the storage
// boundary, so that callers branch on codes that do not depend on the
// database: a unique violation is a conflict on PostgreSQL and on SQLite
// alike. The driver error stays in the chain for logs. An *avenir.Error is
// returned unchanged.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var ae *avenir.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return avenir.Wrap(avenir.CodeNotFound, err, "")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return avenir.Wrap(avenir.CodeInternal, err, "")
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return avenir.Wrap(avenir.CodeConflict, err, msgExists)
		case "23503": // foreign_key_violation
			return avenir.Wrap(avenir.CodeConflict, err, msgReference)
		case "23502": // not_null_violation
			return avenir.Wrap(avenir.CodeInvalid, err, msgRequired)
		case "23514", "22001", "22P02", "22007", "22008": // check, too long, bad text, bad dates
			return avenir.Wrap(avenir.CodeInvalid, err, msgRule)
		case "40001", "40P01", "55P03": // serialization failure, deadlock, lock not available
			return avenir.Wrap(avenir.CodeConflict, err, msgBusy)
		}
		return avenir.Internal(err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return avenir.Wrap(avenir.CodeConflict, err, msgExists)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return avenir.Wrap(avenir.CodeConflict, err, msgReference)
		case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return avenir.Wrap(avenir.CodeInvalid, err, msgRequired)
		case sqlite3.SQLITE_CONSTRAINT_CHECK:
			return avenir.Wrap(avenir.CodeInvalid, err, msgRule)
		}
		if busy(se) {
			return avenir.Wrap(avenir.CodeConflict, err, msgBusy)
		}
		return avenir.Internal(err)
	}
	return avenir.Internal(err)
}

// retryable reports whether a transaction that failed with err may succeed
// if run again from the start.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return busy(se)
	}
	return false
}

func busy(se *sqlite.Error) bool {
	primary := se.Code() & 0xff
	return primary == sqlite3.SQLITE_BUSY || primary == sqlite3.SQLITE_LOCKED
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"The database address is not valid.":                                                        "L’adresse de la base de données n’est pas valide.",
		"The database address %q names no file.":                                                    "L’adresse de base de données %q ne désigne aucun fichier.",
		"The database folder cannot be created.":                                                    "Le dossier de la base de données ne peut pas être créé.",
		"The database address %q has an unknown scheme %q: use postgres://… or a SQLite file path.": "L’adresse de base de données %q a un schéma inconnu %q : utilisez postgres://… ou le chemin d’un fichier SQLite.",
		"The migrations are locked by another process.":                                             "Les migrations sont verrouillées par un autre processus.",
		"The event is incomplete.":                                                                  "L’événement est incomplet.",
	})
}
