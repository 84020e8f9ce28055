import { processSingleton } from "@/db/process-singleton";
import { ANONYMOUS_LIMIT, consume, type RateState } from "./rate-limit";

const MAX_REMEMBERED = 10_000;

/**
 * Each client IP's budget of failed authentications (missing, malformed, forged, revoked
 * tokens). The checksum is public, so anyone can mint well-formed tokens that only the database
 * can refuse: an IP that has used its budget up is refused before that lookup. Spending happens
 * on the shared counter (Redis when set); whether an IP is out is remembered here, so the check
 * in front of every lookup costs no round trip. Successful authentications never touch it.
 */
export class FailedAuthBudget {
  private spent = new Map<string, { state: RateState; until: number }>();

  constructor(
    private charge: (ip: string) => Promise<RateState> = (ip) => consume("ip", ip, ANONYMOUS_LIMIT),
    private now: () => number = Date.now,
  ) {}

  /** The refusal for an IP with no failed authentications left this window, else null. */
  exhausted(ip: string): RateState | null {
    const entry = this.spent.get(ip);
    if (!entry) return null;
    const left = entry.until - this.now();
    if (left > 0) return { ...entry.state, resetSeconds: Math.max(1, Math.ceil(left / 1000)) };
    this.spent.delete(ip);
    return null;
  }

  /** Counts one failed authentication from `ip`. */
  async fail(ip: string): Promise<RateState> {
    const state = await this.charge(ip);
    // The last one allowed is as good as over: the next failure would be refused after its lookup.
    if (!state.allowed || state.remaining === 0) {
      if (this.spent.size >= MAX_REMEMBERED) this.prune();
      this.spent.set(ip, { state: { ...state, allowed: false, remaining: 0 }, until: this.now() + state.resetSeconds * 1000 });
    }
    return state;
  }

  private prune() {
    const now = this.now();
    for (const [ip, entry] of this.spent) if (entry.until <= now) this.spent.delete(ip);
    // Still full: the oldest goes (it is charged again on its next failure, and learns it then).
    if (this.spent.size >= MAX_REMEMBERED) this.spent.delete(this.spent.keys().next().value!);
  }
}

export const failedAuth = processSingleton("failedAuthBudget", () => new FailedAuthBudget());
