package identity

import (
	"slices"
	"strings"

	"atazan"
)

// Role is what an account is entrusted with. An account may hold several
// roles; it may do whatever any of them allows.
type Role string

// The roles, in the order they are listed to people.
const (
	RoleCitizen           Role = "citizen"            // takes part in consultations
	RoleModerator         Role = "moderator"          // reviews reported and flagged contributions
	RoleSecretariat       Role = "secretariat"        // systematizes proposals into clusters
	RoleCommissionMember  Role = "commission_member"  // votes in the constitutional commission
	RoleCommissionChair   Role = "commission_chair"   // votes and runs the commission's meetings
	RoleReferendumOfficer Role = "referendum_officer" // enters polling-station protocols
	RoleCentralCommission Role = "central_commission" // declares referendum results
	RoleAdministrator     Role = "administrator"      // runs the platform: accounts, charters, consultations
)

// AllRoles returns every role, in display order.
func AllRoles() []Role {
	return []Role{RoleCitizen, RoleModerator, RoleSecretariat, RoleCommissionMember,
		RoleCommissionChair, RoleReferendumOfficer, RoleCentralCommission, RoleAdministrator}
}

// ParseRole returns the role named s (trimmed, exact lowercase name). The
// error is an EInvalid *atazan.Error with Field "role" that lists the roles.
func ParseRole(s string) (Role, error) {
	r := Role(strings.TrimSpace(s))
	if slices.Contains(AllRoles(), r) {
		return r, nil
	}
	names := make([]string, 0, 8)
	for _, r := range AllRoles() {
		names = append(names, string(r))
	}
	return "", atazan.FieldErrorf("role", "unknown role %q; roles are %s", strings.TrimSpace(s), strings.Join(names, ", "))
}

// Action is something an account may be allowed to do. Some actions belong
// to parts of the platform that are still to be built; they are listed now so
// that the permission table is complete and reviewed in one place.
type Action string

// The actions.
const (
	ActPropose          Action = "propose"           // submit a proposal to an open consultation
	ActSupport          Action = "support"           // support someone's proposal
	ActComment          Action = "comment"           // comment on a proposal
	ActReport           Action = "report"            // report a contribution to the moderators
	ActRequestReview    Action = "request_review"    // ask for a moderation decision to be reviewed
	ActModerate         Action = "moderate"          // hide, restore or annotate contributions
	ActOpenConsultation Action = "open_consultation" // open or close a consultation
	ActManageCharter    Action = "manage_charter"    // import and publish charter versions
	ActManageAccounts   Action = "manage_accounts"   // grant and revoke roles, disable accounts
	ActDecideCluster    Action = "decide_cluster"    // merge, split and summarize proposal clusters
	ActVote             Action = "vote"              // vote in the commission
	ActManageMeeting    Action = "manage_meeting"    // convene meetings, set agendas, open and close votes
	ActEnterProtocol    Action = "enter_protocol"    // enter a polling station's protocol
	ActDeclareResult    Action = "declare_result"    // declare a referendum's result
)

// permissions is THE table of who may do what. Nothing else in the platform
// decides permissions; storage and HTTP call Can or Authorize.
//
// Reporting is open to every role: anyone signed in may report abuse.
var permissions = map[Action][]Role{
	ActPropose:          {RoleCitizen},
	ActSupport:          {RoleCitizen},
	ActComment:          {RoleCitizen},
	ActReport:           AllRoles(),
	ActRequestReview:    {RoleCitizen},
	ActModerate:         {RoleModerator},
	ActOpenConsultation: {RoleAdministrator},
	ActManageCharter:    {RoleAdministrator},
	ActManageAccounts:   {RoleAdministrator},
	ActDecideCluster:    {RoleSecretariat},
	ActVote:             {RoleCommissionMember, RoleCommissionChair},
	ActManageMeeting:    {RoleCommissionChair},
	ActEnterProtocol:    {RoleReferendumOfficer},
	ActDeclareResult:    {RoleCentralCommission},
}

// AllActions returns every action, in a stable order.
func AllActions() []Action {
	return []Action{ActPropose, ActSupport, ActComment, ActReport, ActRequestReview,
		ActModerate, ActOpenConsultation, ActManageCharter, ActManageAccounts,
		ActDecideCluster, ActVote, ActManageMeeting, ActEnterProtocol, ActDeclareResult}
}

// RolesFor returns the roles that may do a, in display order, or nil for an
// unknown action.
func RolesFor(a Action) []Role {
	return slices.Clone(permissions[a])
}

// Can reports whether an account holding roles may do a: true if any of the
// roles is allowed. Unknown roles and unknown actions allow nothing.
func Can(roles []Role, a Action) bool {
	for _, r := range permissions[a] {
		if slices.Contains(roles, r) {
			return true
		}
	}
	return false
}

// Authorize returns nil if Can(roles, a), and otherwise an EForbidden
// *atazan.Error that names the action, the roles that may do it and the
// roles the account holds.
func Authorize(roles []Role, a Action) error {
	if Can(roles, a) {
		return nil
	}
	allowed := permissions[a]
	if len(allowed) == 0 {
		return atazan.Errorf(atazan.EForbidden, "%q is not a known action; nobody may do it", a)
	}
	return atazan.Errorf(atazan.EForbidden, "%s is allowed only to %s; this account is %s",
		a, joinRoles(allowed, " or "), holds(roles))
}

func joinRoles(rs []Role, sep string) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, sep)
}

func holds(roles []Role) string {
	if len(roles) == 0 {
		return "without a role"
	}
	return joinRoles(roles, ", ")
}
