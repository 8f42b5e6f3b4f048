package identity

import (
	"container/list"
	"fmt"
	"net/netip"
	"sync"
	"time"

	"atazan"
)

// Rate is a number of events allowed per period, with bursts of up to N.
type Rate struct {
	N   int
	Per time.Duration
}

func (r Rate) String() string { return fmt.Sprintf("%d per %v", r.N, r.Per) }

func (r Rate) validate() error {
	if r.N < 1 || r.Per <= 0 {
		return fmt.Errorf("identity: rate %v: want N ≥ 1 and Per > 0", r)
	}
	return nil
}

// Limits are the rates the web package applies, and the lockout policy.
// Keys "per address" are AddrKey of the client address; keys "per account"
// are the account ID or, before sign-in, the normalized e-mail being tried.
type Limits struct {
	RegisterPerAddr  Rate          // new accounts from one address
	SubmitPerAccount Rate          // proposals, supports, comments and reports by one account
	SubmitPerAddr    Rate          // the same from one address, whatever the account
	LoginPerAddr     Rate          // sign-in attempts from one address
	LoginPerAccount  Rate          // sign-in attempts for one account
	LookupPerAddr    Rate          // similar-proposal lookups from one address (the proposal form asks while one writes)
	Lockout          LockoutPolicy // when failed sign-ins lock an account
	MaxKeys          int           // keys each limiter and the lockout remember at most
}

// DefaultLimits returns the defaults:
//
//	registrations   10 a minute per address
//	submissions     60 a minute per account and 60 a minute per address
//	sign-ins        20 a minute per address and 10 a minute per account
//	lookups         300 a minute per address (similar proposals, asked at most twice a second while one writes)
//	lockout         5 failed sign-ins within 15 minutes lock the account for 15 minutes
//	memory          100 000 keys per limiter and for the lockout (DefaultMaxKeys)
//
// The per-address rates are generous enough for a school or office behind one
// NAT address at a public consultation's busiest moment, and tight enough
// that scripted registration or stuffing from one address is slow.
func DefaultLimits() Limits {
	return Limits{
		RegisterPerAddr:  Rate{10, time.Minute},
		SubmitPerAccount: Rate{60, time.Minute},
		SubmitPerAddr:    Rate{60, time.Minute},
		LookupPerAddr:    Rate{300, time.Minute},
		LoginPerAddr:     Rate{20, time.Minute},
		LoginPerAccount:  Rate{10, time.Minute},
		Lockout:          DefaultLockoutPolicy,
		MaxKeys:          DefaultMaxKeys,
	}
}

// DefaultMaxKeys is the number of keys a Limiter or Lockout remembers when
// not told otherwise. Measured with IPv6 prefixes as keys, one full Limiter
// and one full Lockout (four failures a key) take about 40 MB together.
const DefaultMaxKeys = 100_000

// AddrKey returns the rate-limiting key of a client address: the IPv4
// address itself, or the /64 network of an IPv6 address (one subscriber
// usually holds a whole /64, so single IPv6 addresses would be free to
// rotate). IPv4-mapped IPv6 addresses count as IPv4.
func AddrKey(a netip.Addr) string {
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// Limiter is a token bucket per key: each key may spend up to Rate.N events
// at once, and regains one every Rate.Per/Rate.N. It is implemented as the
// equivalent generic cell rate algorithm, which keeps one time per key.
//
// Time is injected: every call passes now, so tests use a fake clock and the
// limiter never reads the system clock. Calls should pass non-decreasing
// times; a time from the past is treated as if no time had passed.
//
// Memory is bounded: a key whose bucket is full again is forgotten (it would
// behave exactly like a new key), a few such keys are swept on every call, and
// when more than maxKeys keys are remembered the least recently used is
// dropped, which at worst gives that key a full bucket early.
//
// A Limiter is safe for concurrent use. It lives in one process's memory: a
// restart forgets all keys, and two servers limit separately.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration // time to regain one event
	span     time.Duration // interval × N: how far ahead a key may borrow
	keys     *lru[time.Time]
}

