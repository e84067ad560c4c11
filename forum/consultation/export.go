package consultation

import (
	"context"
	"fmt"
	"strings"

	"github.com/avenirnet/avenir"
)

// Markdown exports a motion (its published version, or its latest draft)
// as Markdown, followed by its provenance appendix: for each section, the
// contributions and amendments it draws from.
func (s *Service) Markdown(ctx context.Context, actor avenir.Actor, motionID avenir.ID) (string, error) {
	c, t, err := s.loadText(ctx, actor, motionID)
	if err != nil {
		return "", err
	}
	if t.Kind != KindMotion {
		return "", avenir.ErrNotFound
	}
	secs, number := t.Sections, t.Version
	if t.Published > 0 && t.Published != t.Version {
		vs, err := s.store.Versions(ctx, t.ID)
		if err != nil {
			return "", err
		}
		secs, number = vs[t.Published-1].Sections, t.Published
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", t.Title)
	fmt.Fprintf(&b, "_%s — version %d_\n\n", c.Title, number)
	if t.Summary != "" {
		fmt.Fprintf(&b, "%s\n\n", t.Summary)
	}
	for i, sec := range secs {
		heading := sec.Heading
		if heading == "" {
			heading = fmt.Sprintf("§%d", i+1)
		}
		fmt.Fprintf(&b, "## %d. %s\n\n%s\n\n", i+1, heading, strings.TrimSpace(sec.Body))
	}
	b.WriteString("---\n\n## Provenance\n\n")
	for i, sec := range secs {
		if len(sec.Sources) == 0 {
			continue
		}
		fmt.Fprintf(&b, "- §%d:\n", i+1)
		for _, src := range sec.Sources {
			fmt.Fprintf(&b, "  - %s %s: %s\n", src.Kind, src.ID, oneLine(src.Title))
		}
	}
	return b.String(), nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Stats are a consultation's figures.
type Stats struct {
	Contributions int `json:"contributions"`
	Amendments    int `json:"amendments"`
	Accepted      int `json:"accepted"` // amendments accepted or merged
	Supports      int `json:"supports"`
	// Participants are the members who contributed, amended or supported.
	Participants int `json:"participants"`
	// ByCommittee counts the participants by the committee they belonged
	// to when they acted (a member of two committees counts in both; a
	// member of none, under the zero ID).
	ByCommittee []CommitteeCount `json:"by_committee"`
}

// CommitteeCount is the participants of one committee.
type CommitteeCount struct {
	Committee    avenir.ID `json:"committee,omitzero"`
	Name         string    `json:"name"`
	Participants int       `json:"participants"`
}

// Stats returns a consultation's figures, for whoever may read it: they
// are counts, and name nobody.
func (s *Service) Stats(ctx context.Context, actor avenir.Actor, consultationID avenir.ID) (Stats, error) {
	if _, err := s.Get(ctx, actor, consultationID); err != nil {
		return Stats{}, err
	}
	return s.store.Stats(ctx, consultationID)
}
