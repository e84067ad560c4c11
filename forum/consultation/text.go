package consultation

import (
	"context"
	"html/template"
	"slices"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/text"
)

// Kind says what a text is.
type Kind string

// The kinds of text.
const (
	KindContribution Kind = "contribution" // a member's proposal
	KindMotion       Kind = "motion"       // the drafting group's synthesis, put to the vote
)

// Text is a contribution or a motion, in its latest version.
type Text struct {
	ID           avenir.ID `json:"id"`
	Consultation avenir.ID `json:"consultation"`
	Kind         Kind      `json:"kind"`
	Title        string    `json:"title"`
	Summary      string    `json:"summary"`
	Author       avenir.ID `json:"author"` // who submitted it (for a motion, the drafter who started it)
	AuthorName   string    `json:"author_name"`
	Thread       avenir.ID `json:"thread"` // its discussion in the theme forum
	Version      int       `json:"version"`
	// Published is the frozen version of a motion put to the vote (0: a
	// draft).
	Published int       `json:"published"`
	Sections  []Section `json:"sections,omitempty"`
	Supports  int       `json:"supports"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Section is one part of a text. Its ID stays the same across versions, so
// that an amendment names the section it changes and the history of a
// section can be followed.
type Section struct {
	ID      avenir.ID     `json:"id"`
	Heading string        `json:"heading"`
	Body    string        `json:"body"` // Markdown
	HTML    template.HTML `json:"html"`
	// Sources is where a motion's section comes from.
	Sources []Source `json:"sources,omitempty"`
}

// SourceKind says what a source is.
type SourceKind string

// The kinds of source.
const (
	SourceContribution SourceKind = "contribution"
	SourceAmendment    SourceKind = "amendment"
)

// Source is a contribution or an amendment of the same consultation that a
// motion's section draws from.
type Source struct {
	Kind  SourceKind `json:"kind"`
	ID    avenir.ID  `json:"id"`
	Title string     `json:"title,omitempty"` // filled when read
	// Text is, for an amendment, the text it amends (filled when read), so
	// that a reader can follow the link to it.
	Text avenir.ID `json:"text,omitzero"`
}

// Version is one state of a text, kept for ever.
type Version struct {
	Text      avenir.ID `json:"text"`
	Number    int       `json:"number"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary"`
	Sections  []Section `json:"sections"`
	By        avenir.ID `json:"by"`
	Amendment avenir.ID `json:"amendment,omitzero"` // the accepted amendment that made it
	Note      string    `json:"note"`
	At        time.Time `json:"at"`
}

// SectionInput is a section as written; ID keeps an existing section's
// identity (zero for a new section).
type SectionInput struct {
	ID      avenir.ID `json:"id,omitzero"`
	Heading string    `json:"heading"`
	Body    string    `json:"body"`
	Sources []Source  `json:"sources,omitempty"`
}

// Draft is a text as written: a contribution, or a motion's new version.
type Draft struct {
	Title    string         `json:"title"`
	Summary  string         `json:"summary"`
	Sections []SectionInput `json:"sections"`
	Note     string         `json:"note,omitempty"` // what changed, for the history
}

func (d *Draft) sections(sources bool) ([]Section, error) {
	d.Title, d.Summary, d.Note = text.Line(d.Title), text.Clean(d.Summary), text.Line(d.Note)
	if err := checkLen("title", d.Title, MaxTitle, true); err != nil {
		return nil, err
	}
	if err := checkLen("summary", d.Summary, MaxSummary, false); err != nil {
		return nil, err
	}
	if len(d.Sections) == 0 {
		return nil, avenir.FieldError("sections", "A text needs at least one section.")
	}
	if len(d.Sections) > MaxSections {
		return nil, avenir.FieldError("sections", "A text has at most %d sections.", MaxSections)
	}
	out := make([]Section, len(d.Sections))
	for i, in := range d.Sections {
		sec := Section{ID: in.ID, Heading: text.Line(in.Heading), Body: text.Clean(in.Body)}
		if sec.ID.IsZero() {
			sec.ID = avenir.NewID()
		}
		if err := checkLen("heading", sec.Heading, MaxTitle, false); err != nil {
			return nil, err
		}
		if err := checkLen("body", sec.Body, MaxSection, true); err != nil {
			return nil, err
		}
		if slices.ContainsFunc(out[:i], func(o Section) bool { return o.ID == sec.ID }) {
			return nil, avenir.FieldError("sections", "A section appears twice.")
		}
		if sources {
			for _, src := range in.Sources {
				if src.Kind != SourceContribution && src.Kind != SourceAmendment {
					return nil, avenir.FieldError("sources", "The source kind %q is not known.", string(src.Kind))
				}
				if !slices.ContainsFunc(sec.Sources, func(o Source) bool { return o.ID == src.ID }) {
					sec.Sources = append(sec.Sources, Source{Kind: src.Kind, ID: src.ID})
				}
			}
		}
		sec.HTML = text.Markdown(sec.Body)
		out[i] = sec
	}
	return out, nil
}

