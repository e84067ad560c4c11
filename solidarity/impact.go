package solidarity

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/avenirnet/avenir"
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
// line, for spreadsheets.
func (s *Service) ImpactCSV(ctx context.Context, actor avenir.Actor, q ImpactQuery, w io.Writer) error {
	rows, err := s.Impact(ctx, actor, q)
	if err != nil {
		return err
	}
	by := q.By
	if by == "" {
		by = ByCategory
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{string(by), "actions", "people_helped", "hours", "volunteers"}); err != nil {
		return avenir.Internal(err)
	}
	for _, r := range rows {
		rec := []string{r.Key, strconv.Itoa(r.Actions), strconv.Itoa(r.PeopleHelped), strconv.Itoa(r.Hours), strconv.Itoa(r.Volunteers)}
		if err := cw.Write(rec); err != nil {
			return avenir.Internal(err)
		}
	}
	cw.Flush()
	return avenir.Internal(cw.Error())
}
