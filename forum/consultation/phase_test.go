package consultation_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/forum/consultation"
)

// TestPhaseTable checks every phase against every action: the expected
// table is written out here, apart from the package's.
func TestPhaseTable(t *testing.T) {
	c := consultation.ActContribute
	e := consultation.ActEditContribution
	i := consultation.ActInviteCoauthor
	at := consultation.ActAmendText
	am := consultation.ActAmendMotion
	an := consultation.ActAnswerAmendment
	s := consultation.ActSupport
	co := consultation.ActCompose
	p := consultation.ActPublish
	v := consultation.ActVote
	want := map[consultation.Phase][]consultation.Action{
		consultation.PhaseUpcoming:      {},
		consultation.PhaseContributions: {c, e, i},
		consultation.PhaseAmendments:    {at, an, i},
		consultation.PhaseSupports:      {s, an},
		consultation.PhaseSynthesis:     {co, am, an, p},
		consultation.PhaseVote:          {v},
		consultation.PhaseClosed:        {},
	}
	for _, ph := range consultation.Phases {
		for _, act := range consultation.Actions {
			assert.Equal(t, contains(want[ph], act), consultation.Allowed(ph, act), "%s × %s", ph, act)
		}
	}
	assert.False(t, consultation.Allowed("nope", c))
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestPhaseAt(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2026, 12, day, 0, 0, 0, 0, time.UTC) }
	s := consultation.Schedule{Contributions: d(1), Amendments: d(5), Supports: d(10), Synthesis: d(15)}
	for _, tc := range []struct {
		now   time.Time
		floor consultation.Phase
		want  consultation.Phase
	}{
		{d(1).Add(-time.Second), consultation.PhaseUpcoming, consultation.PhaseUpcoming},
		{d(1), consultation.PhaseUpcoming, consultation.PhaseContributions},
		{d(7), consultation.PhaseUpcoming, consultation.PhaseAmendments},
		{d(7), consultation.PhaseSupports, consultation.PhaseSupports},     // a decision went ahead of the dates
		{d(20), consultation.PhaseUpcoming, consultation.PhaseSynthesis},   // no vote date: a decision opens it
		{d(20), consultation.PhaseClosed, consultation.PhaseClosed},        // never back
		{d(2), consultation.PhaseVote, consultation.PhaseVote},             // dates do not pull back
		{d(2), "", consultation.PhaseContributions},                        // unknown floor counts as upcoming
		{d(16), consultation.PhaseAmendments, consultation.PhaseSynthesis}, // dates push forward
		{d(9), consultation.PhaseContributions, consultation.PhaseAmendments},
	} {
		assert.Equal(t, tc.want, s.PhaseAt(tc.now, tc.floor), "%s from %s", tc.now.Format(time.DateOnly), tc.floor)
	}
	assert.Equal(t, consultation.PhaseClosed, consultation.PhaseClosed.Next())
	assert.Equal(t, consultation.PhaseVote, consultation.PhaseSynthesis.Next())
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     []consultation.Chunk
	}{
		{"", "", nil},
		{"a b", "a b", []consultation.Chunk{{Op: consultation.OpEqual, Text: "a b"}}},
		{"", "new", []consultation.Chunk{{Op: consultation.OpInsert, Text: "new"}}},
		{"old", "", []consultation.Chunk{{Op: consultation.OpDelete, Text: "old"}}},
		{"le service public local", "le service public national",
			[]consultation.Chunk{{Op: consultation.OpEqual, Text: "le service public "}, {Op: consultation.OpDelete, Text: "local"}, {Op: consultation.OpInsert, Text: "national"}}},
		{"nous voulons la paix", "nous voulons vraiment la paix",
			[]consultation.Chunk{{Op: consultation.OpEqual, Text: "nous voulons "}, {Op: consultation.OpInsert, Text: "vraiment "}, {Op: consultation.OpEqual, Text: "la paix"}}},
		{"a b c d", "a x c y",
			[]consultation.Chunk{{Op: consultation.OpEqual, Text: "a "}, {Op: consultation.OpDelete, Text: "b"}, {Op: consultation.OpInsert, Text: "x"}, {Op: consultation.OpEqual, Text: " c "}, {Op: consultation.OpDelete, Text: "d"}, {Op: consultation.OpInsert, Text: "y"}}},
	} {
		got := consultation.Diff(tc.from, tc.to)
		assert.Equal(t, tc.want, got, "%q → %q", tc.from, tc.to)
		var from, to string
		for _, ch := range got {
			if ch.Op != consultation.OpInsert {
				from += ch.Text
			}
			if ch.Op != consultation.OpDelete {
				to += ch.Text
			}
		}
		assert.Equal(t, tc.from, from)
		assert.Equal(t, tc.to, to)
	}
}
