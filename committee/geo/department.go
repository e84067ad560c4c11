package geo

import "slices"

// Region is one of the 18 French regions (13 in metropolitan France, 5
// overseas), identified by its INSEE code ("84" is Auvergne-Rhône-Alpes,
// "04" La Réunion).
type Region struct {
	Code string
	Name string
}

// Department is one of the 101 French departments, identified by its INSEE
// code: "01" to "95" (no "20"), "2A" and "2B" in Corsica, "971" to "976"
// overseas (no "975": Saint-Pierre-et-Miquelon is a collectivity).
type Department struct {
	Code   string
	Name   string
	Region Region
}

// DepartmentByCode returns the department with the INSEE code ("69", "2A",
// "974"). Corsica's letters may be lowercase ("2a"). An unknown code is an
// invalid-input error on the field "department".
func DepartmentByCode(code string) (Department, error) {
	t := data()
	i, ok := t.deptIndex[code]
	if !ok {
		return Department{}, errUnknownDepartment(code)
	}
	return t.departments[i], nil
}

// Departments returns the 101 departments, sorted by code ("01" … "19",
// "21" … "29", "2A", "2B", "30" … "95", "971" … "976").
func Departments() []Department {
	return slices.Clone(data().departments)
}

// Regions returns the 18 regions, sorted by code (the 5 overseas regions,
// "01" to "06", come first).
func Regions() []Region {
	return slices.Clone(data().regions)
}

// RegionByCode returns the region with the INSEE code ("84"). An unknown
// code is an invalid-input error on the field "region".
func RegionByCode(code string) (Region, error) {
	t := data()
	i, ok := t.regionIndex[code]
	if !ok {
		return Region{}, errUnknownRegion(code)
	}
	return t.regions[i], nil
}

// Departments returns the departments of the region, sorted by code; none
// for a region that does not exist.
func (r Region) Departments() []Department {
	return slices.Clone(data().regionDepts[r.Code])
}
