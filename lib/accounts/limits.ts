import { and, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb, type Tx } from "@/db";
import { accounts, apiTokens } from "@/db/tables";
import { recordOperatorEvent } from "./operator-log";

const limitSchema = z.coerce
  .number({ error: "Limits are whole numbers" })
  .int("Limits are whole numbers")
  .min(1, "Limits are at least 1")
  .max(1_000_000, "Limits are at most 1,000,000");

/**
 * The operator's lever (customers raise limits by contacting their Success Manager): an
 * account's token cap and the rate-limit ceiling its admins may set per token. Not reachable
 * from the console.
 */
const lifetimeSchema = z.union([
  z.literal("none").transform(() => null),
  z.coerce
    .number({ error: "The maximum token lifetime is a whole number of days, or none" })
    .int("The maximum token lifetime is a whole number of days, or none")
    .min(1, "The maximum token lifetime is at least 1 day")
    .max(3_650, "The maximum token lifetime is at most 3,650 days"),
]);

const retentionSchema = z.coerce
  .number({ error: "The access-log retention is a whole number of days" })
  .int("The access-log retention is a whole number of days")
  .min(1, "The access-log retention is at least 1 day")
  .max(3_650, "The access-log retention is at most 3,650 days");

// A month at least: an incident is often noticed weeks late, and the log is how it is traced.
const auditRetentionSchema = z.coerce
  .number({ error: "The audit-log retention is a whole number of days, from 30 to 3,650" })
  .int("The audit-log retention is a whole number of days, from 30 to 3,650")
  .min(30, "The audit-log retention is at least 30 days")
  .max(3_650, "The audit-log retention is at most 3,650 days");

/** `value` as `schema` reads it, or an error that says only what is wrong (the CLI prints it as it is). */
function parsed<T>(schema: z.ZodType<T>, value: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? "Invalid value");
  return result.data;
}

interface LimitsInput {
  maxActiveTokens?: string;
  rateLimitCeiling?: string;
  /** Days, or "none" to allow "Never" again. */
  maxTokenLifetimeDays?: string;
  /** How long Profile Read access-log rows are kept (default 90). */
  accessLogRetentionDays?: string;
  /** How long audit-log rows are kept (default 365); the append-only trigger reads it too. */
  auditLogRetentionDays?: string;
}

export async function setAccountLimits(slug: string, input: LimitsInput, now = new Date()) {
  const changes: { maxActiveTokens?: number; rateLimitCeiling?: number; maxTokenLifetimeDays?: number | null; accessLogRetentionDays?: number; auditLogRetentionDays?: number } = {};
  if (input.maxActiveTokens !== undefined) changes.maxActiveTokens = parsed(limitSchema, input.maxActiveTokens);
  if (input.rateLimitCeiling !== undefined) changes.rateLimitCeiling = parsed(limitSchema, input.rateLimitCeiling);
  if (input.maxTokenLifetimeDays !== undefined) changes.maxTokenLifetimeDays = parsed(lifetimeSchema, input.maxTokenLifetimeDays);
  if (input.accessLogRetentionDays !== undefined) changes.accessLogRetentionDays = parsed(retentionSchema, input.accessLogRetentionDays);
  if (input.auditLogRetentionDays !== undefined) changes.auditLogRetentionDays = parsed(auditRetentionSchema, input.auditLogRetentionDays);
  if (Object.keys(changes).length === 0) {
    throw new Error("Nothing to change: pass --max-active-tokens, --rate-limit-ceiling, --max-token-lifetime-days, --access-log-retention-days and/or --audit-log-retention-days");
  }
  // The change and the operator's record of it hold together.
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({
        id: accounts.id,
        maxActiveTokens: accounts.maxActiveTokens,
        rateLimitCeiling: accounts.rateLimitCeiling,
        maxTokenLifetimeDays: accounts.maxTokenLifetimeDays,
        accessLogRetentionDays: accounts.accessLogRetentionDays,
        auditLogRetentionDays: accounts.auditLogRetentionDays,
      })
      .from(accounts)
      .where(eq(accounts.slug, slug))
      .for("update");
    if (!before) throw new Error(`No account with slug "${slug}".`);
    const [row] = await tx
      .update(accounts)
      .set(changes)
      .where(eq(accounts.id, before.id))
      .returning({
        name: accounts.name,
        maxActiveTokens: accounts.maxActiveTokens,
        rateLimitCeiling: accounts.rateLimitCeiling,
        maxTokenLifetimeDays: accounts.maxTokenLifetimeDays,
        accessLogRetentionDays: accounts.accessLogRetentionDays,
        auditLogRetentionDays: accounts.auditLogRetentionDays,
      });
    const { id: _id, ...old } = before;
    await recordOperatorEvent(tx, before.id, "limits.changed", { from: old, to: changes });
    // Listed for the operator, never cut: shortening a live token could break a customer's integration.
    const longer = row!.maxTokenLifetimeDays === null ? [] : await tokensLongerThan(tx, before.id, now, row!.maxTokenLifetimeDays);
    return { ...row!, longer };
  });
}

/** Live tokens that never expire or outlive `now + days`. */
function tokensLongerThan(tx: Tx, accountId: string, now: Date, days: number) {
  const limit = new Date(now.getTime() + days * 86_400_000);
  return tx
    .select({ id: apiTokens.id, description: apiTokens.description, displayPrefix: apiTokens.displayPrefix, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.accountId, accountId),
        eq(apiTokens.status, "active"),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, limit)),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .orderBy(apiTokens.createdAt);
}
