/**
 * Budget leasing for the per-token rate limit. Asking Redis on every request costs a round trip
 * (two syscalls here, plus Redis's own work) on the API's hot path. Instead each instance claims
 * a small slice of a key's budget from the shared counter and spends it locally:
 *
 * - the slice is 1 (exact: one claim per request) for limits under 100 a minute, and 2 % of the
 *   limit from there, at most 100 requests;
 * - a slice is only ever taken from what is left in the window, so all instances together never
 *   admit more than the limit; an unspent slice is simply lost when the window ends, so the
 *   error is on the strict side (at most one slice per instance refused early);
 * - one claim per key is in flight at a time: concurrent requests wait for it, not pile on;
 * - the next slice is claimed before this one runs out (a quarter of it left, slices of 4 or
 *   more), in the background, and added to what is left: under steady load no request waits
 *   for the round trip. It is taken from the shared counter like any slice, so the limit holds;
 *   an instance holds at most two slices' worth;
 * - a slice claimed under another limit (the token's limit was edited) is given back to the
 *   shared counter before the next claim, so the new limit counts what was served, not what
 *   this instance held unspent.
 */
export interface Claim {
  /** Points counted in the window after this claim (the claimed ones included, granted or not). */
  consumedPoints: number;
  msBeforeNext: number;
}

export interface Spend {
  allowed: boolean;
  /** What this instance knows is left: the shared counter's remainder plus its own unspent slice. */
  remaining: number;
  msBeforeNext: number;
}

interface Lease {
  /** The limit the slice was claimed under: a slice from before an edit of the limit is dropped. */
  limit: number;
  left: number;
  remaining: number;
  resetsAt: number;
  /** The window's budget is spent: no claim ahead of time (it would be refused) until this lease runs out. */
  spent?: boolean;
}

/** Claim ahead when a slice of at least this size is down to a quarter. */
const PREFETCH_FROM_SLICE = 4;

export function sliceSize(limit: number): number {
  return Math.max(1, Math.min(100, Math.floor(limit / 50)));
}

export class LeasedBudget {
  private leases = new Map<string, Lease>();
  private claims = new Map<string, Promise<void>>();

  constructor(
    /** Adds `points` to `key`'s shared counter for the current window. */
    private claim: (key: string, points: number) => Promise<Claim>,
    private now: () => number = Date.now,
    /** Takes `points` back off `key`'s shared counter (an unspent slice). */
    private release: (key: string, points: number) => Promise<unknown> = async () => undefined,
  ) {}

  /** Spends one request of `key`'s budget of `limit` per window. */
  async spend(key: string, limit: number): Promise<Spend> {
    for (;;) {
      // Only after an edit of the limit: the hot path stays without an await of its own.
      const edited = this.leases.get(key);
      if (edited && edited.limit !== limit) await this.giveBack(key, edited);
      const fromLease = this.spendLocally(key, limit);
      if (fromLease) return fromLease;
      const pending = this.claims.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const refusal = await this.track(key, this.claimSlice(key, limit));
      if (refusal) return refusal;
    }
  }

  /** A slice of a window still running, claimed under another limit: back to the shared counter, once. */
  private async giveBack(key: string, lease: Lease) {
    this.leases.delete(key);
    if (lease.left === 0 || lease.resetsAt <= this.now()) return;
    // Tracked like a claim: a request arriving meanwhile waits for it rather than claiming first.
    await this.track(key, this.release(key, lease.left)).catch(() => {
      // Not given back (Redis unreachable): the window ends with it spent, the strict side.
    });
  }

  /** What is left for `key` without spending anything; null when this instance holds no slice. */
  peek(key: string, limit: number): Spend | null {
    const lease = this.current(key, limit);
    return lease ? { allowed: true, remaining: lease.remaining + lease.left, msBeforeNext: lease.resetsAt - this.now() } : null;
  }

  private current(key: string, limit: number): Lease | undefined {
    const lease = this.leases.get(key);
    if (lease && (lease.resetsAt <= this.now() || lease.limit !== limit)) {
      this.leases.delete(key);
      return undefined;
    }
    return lease;
  }

  private spendLocally(key: string, limit: number): Spend | null {
    const lease = this.current(key, limit);
    if (!lease || lease.left === 0) return null;
    lease.left -= 1;
    this.claimAhead(key, limit, lease);
    return { allowed: true, remaining: lease.remaining + lease.left, msBeforeNext: lease.resetsAt - this.now() };
  }

  private async track<T>(key: string, work: Promise<T>): Promise<T> {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.claims.set(key, done);
    try {
      return await work;
    } finally {
      this.claims.delete(key);
    }
  }

  /** The next slice, claimed in the background while this one still has a quarter left. */
  private claimAhead(key: string, limit: number, lease: Lease) {
    const size = sliceSize(limit);
    if (size < PREFETCH_FROM_SLICE || lease.spent || lease.left > size / 4 || this.claims.has(key)) return;
    void this.track(key, this.claimSlice(key, limit, lease)).catch(() => {
      // Failed ahead of time: the request that finds the lease empty claims again, and sees the failure.
    });
  }

  /**
   * Claims a slice; resolves to a refusal when nothing of the window's budget is left. `ahead`:
   * the lease it tops up, when claimed before that one ran out (it then refuses nothing itself).
   */
  private async claimSlice(key: string, limit: number, ahead?: Lease): Promise<Spend | null> {
    const size = sliceSize(limit);
    const { consumedPoints, msBeforeNext } = await this.claim(key, size);
    // The part of the slice that fitted under the limit (the counter may overshoot; that is
    // harmless, it only says "nothing left" until the window ends).
    const granted = Math.max(0, Math.min(size, limit - (consumedPoints - size)));
    const resetsAt = this.now() + msBeforeNext;
    const current = ahead && this.leases.get(key) === ahead ? ahead : undefined;
    if (granted === 0) {
      if (current) current.spent = true;
      else this.leases.delete(key);
      return ahead ? null : { allowed: false, remaining: 0, msBeforeNext };
    }
    // Ahead of time and in the same window: added to what is left. A claim that opened a new
    // window replaces the old window's lease (that window has ended).
    if (current && resetsAt <= current.resetsAt + 1_000) {
      current.left += granted;
      current.remaining = Math.max(0, limit - consumedPoints);
      return null;
    }
    this.prune();
    this.leases.set(key, { limit, left: granted, remaining: Math.max(0, limit - consumedPoints), resetsAt });
    return null;
  }

  /** Drops ended windows' slices now and then, so keys seen once do not stay in memory. */
  private prune() {
    if (this.leases.size < 10_000) return;
    const now = this.now();
    for (const [key, lease] of this.leases) if (lease.resetsAt <= now) this.leases.delete(key);
  }
}
