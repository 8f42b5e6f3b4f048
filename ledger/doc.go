// Package ledger is atazan's public log: every change of public state (a
// charter version created or published, and later proposals, votes and
// results) is appended as a record to a tamper-evident Merkle log that anyone
// can audit offline. This package is the whole of what an auditor needs; it
// imports no database and no HTTP server.
//
// The log is built from public specifications, so it can be checked with
// tools that know nothing of atazan:
//
//   - Records (Record, Encode, Decode) are canonical JSON objects, at most
//     MaxRecordSize bytes. Texts that moderation may remove enter the log only
//     as commitments (Commit); accounts only as pseudonyms (Pseudonym).
//   - The tree is the RFC 6962 Merkle tree over the records: leaf hash
//     SHA-256(0x00 || record), node hash SHA-256(0x01 || left || right),
//     computed with golang.org/x/mod/sumdb/tlog.
//   - The tree head is a C2SP tlog-checkpoint (Checkpoint) in a signed note
//     with an Ed25519 key named by the log's origin.
//   - Hashes and records are served as C2SP tlog-tiles (TilePath,
//     EncodeBundle) under the log prefix <server>/log.
//   - Replay rebuilds the public state from the records and checks that each
//     record was allowed; Auditor does all of the above against a running
//     server and compares the state with the server's JSON API.
//
// docs/LOG.md describes the formats with examples and how to audit a server.
package ledger
