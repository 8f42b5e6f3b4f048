package forensics_test

import (
	"fmt"

	"atazan/forensics"
)

func ExampleAnalyze() {
	stations := []forensics.Station{
		{ID: "12-001", Region: "North", Registered: 2000, Participants: 1700, Valid: 1690, Yes: 1352, No: 338},
		{ID: "12-002", Region: "North", Registered: 1000, Participants: 613, Valid: 613, Yes: 429, No: 184},
		{ID: "14-001", Region: "South", Registered: 500, Participants: 480, Valid: 480, Yes: 456, No: 24},
		{ID: "14-002", Region: "South", Registered: 1501, Participants: 1000, Valid: 1000, Yes: 777, No: 223},
	}
	s, err := forensics.Analyze(stations, forensics.Options{
		Seed:    1,
		Control: []forensics.ControlWarning{{StationID: "14-002", Rule: "issued >= in boxes"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("turnout %.1f%%, yes %.1f%% of ballots in the boxes\n", 100*s.Totals.Turnout, 100*s.Totals.YesShare)
	fmt.Printf("integer turnouts: %d observed in %d stations\n", s.Integer.Turnout.Observed, s.Integer.Stations)
	for _, f := range s.Flags.Stations {
		fmt.Println(f.ID, f.Reasons)
	}
	// Output:
	// turnout 75.8%, yes 79.5% of ballots in the boxes
	// integer turnouts: 2 observed in 4 stations
	// 14-001 [high_turnout integer_turnout integer_yes_share]
	// 12-001 [integer_turnout]
	// 12-002 [integer_yes_share]
	// 14-002 [control: issued >= in boxes]
}
