package dataset

import (
	"context"
	"fmt"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// Start is the instant datasets are built around: their members joined
// before it and their posts were written after it, whatever the day the
// benchmark runs, so that two builds from one seed are the same.
var Start = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)

var statuses = []struct {
	status avenir.Status
	weight int
}{
	// Roughly a movement's shape: most are active or supporters.
	{avenir.StatusActive, 55}, {avenir.StatusSupporter, 25}, {avenir.StatusGrace, 6}, {avenir.StatusLapsed, 8},
	{avenir.StatusApplicant, 3}, {avenir.StatusLeft, 2}, {avenir.StatusSuspended, 1},
}

var firstNames = []string{"Louise", "Jean", "Olympe", "Jaurès", "Camille", "Léon", "Simone", "Aimé", "Lucie", "Marcel",
	"Gisèle", "Ambroise", "Germaine", "Élise", "Hocine", "Fatima", "Nguyen", "Yasmina", "Pierre", "Rosa",
	"Théo", "Inès", "Maëlle", "Noé", "Zoé", "Karim", "Chloé", "Mathis", "Anaïs", "Gaël"}

var lastNames = []string{"Michel", "Dupont", "de Gouges", "Martin", "Bernard", "Petit", "Lefèvre", "Garnier", "Faure",
	"Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
	"Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Noël"}

// Members writes n members in bulk (statuses in a movement's proportions,
// French names, postal codes of real communes) and returns their IDs in
// creation order.
func Members(ctx context.Context, db *storage.DB, n int, p *Prose) ([]avenir.ID, error) {
	departments := geo.Departments()
	total := 0
	for _, s := range statuses {
		total += s.weight
	}
	ids := make([]avenir.ID, 0, n)
	const chunk = 5000
	for start := 0; start < n; start += chunk {
		members := make([]membership.Member, 0, min(chunk, n-start))
		for i := start; i < min(start+chunk, n); i++ {
			id := avenir.NewID()
			ids = append(ids, id)
			status := pick(p.Intn(total))
			first, last := firstNames[p.Intn(len(firstNames))], lastNames[p.Intn(len(lastNames))]
			created := Start.Add(-time.Duration(p.Intn(3*365*24)) * time.Hour)
			m := membership.Member{
				ID: id, Email: fmt.Sprintf("membre%06d@dataset.avenir.test", i), EmailVerified: created,
				Status: status, CreatedAt: created, UpdatedAt: created,
				Profile: membership.Profile{
					DisplayName: first + " " + last[:1] + ".", FullName: first + " " + last, Language: "fr",
					Address: address(departments[p.Intn(len(departments))], p),
				},
			}
			if status != avenir.StatusSupporter {
				m.JoinedAt = created
				m.ExpiresAt = created.AddDate(1, 0, 0)
			}
			members = append(members, m)
		}
		if err := db.Members().ImportMembers(ctx, members, nil, nil); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func pick(n int) avenir.Status {
	for _, s := range statuses {
		if n < s.weight {
			return s.status
		}
		n -= s.weight
	}
	return avenir.StatusActive
}

func address(d geo.Department, p *Prose) membership.Address {
	communes, err := geo.DepartmentCommunes(d.Code)
	if err != nil || len(communes) == 0 {
		return membership.Address{Country: "FR"}
	}
	c := communes[p.Intn(len(communes))]
	return membership.Address{PostalCode: c.PostalCodes[0], Commune: c.INSEE, Country: "FR"}
}
