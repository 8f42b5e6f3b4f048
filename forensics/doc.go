// Package forensics holds the statistical tests that election observers run
// over the precinct results of the referendum. It is pure: it reads a slice
// of Station values and returns numbers (a Summary that encodes to JSON) and
// SVG charts; it opens no database and no network connection.
//
// # The input
//
// A Station is one polling station's protocol: registered voters, the
// ballots found in its boxes (Participants), the valid ballots and the votes
// for each answer. Two ratios are used throughout:
//
//	turnout   = Participants / Registered
//	yes share = Yes / Participants
//
// The yes share is taken over all ballots found in the boxes, invalid ones
// included, as Kobak, Shpilkin and Pshenichnikov (2016) take the leader's
// result; the Summary's totals also give the share over valid ballots, which
// is the one that decides the referendum. A station takes part in a method
// only when that method's denominators are positive.
//
// # The methods
//
//   - Fingerprint: the two-dimensional histogram of turnout against yes share
//     (Klimek, Yegorov, Hanel and Thurner, "Statistical detection of systematic
//     election irregularities", PNAS 109(41):16469–16473, 2012).
//   - Integer-percentage excess: how many stations report a turnout or a yes
//     share at an integer percentage, against a binomial Monte Carlo
//     expectation (Kobak, Shpilkin and Pshenichnikov, "Integer percentages as
//     electoral falsification fingerprints", Annals of Applied Statistics
//     10(1):54–73, 2016).
//   - Last digit test: the last digits of the vote counts against the uniform
//     distribution, by a χ² test with 9 degrees of freedom (Beber and Scacco,
//     "What the numbers say: a digit-based test for election fraud",
//     Political Analysis 20(2):211–234, 2012).
//   - Flag lists: stations with a turnout of 95% or more, stations at integer
//     percentages, and the control-relation warnings the caller passes in.
//
// Analyze runs them all; each also has a function of its own. The charts
// (FingerprintSVG, HistogramSVG, RegionsSVG from the Summary, ScatterSVG from
// the stations; Charts draws all five) are SVG documents, and WriteDir
// writes summary.json and the charts to a folder.
//
// A flag or a significant test is a reason to look at a protocol, never proof
// of fraud: docs/FORENSICS.md says how to read each number and where each
// method stops.
package forensics