// NewLimiter returns a Limiter allowing r per key, remembering at most
// maxKeys keys (DefaultMaxKeys if maxKeys ≤ 0).
func NewLimiter(r Rate, maxKeys int) (*Limiter, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	iv := r.Per / time.Duration(r.N)
	if iv <= 0 {
		iv = 1
	}
	return &Limiter{interval: iv, span: iv * time.Duration(r.N), keys: newLRU[time.Time](maxKeys)}, nil
}

// sweepPerCall bounds the work one call spends forgetting idle keys.
const sweepPerCall = 8

// Allow records an event for key at now if the key's bucket has a token and
// reports true. Otherwise it records nothing and reports false with how long
// until the next event would be allowed.
func (l *Limiter) Allow(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	// tat is the "theoretical arrival time": when the bucket would be full
	// again. A key is idle once its tat is not after now.
	l.keys.sweep(sweepPerCall, func(tat *time.Time) bool { return !tat.After(now) })
	tat, found := l.keys.get(key)
	t := now
	if found && tat.After(now) {
		t = *tat
	}
	next := t.Add(l.interval)
	if allowAt := next.Add(-l.span); now.Before(allowAt) {
		return false, allowAt.Sub(now)
	}
	if found {
		*tat = next
	} else {
		l.keys.put(key, next)
	}
	return true, 0
}

// Len returns the number of keys remembered.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.keys.len()
}

// LockoutPolicy says when failed sign-ins lock an account.
type LockoutPolicy struct {
	Failures int           // failed sign-ins that lock the account…
	Window   time.Duration // …when they all fall within this time
	Duration time.Duration // how long the account stays locked
}

// DefaultLockoutPolicy: 5 failed sign-ins within 15 minutes lock the account
// for 15 minutes.
var DefaultLockoutPolicy = LockoutPolicy{Failures: 5, Window: 15 * time.Minute, Duration: 15 * time.Minute}

// Lockout counts failed sign-ins per key (an account) and locks the key when
// the policy's number of failures falls within its window. While locked,
// further failures neither count nor extend the lock, so an attacker cannot
// keep an account locked for longer than by failing again after it unlocks;
// the per-address sign-in rate bounds that.
//
// The caller's order at sign-in: Locked first (refuse with LockedError
// without checking the password), then check the password, then Fail or
// Succeed.
//
// Like Limiter, Lockout takes the time from its callers, bounds its memory
// (keys with no recent failure and no lock are forgotten; past maxKeys the
// least recently used key is dropped) and is safe for concurrent use.
type Lockout struct {
	mu     sync.Mutex
	policy LockoutPolicy
	keys   *lru[lockState]
}

type lockState struct {
	failures []time.Time // within the window, oldest first; fewer than policy.Failures
	until    time.Time   // locked before this time
}

// NewLockout returns a Lockout with policy p remembering at most maxKeys keys
// (DefaultMaxKeys if maxKeys ≤ 0).
func NewLockout(p LockoutPolicy, maxKeys int) (*Lockout, error) {
	if p.Failures < 1 || p.Window <= 0 || p.Duration <= 0 {
		return nil, fmt.Errorf("identity: lockout policy %+v: want Failures ≥ 1, Window > 0 and Duration > 0", p)
	}
	return &Lockout{policy: p, keys: newLRU[lockState](maxKeys)}, nil
}

func (lo *Lockout) idle(now time.Time) func(*lockState) bool {
	return func(s *lockState) bool {
		if now.Before(s.until) {
			return false
		}
		return len(s.failures) == 0 || now.Sub(s.failures[len(s.failures)-1]) >= lo.policy.Window
	}
}

