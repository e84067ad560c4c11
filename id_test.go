package avenir_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
)

const sampleID = "01936b2e-7c4a-7d2e-9f10-4b5c6d7e8f90"

func TestNewIDIsVersion7(t *testing.T) {
	before := time.Now().UnixMilli()
	id := avenir.NewID()
	after := time.Now().UnixMilli()

	u := uuid.UUID(id)
	assert.Equal(t, uuid.Version(7), u.Version())
	assert.Equal(t, uuid.RFC4122, u.Variant())
	assert.False(t, id.IsZero())

	// The first 48 bits are the Unix time in milliseconds (RFC 9562 §5.7).
	var ms [8]byte
	copy(ms[2:], id[:6])
	stamp := int64(binary.BigEndian.Uint64(ms[:]))
	assert.GreaterOrEqual(t, stamp, before)
	assert.LessOrEqual(t, stamp, after)
}

func TestNewIDUniqueAndOrdered(t *testing.T) {
	const n = 10000
	seen := make(map[avenir.ID]bool, n)
	prev := avenir.NewID()
	seen[prev] = true
	for i := 1; i < n; i++ {
		id := avenir.NewID()
		require.False(t, seen[id], "draw %d repeats %s", i, id)
		seen[id] = true
		// IDs made in sequence sort in the same order, as text and as bytes,
		// even within one millisecond.
		require.Less(t, prev.String(), id.String(), "draw %d", i)
		prev = id
	}
}

func TestNewIDConcurrentUnique(t *testing.T) {
	const workers, each = 8, 500
	ch := make(chan avenir.ID, workers*each)
	done := make(chan struct{})
	for range workers {
		go func() {
			for range each {
				ch <- avenir.NewID()
			}
			done <- struct{}{}
		}()
	}
	for range workers {
		<-done
	}
	close(ch)
	seen := map[avenir.ID]bool{}
	for id := range ch {
		require.False(t, seen[id], "duplicate %s", id)
		seen[id] = true
	}
	assert.Len(t, seen, workers*each)
}

func TestParseID(t *testing.T) {
	id, err := avenir.ParseID(sampleID)
	require.NoError(t, err)
	assert.Equal(t, sampleID, id.String())
	assert.Equal(t, avenir.MustParseID(sampleID), id)

	upper, err := avenir.ParseID(strings.ToUpper(sampleID))
	require.NoError(t, err, "hexadecimal digits are case-insensitive on input (RFC 9562 §4)")
	assert.Equal(t, id, upper)
	assert.Equal(t, sampleID, upper.String(), "and lower case on output")

	zero, err := avenir.ParseID("00000000-0000-0000-0000-000000000000")
	require.NoError(t, err)
	assert.True(t, zero.IsZero())
}

func TestParseIDInvalid(t *testing.T) {
	bad := []string{
		"",
		"0",
		"01936b2e",
		sampleID[:35],
		sampleID + "0",
		sampleID + " ",
		" " + sampleID,
		"z1936b2e-7c4a-7d2e-9f10-4b5c6d7e8f90",
		"01936b2e-7c4a-7d2e-9f10-4b5c6d7e8fzz",
		"01936b2e_7c4a_7d2e_9f10_4b5c6d7e8f90",
		"01936b2e7-c4a-7d2e-9f10-4b5c6d7e8f90",
		"{" + sampleID + "}",
		"urn:uuid:" + sampleID,
		strings.ReplaceAll(sampleID, "-", ""),
		strings.ReplaceAll(sampleID, "-", "") + "0000",
		"01936b2e-7c4a-7d2e-9f10-4b5c6d7e8f9\x00",
		"01936b2e-7c4a-7d2e-9f10-4b5c6d7e8f9é"[:36],
		"not an id at all, but exactly 36 char",
		strings.Repeat("x", 10000),
	}
	for _, s := range bad {
		t.Run(fmt.Sprintf("%.50q", s), func(t *testing.T) {
			id, err := avenir.ParseID(s)
			require.Error(t, err)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
			assert.True(t, id.IsZero())
			assert.Less(t, len(err.Error()), 100, "the input is truncated in the message")
			assert.Panics(t, func() { avenir.MustParseID(s) })
		})
	}
}

