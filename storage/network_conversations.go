package storage

import (
	"context"
	"html/template"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Conversations returns the store of private conversations.
func (db *DB) Conversations() network.ConversationStore {
	return conversationStore{followStore{db}}
}

// conversationStore shares the follows' Directory (statuses and blocks).
type conversationStore struct{ followStore }

var _ network.ConversationStore = conversationStore{}

type conversationRow struct {
	bun.BaseModel `bun:"table:avenir_conversations,alias:c"`

	ID            avenir.ID `bun:"id,pk"`
	Kind          string    `bun:"kind"`
	Title         string    `bun:"title"`
	DirectKey     *string   `bun:"direct_key"`
	CreatedBy     avenir.ID `bun:"created_by"`
	MessageCount  int       `bun:"message_count"`
	LastMessageAt time.Time `bun:"last_message_at"`
	CreatedAt     time.Time `bun:"created_at"`
}

func (r conversationRow) conversation() network.Conversation {
	c := network.Conversation{
		ID: r.ID, Kind: network.ConversationKind(r.Kind), Title: r.Title, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.UTC(), LastMessageAt: r.LastMessageAt.UTC(), Messages: r.MessageCount,
	}
	if r.DirectKey != nil {
		c.DirectKey = *r.DirectKey
	}
	return c
}

type participantRow struct {
	bun.BaseModel `bun:"table:avenir_conversation_participants,alias:p"`

	Conversation  avenir.ID `bun:"conversation_id,pk"`
	Member        avenir.ID `bun:"member_id,pk"`
	JoinedAt      time.Time `bun:"joined_at"`
	LeftAt        time.Time `bun:"left_at,nullzero"`
	SinceSeq      int       `bun:"since_seq"`
	LastRead      int       `bun:"last_read"`
	LastMessageAt time.Time `bun:"last_message_at"`
	Name          string    `bun:"name,scanonly"`
}

type messageRow struct {
	bun.BaseModel `bun:"table:avenir_conversation_messages,alias:m"`

	ID           avenir.ID `bun:"id,pk"`
	Conversation avenir.ID `bun:"conversation_id"`
	Seq          int       `bun:"seq"`
	Author       avenir.ID `bun:"author_id"`
	Body         string    `bun:"body"`
	HTML         string    `bun:"html"`
	Erased       bool      `bun:"erased"`
	CreatedAt    time.Time `bun:"created_at"`
	AuthorName   string    `bun:"author_name,scanonly"`
}

func (r messageRow) message() network.Message {
	return network.Message{
		ID: r.ID, Conversation: r.Conversation, Seq: r.Seq, Author: r.Author, AuthorName: r.AuthorName,
		Body: r.Body, HTML: template.HTML(r.HTML), Erased: r.Erased, CreatedAt: r.CreatedAt.UTC(),
	}
}

func messageRows(list []messageRow) []network.Message {
	out := make([]network.Message, len(list))
	for i, r := range list {
		out[i] = r.message()
	}
	return out
}

type reportRow struct {
	bun.BaseModel `bun:"table:avenir_conversation_reports,alias:r"`

	ID           avenir.ID `bun:"id,pk"`
	Conversation avenir.ID `bun:"conversation_id"`
	Message      avenir.ID `bun:"message_id"`
	Reporter     avenir.ID `bun:"reporter_id"`
	Reason       string    `bun:"reason"`
	CreatedAt    time.Time `bun:"created_at"`
}

type reportMessageRow struct {
	bun.BaseModel `bun:"table:avenir_conversation_report_messages,alias:rm"`

	Report     avenir.ID `bun:"report_id,pk"`
	Seq        int       `bun:"seq,pk"`
	Author     avenir.ID `bun:"author_id"`
	Body       string    `bun:"body"`
	HTML       string    `bun:"html"`
	Erased     bool      `bun:"erased"`
	CreatedAt  time.Time `bun:"created_at"`
	AuthorName string    `bun:"author_name,scanonly"`
}

func (s conversationStore) CreateConversation(ctx context.Context, c network.Conversation) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := conversationRow{
			ID: c.ID, Kind: string(c.Kind), Title: c.Title, CreatedBy: c.CreatedBy, MessageCount: c.Messages,
			LastMessageAt: c.LastMessageAt.UTC(), CreatedAt: c.CreatedAt.UTC(),
		}
		if c.DirectKey != "" {
			r.DirectKey = &c.DirectKey
		}
		if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
		return s.AddParticipants(ctx, c.ID, c.Participants)
	})
}

