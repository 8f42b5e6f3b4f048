package referendum

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"atazan"
)

// RegionID, DistrictID and PrecinctID index a Structure's slices.
type (
	RegionID   int32
	DistrictID int32
	PrecinctID int32
)

// Region is a first-level territory: a region (oblys), a city of
// republican significance, the capital, or the precincts abroad.
type Region struct {
	Code      string
	Abroad    bool // precincts abroad: counted nationally, not in the regional rule
	Districts []DistrictID
}

// District is a territorial commission's area within a region.
type District struct {
	Code      string
	Region    RegionID
	Precincts []PrecinctID
}

// Precinct is a precinct commission's area, with the voters on its list.
type Precinct struct {
	Code       string
	District   DistrictID
	Region     RegionID
	Registered int64
}

// Structure is the territorial structure of a referendum: regions, their
// districts, and the districts' precincts. A code is unique within its
// parent: two districts of one region have different codes, but a district
// or a precinct code may recur in another region or district (precinct
// "1" exists in every district). A code is 1 to 200 characters, trimmed,
// without control characters; it may be a name ("УИК №1").
//
// IDs are indexes into Regions, Districts and Precincts, given in the
// order of addition and never reused; Lookup and friends find them by codes.
type Structure struct {
	Regions   []Region
	Districts []District
	Precincts []Precinct

	regionIdx   map[string]RegionID
	districtIdx map[districtKey]DistrictID
	precinctIdx map[precinctKey]PrecinctID
}

type districtKey struct {
	r    RegionID
	code string
}

type precinctKey struct {
	d    DistrictID
	code string
}

// NewStructure returns an empty structure.
func NewStructure() *Structure {
	return &Structure{
		regionIdx:   map[string]RegionID{},
		districtIdx: map[districtKey]DistrictID{},
		precinctIdx: map[precinctKey]PrecinctID{},
	}
}

// maxCodeChars is the longest code, in characters.
const maxCodeChars = 200

// validCode checks a code; field names the level ("region", "district", "precinct").
func validCode(field, code string) error {
	if code == "" {
		return atazan.FieldErrorf(field, "the %s code is empty", field)
	}
	if strings.TrimSpace(code) != code {
		return atazan.FieldErrorf(field, "the %s code %q has surrounding spaces", field, code)
	}
	n := 0
	for _, r := range code {
		if r < 0x20 || r == 0x7f {
			return atazan.FieldErrorf(field, "the %s code %q has a control character", field, code)
		}
		n++
	}
	if n > maxCodeChars {
		return atazan.FieldErrorf(field, "the %s code is longer than %d characters", field, maxCodeChars)
	}
	return nil
}

// Region returns the region with the code.
func (s *Structure) Region(code string) (RegionID, bool) {
	id, ok := s.regionIdx[code]
	return id, ok
}

// District returns the district with the code within a region.
func (s *Structure) District(region, district string) (DistrictID, bool) {
	r, ok := s.regionIdx[region]
	if !ok {
		return 0, false
	}
	id, ok := s.districtIdx[districtKey{r, district}]
	return id, ok
}

// Lookup returns the precinct with the codes.
func (s *Structure) Lookup(region, district, precinct string) (PrecinctID, bool) {
	d, ok := s.District(region, district)
	if !ok {
		return 0, false
	}
	id, ok := s.precinctIdx[precinctKey{d, precinct}]
	return id, ok
}

// AddRegion adds a region, or returns the existing one with the code when
// abroad agrees; a region cannot be both abroad and at home.
func (s *Structure) AddRegion(code string, abroad bool) (RegionID, error) {
	if id, ok := s.regionIdx[code]; ok {
		if s.Regions[id].Abroad != abroad {
			return 0, atazan.FieldErrorf("abroad", "region %s is already %s", code, abroadWord(s.Regions[id].Abroad))
		}
		return id, nil
	}
	if err := validCode("region", code); err != nil {
		return 0, err
	}
	id := RegionID(len(s.Regions))
	s.Regions = append(s.Regions, Region{Code: code, Abroad: abroad})
	s.regionIdx[code] = id
	return id, nil
}

func abroadWord(abroad bool) string {
	if abroad {
		return "abroad"
	}
	return "at home, not abroad"
}

// AddDistrict adds a district to a region, or returns the existing one.
func (s *Structure) AddDistrict(r RegionID, code string) (DistrictID, error) {
	if id, ok := s.districtIdx[districtKey{r, code}]; ok {
		return id, nil
	}
	if err := validCode("district", code); err != nil {
		return 0, err
	}
	id := DistrictID(len(s.Districts))
	s.Districts = append(s.Districts, District{Code: code, Region: r})
	s.Regions[r].Districts = append(s.Regions[r].Districts, id)
	s.districtIdx[districtKey{r, code}] = id
	return id, nil
}

