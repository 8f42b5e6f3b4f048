package referendum

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// proto builds a protocol from name=value pairs; fields not named are not reported.
func proto(t testing.TB, kv map[string]int64) Protocol {
	t.Helper()
	var p Protocol
	for k, v := range kv {
		f, ok := ParseField(k)
		if !ok {
			t.Fatalf("unknown field %q", k)
		}
		p.Set(f, v)
	}
	return p
}

func good() map[string]int64 {
	return map[string]int64{"registered": 2000, "received": 1800, "issued": 1500, "cancelled": 300,
		"in_boxes": 1500, "invalid": 20, "yes": 1200, "no": 250, "both": 30}
}

func with(m map[string]int64, kv ...any) map[string]int64 {
	c := map[string]int64{}
	for k, v := range m {
		c[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		if kv[i+1] == nil {
			delete(c, k)
			continue
		}
		c[k] = int64(kv[i+1].(int))
	}
	return c
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name   string
		p      map[string]int64
		rules  []string
		reject bool
		msg    string // part of the first violation's message
	}{
		{"good", good(), nil, false, ""},
		{"both not reported", with(good(), "both", nil, "no", 280), nil, false, ""},
		{"both not reported, sum off", with(good(), "both", nil), []string{"boxes_sum"}, true, "invalid + yes + no + both is 20 + 1200 + 250 + 0 = 1470"},
		{"negative", with(good(), "cancelled", -1, "received", 1499), []string{"non_negative"}, true, "cancelled is -1"},
		{"boxes sum", with(good(), "yes", 1201), []string{"boxes_sum"}, true, "in_boxes is 1500"},
		{"received balance", with(good(), "received", 1900), []string{"received_balance"}, true, "received is 1900 but issued + cancelled is 1500 + 300 = 1800"},
		{"received balance skipped", with(good(), "received", nil), nil, false, ""},
		{"cancelled not given", with(good(), "cancelled", nil), nil, false, ""},
		{"issued over registered", with(good(), "registered", 1400), []string{"issued_le_registered"}, false, "issued (1500) is 100 more than registered (1400)"},
		{"more in boxes than issued", with(good(), "issued", 1490, "cancelled", 310), []string{"boxes_eq_issued"}, false, "in_boxes (1500) is 10 more than issued (1490): +10"},
		{"fewer in boxes than issued", with(good(), "issued", 1507, "cancelled", 293), []string{"boxes_eq_issued"}, false, "in_boxes (1500) is 7 fewer than issued (1507): -7"},
		{"issued not reported", with(good(), "issued", nil, "received", nil), nil, false, ""},
		{"required", with(good(), "yes", nil), []string{"required"}, true, "not reported: yes"},
		{"several", with(good(), "registered", 1000, "yes", 1300), []string{"boxes_sum", "issued_le_registered"}, true, "in_boxes is 1500"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs := Check(proto(t, tc.p))
			if got := RuleNames(vs); !reflect.DeepEqual(got, tc.rules) && !(len(got) == 0 && len(tc.rules) == 0) {
				t.Fatalf("rules %v, want %v (%v)", got, tc.rules, vs)
			}
			if Rejects(vs) != tc.reject {
				t.Errorf("rejects = %v, want %v", Rejects(vs), tc.reject)
			}
			if tc.msg != "" && !strings.Contains(vs[0].Message, tc.msg) {
				t.Errorf("message %q does not contain %q", vs[0].Message, tc.msg)
			}
		})
	}
}

func TestRuleNamesStable(t *testing.T) {
	var got []string
	for _, r := range Rules {
		got = append(got, r.Name+":"+r.Severity.String())
	}
	want := []string{"non_negative:error", "required:error", "boxes_sum:error", "received_balance:error", "issued_le_registered:warning", "boxes_eq_issued:warning"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rules %v, want %v", got, want)
	}
}

func TestProtocolJSON(t *testing.T) {
	p := proto(t, with(good(), "both", nil))
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "both") || !strings.Contains(string(b), `"in_boxes":1500`) {
		t.Errorf("JSON %s", b)
	}
	var q Protocol
	if err := json.Unmarshal(b, &q); err != nil || q != p {
		t.Errorf("round trip: %+v, %v", q, err)
	}
	if err := json.Unmarshal([]byte(`{"spoiled":3}`), &q); err == nil {
		t.Error("unknown field accepted")
	}
	v, _ := json.Marshal(Violation{Rule: "boxes_sum", Severity: Error, Message: "m"})
	if string(v) != `{"rule":"boxes_sum","severity":"error","message":"m"}` {
		t.Errorf("violation JSON %s", v)
	}
}

func TestParseForm(t *testing.T) {
	f, err := ParseForm([]string{"registered", "issued", "in_boxes", "invalid", "yes", "no"})
	if err != nil || f.Set().Has(Both) || !f.Set().Has(Issued) {
		t.Fatalf("%v %v", f, err)
	}
	if got := strings.Join(DefaultForm().Names(), ","); got != "registered,received,issued,cancelled,in_boxes,invalid,yes,no,both" {
		t.Errorf("default form %s", got)
	}
	for _, names := range [][]string{
		{"registered", "in_boxes", "invalid", "yes"},
		{"registered", "in_boxes", "invalid", "yes", "no", "no"},
		{"registered", "in_boxes", "invalid", "yes", "no", "spoiled"},
	} {
		if _, err := ParseForm(names); err == nil || !strings.HasPrefix(err.Error(), "form: ") {
			t.Errorf("%v: %v", names, err)
		}
	}
}
