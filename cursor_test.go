package avenir_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
)

const threadsKind = "forum.threads"

func TestCursorRoundTrip(t *testing.T) {
	at := time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC)
	id := avenir.NewID()

	token := avenir.EncodeCursor(threadsKind, at, id, "Café « crème »", int64(-1<<62))
	require.NotEmpty(t, token)
	assert.NotContains(t, token, "=", "tokens are unpadded")
	assert.Equal(t, token, avenir.EncodeCursor(threadsKind, at, id, "Café « crème »", int64(-1<<62)), "encoding is deterministic")

	var (
		gotAt  time.Time
		gotID  avenir.ID
		gotS   string
		gotInt int64
	)
	require.NoError(t, avenir.DecodeCursor(token, threadsKind, &gotAt, &gotID, &gotS, &gotInt))
	assert.True(t, at.Equal(gotAt), "time: want %v, got %v", at, gotAt)
	assert.Equal(t, at, gotAt.UTC())
	assert.Equal(t, id, gotID)
	assert.Equal(t, "Café « crème »", gotS)
	assert.Equal(t, int64(-1<<62), gotInt)
}

func TestCursorRoundTripLimits(t *testing.T) {
	tests := []struct {
		name string
		key  any
		into func() any
		want any
	}{
		{"max int64", int64(1<<63 - 1), func() any { return new(int64) }, int64(1<<63 - 1)},
		{"min int64", int64(-1 << 63), func() any { return new(int64) }, int64(-1 << 63)},
		{"empty string", "", func() any { return new(string) }, ""},
		{"zero ID", avenir.ID{}, func() any { return new(avenir.ID) }, avenir.ID{}},
		{"time in Paris", time.Date(2025, 1, 1, 0, 0, 0, 1000, time.FixedZone("CET", 3600)), func() any { return new(time.Time) },
			time.Date(2024, 12, 31, 23, 0, 0, 1000, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := avenir.EncodeCursor(threadsKind, tt.key)
			p := tt.into()
			require.NoError(t, avenir.DecodeCursor(token, threadsKind, p))
			switch v := p.(type) {
			case *int64:
				assert.Equal(t, tt.want, *v)
			case *string:
				assert.Equal(t, tt.want, *v)
			case *avenir.ID:
				assert.Equal(t, tt.want, *v)
			case *time.Time:
				assert.True(t, tt.want.(time.Time).Equal(*v), "want %v, got %v", tt.want, *v)
			default:
				t.Fatalf("unexpected type %T", p)
			}
		})
	}
}

func TestCursorWithoutKey(t *testing.T) {
	token := avenir.EncodeCursor(threadsKind)
	require.NoError(t, avenir.DecodeCursor(token, threadsKind))
	var n int64
	err := avenir.DecodeCursor(token, threadsKind, &n)
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
}

// flipByte decodes a token, flips one bit of the byte at i (negative i counts
// from the end) and encodes it again.
func flipByte(t *testing.T, token string, i int) string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(token)
	require.NoError(t, err)
	if i < 0 {
		i += len(raw)
	}
	raw[i] ^= 0x01
	return base64.RawURLEncoding.EncodeToString(raw)
}

// tokenOfLength returns a valid token for threadsKind with one string key,
// whose length is the smallest at least n.
func tokenOfLength(t *testing.T, n int) string {
	t.Helper()
	for pad := 0; pad < 4*n; pad++ {
		tok := avenir.EncodeCursor(threadsKind, strings.Repeat("a", pad))
		if len(tok) >= n {
			return tok
		}
	}
	t.Fatalf("no token of length %d", n)
	return ""
}

