// Package consolidate holds the rules of the systematization: how the
// secretariat turns tens of thousands of proposals into one cluster per idea,
// flags organised campaigns, records the fate of every cluster, and publishes
// the consolidated table.
//
// A cluster groups proposals on one unit of the version under consultation
// that say the same thing (package cluster finds them). Each proposal is in
// exactly one cluster at any time. The secretariat may merge clusters, split
// proposals off a cluster, move a proposal to another cluster, assign a
// cluster to a working group, record a decision with its reason, and link a
// cluster to the amendment that answers it. Each of these is a public log
// record; the rules that decide whether one is allowed live here, once, for
// both stores and for the log's replay.
//
// The package imports no storage or HTTP package.
package consolidate