func (s conversationStore) DirectConversation(ctx context.Context, key string) (network.Conversation, error) {
	var id avenir.ID
	err := s.IDB(ctx).NewSelect().Model((*conversationRow)(nil)).Column("id").Where("direct_key = ?", key).Scan(ctx, &id)
	if err != nil {
		return network.Conversation{}, translate(err)
	}
	return s.Conversation(ctx, id, false)
}

func (s conversationStore) Conversation(ctx context.Context, id avenir.ID, lock bool) (network.Conversation, error) {
	var r conversationRow
	q := s.IDB(ctx).NewSelect().Model(&r).Where("c.id = ?", id)
	if lock {
		q = s.forUpdate(q)
	}
	if err := q.Scan(ctx); err != nil {
		return network.Conversation{}, translate(err)
	}
	c := r.conversation()
	var ps []participantRow
	err := s.IDB(ctx).NewSelect().Model(&ps).ColumnExpr("p.*, mb.display_name AS name").
		Join("JOIN avenir_members AS mb ON mb.id = p.member_id").
		Where("p.conversation_id = ?", id).OrderExpr("p.joined_at, p.member_id").Scan(ctx)
	if err != nil {
		return network.Conversation{}, translate(err)
	}
	for _, p := range ps {
		c.Participants = append(c.Participants, network.Participant{
			Member: p.Member, Name: p.Name, JoinedAt: p.JoinedAt.UTC(), LeftAt: p.LeftAt.UTC(), SinceSeq: p.SinceSeq, LastRead: p.LastRead,
		})
	}
	return c, nil
}

func (s conversationStore) AddParticipants(ctx context.Context, conversation avenir.ID, ps []network.Participant) error {
	if len(ps) == 0 {
		return nil
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		var last time.Time
		err := s.IDB(ctx).NewSelect().Model((*conversationRow)(nil)).Column("last_message_at").Where("id = ?", conversation).Scan(ctx, &last)
		if err != nil {
			return err
		}
		rows := make([]participantRow, len(ps))
		for i, p := range ps {
			rows[i] = participantRow{Conversation: conversation, Member: p.Member, JoinedAt: p.JoinedAt.UTC(),
				SinceSeq: p.SinceSeq, LastRead: p.LastRead, LastMessageAt: last.UTC()}
		}
		_, err = s.IDB(ctx).NewInsert().Model(&rows).
			On("CONFLICT (conversation_id, member_id) DO UPDATE").
			Set("joined_at = EXCLUDED.joined_at, left_at = NULL, since_seq = EXCLUDED.since_seq, last_read = EXCLUDED.last_read, last_message_at = EXCLUDED.last_message_at").
			Exec(ctx)
		return err
	})
}

func (s conversationStore) LeaveConversation(ctx context.Context, conversation, member avenir.ID, at time.Time) error {
	res, err := s.IDB(ctx).NewUpdate().Model((*participantRow)(nil)).Set("left_at = ?", at.UTC()).
		Where("conversation_id = ? AND member_id = ? AND left_at IS NULL", conversation, member).Exec(ctx)
	return oneRow(res, err)
}

func (s conversationStore) AddMessage(ctx context.Context, m network.Message) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		r := messageRow{ID: m.ID, Conversation: m.Conversation, Seq: m.Seq, Author: m.Author, Body: m.Body, HTML: string(m.HTML), CreatedAt: m.CreatedAt.UTC()}
		if _, err := db.NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
		at := m.CreatedAt.UTC()
		if _, err := db.NewUpdate().Model((*conversationRow)(nil)).Set("message_count = ?, last_message_at = ?", m.Seq, at).
			Where("id = ?", m.Conversation).Exec(ctx); err != nil {
			return err
		}
		if _, err := db.NewUpdate().Model((*participantRow)(nil)).Set("last_message_at = ?", at).
			Where("conversation_id = ? AND left_at IS NULL", m.Conversation).Exec(ctx); err != nil {
			return err
		}
		_, err := db.NewUpdate().Model((*participantRow)(nil)).Set("last_read = ?", m.Seq).
			Where("conversation_id = ? AND member_id = ?", m.Conversation, m.Author).Exec(ctx)
		return err
	})
}