// Fail records a failed sign-in for key at now. It reports whether the key is
// locked after it, and until when.
func (lo *Lockout) Fail(key string, now time.Time) (locked bool, until time.Time) {
	lo.mu.Lock()
	defer lo.mu.Unlock()
	lo.keys.sweep(sweepPerCall, lo.idle(now))
	s, ok := lo.keys.get(key)
	if !ok {
		s = lo.keys.put(key, lockState{})
	}
	if now.Before(s.until) {
		return true, s.until
	}
	// Keep only the failures less than Window ago.
	kept := s.failures[:0]
	for _, f := range s.failures {
		if now.Sub(f) < lo.policy.Window {
			kept = append(kept, f)
		}
	}
	s.failures = append(kept, now)
	if len(s.failures) >= lo.policy.Failures {
		s.failures = nil
		s.until = now.Add(lo.policy.Duration)
		return true, s.until
	}
	return false, time.Time{}
}

// Succeed forgets key's failed sign-ins. It does not lift a lock in force:
// callers never check a password while Locked reports true.
func (lo *Lockout) Succeed(key string) {
	lo.mu.Lock()
	defer lo.mu.Unlock()
	s, ok := lo.keys.get(key)
	if !ok {
		return
	}
	if s.until.IsZero() {
		lo.keys.remove(key)
		return
	}
	s.failures = nil
}

// Locked reports whether key is locked at now, and until when.
func (lo *Lockout) Locked(key string, now time.Time) (bool, time.Time) {
	lo.mu.Lock()
	defer lo.mu.Unlock()
	s, ok := lo.keys.get(key)
	if !ok || !now.Before(s.until) {
		return false, time.Time{}
	}
	return true, s.until
}

// LockedError returns the error shown while an account is locked: an
// ERateLimited *atazan.Error "Too many failed sign-ins. Try again after
// 14:05." The time is until rounded up to the minute, in until's location,
// so pass it in the person's time zone (Kazakhstan: Asia/Almaty).
func LockedError(until time.Time) *atazan.Error {
	t := until
	if r := t.Truncate(time.Minute); !r.Equal(t) {
		t = r.Add(time.Minute)
	}
	return atazan.Errorf(atazan.ERateLimited, "Too many failed sign-ins. Try again after %s.", t.Format("15:04"))
}

// lru is a map from string keys to values that remembers at most max keys,
// forgetting the least recently used. It is not safe for concurrent use.
type lru[V any] struct {
	max   int
	index map[string]*list.Element
	order *list.List // of *lruEntry[V]; front is the most recently used
}

type lruEntry[V any] struct {
	key string
	val V
}

func newLRU[V any](max int) *lru[V] {
	if max <= 0 {
		max = DefaultMaxKeys
	}
	return &lru[V]{max: max, index: map[string]*list.Element{}, order: list.New()}
}

func (c *lru[V]) len() int { return len(c.index) }

// get returns a pointer to key's value, marking it most recently used.
func (c *lru[V]) get(key string) (*V, bool) {
	e, ok := c.index[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return &e.Value.(*lruEntry[V]).val, true
}

// put adds key (which must be absent) and returns a pointer to its value,
// dropping the least recently used keys beyond max.
func (c *lru[V]) put(key string, v V) *V {
	ent := &lruEntry[V]{key: key, val: v}
	c.index[key] = c.order.PushFront(ent)
	for len(c.index) > c.max {
		c.remove(c.order.Back().Value.(*lruEntry[V]).key)
	}
	return &ent.val
}

func (c *lru[V]) remove(key string) {
	if e, ok := c.index[key]; ok {
		c.order.Remove(e)
		delete(c.index, key)
	}
}

// sweep forgets up to n of the least recently used keys while idle says so,
// stopping at the first one still in use.
func (c *lru[V]) sweep(n int, idle func(*V) bool) {
	for ; n > 0; n-- {
		e := c.order.Back()
		if e == nil {
			return
		}
		ent := e.Value.(*lruEntry[V])
		if !idle(&ent.val) {
			return
		}
		c.remove(ent.key)
	}
}