func TestDecodeCursorInvalid(t *testing.T) {
	at := time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)
	id := avenir.MustParseID("01936b2e-0000-7000-8000-000000000042")
	good := avenir.EncodeCursor(threadsKind, at, id)
	raw, err := base64.RawURLEncoding.DecodeString(good)
	require.NoError(t, err)

	// Each decodes into a time and an ID unless it says otherwise.
	type keys func() []any
	timeAndID := func() []any { return []any{new(time.Time), new(avenir.ID)} }

	// A payload altered into another well-formed key (12 → 13): only the
	// checksum can tell.
	num := avenir.EncodeCursor(threadsKind, int64(12))
	numRaw, err := base64.RawURLEncoding.DecodeString(num)
	require.NoError(t, err)
	at12 := strings.Index(string(numRaw), "12")
	require.GreaterOrEqual(t, at12, 0)
	numRaw[at12+1] = '3'
	altered := base64.RawURLEncoding.EncodeToString(numRaw)

	tests := []struct {
		name  string
		token string
		kind  string
		keys  keys
	}{
		{"payload altered into another valid key", altered, threadsKind, func() []any { return []any{new(int64)} }},
		{"empty", "", threadsKind, timeAndID},
		{"garbage", "hello, world", threadsKind, timeAndID},
		{"not base64", "!!!!****", threadsKind, timeAndID},
		{"standard base64 alphabet", strings.NewReplacer("-", "+", "_", "/").Replace(good) + "+/", threadsKind, timeAndID},
		{"padded", good + "==", threadsKind, timeAndID},
		{"whitespace", " " + good, threadsKind, timeAndID},
		{"only a checksum", base64.RawURLEncoding.EncodeToString(raw[len(raw)-8:]), threadsKind, timeAndID},
		{"shorter than a checksum", base64.RawURLEncoding.EncodeToString(raw[:5]), threadsKind, timeAndID},
		{"truncated by one character", good[:len(good)-1], threadsKind, timeAndID},
		{"truncated by half", good[:len(good)/2], threadsKind, timeAndID},
		{"truncated payload", base64.RawURLEncoding.EncodeToString(append(append([]byte{}, raw[:10]...), raw[len(raw)-8:]...)), threadsKind, timeAndID},
		{"extra bytes", base64.RawURLEncoding.EncodeToString(append(append([]byte{}, raw...), 0)), threadsKind, timeAndID},
		{"payload byte flipped at start", flipByte(t, good, 0), threadsKind, timeAndID},
		{"payload byte flipped in key", flipByte(t, good, len(raw)/2), threadsKind, timeAndID},
		{"payload byte flipped at end", flipByte(t, good, -9), threadsKind, timeAndID},
		{"checksum byte flipped", flipByte(t, good, -1), threadsKind, timeAndID},
		{"checksum first byte flipped", flipByte(t, good, -8), threadsKind, timeAndID},
		{"another kind", avenir.EncodeCursor("forum.posts", at, id), threadsKind, timeAndID},
		{"kind differs by case", avenir.EncodeCursor("Forum.Threads", at, id), threadsKind, timeAndID},
		{"decoded for another kind", good, "forum.posts", timeAndID},
		{"decoded for no kind", good, "", timeAndID},
		{"fewer keys than asked", avenir.EncodeCursor(threadsKind, at), threadsKind, timeAndID},
		{"more keys than asked", avenir.EncodeCursor(threadsKind, at, id, int64(3)), threadsKind, timeAndID},
		{"no keys asked", good, threadsKind, func() []any { return nil }},
		{"string where int expected", avenir.EncodeCursor(threadsKind, "12"), threadsKind, func() []any { return []any{new(int64)} }},
		{"int where string expected", avenir.EncodeCursor(threadsKind, int64(12)), threadsKind, func() []any { return []any{new(string)} }},
		{"float where int expected", avenir.EncodeCursor(threadsKind, 1.5), threadsKind, func() []any { return []any{new(int64)} }},
		{"int where time expected", avenir.EncodeCursor(threadsKind, int64(12), id), threadsKind, timeAndID},
		{"string where time expected", avenir.EncodeCursor(threadsKind, "yesterday", id), threadsKind, timeAndID},
		{"bad ID", avenir.EncodeCursor(threadsKind, at, "not-an-id"), threadsKind, timeAndID},
		{"keys swapped", avenir.EncodeCursor(threadsKind, id, at), threadsKind, timeAndID},
		{"key not a pointer", good, threadsKind, func() []any { return []any{time.Time{}, avenir.ID{}} }},
		{"key is nil", good, threadsKind, func() []any { return []any{nil, new(avenir.ID)} }},
		{"overlong", tokenOfLength(t, 2049), threadsKind, func() []any { return []any{new(string)} }},
		{"far too long", strings.Repeat("A", 1<<20), threadsKind, timeAndID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = avenir.DecodeCursor(tt.token, tt.kind, tt.keys()...) })
			require.Error(t, err)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
			var e *avenir.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "cursor", e.Field)
			assert.Equal(t, "The page cursor is not valid.", e.Error())
		})
	}
}

func TestDecodeCursorLengthLimit(t *testing.T) {
	// The longest accepted token is 2048 characters; the next length a token
	// can take is refused, even though its checksum is right.
	longest := tokenOfLength(t, 2048)
	require.Len(t, longest, 2048)
	var s string
	require.NoError(t, avenir.DecodeCursor(longest, threadsKind, &s))
	assert.Equal(t, strings.Repeat("a", len(s)), s)

	longer := tokenOfLength(t, 2049)
	assert.Greater(t, len(longer), 2048)
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(avenir.DecodeCursor(longer, threadsKind, &s)))
}

func TestPageRequestSize(t *testing.T) {
	tests := []struct {
		limit int
		want  int
		ok    bool
	}{
		{0, 50, true},
		{1, 1, true},
		{49, 49, true},
		{200, 200, true},
		{201, 0, false},
		{1 << 40, 0, false},
		{-1, 0, false},
		{-1 << 40, 0, false},
	}
	for _, tt := range tests {
		got, err := avenir.PageRequest{Limit: tt.limit}.Size()
		if tt.ok {
			require.NoError(t, err, "limit %d", tt.limit)
			assert.Equal(t, tt.want, got, "limit %d", tt.limit)
			continue
		}
		require.Error(t, err, "limit %d", tt.limit)
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "limit %d", tt.limit)
		assert.Zero(t, got)
		var e *avenir.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "limit", e.Field)
		assert.Equal(t, "The page size must be between 1 and 200.", e.Error())
	}
	assert.Equal(t, 50, avenir.DefaultPageSize)
	assert.Equal(t, 200, avenir.MaxPageSize)
}