func (s conversationStore) selectMessages(ctx context.Context, rows *[]messageRow) *bun.SelectQuery {
	return s.IDB(ctx).NewSelect().Model(rows).ColumnExpr("m.*, mb.display_name AS author_name").
		Join("JOIN avenir_members AS mb ON mb.id = m.author_id")
}

func (s conversationStore) Message(ctx context.Context, id avenir.ID) (network.Message, error) {
	var rows []messageRow
	if err := s.selectMessages(ctx, &rows).Where("m.id = ?", id).Scan(ctx); err != nil {
		return network.Message{}, translate(err)
	}
	if len(rows) == 0 {
		return network.Message{}, avenir.ErrNotFound
	}
	return rows[0].message(), nil
}

func (s conversationStore) Messages(ctx context.Context, f network.MessageFilter) ([]network.Message, error) {
	var rows []messageRow
	q := s.selectMessages(ctx, &rows).Where("m.conversation_id = ? AND m.seq >= ?", f.Conversation, f.SinceSeq).
		OrderExpr("m.seq DESC").Limit(int64(f.Limit))
	if f.Before > 0 {
		q = q.Where("m.seq < ?", f.Before)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	return messageRows(rows), nil
}

// Inbox reads the member's participant rows, whose copy of the last
// message's time the index orders, joined to their conversations.
func (s conversationStore) Inbox(ctx context.Context, member avenir.ID, after *network.InboxKey, limit int) ([]network.Conversation, error) {
	var rows []struct {
		conversationRow `bun:",extend"`
		LastRead        int `bun:"last_read"`
		SinceSeq        int `bun:"since_seq"`
	}
	q := s.IDB(ctx).NewSelect().Model(&rows).ColumnExpr("c.*, p.last_read, p.since_seq").
		Join("JOIN avenir_conversation_participants AS p ON p.conversation_id = c.id").
		Where("p.member_id = ? AND p.left_at IS NULL", member).
		OrderExpr("p.last_message_at DESC, p.conversation_id DESC").Limit(int64(limit))
	if after != nil {
		at := after.LastMessageAt.UTC()
		q = q.Where("(p.last_message_at < ? OR (p.last_message_at = ? AND p.conversation_id < ?))", at, at, after.ID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]network.Conversation, len(rows))
	for i, r := range rows {
		out[i] = r.conversation()
		out[i].Unread = max(0, r.MessageCount-max(r.LastRead, r.SinceSeq-1))
	}
	return out, nil
}

func (s conversationStore) MarkRead(ctx context.Context, conversation, member avenir.ID) error {
	_, err := s.IDB(ctx).NewUpdate().Model((*participantRow)(nil)).
		Set("last_read = (SELECT message_count FROM avenir_conversations WHERE id = ?)", conversation).
		Where("conversation_id = ? AND member_id = ?", conversation, member).Exec(ctx)
	return translate(err)
}

func (s conversationStore) Unread(ctx context.Context, member avenir.ID) (int, error) {
	var n int
	err := s.IDB(ctx).NewSelect().TableExpr("avenir_conversation_participants AS p").
		Join("JOIN avenir_conversations AS c ON c.id = p.conversation_id").
		ColumnExpr("COALESCE(SUM(CASE WHEN c.message_count > p.last_read AND c.message_count >= p.since_seq THEN c.message_count - CASE WHEN p.last_read >= p.since_seq THEN p.last_read ELSE p.since_seq - 1 END ELSE 0 END), 0)").
		Where("p.member_id = ? AND p.left_at IS NULL", member).Scan(ctx, &n)
	return n, translate(err)
}

func (s conversationStore) CreateReport(ctx context.Context, r network.Report) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		row := reportRow{ID: r.ID, Conversation: r.Conversation, Message: r.Message, Reporter: r.Reporter, Reason: r.Reason, CreatedAt: r.CreatedAt.UTC()}
		if _, err := s.IDB(ctx).NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		if len(r.Context) == 0 {
			return nil
		}
		rows := make([]reportMessageRow, len(r.Context))
		for i, m := range r.Context {
			rows[i] = reportMessageRow{Report: r.ID, Seq: m.Seq, Author: m.Author, Body: m.Body, HTML: string(m.HTML), Erased: m.Erased, CreatedAt: m.CreatedAt.UTC()}
		}
		_, err := s.IDB(ctx).NewInsert().Model(&rows).Exec(ctx)
		return err
	})
}

