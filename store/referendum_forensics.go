package store

import (
	"context"

	"atazan/forensics"
	"atazan/referendum"
)

// ForensicsStations returns the counted protocol of every precinct that
// reported, as package forensics reads a polling station: its ID is
// "region / district / precinct", its registered voters those of the
// protocol, its participants the ballots in the boxes, its valid ballots
// those in the boxes less the invalid ones (ballots marked both ways are
// valid). The control warnings are the warnings of those protocols.
func (s *Store) ForensicsStations(ctx context.Context, id referendum.ID) ([]forensics.Station, []forensics.ControlWarning, error) {
	st, err := s.Structure(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	counted, err := s.CountedProtocols(ctx, id, -1)
	if err != nil {
		return nil, nil, err
	}
	stations := make([]forensics.Station, 0, len(counted))
	var warnings []forensics.ControlWarning
	for _, c := range counted {
		p := &c.Revision.Protocol
		name := st.Name(c.Revision.Precinct)
		stations = append(stations, forensics.Station{ID: name, Region: st.Regions[st.Precincts[c.Revision.Precinct].Region].Code,
			Registered: p.Values[referendum.Registered], Participants: p.Values[referendum.InBoxes],
			Valid: p.Values[referendum.InBoxes] - p.Values[referendum.Invalid], Yes: p.Values[referendum.Yes], No: p.Values[referendum.No]})
		for _, w := range c.Warnings {
			warnings = append(warnings, forensics.ControlWarning{StationID: name, Rule: w})
		}
	}
	return stations, warnings, nil
}
