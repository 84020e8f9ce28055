import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/tables";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { signInSchema } from "@/lib/auth/schema";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { hashSignInEmail } from "./email-hash";

// Sign-ins on the audit log (PRODUCT.md §10): succeeded, failed, throttled. A sign-in has no
// transaction of its own, so its row is one small insert. Actor and target are the user the email
// names. An email that names no user belongs to no account, so no account's log can show it: the
// server log gets one line with the email's keyed hash (never the address) and the client IP.

type Outcome = "sign_in.succeeded" | "sign_in.failed" | "sign_in.throttled";

const subjectColumns = { id: users.id, name: users.name, accountId: users.accountId };

async function userByEmail(email: string) {
  const [row] = await getDb().select(subjectColumns).from(users).where(and(eq(users.email, email), isNull(users.removedAt)));
  return row ?? null;
}

async function userById(id: string) {
  const [row] = await getDb().select(subjectColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

async function record(outcome: Outcome, subject: { id: string; name: string; accountId: string } | null, email: string, ip: string | null) {
  if (!subject) {
    log.info({ audit: outcome, email_hash: hashSignInEmail(email), ip }, "sign-in for an email that names no user");
    return;
  }
  await recordAccountChange(getDb(), {
    accountId: subject.accountId,
    actor: { kind: "user", id: subject.id, name: subject.name, ip },
    action: outcome,
    target: { kind: "user", id: subject.id, label: subject.name },
  });
}

/** A refusal, recorded at best effort: failing to record it must not change the answer. */
async function recordRefusal(outcome: Outcome, email: string, ip: string | null) {
  try {
    await record(outcome, await userByEmail(email), email, ip);
  } catch (error) {
    log.warn({ audit: outcome, error: describeError(error) }, "could not record a refused sign-in");
  }
}

/**
 * Runs one password sign-in (`attempt`, Auth.js's authorize) and records how it ended: a user
 * id is a success, null a failure, a `throttled` refusal a throttled attempt. A success is
 * recorded before it is answered (a success that cannot be recorded fails); any other error
 * (an unfinished second step, an outage) is passed on unrecorded.
 */
export async function auditSignIn<T extends { id: string } | null>(input: unknown, ip: string | null, attempt: () => Promise<T>): Promise<T> {
  const parsed = signInSchema.safeParse(input);
  // Nothing was attempted for a malformed form: nothing to record.
  if (!parsed.success) return attempt();
  return auditAttempt(parsed.data.email, ip, attempt);
}

/**
 * The two-factor step of a sign-in (the password was right, a code is asked): recorded like a
 * password attempt, under the email of the user the pending sign-in names.
 */
export async function auditSecondFactor<T extends { id: string } | null>(email: string, ip: string | null, attempt: () => Promise<T>): Promise<T> {
  return auditAttempt(email, ip, attempt);
}

async function auditAttempt<T extends { id: string } | null>(email: string, ip: string | null, attempt: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "throttled") await recordRefusal("sign_in.throttled", email, ip);
    throw error;
  }
  if (result) await record("sign_in.succeeded", await userById(result.id), email, ip);
  else await recordRefusal("sign_in.failed", email, ip);
  return result;
}
