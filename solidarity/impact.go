package solidarity

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
)

// Dimension is what impact figures are grouped by.
type Dimension string

// The dimensions of the impact figures.
const (
	ByCommittee  Dimension = "committee"
	ByDepartment Dimension = "department"
	ByCategory   Dimension = "category"
	ByMonth      Dimension = "month" // "2026-03", by completion date (UTC)
)

// Dimensions lists every dimension.
var Dimensions = []Dimension{ByCommittee, ByDepartment, ByCategory, ByMonth}

// ImpactRow is the impact of the completed actions of one group.
type ImpactRow struct {
	Key          string `json:"key"` // the committee ID, department code, category code or month
	Actions      int    `json:"actions"`
	PeopleHelped int    `json:"people_helped"`
	Hours        int    `json:"hours"`
	Volunteers   int    `json:"volunteers"`
}

// ImpactQuery selects the completed actions to sum up. Zero fields do not
// filter.
type ImpactQuery struct {
	By         Dimension `json:"by"` // default: ByCategory
	From, To   time.Time // completed in [From, To)
	Committee  avenir.ID
	Department string
	Category   string
	// Language is the language of the labels ImpactCSV writes (category
	// labels, department names); zero: Avenir's default, French.
	Language language.Tag `json:"-"`
}

// Impact sums up the completed actions the actor may read (the public
// impact page: those of public audience for a visitor), grouped by the
// query's dimension, largest first.
func (s *Service) Impact(ctx context.Context, actor avenir.Actor, q ImpactQuery) ([]ImpactRow, error) {
	if q.By == "" {
		q.By = ByCategory
	}
	known := false
	for _, d := range Dimensions {
		known = known || d == q.By
	}
	if !known {
		return nil, avenir.FieldError("by", "The impact cannot be grouped by %q: committee, department, category or month.", string(q.By))
	}
	if !q.To.IsZero() && !q.To.After(q.From) {
		return nil, avenir.FieldError("to", "The period must end after it starts.")
	}
	f := s.viewerFilter(actor)
	f.Statuses = []Status{StatusCompleted}
	f.Committee, f.Department, f.Category = q.Committee, q.Department, q.Category
	f.CompletedFrom, f.CompletedTo = q.From, q.To
	return s.store.Impact(ctx, f, q.By)
}

// ImpactCSV writes the impact figures as CSV (RFC 4180), with a header
// line, for spreadsheets. Each group is named next to its key: a
// committee's ID and name (committee_id, committee_name), a department's
// code and name (department, department_name), a category's code and
// label in the query's language (category, category_label), a month as
// YYYY-MM (month). A group without a committee or a department (online or
// abroad) has empty key and name.
func (s *Service) ImpactCSV(ctx context.Context, actor avenir.Actor, q ImpactQuery, w io.Writer) error {
	rows, err := s.Impact(ctx, actor, q)
	if err != nil {
		return err
	}
	by := q.By
	if by == "" {
		by = ByCategory
	}
	names, err := s.impactNames(ctx, by, rows, q.Language)
	if err != nil {
		return err
	}
	head := map[Dimension][]string{
		ByCommittee: {"committee_id", "committee_name"}, ByDepartment: {"department", "department_name"},
		ByCategory: {"category", "category_label"}, ByMonth: {"month"},
	}[by]
	cw := csv.NewWriter(w)
	if err := cw.Write(append(head, "actions", "people_helped", "hours", "volunteers")); err != nil {
		return avenir.Internal(err)
	}
	for _, r := range rows {
		rec := []string{r.Key}
		if len(head) == 2 {
			rec = append(rec, names[r.Key])
		}
		rec = append(rec, strconv.Itoa(r.Actions), strconv.Itoa(r.PeopleHelped), strconv.Itoa(r.Hours), strconv.Itoa(r.Volunteers))
		if err := cw.Write(rec); err != nil {
			return avenir.Internal(err)
		}
	}
	cw.Flush()
	return avenir.Internal(cw.Error())
}

// impactNames names the keys of impact rows: committees by their name,
// departments by theirs, categories by their label in lang.
func (s *Service) impactNames(ctx context.Context, by Dimension, rows []ImpactRow, lang language.Tag) (map[string]string, error) {
	names := map[string]string{}
	switch by {
	case ByCommittee:
		var ids []avenir.ID
		for _, r := range rows {
			if id, err := avenir.ParseID(r.Key); err == nil && !id.IsZero() {
				ids = append(ids, id)
			}
		}
		if s.cfg.Committees == nil || len(ids) == 0 {
			return names, nil
		}
		list, err := s.cfg.Committees.Committees(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			names[c.ID.String()] = c.Name
		}
	case ByDepartment:
		for _, r := range rows {
			if d, err := geo.DepartmentByCode(r.Key); err == nil {
				names[r.Key] = d.Name
			}
		}
	case ByCategory:
		for _, r := range rows {
			names[r.Key] = r.Key // a category no longer listed keeps its code
		}
		for _, c := range s.cfg.Categories {
			names[c.Code] = avenir.Localize(lang, c.Label)
		}
	}
	return names, nil
}
