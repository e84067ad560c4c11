package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/solidarity"
)

// The impact page: what the completed actions the reader may read
// achieved, grouped by committee, department, category or month, over a
// period; and the same figures as CSV.

// dimensionLabels name the groupings for people.
var dimensionLabels = map[solidarity.Dimension]string{
	solidarity.ByCategory: "By category", solidarity.ByCommittee: "By committee",
	solidarity.ByDepartment: "By department", solidarity.ByMonth: "By month",
}

// dimensionNames name a grouping's key, as a column heading.
var dimensionNames = map[solidarity.Dimension]string{
	solidarity.ByCategory: "Category", solidarity.ByCommittee: "Committee",
	solidarity.ByDepartment: "Department", solidarity.ByMonth: "Month",
}

// impactFields are the impact page's filters.
var impactFields = []string{"by", "from", "to", "category", "department", "committee"}

// impactRow is a line of the impact table, its key named for people.
type impactRow struct {
	solidarity.ImpactRow
	Label string
}

// impactQuery reads the impact filters; from and to are months, to
// included.
func (s *Server) impactQuery(ctx context.Context, q url.Values) (solidarity.ImpactQuery, map[string]string, error) {
	values := map[string]string{}
	for _, k := range impactFields {
		values[k] = strings.TrimSpace(q.Get(k))
	}
	iq := solidarity.ImpactQuery{By: solidarity.Dimension(values["by"]), Category: values["category"],
		Department: strings.ToUpper(values["department"])}
	var err error
	if iq.From, err = s.parseMonth("from", values["from"]); err != nil {
		return iq, values, err
	}
	if iq.To, err = s.parseMonth("to", values["to"]); err != nil {
		return iq, values, err
	}
	if !iq.To.IsZero() {
		iq.To = iq.To.AddDate(0, 1, 0)
	}
	if iq.Department != "" {
		if _, err := geo.DepartmentByCode(iq.Department); err != nil {
			return iq, values, err
		}
	}
	iq.Committee, err = s.committeeParam(ctx, values["committee"])
	return iq, values, err
}

// parseMonth reads a month input ("2026-03") as its first day in the
// network's time zone; empty is the zero time.
func (s *Server) parseMonth(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01", v, s.location())
	if err != nil {
		return time.Time{}, avenir.FieldError(field, "The month %q is not valid (expected YYYY-MM).", v)
	}
	return t, nil
}

func (s *Server) impactPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := s.solidarityData(r, s.localize(r, "Our impact"))
	iq, values, err := s.impactQuery(ctx, r.URL.Query())
	var rows []solidarity.ImpactRow
	if err == nil {
		rows, err = s.solidarity.Impact(ctx, actorOf(r), iq)
	}
	status := http.StatusOK
	d["Form"] = formState{Values: values}
	if err != nil {
		status = httpStatus(err)
		d["Form"] = s.refused(r, "impact", err, values)
	}
	by := iq.By
	if by == "" {
		by = solidarity.ByCategory
	}
	d["Rows"], d["Total"] = s.impactRows(r, by, rows), impactTotal(rows)
	var dims []option
	for _, dim := range solidarity.Dimensions {
		dims = append(dims, option{Value: string(dim), Label: s.localize(r, dimensionLabels[dim]), Selected: dim == by})
	}
	d["Dimensions"], d["By"], d["Key"] = dims, s.localize(r, dimensionLabels[by]), s.localize(r, dimensionNames[by])
	s.filterOptions(r, d, values)
	d["CSV"] = "/solidarity/impact.csv?" + r.URL.Query().Encode()
	s.render(w, r, status, "solidarity_impact.html", d)
}

// impactRows names the keys of the rows: a committee's name, a
// department's, a category's label; a month stays as it is.
func (s *Server) impactRows(r *http.Request, by solidarity.Dimension, rows []solidarity.ImpactRow) []impactRow {
	names := map[string]string{}
	switch by {
	case solidarity.ByCategory:
		names = s.categoryLabels(r)
	case solidarity.ByCommittee:
		var ids []avenir.ID
		for _, row := range rows {
			if id, err := avenir.ParseID(row.Key); err == nil {
				ids = append(ids, id)
			}
		}
		if cs, err := s.committees.Committees(r.Context(), ids); err == nil {
			for _, c := range cs {
				names[c.ID.String()] = c.Name
			}
		}
	case solidarity.ByDepartment:
		for _, row := range rows {
			if dep, err := geo.DepartmentByCode(row.Key); err == nil {
				names[row.Key] = dep.Code + " " + dep.Name
			}
		}
	}
	out := make([]impactRow, len(rows))
	for i, row := range rows {
		out[i] = impactRow{ImpactRow: row, Label: row.Key}
		if n, ok := names[row.Key]; ok {
			out[i].Label = n
		}
		if out[i].Label == "" {
			out[i].Label = s.localize(r, "None")
		}
	}
	return out
}

// impactTotal sums the rows up. Volunteers are counted by action, as in
// each row: a person who helped twice counts twice.
func impactTotal(rows []solidarity.ImpactRow) solidarity.ImpactRow {
	var t solidarity.ImpactRow
	for _, r := range rows {
		t.Actions += r.Actions
		t.PeopleHelped += r.PeopleHelped
		t.Hours += r.Hours
		t.Volunteers += r.Volunteers
	}
	return t
}

// impactCSV sends the figures of the impact page as a CSV file named
// after their grouping; fail answers an error (a page, or the API's).
func (s *Server) impactCSV(fail func(http.ResponseWriter, *http.Request, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		iq, _, err := s.impactQuery(r.Context(), r.URL.Query())
		var buf bytes.Buffer
		if err == nil {
			err = s.solidarity.ImpactCSV(r.Context(), actorOf(r), iq, &buf)
		}
		if err != nil {
			fail(w, r, err)
			return
		}
		by := iq.By // a known dimension: ImpactCSV checked it
		if by == "" {
			by = solidarity.ByCategory
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="impact-`+string(by)+`.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
	}
}