func TestIDText(t *testing.T) {
	id := avenir.MustParseID(sampleID)
	b, err := id.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, sampleID, string(b))

	var got avenir.ID
	require.NoError(t, got.UnmarshalText(b))
	assert.Equal(t, id, got)

	b, err = avenir.ID{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b, "the zero ID is empty text")

	got = id
	require.NoError(t, got.UnmarshalText(nil))
	assert.True(t, got.IsZero(), "empty text is the zero ID")

	got = id
	err = got.UnmarshalText([]byte("nope"))
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
	assert.Equal(t, id, got, "a failed unmarshal leaves the ID as it was")
}

func TestIDJSON(t *testing.T) {
	type doc struct {
		ID   avenir.ID  `json:"id"`
		Ptr  *avenir.ID `json:"ptr,omitempty"`
		List []avenir.ID
	}
	id := avenir.MustParseID(sampleID)

	b, err := json.Marshal(doc{ID: id, Ptr: &id, List: []avenir.ID{id, {}}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"`+sampleID+`","ptr":"`+sampleID+`","List":["`+sampleID+`",""]}`, string(b))

	var d doc
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, id, d.ID)
	require.NotNil(t, d.Ptr)
	assert.Equal(t, id, *d.Ptr)
	assert.Equal(t, []avenir.ID{id, {}}, d.List)

	b, err = json.Marshal(doc{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"","List":null}`, string(b))
	d = doc{ID: id}
	require.NoError(t, json.Unmarshal([]byte(`{"id":""}`), &d))
	assert.True(t, d.ID.IsZero())

	err = json.Unmarshal([]byte(`{"id":"12345"}`), &d)
	require.Error(t, err)
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
	assert.Error(t, json.Unmarshal([]byte(`{"id":12345}`), &d))
}

func TestIDScan(t *testing.T) {
	id := avenir.MustParseID(sampleID)
	raw := uuid.UUID(id)
	tests := []struct {
		name string
		src  any
		want avenir.ID
	}{
		{"string", sampleID, id},
		{"bytes of text", []byte(sampleID), id},
		{"16 raw bytes", raw[:], id},
		{"array of 16 bytes", [16]byte(raw), id},
		{"nil", nil, avenir.ID{}},
		{"empty string", "", avenir.ID{}},
		{"empty bytes", []byte{}, avenir.ID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := avenir.MustParseID("01936b2e-0000-7000-8000-000000000001")
			require.NoError(t, got.Scan(tt.src))
			assert.Equal(t, tt.want, got)
		})
	}

	bad := []struct {
		name string
		src  any
		code avenir.Code
	}{
		{"int", 42, avenir.CodeInternal},
		{"int64", int64(42), avenir.CodeInternal},
		{"time", time.Now(), avenir.CodeInternal},
		{"bad string", "nope", avenir.CodeInvalid},
		{"15 bytes", raw[:15], avenir.CodeInvalid},
		{"17 bytes", append(raw[:], 0), avenir.CodeInvalid},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			got := id
			err := got.Scan(tt.src)
			require.Error(t, err)
			assert.Equal(t, tt.code, avenir.ErrorCode(err))
			assert.Equal(t, id, got, "a failed scan leaves the ID as it was")
		})
	}

	// Scan copies raw bytes: reusing the driver's buffer does not change the ID.
	buf := append([]byte{}, raw[:]...)
	var got avenir.ID
	require.NoError(t, got.Scan(buf))
	buf[0] ^= 0xff
	assert.Equal(t, id, got)

	var _ sql.Scanner = (*avenir.ID)(nil)
}

func TestIDValue(t *testing.T) {
	v, err := avenir.ID{}.Value()
	require.NoError(t, err)
	assert.Nil(t, v, "the zero ID is NULL")

	v, err = avenir.MustParseID(sampleID).Value()
	require.NoError(t, err)
	assert.Equal(t, sampleID, v)

	// What Value writes, Scan reads back.
	var got avenir.ID
	require.NoError(t, got.Scan(v))
	assert.Equal(t, avenir.MustParseID(sampleID), got)

	var _ driver.Valuer = avenir.ID{}
}

func TestIDIsZero(t *testing.T) {
	assert.True(t, avenir.ID{}.IsZero())
	assert.False(t, avenir.MustParseID(sampleID).IsZero())
	assert.Equal(t, "00000000-0000-0000-0000-000000000000", avenir.ID{}.String())
}
