// Package referendum holds the rules of a nationwide referendum on a version
// of a charter: what a referendum is (its questions in kk, ru and en, the
// charter version it puts to the vote, its date and the rules that decide
// it), the territorial structure in which it is held (regions, districts
// with their territorial commissions, precincts), the protocols precinct
// commissions send and the control relations that check them, the import of
// protocols from a CSV file with a mapping of columns, the tally that adds
// the latest accepted revision of every precinct's protocol into district,
// regional and national totals, and the decision: whether the referendum is
// valid and whether the amendments are adopted.
//
// Everything here is a pure function of its arguments or an in-memory value:
// no database, no HTTP, no clock. The store persists what these rules accept
// and the web shows their results; neither re-implements a rule. Every
// failure a user can cause is an *atazan.Error whose Field (or Line, for
// imports) names the input at fault.
//
// # Counting
//
// The participants of a referendum are the ballots found in the boxes
// (in_boxes), valid and invalid alike. A ballot on which both "yes" and
// "no" are marked is valid but counts for neither answer (both); it still
// counts among the participants, so it weighs against adoption as a "no"
// does. All decisions are taken in integer arithmetic; the shares in a
// Result (turnout, yes_share) are for display only.
//
// # The rule of the Constitution of Kazakhstan
//
// The default rule set, kz-constitutional, follows the constitutional law
// "On the Republican Referendum": a referendum is valid when more than half
// of the citizens on the lists took part, and amendments to the Constitution
// are adopted when more than half of the participants voted for them
// nationally and, in at least two thirds of the regions, the cities of
// republican significance and the capital, more than half of the
// participants of that region voted for them. With k the number of regions
// where yes·2 > participants and n the number of regions with results, the
// regional condition is 3k ≥ 2n (14 of 20 regions suffice, 13 do not).
//
// docs/REFERENDUM.md describes the rules for people who do not read Go.
package referendum
