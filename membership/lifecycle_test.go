package membership_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// Helpers shared by the tests of this package's workflows.

// forceStatus writes a status straight into the store, as an operator
// would, so that a test can start from any status whatever the lifecycle
// allows.
func forceStatus(t *testing.T, db *storage.DB, id avenir.ID, st avenir.Status) membership.Member {
	t.Helper()
	ctx := context.Background()
	m, err := db.Members().Member(ctx, id)
	require.NoError(t, err)
	m.Status = st
	require.NoError(t, db.Members().UpdateMember(ctx, m))
	m, err = db.Members().Member(ctx, id)
	require.NoError(t, err)
	return m
}

// tableRows counts the rows of a table, read through the raw database.
func tableRows(t *testing.T, db *storage.DB, table string) int {
	t.Helper()
	n, err := db.Bun().NewSelect().TableExpr("?", bun.Ident(table)).Count(context.Background())
	require.NoError(t, err)
	return int(n)
}

// errorField returns the input field an error blames, "" when none.
func errorField(err error) string {
	var e *avenir.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// memberState is what a refused workflow must leave as it found it.
type memberState struct {
	member  membership.Member
	history []membership.Transition
	outbox  int
}

func captureState(t *testing.T, db *storage.DB, id avenir.ID) memberState {
	t.Helper()
	ctx := context.Background()
	m, err := db.Members().Member(ctx, id)
	require.NoError(t, err)
	h, err := db.Members().Transitions(ctx, id)
	require.NoError(t, err)
	return memberState{member: m, history: h, outbox: tableRows(t, db, "avenir_outbox")}
}

func (s memberState) assertUnchanged(t *testing.T, db *storage.DB) {
	t.Helper()
	after := captureState(t, db, s.member.ID)
	assert.Equal(t, s.member, after.member, "the member is unchanged")
	assert.Equal(t, s.history, after.history, "the status history is unchanged")
	assert.Equal(t, s.outbox, after.outbox, "no event was added to the outbox")
}

// TestCanTransitionTable writes out the whole state machine: for every pair
// of statuses, whether a member may move from one to the other. The answers
// come from the lifecycle's documentation, not from the table in
// lifecycle.go:
//
//   - the diagram: supporter ─join─► applicant ─pay/approve─► active
//     ─expiry─► grace ─► lapsed; grace and lapsed renew to active; lapsed
//     rejoins (its arrow lands on supporter);
//   - any living status ─► suspended ─► back to what the dues give
//     (supporter, active, grace or lapsed: ChangeStatus and Sweep);
//   - any living status ─► left ─► erased;
//   - RecordPayment makes any supporter, applicant, grace or lapsed member who
//     pays active; Join makes a supporter or a former member an applicant;
//   - the rules of the issue: erased is terminal; nothing goes to the same
//     status; erased is reachable from every other status; suspended from
//     every living status but left; left goes to supporter, applicant or
//     erased only.
func TestCanTransitionTable(t *testing.T) {
	const (
		sup = avenir.StatusSupporter
		app = avenir.StatusApplicant
		act = avenir.StatusActive
		gra = avenir.StatusGrace
		lap = avenir.StatusLapsed
		sus = avenir.StatusSuspended
		lft = avenir.StatusLeft
		era = avenir.StatusErased
		Y   = true
		n   = false
	)
	columns := []avenir.Status{sup, app, act, gra, lap, sus, lft, era}
	require.Equal(t, avenir.Statuses, columns, "the grid's columns are every status, in lifecycle order")

	// want[from][i]: may a member go from `from` to columns[i]?
	want := map[avenir.Status][8]bool{
		//   to: sup app act gra lap sus lft era
		sup: {n, Y, Y, n, n, Y, Y, Y}, // join; pay at once; suspend; leave; erase
		app: {Y, n, Y, n, n, Y, Y, Y}, // application withdrawn or declined; pay/approve; …
		act: {n, n, n, Y, n, Y, Y, Y}, // expiry; …
		gra: {n, n, Y, n, Y, Y, Y, Y}, // renew; end of grace; …
		lap: {Y, Y, Y, n, n, Y, Y, Y}, // rejoin (the diagram's arrow to supporter; Join); renew; …
		sus: {Y, n, Y, Y, Y, n, Y, Y}, // back to what the dues give; leave; erase
		lft: {Y, Y, n, n, n, n, n, Y}, // supporter, applicant or erased only
		era: {n, n, n, n, n, n, n, n}, // terminal
	}
	// Cells where the implementation disagrees with the documentation.
	bugs := map[[2]avenir.Status]string{}

	require.Len(t, want, len(avenir.Statuses), "one row per status")
	tested := 0
	for _, from := range avenir.Statuses {
		row, ok := want[from]
		require.True(t, ok, "row for %s", from)
		for i, to := range columns {
			tested++
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				if why, ok := bugs[[2]avenir.Status{from, to}]; ok {
					t.Skip(why)
				}
				assert.Equal(t, row[i], membership.CanTransition(from, to))
			})
		}
	}
	assert.Equal(t, 64, tested)
}

