package consult

import "atazan"

// CanSupport decides whether a citizen may support a proposal in status p.
//
// The rules of supports, all of them:
//
//   - only a signed-in citizen supports, at most once per proposal: the
//     store keeps one support per account and proposal, and a second
//     request (a double click) changes nothing and is not an error;
//   - a support can be revoked, and given again, while the consultation is
//     open (Consultation.CheckOpen); once it closes, the counts are final;
//   - a hidden proposal cannot gain supports (this function); the supports
//     it had are kept, still counted, and come back into view if it is
//     restored.
func CanSupport(p Status) error {
	if p == StatusHidden {
		return atazan.Errorf(atazan.EConflict, "this proposal was hidden by moderation and cannot be supported")
	}
	return nil
}
