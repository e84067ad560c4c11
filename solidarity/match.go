package solidarity

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
)

// Matches returns, for a request, the open offers of the same category
// nearest to it, and for an offer the open requests: those of the same
// commune first, then of the same department, then of the same region, at
// most n (10 when n is 0). An online action matches online ones. A
// collective action has no match.
func (s *Service) Matches(ctx context.Context, actor avenir.Actor, id avenir.ID, n int) ([]Action, error) {
	a, err := s.Action(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if n <= 0 || n > avenir.MaxPageSize {
		n = 10
	}
	var other Kind
	switch a.Kind {
	case Request:
		other = Offer
	case Offer:
		other = Request
	default:
		return []Action{}, nil
	}
	base := s.viewerFilter(actor)
	base.Kinds, base.Category, base.Statuses = []Kind{other}, a.Category, []Status{StatusPublished, StatusInProgress}
	base.Active = s.now()
	var rings []Filter
	switch {
	case a.Place.Online:
		online := true
		f := base
		f.Online = &online
		rings = append(rings, f)
	case a.Place.Commune != "":
		byCommune, byDept, byRegion := base, base, base
		byCommune.Commune, byDept.Department, byRegion.Region = a.Place.Commune, a.Department, a.Region
		rings = append(rings, byCommune, byDept)
		if a.Region != "" {
			rings = append(rings, byRegion)
		}
	}
	return s.rings(ctx, rings, n, a.ID)
}

// rings lists the actions of each filter in turn, skipping those already
// found (and skip), until n are found.
func (s *Service) rings(ctx context.Context, rings []Filter, n int, skip avenir.ID) ([]Action, error) {
	out := []Action{}
	seen := map[avenir.ID]bool{skip: true}
	for _, f := range rings {
		f.Limit = n + len(seen)
		rows, err := s.store.Actions(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if !seen[r.ID] && len(out) < n {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
		if len(out) == n {
			break
		}
	}
	return out, nil
}

// NearMe returns the open actions nearest to a postal code: those of its
// communes first, then of its departments, then of their regions, at most
// n (50 when n is 0), filtered by the query's kinds, category and period.
func (s *Service) NearMe(ctx context.Context, actor avenir.Actor, postalCode string, q Query, n int) ([]Action, error) {
	communes, err := geo.CommunesByPostalCode(postalCode)
	if err != nil {
		return nil, err
	}
	if err := q.checkPeriod(); err != nil {
		return nil, err
	}
	if n <= 0 || n > avenir.MaxPageSize {
		n = avenir.DefaultPageSize
	}
	base := s.viewerFilter(actor)
	base.Kinds, base.Category, base.Statuses = q.Kinds, q.Category, []Status{StatusPublished, StatusInProgress}
	base.Active, base.From, base.To = s.now(), q.From, q.To
	byCommune, byDept, byRegion := base, base, base
	regions := map[string]bool{}
	for _, c := range communes {
		byCommune.Communes = append(byCommune.Communes, c.INSEE)
		byDept.Departments = append(byDept.Departments, c.Department)
		if d, err := geo.DepartmentByCode(c.Department); err == nil && !regions[d.Region.Code] {
			regions[d.Region.Code] = true
			for _, dd := range geo.Departments() {
				if dd.Region.Code == d.Region.Code {
					byRegion.Departments = append(byRegion.Departments, dd.Code)
				}
			}
		}
	}
	rings := []Filter{byCommune, byDept}
	if len(byRegion.Departments) > 0 {
		rings = append(rings, byRegion)
	}
	return s.rings(ctx, rings, n, avenir.ID{})
}
