package consultation

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
)

// Store keeps what consultations own. The storage package implements it on
// PostgreSQL and SQLite; every method joins the transaction carried in ctx
// by InTx. Methods return avenir errors: not_found for a missing row,
// conflict for a duplicate.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	Record(ctx context.Context, events ...avenir.Event) error

	CreateConsultation(ctx context.Context, c Consultation) error
	// UpdateConsultation writes the title, description, schedule, floor
	// phase and drafting group.
	UpdateConsultation(ctx context.Context, c Consultation) error
	Consultation(ctx context.Context, id avenir.ID) (Consultation, error)
	// LockConsultation reads a consultation under its row lock, held until
	// the transaction ends.
	LockConsultation(ctx context.Context, id avenir.ID) (Consultation, error)
	// ShareConsultation reads a consultation under a shared row lock:
	// many votes hold it at once, and a phase change (LockConsultation)
	// waits for them.
	ShareConsultation(ctx context.Context, id avenir.ID) (Consultation, error)
	// Consultations lists those visible, newest first.
	Consultations(ctx context.Context, v avenir.Visibility) ([]Consultation, error)

	CreateText(ctx context.Context, t Text) error
	// Text reads a text in its latest version, with its sections, their
	// sources and its supports.
	Text(ctx context.Context, id avenir.ID) (Text, error)
	// LockText reads a text's row (no sections) under its row lock.
	LockText(ctx context.Context, id avenir.ID) (Text, error)
	// Texts lists a consultation's texts of a kind (no sections).
	Texts(ctx context.Context, consultation avenir.ID, kind Kind, sort Sort) ([]Text, error)
	// AddVersion writes a version with its sections and their sources, and
	// makes it the text's latest (title, summary, version, updated_at).
	// A source outside the text's consultation is an invalid error.
	AddVersion(ctx context.Context, v Version) error
	// Versions lists a text's versions, oldest first, with their sections.
	Versions(ctx context.Context, text avenir.ID) ([]Version, error)
	// Publish freezes a motion's version.
	Publish(ctx context.Context, text avenir.ID, version int) error
	// PublishedMotions counts a consultation's published motions.
	PublishedMotions(ctx context.Context, consultation avenir.ID) (int, error)

	// AddAuthor records an author or an invitation (Accepted false); a
	// second row for the same member is a conflict.
	AddAuthor(ctx context.Context, a Author) error
	// AcceptAuthor accepts an invitation, reporting whether there was one.
	AcceptAuthor(ctx context.Context, text, member avenir.ID, at time.Time) (bool, error)
	Authors(ctx context.Context, text avenir.ID) ([]Author, error)

	CreateAmendment(ctx context.Context, a Amendment) error
	Amendment(ctx context.Context, id avenir.ID) (Amendment, error)
	// AnswerAmendment writes an amendment's state and answer, if it is
	// still proposed; it reports whether it was.
	AnswerAmendment(ctx context.Context, a Amendment) (bool, error)
	// Amendments lists a text's amendments, oldest first.
	Amendments(ctx context.Context, text avenir.ID) ([]Amendment, error)

	// AddSupport records a member's support of an item (a contribution or an
	// amendment) of a consultation, unless the member already supports
	// limit items there (a conflict with the message of ErrSupportLimit) or
	// this one (a conflict). It holds under concurrency.
	AddSupport(ctx context.Context, consultation, item, member avenir.ID, limit int, at time.Time) error
	// RemoveSupport withdraws a support, reporting whether there was one.
	RemoveSupport(ctx context.Context, consultation, item, member avenir.ID) (bool, error)
	// Supported lists the items the member supports in a consultation.
	Supported(ctx context.Context, consultation, member avenir.ID) ([]avenir.ID, error)

	// TakeElectorate lists the members in good standing now as the
	// consultation's electorate, records when, and returns how many.
	TakeElectorate(ctx context.Context, consultation avenir.ID, at time.Time) (int, error)
	// Eligible reports whether the member is in the electorate.
	Eligible(ctx context.Context, consultation, member avenir.ID) (bool, error)
	// Cast records that the member voted on the motion (once) and writes
	// the ballot under key, replacing an earlier one with the same key.
	Cast(ctx context.Context, motion, member avenir.ID, b Ballot) error
	// HasVoted reports whether the member voted on the motion.
	HasVoted(ctx context.Context, motion, member avenir.ID) (bool, error)
	// Tally counts a motion's voters and ballots by choice.
	Tally(ctx context.Context, motion avenir.ID) (Result, error)
	// SaveResult writes a motion's result once; Result reads it
	// (not_found before the close).
	SaveResult(ctx context.Context, r Result) error
	Result(ctx context.Context, motion avenir.ID) (Result, error)
	// Receipts lists a motion's ballots as (receipt, choice), by receipt:
	// at most limit of them, those after the receipt after when it is set.
	Receipts(ctx context.Context, motion avenir.ID, after string, limit int) ([]Receipt, error)

	// Stats counts a consultation's contributions, amendments, supports and
	// participants, these by committee at the time of each action.
	Stats(ctx context.Context, consultation avenir.ID) (Stats, error)

	// MemberRecords lists the rows that name a member: the texts they
	// submitted, their authorships, their amendments and supports.
	MemberRecords(ctx context.Context, member avenir.ID) (MemberRecords, error)
	// RemoveInvitations removes a member's invitations to co-author that
	// they have not accepted.
	RemoveInvitations(ctx context.Context, member avenir.ID) error
}