type row struct {
	At time.Time
	ID avenir.ID
}

func rowKey(r row) []any { return []any{r.At, r.ID} }

func rows(n int) []row {
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	out := make([]row, n)
	for i := range out {
		out[i] = row{At: start.Add(-time.Duration(i) * time.Minute), ID: avenir.NewID()}
	}
	return out
}

func TestNewPage(t *testing.T) {
	const size = 3
	t.Run("fewer rows than size", func(t *testing.T) {
		rs := rows(size - 1)
		p := avenir.NewPage(rs, size, threadsKind, rowKey)
		assert.Equal(t, rs, p.Items)
		assert.Empty(t, p.Next)
	})
	t.Run("exactly size", func(t *testing.T) {
		rs := rows(size)
		p := avenir.NewPage(rs, size, threadsKind, rowKey)
		assert.Equal(t, rs, p.Items)
		assert.Empty(t, p.Next)
	})
	for _, extra := range []int{1, 5} {
		t.Run(fmt.Sprintf("size plus %d", extra), func(t *testing.T) {
			rs := rows(size + extra)
			p := avenir.NewPage(rs, size, threadsKind, rowKey)
			assert.Equal(t, rs[:size], p.Items)
			require.NotEmpty(t, p.Next)

			var (
				at time.Time
				id avenir.ID
			)
			require.NoError(t, avenir.DecodeCursor(p.Next, threadsKind, &at, &id))
			assert.True(t, rs[size-1].At.Equal(at), "want %v, got %v", rs[size-1].At, at)
			assert.Equal(t, rs[size-1].ID, id)
			assert.Equal(t, avenir.EncodeCursor(threadsKind, rowKey(rs[size-1])...), p.Next)
		})
	}
	t.Run("nil rows", func(t *testing.T) {
		p := avenir.NewPage[row](nil, size, threadsKind, rowKey)
		require.NotNil(t, p.Items)
		assert.Empty(t, p.Items)
		assert.Empty(t, p.Next)
		b, err := json.Marshal(p)
		require.NoError(t, err)
		assert.JSONEq(t, `{"items":[]}`, string(b))
	})
	t.Run("key is taken from the last row kept", func(t *testing.T) {
		var seen []row
		key := func(r row) []any { seen = append(seen, r); return rowKey(r) }
		rs := rows(size + 1)
		avenir.NewPage(rs, size, threadsKind, key)
		assert.Equal(t, []row{rs[size-1]}, seen)
	})
}

func TestPageJSON(t *testing.T) {
	p := avenir.Page[int]{Items: []int{1, 2}, Next: "abc"}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"items":[1,2],"next":"abc"}`, string(b))

	var req avenir.PageRequest
	require.NoError(t, json.Unmarshal([]byte(`{"after":"abc","limit":10}`), &req))
	assert.Equal(t, avenir.PageRequest{After: "abc", Limit: 10}, req)
}

func TestCollect(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	pages := func(size int) func(avenir.PageRequest) (avenir.Page[int], error) {
		return func(p avenir.PageRequest) (avenir.Page[int], error) {
			from := 0
			if p.After != "" {
				if err := avenir.DecodeCursor(p.After, "test", &from); err != nil {
					return avenir.Page[int]{}, err
				}
			}
			rows := items[from:min(from+size+1, len(items))]
			return avenir.NewPage(rows, size, "test", func(i int) []any { return []any{i} }), nil
		}
	}
	for _, size := range []int{1, 2, 5, 10} {
		got, err := avenir.Collect(avenir.PageRequest{Limit: size}, pages(size))
		require.NoError(t, err)
		assert.Equal(t, items, got, "pages of %d", size)
	}

	boom := errors.New("boom")
	calls := 0
	got, err := avenir.Collect(avenir.PageRequest{}, func(avenir.PageRequest) (avenir.Page[int], error) {
		if calls++; calls == 2 {
			return avenir.Page[int]{}, boom
		}
		return avenir.Page[int]{Items: []int{calls}, Next: avenir.EncodeCursor("test", calls)}, nil
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, []int{1}, got, "what was read before the error")

	_, err = avenir.Collect(avenir.PageRequest{}, func(avenir.PageRequest) (avenir.Page[int], error) {
		return avenir.Page[int]{Items: []int{1}, Next: "same"}, nil
	})
	assert.Equal(t, avenir.CodeInternal, avenir.ErrorCode(err), "a cursor that does not move on")
}
