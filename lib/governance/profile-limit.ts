import { LRUCache } from "lru-cache";
import { processSingleton } from "@/db/process-singleton";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { getRedis } from "@/lib/redis";
import type { ApiToken } from "@/lib/tokens/api-token";
import { MemoryCustomerDays, RedisCustomerDays, type CustomerDays, type DayAnswer } from "./customer-days";

const DAY_MS = 86_400_000;
/** A day's set outlives its midnight by this much: instances' clocks differ a little. */
const EXPIRY_SLACK_MS = 3_600_000;
/** Customers this instance remembers as let in today, over all tokens (one entry ~50 bytes). */
const MAX_KNOWN = 200_000;
const MAX_COUNTS = 50_000;

type LimitedToken = Pick<ApiToken, "id" | "dailyProfileLimit">;

export type Admission = { ok: true } | { ok: false; limit: number; retryAfterSeconds: number };

const ADMITTED: Admission = { ok: true };

/**
 * The daily profile limit of Profile Read tokens: at most `dailyProfileLimit` distinct customers
 * (profile ids) returned per UTC day. Once that many were, a customer not yet returned that day
 * is refused until midnight UTC; one already returned is still served.
 *
 * The day's customers are a set per token in Redis when REDIS_URL is set (exact across
 * instances: one script checks and adds), else in this process's memory. On the warm path a
 * customer this instance already let in today costs one map lookup, no round trip. If Redis
 * fails, each instance counts in its own memory from the last count Redis gave it, as the rate
 * limiter does: degraded (the day's total may then pass the limit by what instances let in on
 * their own), never open, and back on the shared set as soon as Redis answers.
 */
export class DailyProfileLimit {
  /** Per token, the customers this instance let in on `day`: the warm path's one lookup. */
  private known = new Map<string, { day: number; ids: Set<string> }>();
  private knownSize = 0;
  /** The latest count seen per token and day: a floor (a day's set only grows), and where the fallback starts. */
  private counts = new LRUCache<string, number>({ max: MAX_COUNTS });
  private degraded = false;
  private memory: MemoryCustomerDays;

  constructor(
    private shared: CustomerDays | null,
    private now: () => number = Date.now,
  ) {
    this.memory = new MemoryCustomerDays(now);
  }

  /**
   * Whether `token` may be answered with profile `profileId`; counts the customer the first time
   * today. Not async when this instance already knows the answer: the warm path makes no promise.
   */
  admit(token: LimitedToken, profileId: string): Admission | Promise<Admission> {
    const limit = token.dailyProfileLimit;
    if (limit === null) return ADMITTED;
    const at = this.now();
    const day = Math.floor(at / DAY_MS);
    const seen = this.known.get(token.id);
    if (seen?.day === day && seen.ids.has(profileId)) return ADMITTED;
    return this.admitNew(token.id, profileId, limit, at);
  }

  private async admitNew(tokenId: string, profileId: string, limit: number, at: number): Promise<Admission> {
    const day = Math.floor(at / DAY_MS);
    const answer = await this.admitIn(dayKey(tokenId, day), profileId, limit, (day + 1) * DAY_MS + EXPIRY_SLACK_MS);
    if (!answer.admitted) return refusal(limit, at);
    this.remember(tokenId, day, profileId);
    return ADMITTED;
  }

  private remember(tokenId: string, day: number, profileId: string) {
    let seen = this.known.get(tokenId);
    if (seen?.day !== day) {
      this.knownSize -= seen?.ids.size ?? 0;
      seen = { day, ids: new Set() };
      this.known.set(tokenId, seen);
    }
    // Bounded: past it everything is forgotten, and each customer costs one more round trip.
    if (this.knownSize >= MAX_KNOWN) {
      this.known.clear();
      this.knownSize = 0;
      this.known.set(tokenId, seen);
      seen.ids.clear();
    }
    seen.ids.add(profileId);
    this.knownSize++;
  }

  /**
   * For an answer that returns no customer (not found, ambiguous): refused as well once the
   * day's limit is reached, so a token past its limit cannot tell customers (429) from made-up
   * values (404). Such answers never count.
   */
  async refuseWhenFull(token: LimitedToken): Promise<Admission> {
    const limit = token.dailyProfileLimit;
    if (limit === null) return ADMITTED;
    const at = this.now();
    const key = dayKey(token.id, Math.floor(at / DAY_MS));
    const floor = this.counts.get(key) ?? 0;
    const count = floor >= limit ? floor : await this.countOf(key);
    return count >= limit ? refusal(limit, at) : ADMITTED;
  }

  /** How many distinct customers `tokenId` was answered with today (UTC). */
  customersToday(tokenId: string): Promise<number> {
    return this.countOf(dayKey(tokenId, Math.floor(this.now() / DAY_MS)));
  }

  private async admitIn(key: string, profileId: string, limit: number, expiresAt: number): Promise<DayAnswer> {
    const answer = await this.fromShared(key, (shared) => shared.admit(key, profileId, limit, expiresAt));
    return answer ?? this.memory.admit(key, profileId, limit, expiresAt, this.counts.get(key) ?? 0);
  }

  private async countOf(key: string): Promise<number> {
    const count = await this.fromShared(key, (shared) => shared.count(key));
    return count ?? Math.max(await this.memory.count(key), this.counts.get(key) ?? 0);
  }

  /** The shared store's answer, remembered as the key's latest count; undefined without Redis or when it fails. */
  private async fromShared<T extends DayAnswer | number>(key: string, ask: (shared: CustomerDays) => Promise<T>): Promise<T | undefined> {
    if (!this.shared) return undefined;
    try {
      const answer = await ask(this.shared);
      this.counts.set(key, typeof answer === "number" ? answer : answer.count);
      if (this.degraded) log.info("daily profile limit: Redis answers again; counting in the shared sets");
      this.degraded = false;
      return answer;
    } catch (error) {
      if (!this.degraded) log.warn({ error: describeError(error) }, "daily profile limit: Redis failed; counting in this instance's memory until it answers");
      this.degraded = true;
      return undefined;
    }
  }
}

const dayKey = (tokenId: string, day: number) => `hub:customers-read:${tokenId}:${new Date(day * DAY_MS).toISOString().slice(0, 10)}`;

function refusal(limit: number, at: number): Admission {
  const midnight = (Math.floor(at / DAY_MS) + 1) * DAY_MS;
  return { ok: false, limit, retryAfterSeconds: Math.max(1, Math.ceil((midnight - at) / 1000)) };
}

/** The process's limit, on the shared Redis client when REDIS_URL is set. */
export const dailyProfileLimit = processSingleton("dailyProfileLimit", () => {
  const redis = getRedis();
  return new DailyProfileLimit(redis ? new RedisCustomerDays(redis) : null);
});
