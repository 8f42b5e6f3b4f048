package identity

import (
	"fmt"
	"net/netip"
	"sync"
	"testing"
	"time"

	"atazan"
)

var t0 = time.Date(2026, 3, 1, 14, 0, 0, 0, time.UTC)

func TestLimiterBurstAndRefill(t *testing.T) {
	l, err := NewLimiter(Rate{N: 10, Per: time.Minute}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A burst of 10 at once, then refused; retry after one interval (6 s).
	for i := range 10 {
		if ok, _ := l.Allow("a", t0); !ok {
			t.Fatalf("event %d of the burst refused", i+1)
		}
	}
	ok, retry := l.Allow("a", t0)
	if ok || retry != 6*time.Second {
		t.Fatalf("11th event = %v, retry %v; want refused, 6s", ok, retry)
	}
	// Refusals do not consume: still 6 s from t0.
	if ok, retry := l.Allow("a", t0.Add(2*time.Second)); ok || retry != 4*time.Second {
		t.Fatalf("at +2s = %v, %v; want refused, 4s", ok, retry)
	}
	// One token back after 6 s, exactly one.
	if ok, _ := l.Allow("a", t0.Add(6*time.Second)); !ok {
		t.Fatal("at +6s refused")
	}
	if ok, retry := l.Allow("a", t0.Add(6*time.Second)); ok || retry != 6*time.Second {
		t.Fatalf("second at +6s = %v, %v", ok, retry)
	}
	// Other keys are separate.
	if ok, _ := l.Allow("b", t0); !ok {
		t.Fatal("key b refused")
	}
	// After a full period the bucket is full again: 10 more at once.
	later := t0.Add(2 * time.Minute)
	for i := range 10 {
		if ok, _ := l.Allow("a", later); !ok {
			t.Fatalf("event %d after refill refused", i+1)
		}
	}
	if ok, _ := l.Allow("a", later); ok {
		t.Fatal("11th event after refill allowed")
	}
}

func TestLimiterSteadyRate(t *testing.T) {
	// At one event a second against 60 a minute, nothing is ever refused;
	// at two a second, about half are after the burst.
	l, _ := NewLimiter(Rate{N: 60, Per: time.Minute}, 0)
	for i := range 600 {
		if ok, _ := l.Allow("k", t0.Add(time.Duration(i)*time.Second)); !ok {
			t.Fatalf("event %d at 1/s refused", i)
		}
	}
	l, _ = NewLimiter(Rate{N: 60, Per: time.Minute}, 0)
	allowed := 0
	for i := range 1200 { // 10 minutes at 2/s
		if ok, _ := l.Allow("k", t0.Add(time.Duration(i)*500*time.Millisecond)); ok {
			allowed++
		}
	}
	if want := 60 + 600; allowed < want-1 || allowed > want+1 {
		t.Errorf("allowed %d of 1200 at 2/s, want about %d", allowed, want)
	}
}

func TestLimiterBoundedMemory(t *testing.T) {
	l, _ := NewLimiter(Rate{N: 5, Per: time.Minute}, 100)
	for i := range 1000 {
		l.Allow(fmt.Sprint("key", i), t0)
	}
	if l.Len() != 100 {
		t.Fatalf("Len = %d, want the cap 100", l.Len())
	}
	// The most recent key is kept and remembers its use.
	for range 4 {
		l.Allow("key999", t0)
	}
	if ok, _ := l.Allow("key999", t0); ok {
		t.Error("key999 was forgotten while recent")
	}
	// Once their buckets are full again, idle keys are swept a few per call.
	later := t0.Add(time.Minute)
	for i := range 100 {
		l.Allow(fmt.Sprint("new", i%3), later)
	}
	if l.Len() > 3 {
		t.Errorf("Len = %d after the others went idle, want 3", l.Len())
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l, _ := NewLimiter(Rate{N: 50, Per: time.Minute}, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := map[string]int{}
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				key := fmt.Sprint("k", (g+i)%4)
				if ok, _ := l.Allow(key, t0); ok {
					mu.Lock()
					allowed[key]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for k, n := range allowed {
		if n != 50 {
			t.Errorf("key %s: %d allowed at one instant, want exactly 50", k, n)
		}
	}
	if len(allowed) != 4 {
		t.Errorf("%d keys, want 4", len(allowed))
	}
}

func TestNewLimiterInvalid(t *testing.T) {
	for _, r := range []Rate{{0, time.Minute}, {-1, time.Minute}, {10, 0}, {10, -time.Second}} {
		if _, err := NewLimiter(r, 0); err == nil {
			t.Errorf("NewLimiter(%v) accepted", r)
		}
	}
	// More events than nanoseconds in the period still works.
	l, err := NewLimiter(Rate{N: 1000, Per: time.Nanosecond}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := l.Allow("k", t0); !ok {
		t.Error("refused")
	}
}

func TestDefaultLimits(t *testing.T) {
	d := DefaultLimits()
	for _, tt := range []struct {
		name string
		got  Rate
		min  int
	}{
		{"register per address", d.RegisterPerAddr, 10},
		{"submit per account", d.SubmitPerAccount, 60},
		{"submit per address", d.SubmitPerAddr, 60},
		{"login per address", d.LoginPerAddr, 20},
		{"login per account", d.LoginPerAccount, 10},
	} {
		if tt.got.Per != time.Minute || tt.got.N != tt.min {
			t.Errorf("%s = %v, want %d per minute", tt.name, tt.got, tt.min)
		}
		if _, err := NewLimiter(tt.got, d.MaxKeys); err != nil {
			t.Error(err)
		}
	}
	if d.Lockout != (LockoutPolicy{5, 15 * time.Minute, 15 * time.Minute}) {
		t.Errorf("lockout = %+v", d.Lockout)
	}
}

func TestAddrKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"192.0.2.7", "192.0.2.7"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"},
		{"::1", "::/64"},
	}
	for _, tt := range tests {
		if got := AddrKey(netip.MustParseAddr(tt.in)); got != tt.want {
			t.Errorf("AddrKey(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestLockout(t *testing.T) {
	lo, err := NewLockout(DefaultLockoutPolicy, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Four failures: not locked.
	for i := range 4 {
		if locked, _ := lo.Fail("acct", t0.Add(time.Duration(i)*time.Minute)); locked {
			t.Fatalf("locked after %d failures", i+1)
		}
	}
	if locked, _ := lo.Locked("acct", t0.Add(4*time.Minute)); locked {
		t.Fatal("locked before the 5th failure")
	}
	// The fifth within 15 minutes locks for 15 minutes from then.
	locked, until := lo.Fail("acct", t0.Add(5*time.Minute))
	if !locked || !until.Equal(t0.Add(20*time.Minute)) {
		t.Fatalf("5th failure: %v until %v", locked, until)
	}
	// Failures while locked do not extend the lock.
	if _, u := lo.Fail("acct", t0.Add(10*time.Minute)); !u.Equal(until) {
		t.Errorf("lock extended to %v", u)
	}
	// Succeed does not lift a lock in force.
	lo.Succeed("acct")
	if locked, u := lo.Locked("acct", t0.Add(19*time.Minute)); !locked || !u.Equal(until) {
		t.Errorf("at +19m: %v until %v", locked, u)
	}
	if locked, _ := lo.Locked("acct", until); locked {
		t.Error("still locked at the end of the lock")
	}
	// After the lock the count starts again.
	for i := range 4 {
		if locked, _ := lo.Fail("acct", until.Add(time.Duration(i)*time.Second)); locked {
			t.Fatalf("locked again after %d failures", i+1)
		}
	}
	// Other accounts are not affected.
	if locked, _ := lo.Locked("other", t0.Add(6*time.Minute)); locked {
		t.Error("another account is locked")
	}
}

func TestLockoutWindow(t *testing.T) {
	lo, _ := NewLockout(DefaultLockoutPolicy, 0)
	// Five failures spread over more than 15 minutes never lock.
	for i := range 20 {
		if locked, _ := lo.Fail("acct", t0.Add(time.Duration(i)*4*time.Minute)); locked {
			t.Fatalf("locked at failure %d, 4 minutes apart", i+1)
		}
	}
	// Success forgets the failures.
	lo2, _ := NewLockout(DefaultLockoutPolicy, 0)
	for i := range 4 {
		lo2.Fail("acct", t0.Add(time.Duration(i)*time.Second))
	}
	lo2.Succeed("acct")
	if locked, _ := lo2.Fail("acct", t0.Add(5*time.Second)); locked {
		t.Error("locked although a success came between")
	}
	if lo2.keys.len() != 1 {
		t.Errorf("%d keys", lo2.keys.len())
	}
}

func TestLockoutBoundedMemory(t *testing.T) {
	lo, _ := NewLockout(DefaultLockoutPolicy, 50)
	for i := range 500 {
		lo.Fail(fmt.Sprint("acct", i), t0)
	}
	if lo.keys.len() != 50 {
		t.Errorf("%d keys, want the cap 50", lo.keys.len())
	}
	later := t0.Add(15 * time.Minute)
	for range 20 {
		lo.Fail("late", later)
	}
	if n := lo.keys.len(); n > 1 {
		t.Errorf("%d keys after the others went idle", n)
	}
}

func TestLockoutConcurrent(t *testing.T) {
	lo, _ := NewLockout(DefaultLockoutPolicy, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				key := fmt.Sprint("acct", i%10)
				now := t0.Add(time.Duration(g*100+i) * time.Millisecond)
				lo.Locked(key, now)
				lo.Fail(key, now)
				if i%7 == 0 {
					lo.Succeed(key)
				}
			}
		})
	}
	wg.Wait()
}

func TestNewLockoutInvalid(t *testing.T) {
	for _, p := range []LockoutPolicy{{}, {0, time.Minute, time.Minute}, {5, 0, time.Minute}, {5, time.Minute, 0}} {
		if _, err := NewLockout(p, 0); err == nil {
			t.Errorf("NewLockout(%+v) accepted", p)
		}
	}
}

func TestLockedError(t *testing.T) {
	almaty := time.FixedZone("Asia/Almaty", 5*3600)
	tests := []struct {
		until time.Time
		want  string
	}{
		{time.Date(2026, 3, 1, 14, 5, 0, 0, almaty), "14:05"},
		{time.Date(2026, 3, 1, 14, 4, 0, 1, almaty), "14:05"},
		{time.Date(2026, 3, 1, 14, 4, 30, 0, almaty), "14:05"},
		{time.Date(2026, 3, 1, 9, 5, 0, 0, time.UTC).In(almaty), "14:05"},
		{time.Date(2026, 3, 1, 23, 59, 1, 0, almaty), "00:00"},
	}
	for _, tt := range tests {
		e := LockedError(tt.until)
		want := "Too many failed sign-ins. Try again after " + tt.want + "."
		if e.Code != atazan.ERateLimited || e.Message != want || e.Error() != want {
			t.Errorf("LockedError(%v) = %s %q", tt.until, e.Code, e.Message)
		}
	}
}

func ExampleLockout() {
	lo, _ := NewLockout(DefaultLockoutPolicy, 0)
	now := time.Date(2026, 3, 1, 13, 50, 0, 0, time.UTC)
	for range 5 {
		lo.Fail("account:42", now)
	}
	if locked, until := lo.Locked("account:42", now.Add(time.Minute)); locked {
		fmt.Println(LockedError(until))
	}
	// Output: Too many failed sign-ins. Try again after 14:05.
}

func ExampleLimiter() {
	l, _ := NewLimiter(DefaultLimits().RegisterPerAddr, 0)
	now := time.Date(2026, 3, 1, 14, 0, 0, 0, time.UTC)
	key := AddrKey(netip.MustParseAddr("198.51.100.20"))
	for range 10 {
		l.Allow(key, now)
	}
	fmt.Println(l.Allow(key, now))
	// Output: false 6s
}
