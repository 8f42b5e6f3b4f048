package identity

import (
	"fmt"
	"testing"

	"atazan"
)

// grid is the permission table written out by hand, independently of
// role.go: one row per role, one column per action in AllActions order;
// x means allowed.
//
//	columns: propose support comment report request_review moderate
//	         open_consultation manage_charter manage_accounts decide_cluster
//	         vote manage_meeting enter_protocol declare_result
var grid = map[Role]string{
	//                     p s c r q m o h a d v g e r
	RoleCitizen:           "x x x x x . . . . . . . . .",
	RoleModerator:         ". . . x . x . . . . . . . .",
	RoleSecretariat:       ". . . x . . . . . x . . . .",
	RoleCommissionMember:  ". . . x . . . . . . x . . .",
	RoleCommissionChair:   ". . . x . . . . . . x x . .",
	RoleReferendumOfficer: ". . . x . . . . . . . . x .",
	RoleCentralCommission: ". . . x . . . . . . . . . x",
	RoleAdministrator:     ". . . x . . x x x . . . . .",
}

func TestCanEveryPair(t *testing.T) {
	actions := AllActions()
	if len(actions) != 14 || len(permissions) != len(actions) {
		t.Fatalf("%d actions, %d in the table: update the grid", len(actions), len(permissions))
	}
	if len(grid) != len(AllRoles()) {
		t.Fatalf("grid has %d roles, want %d", len(grid), len(AllRoles()))
	}
	for _, r := range AllRoles() {
		row := grid[r]
		for i, a := range actions {
			want := row[2*i] == 'x'
			if got := Can([]Role{r}, a); got != want {
				t.Errorf("Can(%s, %s) = %v, want %v", r, a, got, want)
			}
			err := Authorize([]Role{r}, a)
			if want != (err == nil) {
				t.Errorf("Authorize(%s, %s) = %v", r, a, err)
			}
			if err != nil && atazan.ErrorCode(err) != atazan.EForbidden {
				t.Errorf("Authorize(%s, %s): code %s", r, a, atazan.ErrorCode(err))
			}
		}
	}
}

func TestCanSeveralRoles(t *testing.T) {
	tests := []struct {
		roles []Role
		a     Action
		want  bool
	}{
		{nil, ActReport, false},
		{nil, ActPropose, false},
		{[]Role{RoleCitizen, RoleModerator}, ActModerate, true},
		{[]Role{RoleCitizen, RoleModerator}, ActPropose, true},
		{[]Role{RoleCitizen, RoleModerator}, ActManageCharter, false},
		{[]Role{RoleModerator, RoleAdministrator}, ActPropose, false},
		{[]Role{RoleCommissionMember, RoleCommissionChair}, ActManageMeeting, true},
		{[]Role{"superuser"}, ActManageAccounts, false},
		{[]Role{RoleAdministrator}, "delete_everything", false},
	}
	for _, tt := range tests {
		if got := Can(tt.roles, tt.a); got != tt.want {
			t.Errorf("Can(%v, %s) = %v", tt.roles, tt.a, got)
		}
	}
}

func TestAuthorizeMessage(t *testing.T) {
	tests := []struct {
		roles []Role
		a     Action
		msg   string
	}{
		{[]Role{RoleCitizen}, ActModerate, "moderate is allowed only to moderator; this account is citizen"},
		{[]Role{RoleModerator}, ActManageCharter, "manage_charter is allowed only to administrator; this account is moderator"},
		{[]Role{RoleCitizen, RoleModerator}, ActVote, "vote is allowed only to commission_member or commission_chair; this account is citizen, moderator"},
		{nil, ActPropose, "propose is allowed only to citizen; this account is without a role"},
		{[]Role{RoleAdministrator}, "drop", `"drop" is not a known action; nobody may do it`},
	}
	for _, tt := range tests {
		err := Authorize(tt.roles, tt.a)
		if err == nil || err.Error() != tt.msg || atazan.ErrorCode(err) != atazan.EForbidden {
			t.Errorf("Authorize(%v, %s) = %v, want %s", tt.roles, tt.a, err, tt.msg)
		}
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range AllRoles() {
		if got, err := ParseRole(" " + string(r) + " "); err != nil || got != r {
			t.Errorf("ParseRole(%s) = %s, %v", r, got, err)
		}
	}
	for _, s := range []string{"", "Citizen", "admin", "commission chair"} {
		_, err := ParseRole(s)
		if err == nil || atazan.ErrorCode(err) != atazan.EInvalid || err.(*atazan.Error).Field != "role" {
			t.Errorf("ParseRole(%q) = %v", s, err)
		}
	}
}

func TestRolesFor(t *testing.T) {
	rs := RolesFor(ActVote)
	rs[0] = RoleAdministrator // a copy: the table cannot be changed through it
	if Can([]Role{RoleAdministrator}, ActVote) {
		t.Error("RolesFor exposes the permission table")
	}
	if RolesFor("nothing") != nil {
		t.Error("RolesFor of an unknown action is not nil")
	}
}

func ExampleAuthorize() {
	roles := []Role{RoleCitizen, RoleModerator}
	fmt.Println(Can(roles, ActModerate), Can(roles, ActManageCharter))
	fmt.Println(Authorize(roles, ActManageCharter))
	// Output:
	// true false
	// manage_charter is allowed only to administrator; this account is citizen, moderator
}
