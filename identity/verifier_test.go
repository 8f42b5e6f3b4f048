package identity

import (
	"context"
	"errors"
	"testing"

	"atazan"
)

func TestSelfDeclared(t *testing.T) {
	var v Verifier = SelfDeclared{}
	ctx := context.Background()
	got, err := v.Verify(ctx, "900101300017", "Aigerim Sadykova")
	if err != nil || got != (Verification{Level: LevelSelfDeclared, Provider: "self"}) {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	// A value converted without ParseIIN is still checked.
	if _, err := v.Verify(ctx, "900101300014", "Aigerim"); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("Verify of a bad check digit: %v", err)
	}
	if _, err := v.Verify(ctx, "900101300017", " "); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("Verify without a name: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := v.Verify(cancelled, "900101300017", "Aigerim"); !errors.Is(err, context.Canceled) {
		t.Errorf("Verify on a cancelled context: %v", err)
	}
}