// TestCanTransitionRules checks the rules of the lifecycle one by one, as a
// second formulation independent of the grid above.
func TestCanTransitionRules(t *testing.T) {
	for _, from := range avenir.Statuses {
		for _, to := range avenir.Statuses {
			got := membership.CanTransition(from, to)
			name := fmt.Sprintf("%s→%s", from, to)
			switch {
			case from == to:
				assert.False(t, got, "%s: nothing goes to the same status", name)
			case from == avenir.StatusErased:
				assert.False(t, got, "%s: erased is terminal", name)
			case to == avenir.StatusErased:
				assert.True(t, got, "%s: erased is reachable from every other status", name)
			case from == avenir.StatusLeft:
				want := to == avenir.StatusSupporter || to == avenir.StatusApplicant
				assert.Equal(t, want, got, "%s: left goes to supporter, applicant or erased only", name)
			case to == avenir.StatusSuspended:
				assert.True(t, got, "%s: suspended is reachable from every living status", name)
			case to == avenir.StatusLeft:
				assert.True(t, got, "%s: every living status may leave", name)
			}
		}
	}
	// Unknown statuses go nowhere and come from nowhere.
	for _, s := range avenir.Statuses {
		assert.False(t, membership.CanTransition("", s))
		assert.False(t, membership.CanTransition("member", s))
		assert.False(t, membership.CanTransition(s, ""))
		assert.False(t, membership.CanTransition(s, "Active"))
	}
}

// TestChangeStatusFollowsTheTable drives every pair of statuses through the
// Service: an admin's ChangeStatus succeeds exactly where CanTransition says
// so (erasure aside, which has its own workflow), records the transition and
// one event, and otherwise changes nothing.
func TestChangeStatusFollowsTheTable(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		i := 0
		for _, from := range avenir.Statuses {
			for _, to := range avenir.Statuses {
				i++
				t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
					m := f.register(t, fmt.Sprintf("p%02d@example.org", i), false)
					forceStatus(t, db, m.ID, from)
					before := captureState(t, db, m.ID)

					got, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: to, Reason: "decision of the board"})
					switch {
					case to == avenir.StatusErased:
						assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "erasure has its own workflow")
						assert.Equal(t, "status", errorField(err))
						before.assertUnchanged(t, db)
					case !membership.CanTransition(from, to):
						assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err), "%v", err)
						before.assertUnchanged(t, db)
					default:
						require.NoError(t, err)
						if from == avenir.StatusSuspended && to != avenir.StatusLeft {
							// Lifting a suspension: the dues decide, and this
							// member never paid.
							to = avenir.StatusSupporter
						}
						assert.Equal(t, to, got.Status)
						after := captureState(t, db, m.ID)
						assert.Equal(t, to, after.member.Status)
						require.Len(t, after.history, len(before.history)+1)
						last := after.history[len(after.history)-1]
						assert.Equal(t, from, last.From)
						assert.Equal(t, to, last.To)
						assert.Equal(t, f.admin.ID, last.Actor)
						assert.Equal(t, "decision of the board", last.Reason)
						assert.Equal(t, start, last.At)
						assert.Equal(t, before.outbox+1, after.outbox, "one event")
					}
				})
			}
		}
	})
}

// TestIllegalTransitionChangesNothing checks the entry points other than
// ChangeStatus: each refuses a move the lifecycle forbids with a conflict,
// and leaves the member, their history and the outbox as they were.
func TestIllegalTransitionChangesNothing(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		tests := []struct {
			name string
			from avenir.Status
			do   func(m membership.Member) error
		}{
			{"admin moves a supporter to grace", avenir.StatusSupporter, func(m membership.Member) error {
				_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusGrace})
				return err
			}},
			{"admin moves an active member back to applicant", avenir.StatusActive, func(m membership.Member) error {
				_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusApplicant})
				return err
			}},
			{"admin activates a member who left", avenir.StatusLeft, func(m membership.Member) error {
				_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusActive})
				return err
			}},
			{"admin suspends a suspended member again", avenir.StatusSuspended, func(m membership.Member) error {
				_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "again"})
				return err
			}},
			{"an active member joins", avenir.StatusActive, func(m membership.Member) error {
				_, err := f.svc.Join(ctx, avenir.Actor{ID: m.ID, Status: m.Status})
				return err
			}},
			{"an applicant joins again", avenir.StatusApplicant, func(m membership.Member) error {
				_, err := f.svc.Join(ctx, avenir.Actor{ID: m.ID, Status: m.Status})
				return err
			}},
			{"a member who left leaves again", avenir.StatusLeft, func(m membership.Member) error {
				_, err := f.svc.Leave(ctx, avenir.Actor{ID: m.ID, Status: m.Status}, "")
				return err
			}},
			{"an erased member leaves", avenir.StatusErased, func(m membership.Member) error {
				_, err := f.svc.Leave(ctx, avenir.Actor{ID: m.ID, Status: m.Status}, "")
				return err
			}},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				m := f.register(t, fmt.Sprintf("i%02d@example.org", i), false)
				m = forceStatus(t, db, m.ID, tt.from)
				before := captureState(t, db, m.ID)
				err := tt.do(m)
				require.Error(t, err)
				assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err), "%v", err)
				before.assertUnchanged(t, db)
			})
		}
	})
}
