import { processSingleton } from "@/db/process-singleton";
import type { ApiToken } from "@/lib/tokens/api-token";
import { log } from "@/lib/log";
import { BatchedMapWriter } from "@/lib/batched-writer";
import { EnumerationAlarm, type BatchSummary } from "./enumeration-alarm";
import { insertAccessRows, type AccessOutcome, type AccessRow } from "./queries";
import { hashLookupValue } from "./value-hash";

const FLUSH_EVERY_MS = 1_000;
/** A batch this large is written at once rather than at the next tick. */
const FLUSH_AT_ROWS = 1_000;
/**
 * At most this many rows wait in memory (a database that refuses writes for a long time).
 * Beyond it new reads are not recorded: counted, and logged at the next flush. The API keeps
 * answering, since its lookups would have failed first if the database were really gone.
 */
const MAX_PENDING = 100_000;

/**
 * What the profile lookup found, as lib/profiles/queries.ts says it; "withheld": one profile,
 * without consent for the token's purpose (answered as "none", recorded as what it was: the
 * enumeration alarm counts only "not_found", so a partner reading real customers who opted out
 * is not taken for someone guessing values).
 */
export type LookupFound = "one" | "none" | "several" | "withheld";
const outcomes: Record<LookupFound, AccessOutcome> = { one: "found", none: "not_found", several: "ambiguous", withheld: "withheld" };

interface PendingRead {
  tokenId: string;
  accountId: string;
  at: number;
  ip: string | null;
  attribute: string;
  /** The raw value, for at most one flush interval in this process's memory: hashed when written. */
  value: string;
  outcome: AccessOutcome;
  attributes: string[];
  /** Identical reads within the same second: one row, counted. */
  reads: number;
}

/**
 * The Profile Read access log, written like usage counts: recorded in memory on the request's
 * path (no hashing, no I/O there), written in multi-row INSERTs every second or every 1,000
 * rows, then handed to the enumeration alarm's own check loop. Identical reads (token, IP,
 * attribute, value, outcome) within the same second are one row with their count: a partner's page views of one
 * customer cost one row a second, not one per request, while every distinct read keeps its own.
 */
export class AccessLogRecorder extends BatchedMapWriter<PendingRead> {
  private dropped = 0;

  constructor(private alarm: EnumerationAlarm = new EnumerationAlarm()) {
    super(FLUSH_EVERY_MS, MAX_PENDING);
  }

  record(token: Pick<ApiToken, "id" | "accountId" | "exposedAttributes">, ip: string | null, attribute: string, value: string, found: LookupFound, at = Date.now()) {
    const outcome = outcomes[found];
    // The value last: it may hold "|", the fields before it cannot.
    const key = `${token.id}|${Math.floor(at / 1000)}|${ip}|${attribute}|${outcome}|${value}`;
    const same = this.pending.get(key);
    if (same) {
      same.reads++;
      return;
    }
    if (this.full) {
      this.dropped++;
      return;
    }
    this.pending.set(key, { tokenId: token.id, accountId: token.accountId, at, ip, attribute, value, outcome, attributes: outcome === "found" ? token.exposedAttributes : [], reads: 1 });
    if (this.pending.size >= FLUSH_AT_ROWS && this.started) void this.flush().catch(() => {});
  }

  /** Rows waiting to be written. */
  get size() {
    return this.pending.size;
  }

  protected override async write() {
    if (this.dropped > 0) {
      log.warn({ dropped: this.dropped }, "access log buffer full: Profile Read lookups not recorded");
      this.dropped = 0;
    }
    const written = await this.writePending();
    // Only once written, and not awaited: the alarm's checks run on their own loop, so many
    // tokens to check never make the next write wait (nor fill the buffer and drop reads).
    if (written) this.alarm.noteWritten(summarise([...written.values()]));
  }

  /** Writes what is waiting, then waits for the alarm checks queued so far (tests, shutdown); the periodic writes do not wait. */
  override async flush(): Promise<void> {
    await super.flush();
    await this.alarm.settled();
  }

  protected async send(batch: Map<string, PendingRead>) {
    // Many rows of a batch share a value (one customer read by many tokens or seconds): hashed
    // once per account (each account has its own key).
    const hashes = new Map<string, string>();
    const hashOf = (read: PendingRead) => {
      const key = `${read.accountId}|${read.value}`;
      return hashes.get(key) ?? hashes.set(key, hashLookupValue(read.accountId, read.value)).get(key)!;
    };
    await insertAccessRows(Array.from(batch.values(), (read) => toRow(read, hashOf(read))));
  }

  protected merge(older: PendingRead, newer: PendingRead) {
    older.reads += newer.reads;
    return older;
  }

  /** Reads that no longer fit when a failed batch is put back: counted, logged at the next flush. */
  protected override overflow(read: PendingRead) {
    this.dropped += read.reads;
  }
}

function toRow(read: PendingRead, valueHash: string): AccessRow {
  return {
    tokenId: read.tokenId,
    accountId: read.accountId,
    at: new Date(read.at),
    ip: read.ip,
    linkingAttribute: read.attribute,
    valueHash,
    outcome: read.outcome,
    attributes: read.attributes,
    reads: read.reads,
  };
}

function summarise(batch: PendingRead[]): BatchSummary[] {
  const byToken = new Map<string, BatchSummary>();
  for (const read of batch) {
    let summary = byToken.get(read.tokenId);
    if (!summary) byToken.set(read.tokenId, (summary = { tokenId: read.tokenId, rows: 0, notFound: 0, lastIp: null }));
    summary.rows++;
    if (read.outcome === "not_found") summary.notFound += read.reads;
    summary.lastIp = read.ip;
  }
  return [...byToken.values()];
}

export const accessLog = processSingleton("accessLog", () => new AccessLogRecorder());
