package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -data ../../../shared/data/fr -out geodata.txt.gz

// geodata is built by internal/gen from La Poste's and INSEE's files; its
// format is described there.
//
//go:embed geodata.txt.gz
var geodata []byte

// tables holds the data, loaded once on first use and never changed after:
// lookups are map reads and copies of the answer.
type tables struct {
	regions      []Region
	regionIndex  map[string]int
	regionDepts  map[string][]Department // sorted by code
	departments  []Department            // sorted by code
	deptIndex    map[string]int          // codes, and "2a", "2b"
	communes     []Commune               // sorted by name (French collation), then INSEE code
	byPostal     map[string]postalCode
	byINSEE      map[string]int32   // index into communes
	byDept       map[string][]int32 // indices into communes, in their order
	countries    []Country          // sorted by French name (French collation)
	countryIndex map[string]int
}

type postalCode struct {
	communes    []int32  // indices into communes, in their order
	departments []string // sorted
}

// data returns the tables, loading them on first use: about 15 ms and 10 MB
// allocated (6 MB kept), once per process.
var data = sync.OnceValue(func() *tables {
	t, err := load(geodata)
	if err != nil {
		panic("geo: the embedded data is corrupt (run go generate): " + err.Error())
	}
	return t
})

type loadError struct {
	line int
	msg  string
}

func (e *loadError) Error() string { return "line " + strconv.Itoa(e.line) + ": " + e.msg }

func load(gz []byte) (*tables, error) {
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	if _, err := io.Copy(&sb, r); err != nil {
		return nil, err
	}
	// One string for the whole file: every name and code below is a
	// substring of it, so the tables cost no allocation per string.
	text := sb.String()
	communes := strings.Count(text, "\nC\t")

	t := &tables{
		regionIndex:  map[string]int{},
		regionDepts:  map[string][]Department{},
		deptIndex:    map[string]int{},
		communes:     make([]Commune, 0, communes),
		byPostal:     make(map[string]postalCode, communes/5),
		byINSEE:      make(map[string]int32, communes),
		byDept:       map[string][]int32{},
		countryIndex: map[string]int{},
	}
	// The postal codes of every commune share one backing array; a
	// commune's PostalCodes is a [start:end] window of it.
	type window struct{ start, end int }
	var (
		postal  = make([]string, 0, communes+communes/10)
		windows = make([]window, 0, communes)
		n       int
		f       [5]string
	)
	for l := range strings.Lines(text) {
		n++
		l = strings.TrimSuffix(l, "\n")
		if l == "" || l[0] == '#' {
			continue
		}
		nf := split(l, &f)
		bad := func(msg string) error { return &loadError{n, msg + ": " + strconv.Quote(l)} }
		switch {
		case f[0] == "R" && nf == 3:
			t.regionIndex[f[1]] = len(t.regions)
			t.regions = append(t.regions, Region{Code: f[1], Name: f[2]})
		case f[0] == "D" && nf == 4:
			i, ok := t.regionIndex[f[3]]
			if !ok {
				return nil, bad("unknown region")
			}
			d := Department{Code: f[1], Name: f[2], Region: t.regions[i]}
			t.deptIndex[d.Code] = len(t.departments)
			if lower := strings.ToLower(d.Code); lower != d.Code {
				t.deptIndex[lower] = len(t.departments) // "2a" for "2A"
			}
			t.departments = append(t.departments, d)
			t.regionDepts[d.Region.Code] = append(t.regionDepts[d.Region.Code], d)
		case f[0] == "C" && nf == 4:
			if len(f[1]) != 5 {
				return nil, bad("bad INSEE code")
			}
			dept := departmentOf(f[1])
			if _, ok := t.deptIndex[dept]; !ok && !isCollectivity(dept) {
				return nil, bad("commune in an unknown department")
			}
			i := int32(len(t.communes))
			start := len(postal)
			for p := range strings.SplitSeq(f[3], " ") {
				if !wellFormedPostalCode(p) {
					return nil, bad("bad postal code")
				}
				pc := t.byPostal[p]
				pc.communes = append(pc.communes, i)
				if !slices.Contains(pc.departments, dept) {
					pc.departments = append(pc.departments, dept)
					slices.Sort(pc.departments)
				}
				t.byPostal[p] = pc
				postal = append(postal, p)
			}
			windows = append(windows, window{start, len(postal)})
			t.byINSEE[f[1]] = i
			t.communes = append(t.communes, Commune{INSEE: f[1], Name: f[2], Department: dept})
			t.byDept[dept] = append(t.byDept[dept], i)
		case f[0] == "K" && nf == 4:
			t.countryIndex[f[1]] = len(t.countries)
			t.countries = append(t.countries, Country{Code: f[1], NameFR: f[2], NameEN: f[3]})
		default:
			return nil, bad("unknown record")
		}
	}
	for i, w := range windows {
		t.communes[i].PostalCodes = postal[w.start:w.end:w.end]
	}
	return t, nil
}

// split cuts a line at its tabs into f and returns the number of fields,
// len(f)+1 when there are too many.
func split(line string, f *[5]string) int {
	for i := range f {
		var ok bool
		f[i], line, ok = strings.Cut(line, "\t")
		if !ok {
			return i + 1
		}
	}
	return len(f) + 1
}

// departmentOf returns the code of the department of an INSEE commune code:
// its first two characters ("69", "2A"), or three overseas ("974", and "987"
// for the overseas collectivities). internal/gen applies the same rule.
func departmentOf(insee string) string {
	if strings.HasPrefix(insee, "97") || strings.HasPrefix(insee, "98") {
		return insee[:3]
	}
	return insee[:2]
}

// isCollectivity reports whether code is one of the overseas collectivities
// whose communes are in La Poste's base: Saint-Pierre-et-Miquelon (975),
// Saint-Barthélemy (977), Saint-Martin (978), Wallis-et-Futuna (986), French
// Polynesia (987), New Caledonia (988) and Clipperton (989).
func isCollectivity(code string) bool {
	switch code {
	case "975", "977", "978", "986", "987", "988", "989":
		return true
	}
	return false
}

// communesAt returns copies of the communes at the indices, their postal
// codes in one new backing array: two allocations whatever the count.
func (t *tables) communesAt(idx []int32) []Commune {
	n := 0
	for _, i := range idx {
		n += len(t.communes[i].PostalCodes)
	}
	out := make([]Commune, len(idx))
	postal := make([]string, 0, n)
	for k, i := range idx {
		c := t.communes[i]
		start := len(postal)
		postal = append(postal, c.PostalCodes...)
		c.PostalCodes = postal[start:len(postal):len(postal)]
		out[k] = c
	}
	return out
}
