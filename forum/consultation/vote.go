package consultation

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/avenirnet/avenir"
)

// Choice is a vote.
type Choice string

// The choices.
const (
	For     Choice = "for"
	Against Choice = "against"
	Abstain Choice = "abstain"
)

// Valid reports whether c is a known choice.
func (c Choice) Valid() bool { return c == For || c == Against || c == Abstain }

// Ballot is what the database keeps of a vote: a key that only the holder
// of Config.Secret can tie to a member, the choice, and the receipt the
// member may look for in the published list. It holds no member and no time.
type Ballot struct {
	Key     string `json:"-"`
	Receipt string `json:"receipt"`
	Choice  Choice `json:"choice"`
}

// Receipt is one line of a motion's published ballots.
type Receipt struct {
	Receipt string `json:"receipt"`
	Choice  Choice `json:"choice"`
}

// Result is a motion's count at the close.
type Result struct {
	Motion     avenir.ID `json:"motion"`
	Electorate int       `json:"electorate"` // members eligible at the vote's opening
	Voters     int       `json:"voters"`
	For        int       `json:"for"`
	Against    int       `json:"against"`
	Abstain    int       `json:"abstain"`
	ClosedAt   time.Time `json:"closed_at"`
}

// Turnout is the share of the electorate who voted, from 0 to 1.
func (r Result) Turnout() float64 {
	if r.Electorate == 0 {
		return 0
	}
	return float64(r.Voters) / float64(r.Electorate)
}

// Adopted reports whether more votes were for than against.
func (r Result) Adopted() bool { return r.For > r.Against }

// ballot derives the ballot of member on motion: the key, stable for a
// member and a motion so that a changed vote replaces the same ballot, and
// the receipt, derived from the key under another label.
func (s *Service) ballot(motion, member avenir.ID, choice Choice) (Ballot, error) {
	if len(s.cfg.Secret) < 32 {
		return Ballot{}, avenir.Internal(errors.New("consultation: Config.Secret must hold at least 32 bytes to run a vote"))
	}
	mac := hmac.New(sha256.New, s.cfg.Secret)
	mac.Write([]byte("ballot\x00"))
	mac.Write(motion[:])
	mac.Write(member[:])
	key := mac.Sum(nil)
	mac = hmac.New(sha256.New, s.cfg.Secret)
	mac.Write([]byte("receipt\x00"))
	mac.Write(key)
	return Ballot{Key: hex.EncodeToString(key), Receipt: hex.EncodeToString(mac.Sum(nil))[:20], Choice: choice}, nil
}

// Vote records the actor's vote on a published motion, or changes it,
// while the vote is open. Only the members in good standing when the vote
// opened may vote. It returns the receipt to look for in the published
// ballots.
func (s *Service) Vote(ctx context.Context, actor avenir.Actor, motionID avenir.ID, choice Choice) (string, error) {
	if !choice.Valid() {
		return "", avenir.FieldError("choice", "The choice %q is not known.", string(choice))
	}
	t, err := s.store.Text(ctx, motionID)
	if err != nil {
		return "", err
	}
	if t.Kind != KindMotion {
		return "", avenir.ErrNotFound
	}
	b, err := s.ballot(t.ID, actor.ID, choice)
	if err != nil {
		return "", err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		// Votes share the consultation's lock, so they run side by side
		// and the close waits for those under way.
		c, err := s.store.ShareConsultation(ctx, t.Consultation)
		if err != nil {
			return err
		}
		c.Phase = c.Schedule.PhaseAt(s.now(), c.Floor)
		if err := mayAct(actor, c, ActVote); err != nil {
			return err
		}
		if t.Published == 0 {
			return avenir.Errorf(avenir.CodeConflict, "This motion is not put to the vote.")
		}
		if c.ElectorateAt.IsZero() {
			// Opened by its date: the first vote lists the electorate,
			// under the exclusive lock.
			if c, err = s.lock(ctx, c.ID); err != nil {
				return err
			}
			if _, err := s.settle(ctx, c); err != nil {
				return err
			}
		}
		ok, err := s.store.Eligible(ctx, c.ID, actor.ID)
		if err != nil {
			return err
		}
		if !ok {
			return avenir.Errorf(avenir.CodeForbidden, "Only members in good standing when the vote opened may vote.")
		}
		return s.store.Cast(ctx, t.ID, actor.ID, b)
	})
	if err != nil {
		return "", err
	}
	return b.Receipt, nil
}

