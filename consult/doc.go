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
// # Moderation
//
// Moderators hide the text of a proposal or a comment for one of a fixed
// list of reasons; nothing is deleted. A hidden item keeps its place, its
// supports and its count, and its page says that it was hidden by
// moderation, for which reason, by which role and when. Any signed-in
// account may report an item, once. The author of a hidden item may ask
// once for a review, which another moderator decides: uphold (it stays
// hidden) or restore.
//
// docs/CONSULTATION.md describes the rules for people who do not read Go.
package consult
