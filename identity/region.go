package identity

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/cases"

	"atazan"
)

// Region is a first-level administrative unit of Kazakhstan (an oblys, or a
// city of republican significance) that a participant declares.
type Region struct {
	Code  string            // stable identifier stored with accounts: lowercase a-z, 0-9 and '-'
	Names map[string]string // display names by language: "kk", "ru", "en"
}

// Name returns the region's name in lang, falling back to English and then
// to the code.
func (r Region) Name(lang string) string {
	if n := r.Names[lang]; n != "" {
		return n
	}
	if n := r.Names["en"]; n != "" {
		return n
	}
	return r.Code
}

// Regions is a configured set of regions, in display order.
type Regions []Region

// regionLangs are the languages every region names, in CSV column order.
var regionLangs = []string{"kk", "ru", "en"}

// defaultRegionsCSV lists Kazakhstan's 17 regions and 3 cities of republican
// significance (as of the 2022 reform that created Abai, Jetisu and Ulytau).
const defaultRegionsCSV = `code,kk,ru,en
abai,Абай облысы,Абайская область,Abai
akmola,Ақмола облысы,Акмолинская область,Akmola
aktobe,Ақтөбе облысы,Актюбинская область,Aktobe
almaty-region,Алматы облысы,Алматинская область,Almaty Region
atyrau,Атырау облысы,Атырауская область,Atyrau
east-kazakhstan,Шығыс Қазақстан облысы,Восточно-Казахстанская область,East Kazakhstan
jambyl,Жамбыл облысы,Жамбылская область,Jambyl
jetisu,Жетісу облысы,Жетысуская область,Jetisu
karaganda,Қарағанды облысы,Карагандинская область,Karaganda
kostanay,Қостанай облысы,Костанайская область,Kostanay
kyzylorda,Қызылорда облысы,Кызылординская область,Kyzylorda
mangystau,Маңғыстау облысы,Мангистауская область,Mangystau
north-kazakhstan,Солтүстік Қазақстан облысы,Северо-Казахстанская область,North Kazakhstan
pavlodar,Павлодар облысы,Павлодарская область,Pavlodar
turkistan,Түркістан облысы,Туркестанская область,Turkistan
ulytau,Ұлытау облысы,Улытауская область,Ulytau
west-kazakhstan,Батыс Қазақстан облысы,Западно-Казахстанская область,West Kazakhstan
astana,Астана,город Астана,Astana
almaty,Алматы қаласы,город Алматы,Almaty
shymkent,Шымкент,город Шымкент,Shymkent
`

// DefaultRegions returns Kazakhstan's 20 regions: 17 oblystar and the cities
// Astana, Almaty and Shymkent. Each call returns a fresh copy.
func DefaultRegions() Regions {
	rs, err := LoadRegions(strings.NewReader(defaultRegionsCSV))
	if err != nil {
		panic("identity: the built-in region list is invalid: " + err.Error())
	}
	return rs
}

// regionKey folds s for matching: trimmed, inner white space collapsed to one
// space, Unicode case folded (so "ALMATY REGION", "Almaty region" and
// "almaty region" are one key; likewise "АСТАНА" and "астана").
func regionKey(s string) string {
	return cases.Fold().String(strings.Join(strings.Fields(s), " "))
}

// Match returns the region whose code or name in any language equals s after
// folding (see regionKey). Names are unique across regions (LoadRegions
// enforces it), so at most one region matches. The error is an EInvalid
// *atazan.Error with Field "region" that says s is unknown and lists the
// codes that are known.
func (rs Regions) Match(s string) (Region, error) {
	k := regionKey(s)
	if k != "" {
		for _, r := range rs {
			if regionKey(r.Code) == k {
				return r, nil
			}
			for _, lang := range regionLangs {
				if n := r.Names[lang]; n != "" && regionKey(n) == k {
					return r, nil
				}
			}
		}
	}
	if k == "" {
		return Region{}, atazan.FieldErrorf("region", "is required")
	}
	codes := make([]string, len(rs))
	for i, r := range rs {
		codes[i] = r.Code
	}
	return Region{}, atazan.FieldErrorf("region", "unknown region %q; known regions: %s", strings.TrimSpace(s), strings.Join(codes, ", "))
}

// Codes returns the regions' codes in order.
func (rs Regions) Codes() []string {
	codes := make([]string, len(rs))
	for i, r := range rs {
		codes[i] = r.Code
	}
	return codes
}

// LoadRegions reads a region set from CSV. The first record must be the
// header "code,kk,ru,en"; every further record is one region. Codes must be
// lowercase a-z, 0-9 and '-', names must be non-empty, and no code or name
// may be used by two regions (after folding), so that Match is never
// ambiguous. Errors are *atazan.Error naming the line.
func LoadRegions(r io.Reader) (Regions, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, atazan.LineErrorf(1, "the region list is empty; want the header code,kk,ru,en")
	}
	if err != nil {
		return nil, csvError(err)
	}
	if h := strings.ToLower(strings.Join(header, ",")); h != "code,kk,ru,en" {
		return nil, atazan.LineErrorf(1, "header is %q, want code,kk,ru,en", strings.Join(header, ","))
	}
	var rs Regions
	owner := map[string]string{} // folded code or name → code of the region that uses it
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		code := strings.TrimSpace(rec[0])
		if err := validRegionCode(code); err != nil {
			return nil, atazan.LineErrorf(line, "region code %q %s", code, err)
		}
		reg := Region{Code: code, Names: map[string]string{}}
		texts := []string{code} // the code and the names, in column order
		for i, lang := range regionLangs {
			n := strings.Join(strings.Fields(rec[i+1]), " ")
			if n == "" {
				return nil, atazan.LineErrorf(line, "region %s has no %s name", code, lang)
			}
			reg.Names[lang] = n
			texts = append(texts, n)
		}
		if owner[regionKey(code)] == code {
			return nil, atazan.LineErrorf(line, "region code %s appears twice", code)
		}
		for _, t := range texts {
			if other, ok := owner[regionKey(t)]; ok && other != code {
				return nil, atazan.LineErrorf(line, "region %s: %q is already the code or a name of region %s", code, t, other)
			}
		}
		for _, t := range texts {
			owner[regionKey(t)] = code
		}
		rs = append(rs, reg)
	}
	if len(rs) == 0 {
		return nil, atazan.LineErrorf(2, "the region list has a header but no region")
	}
	return rs, nil
}

func validRegionCode(code string) error {
	if code == "" {
		return errors.New("is empty")
	}
	if len(code) > 64 {
		return errors.New("is longer than 64 bytes")
	}
	for _, c := range code {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return errors.New("may hold only a-z, 0-9 and '-'")
		}
	}
	return nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return atazan.LineErrorf(pe.Line, "%v", pe.Err)
	}
	return fmt.Errorf("reading the region list: %w", err)
}