// HasVoted reports whether the actor voted on a motion: a member may know
// that of themselves, nobody may know what.
func (s *Service) HasVoted(ctx context.Context, actor avenir.Actor, motionID avenir.ID) (bool, error) {
	if _, _, err := s.loadText(ctx, actor, motionID); err != nil {
		return false, err
	}
	return s.store.HasVoted(ctx, motionID, actor.ID)
}

// Result returns a motion's result once the consultation is closed; before,
// it is a conflict.
func (s *Service) Result(ctx context.Context, actor avenir.Actor, motionID avenir.ID) (Result, error) {
	c, t, err := s.loadText(ctx, actor, motionID)
	if err != nil {
		return Result{}, err
	}
	if t.Kind != KindMotion || t.Published == 0 {
		return Result{}, avenir.ErrNotFound
	}
	if c.Phase != PhaseClosed {
		return Result{}, avenir.Errorf(avenir.CodeConflict, "The results are published when the vote closes.")
	}
	r, err := s.store.Result(ctx, motionID)
	if avenir.IsCode(err, avenir.CodeNotFound) {
		// Closed by date: the first reader counts, under the lock.
		err = s.store.InTx(ctx, func(ctx context.Context) error {
			c, err := s.lock(ctx, c.ID)
			if err != nil {
				return err
			}
			_, err = s.settle(ctx, c)
			return err
		})
		if err != nil {
			return Result{}, err
		}
		r, err = s.store.Result(ctx, motionID)
	}
	return r, err
}

const receiptsCursor = "consultation.receipts"

// Receipts lists a closed motion's ballots as (receipt, choice), by
// receipt, a page at a time (a national vote has one per voter): each voter
// finds their receipt and its choice, anyone recounts.
func (s *Service) Receipts(ctx context.Context, actor avenir.Actor, motionID avenir.ID, page avenir.PageRequest) (avenir.Page[Receipt], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Receipt]{}, err
	}
	var after string
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, receiptsCursor, &after); err != nil {
			return avenir.Page[Receipt]{}, err
		}
	}
	if _, err := s.Result(ctx, actor, motionID); err != nil {
		return avenir.Page[Receipt]{}, err
	}
	rows, err := s.store.Receipts(ctx, motionID, after, size+1)
	if err != nil {
		return avenir.Page[Receipt]{}, err
	}
	return avenir.NewPage(rows, size, receiptsCursor, func(r Receipt) []any { return []any{r.Receipt} }), nil
}

// count writes the result of every published motion of a closed
// consultation that has none yet.
func (s *Service) count(ctx context.Context, c Consultation) error {
	motions, err := s.store.Texts(ctx, c.ID, KindMotion, SortNewest)
	if err != nil {
		return err
	}
	for _, m := range motions {
		if m.Published == 0 {
			continue
		}
		if _, err := s.store.Result(ctx, m.ID); err == nil {
			continue
		} else if !avenir.IsCode(err, avenir.CodeNotFound) {
			return err
		}
		r, err := s.store.Tally(ctx, m.ID)
		if err != nil {
			return err
		}
		r.Motion, r.Electorate, r.ClosedAt = m.ID, c.Electorate, s.now()
		if err := s.store.SaveResult(ctx, r); err != nil {
			return err
		}
		if err := s.store.Record(ctx, s.event("consultation.vote_closed", avenir.ID{}, m.ID, c.Audience, r)); err != nil {
			return err
		}
	}
	return nil
}
