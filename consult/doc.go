// Package consult holds the rules of the public consultation on a draft
// version of a charter: when a consultation accepts proposals, what a
// proposal, a comment, a support, a report and a moderation decision must
// look like, how a proposal's text is normalized, its idempotency key, its
// receipt, the language it is written in, and the import of proposals that
// arrived by other channels (letters, e-mail, other portals).
//
// Everything here is a pure function of its arguments: no database, no HTTP,
// no clock. The store persists what these rules accept and the web translates
// their errors; neither re-implements a rule. Every failure a user can cause
// is an *atazan.Error whose Field (or Line, for imports) names the input at
// fault and whose message names the limit or the fix.
//
// docs/CONSULTATION.md describes the rules for people who do not read Go.
package consult