func (s conversationStore) Reports(ctx context.Context, after *network.ReportKey, limit int) ([]network.Report, error) {
	var rows []reportRow
	q := s.IDB(ctx).NewSelect().Model(&rows).OrderExpr("r.created_at DESC, r.id DESC").Limit(int64(limit))
	if after != nil {
		at := after.CreatedAt.UTC()
		q = q.Where("(r.created_at < ? OR (r.created_at = ? AND r.id < ?))", at, at, after.ID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]network.Report, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]avenir.ID, len(rows))
	index := map[avenir.ID]int{}
	for i, r := range rows {
		ids[i] = r.ID
		index[r.ID] = i
		out[i] = network.Report{ID: r.ID, Conversation: r.Conversation, Message: r.Message, Reporter: r.Reporter,
			Reason: r.Reason, CreatedAt: r.CreatedAt.UTC(), Context: []network.Message{}}
	}
	var ctxRows []reportMessageRow
	err := s.IDB(ctx).NewSelect().Model(&ctxRows).ColumnExpr("rm.*, mb.display_name AS author_name").
		Join("JOIN avenir_members AS mb ON mb.id = rm.author_id").
		Where("rm.report_id IN (?)", bun.List(ids)).OrderExpr("rm.report_id, rm.seq").Scan(ctx)
	if err != nil {
		return nil, translate(err)
	}
	for _, m := range ctxRows {
		i := index[m.Report]
		out[i].Context = append(out[i].Context, network.Message{
			Conversation: out[i].Conversation, Seq: m.Seq, Author: m.Author, AuthorName: m.AuthorName,
			Body: m.Body, HTML: template.HTML(m.HTML), Erased: m.Erased, CreatedAt: m.CreatedAt.UTC(),
		})
	}
	return out, nil
}

func (s conversationStore) MemberConversations(ctx context.Context, member avenir.ID) ([]network.ConversationExport, error) {
	var ps []participantRow
	if err := s.IDB(ctx).NewSelect().Model(&ps).Where("member_id = ?", member).OrderExpr("joined_at, conversation_id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]network.ConversationExport, 0, len(ps))
	for _, p := range ps {
		c, err := s.Conversation(ctx, p.Conversation, false)
		if err != nil {
			return nil, err
		}
		x := network.ConversationExport{ID: c.ID, Kind: c.Kind, Title: c.Title, JoinedAt: p.JoinedAt.UTC(), LeftAt: p.LeftAt.UTC()}
		for _, q := range c.Participants {
			x.Participants = append(x.Participants, q.Member)
		}
		var rows []messageRow
		if err := s.selectMessages(ctx, &rows).Where("m.conversation_id = ? AND m.author_id = ?", c.ID, member).OrderExpr("m.seq").Scan(ctx); err != nil {
			return nil, translate(err)
		}
		x.Messages = messageRows(rows)
		out = append(out, x)
	}
	return out, nil
}

func (s conversationStore) EraseMessages(ctx context.Context, member avenir.ID) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewUpdate().Model((*messageRow)(nil)).Set("body = '', html = '', erased = ?", true).
			Where("author_id = ?", member).Exec(ctx); err != nil {
			return err
		}
		_, err := db.NewUpdate().Model((*reportMessageRow)(nil)).Set("body = '', html = '', erased = ?", true).
			Where("author_id = ?", member).Exec(ctx)
		return err
	})
}
