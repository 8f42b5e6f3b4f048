package identity

import (
	"context"
	"strings"

	"atazan"
)

// Verification levels.
const (
	// LevelSelfDeclared: the person typed an IIN that is well formed; nobody
	// has confirmed that it is theirs.
	LevelSelfDeclared = "self-declared"
	// LevelVerified: an identity provider confirmed that the IIN belongs to
	// the person who registered.
	LevelVerified = "verified"
)

// Verification is what a Verifier established about a person.
type Verification struct {
	Level    string // LevelSelfDeclared or LevelVerified
	Provider string // who established it, e.g. "self" or "egov"
}

// Verifier establishes that an IIN belongs to the named person.
//
// Contract: Verify returns a Verification when the check ran and passed; an
// *atazan.Error (EInvalid with Field "iin", or EUnauthorized when a provider
// refuses the person) when the person is at fault; any other error when the
// provider could not be reached, which callers treat as internal and may
// retry. Verify must honour ctx's deadline. Implementations must not store or
// log the clear IIN.
//
// SelfDeclared is the built-in implementation. A real identity provider (the
// eGov digital ID, with the person's consent) plugs in here later and returns
// LevelVerified; nothing else in the platform changes.
type Verifier interface {
	Verify(ctx context.Context, iin IIN, name string) (Verification, error)
}

// SelfDeclared checks the number only: it re-parses the IIN (so a value made
// by conversion rather than ParseIIN is still checked) and returns
// LevelSelfDeclared with Provider "self". The name is not checked against
// anything.
type SelfDeclared struct{}

// Verify implements Verifier.
func (SelfDeclared) Verify(ctx context.Context, iin IIN, name string) (Verification, error) {
	if err := ctx.Err(); err != nil {
		return Verification{}, err
	}
	if _, err := ParseIIN(string(iin)); err != nil {
		return Verification{}, err
	}
	if strings.TrimSpace(name) == "" {
		return Verification{}, atazan.FieldErrorf("name", "is required")
	}
	return Verification{Level: LevelSelfDeclared, Provider: "self"}, nil
}
