// Failed-attempt throttling: at most `limit` failures per key within a sliding window. Keys are
// an account ("user:alice") or a client address ("addr:192.0.2.1"). Kept in memory: a restart
// forgets them, which costs an attacker a restart they cannot cause.

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

const MAX_KEYS = 100_000;

export class Throttle {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
  }

  check(key: string): ThrottleCheck {
    const list = this.recent(key);
    if (list.length < this.limit) return { allowed: true };
    const oldest = list[list.length - this.limit] as number;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - this.now()) };
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
    this.failures.set(key, list);
    if (this.failures.size > MAX_KEYS) this.prune();
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const list = this.failures.get(key);
    if (list === undefined) return [];
    const since = this.now() - this.windowMs;
    while (list.length > 0 && (list[0] as number) <= since) list.shift();
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
    // Still too many: forget the oldest keys (Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS / 2) break;
      this.failures.delete(key);
    }
  }
}