// AddPrecinct adds a precinct with its registered voters, creating its
// region and district when they are new. A precinct whose codes are
// already in the structure is an EConflict error.
func (s *Structure) AddPrecinct(region, district, precinct string, registered int64, abroad bool) (PrecinctID, error) {
	if registered < 0 {
		return 0, atazan.FieldErrorf("registered", "registered voters cannot be negative (%d)", registered)
	}
	for _, c := range [][2]string{{"region", region}, {"district", district}, {"precinct", precinct}} {
		if err := validCode(c[0], c[1]); err != nil {
			return 0, err
		}
	}
	if r, ok := s.regionIdx[region]; ok && s.Regions[r].Abroad != abroad {
		return 0, atazan.FieldErrorf("abroad", "region %s is already %s", region, abroadWord(s.Regions[r].Abroad))
	}
	if _, ok := s.Lookup(region, district, precinct); ok {
		return 0, atazan.Errorf(atazan.EConflict, "precinct %s of district %s, region %s, is listed twice", precinct, district, region)
	}
	r, err := s.AddRegion(region, abroad)
	if err != nil {
		return 0, err
	}
	d, err := s.AddDistrict(r, district)
	if err != nil {
		return 0, err
	}
	id := PrecinctID(len(s.Precincts))
	s.Precincts = append(s.Precincts, Precinct{Code: precinct, District: d, Region: r, Registered: registered})
	s.Districts[d].Precincts = append(s.Districts[d].Precincts, id)
	s.precinctIdx[precinctKey{d, precinct}] = id
	return id, nil
}

// Name returns "region / district / precinct" for a precinct, as messages show it.
func (s *Structure) Name(p PrecinctID) string {
	pr := s.Precincts[p]
	return s.Regions[pr.Region].Code + " / " + s.Districts[pr.District].Code + " / " + pr.Code
}

// Registered returns the registered voters of all precincts.
func (s *Structure) Registered() int64 {
	var n int64
	for _, p := range s.Precincts {
		n += p.Registered
	}
	return n
}

// structureHeader is ParseStructure's header, without the optional last column.
var structureHeader = []string{"region", "district", "precinct", "registered"}

// ParseStructure reads a territorial structure from CSV (RFC 4180, UTF-8,
// with or without a byte order mark). The header is
//
//	region,district,precinct,registered[,abroad]
//
// (names matched without regard to case or surrounding spaces), and every
// further record is one precinct: the codes of its region, district and
// precinct, its registered voters (a whole number, zero or more) and,
// when the column is present, whether its region is abroad ("true", "yes"
// or "1"; "false", "no", "0" or empty). Every precinct of a region must
// agree on abroad. Codes are trimmed; see Structure for what a code may be.
// For example:
//
//	region,district,precinct,registered,abroad
//	astana,almaty-district,1,2140,
//	astana,almaty-district,2,1987,
//	abroad,europe,moscow-1,3120,true
//
// Errors are *atazan.Error naming the line; the first stops the parse.
func ParseStructure(r io.Reader) (*Structure, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, atazan.LineErrorf(1, "the file is empty; want the header region,district,precinct,registered[,abroad]")
	}
	if err != nil {
		return nil, csvLineError(err)
	}
	hasAbroad := len(header) == 5
	ok := len(header) == 4 || hasAbroad && strings.EqualFold(strings.TrimSpace(header[4]), "abroad")
	for i, h := range structureHeader {
		ok = ok && strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff")), h)
	}
	if !ok {
		return nil, atazan.LineErrorf(1, "the header is %q; want region,district,precinct,registered[,abroad]", strings.Join(header, ","))
	}
	s := NewStructure()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvLineError(err)
		}
		line, _ := cr.FieldPos(0)
		reg, err := strconv.ParseInt(strings.TrimSpace(rec[3]), 10, 64)
		if err != nil || reg < 0 {
			return nil, atazan.LineErrorf(line, "registered voters %q is not a whole number of zero or more", rec[3])
		}
		abroad := false
		if hasAbroad {
			if abroad, ok = parseBool(rec[4]); !ok {
				return nil, atazan.LineErrorf(line, "abroad %q is not true, false, yes, no, 1, 0 or empty", rec[4])
			}
		}
		if _, err := s.AddPrecinct(strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2]), reg, abroad); err != nil {
			return nil, atazan.LineErrorf(line, "%s", atazan.ErrorMessage(err))
		}
	}
	if len(s.Precincts) == 0 {
		return nil, atazan.LineErrorf(2, "the file has a header but no precinct")
	}
	return s, nil
}

func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1":
		return true, true
	case "false", "no", "0", "":
		return false, true
	}
	return false, false
}

// csvLineError turns a CSV syntax error into an error naming its line.
func csvLineError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return atazan.LineErrorf(pe.Line, "%v", pe.Err)
	}
	return fmt.Errorf("reading CSV: %w", err)
}
