import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, users } from "@/db/tables";
import { currentOperator, recordOperatorEvent } from "@/lib/accounts/operator-log";
import { publicOrigin } from "@/lib/mail/public-origin";
import { generateLinkCode, PASSWORD_RESET_PATH } from "./link-code";
import { createPasswordReset } from "./write/password-resets";

// The operator's view of a team (`npm run hub -- list-users | reset-password-link`): for the day
// an account's only admin has lost their password. Not reachable from the console.

async function accountBySlug(slug: string | undefined) {
  if (!slug) throw new Error("Name the account: --account <slug>, e.g. --account demo-retail");
  const [account] = await getDb().select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.slug, slug));
  if (!account) throw new Error(`No account has the slug "${slug}".`);
  return account;
}

/** The account's users (removed ones too, marked), admins first. */
export async function listAccountUsers(slug: string | undefined) {
  const account = await accountBySlug(slug);
  const rows = await getDb()
    .select({ name: users.name, email: users.email, role: users.role, totpEnabledAt: users.totpEnabledAt, lastSignInAt: users.lastSignInAt, removedAt: users.removedAt })
    .from(users)
    .where(eq(users.accountId, account.id))
    .orderBy(asc(users.role), asc(users.name));
  return { account, rows };
}

/**
 * A one-hour password-reset link for a live user of the account: `email`, or its admin when
 * there is exactly one. Recorded in `history` (operator_events) and the account's audit log.
 */
export async function operatorResetLink(slug: string | undefined, email: string | undefined) {
  const account = await accountBySlug(slug);
  const live = and(eq(users.accountId, account.id), isNull(users.removedAt));
  const candidates = await getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(email ? and(live, eq(users.email, email.trim().toLowerCase())) : and(live, eq(users.role, "admin")));
  if (candidates.length === 0) throw new Error(email ? `${account.name} has no user with that email.` : `${account.name} has no admin.`);
  if (candidates.length > 1) {
    throw new Error(`${account.name} has ${candidates.length} admins; choose one with --email:\n${candidates.map((c) => `  ${c.email}  ${c.name}`).join("\n")}`);
  }
  const user = candidates[0]!;
  const code = generateLinkCode();
  const made = await createPasswordReset(account.id, { kind: "operator", name: currentOperator() }, user.id, code, (tx) =>
    recordOperatorEvent(tx, account.id, "user.password_reset_link_created", { userId: user.id, name: user.name }),
  );
  if (!made) throw new Error("The user was removed meanwhile; nothing was made.");
  return { user, link: `${publicOrigin()}${PASSWORD_RESET_PATH}${code.code}` };
}