// Contribute submits a contribution, with its discussion thread in the
// theme forum (started by the author, under the forum's moderation).
func (s *Service) Contribute(ctx context.Context, actor avenir.Actor, consultationID avenir.ID, d Draft) (Text, error) {
	c, err := s.Get(ctx, actor, consultationID)
	if err != nil {
		return Text{}, err
	}
	if err := mayAct(actor, c, ActContribute); err != nil {
		return Text{}, err
	}
	secs, err := d.sections(false)
	if err != nil {
		return Text{}, err
	}
	return s.createText(ctx, actor, c, KindContribution, d, secs)
}

func (s *Service) createText(ctx context.Context, actor avenir.Actor, c Consultation, kind Kind, d Draft, secs []Section) (Text, error) {
	now := s.now()
	t := Text{ID: avenir.NewID(), Consultation: c.ID, Kind: kind, Title: d.Title, Summary: d.Summary, Author: actor.ID,
		Version: 1, Sections: secs, CreatedAt: now, UpdatedAt: now}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		body := d.Summary
		if body == "" {
			body = secs[0].Body
		}
		th, _, err := s.cfg.Forums.Start(ctx, actor, c.Forum, forum.Draft{Title: d.Title, Body: body})
		if err != nil {
			return err
		}
		t.Thread = th.ID
		if err := s.store.CreateText(ctx, t); err != nil {
			return err
		}
		if err := s.store.AddVersion(ctx, Version{Text: t.ID, Number: 1, Title: t.Title, Summary: t.Summary, Sections: secs,
			By: actor.ID, Note: d.Note, At: now}); err != nil {
			return err
		}
		if err := s.store.AddAuthor(ctx, Author{Text: t.ID, Member: actor.ID, Accepted: true, At: now}); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("consultation."+string(kind)+"_submitted", actor.ID, t.ID, c.Audience,
			map[string]any{"consultation": c.ID, "title": t.Title}))
	})
	if err != nil {
		return Text{}, err
	}
	return s.store.Text(ctx, t.ID)
}

// Text returns a contribution or motion of a consultation the actor may
// read, in its latest version.
func (s *Service) Text(ctx context.Context, actor avenir.Actor, id avenir.ID) (Text, error) {
	_, t, err := s.loadText(ctx, actor, id)
	return t, err
}

func (s *Service) loadText(ctx context.Context, actor avenir.Actor, id avenir.ID) (Consultation, Text, error) {
	t, err := s.store.Text(ctx, id)
	if err != nil {
		return Consultation{}, Text{}, err
	}
	c, err := s.Get(ctx, actor, t.Consultation)
	if err != nil {
		return Consultation{}, Text{}, err
	}
	return c, t, nil
}

// Sort orders a list of texts.
type Sort string

// The orders.
const (
	SortNewest   Sort = "newest"
	SortSupports Sort = "supports" // most supported first
)

// Texts lists a consultation's contributions or motions.
func (s *Service) Texts(ctx context.Context, actor avenir.Actor, consultationID avenir.ID, kind Kind, sort Sort) ([]Text, error) {
	if _, err := s.Get(ctx, actor, consultationID); err != nil {
		return nil, err
	}
	if sort != SortSupports {
		sort = SortNewest
	}
	return s.store.Texts(ctx, consultationID, kind, sort)
}

// Versions returns a text's versions, oldest first.
func (s *Service) Versions(ctx context.Context, actor avenir.Actor, id avenir.ID) ([]Version, error) {
	if _, _, err := s.loadText(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.store.Versions(ctx, id)
}

// Revise writes a new version of a contribution: its accepted authors may,
// while contributions are open.
func (s *Service) Revise(ctx context.Context, actor avenir.Actor, id avenir.ID, d Draft) (Text, error) {
	c, t, err := s.loadText(ctx, actor, id)
	if err != nil {
		return Text{}, err
	}
	if t.Kind != KindContribution {
		return Text{}, avenir.ErrNotFound
	}
	if err := mayAct(actor, c, ActEditContribution); err != nil {
		return Text{}, err
	}
	secs, err := d.sections(false)
	if err != nil {
		return Text{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if ok, err := s.isAuthor(ctx, t.ID, actor.ID); err != nil || !ok {
			return orForbidden(err)
		}
		_, err := s.newVersion(ctx, actor, t.ID, d.Title, d.Summary, secs, avenir.ID{}, d.Note)
		return err
	})
	if err != nil {
		return Text{}, err
	}
	return s.store.Text(ctx, id)
}

// newVersion writes the text's next version under the text's row lock.
func (s *Service) newVersion(ctx context.Context, actor avenir.Actor, id avenir.ID, title, summary string, secs []Section, amendment avenir.ID, note string) (int, error) {
	t, err := s.store.LockText(ctx, id)
	if err != nil {
		return 0, err
	}
	if t.Published > 0 {
		return 0, avenir.Errorf(avenir.CodeConflict, "This motion is published and can no longer change.")
	}
	v := Version{Text: id, Number: t.Version + 1, Title: title, Summary: summary, Sections: secs, By: actor.ID,
		Amendment: amendment, Note: note, At: s.now()}
	if err := s.store.AddVersion(ctx, v); err != nil {
		return 0, err
	}
	return v.Number, nil
}

func orForbidden(err error) error {
	if err != nil {
		return err
	}
	return avenir.ErrForbidden
}
