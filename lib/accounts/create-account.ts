import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, attributes, users } from "@/db/tables";
import { catalogueRows } from "@/lib/accounts/attribute-catalogue";
import { hashPassword } from "@/lib/auth/password";
import { z } from "@/lib/zod";
import { recordOperatorEvent } from "./operator-log";

export const createAccountSchema = z.object({
  name: z.string().trim().min(1, "Name the account: --name \"Acme Retail\"").max(100, "The account name may be at most 100 characters"),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "The slug is lower-case letters and digits joined by single hyphens, e.g. acme-retail")
    .max(50, "The slug may be at most 50 characters"),
  adminEmail: z.email("Give the first admin's email: --admin-email owner@example.com").transform((e) => e.toLowerCase()),
  adminName: z.string().trim().min(1).max(100, "The admin's name may be at most 100 characters"),
  password: z.string().min(12, "The password must be at least 12 characters").max(200, "The password may be at most 200 characters"),
});

export type CreateAccountInput = z.input<typeof createAccountSchema>;

/** "Acme Retail" → "acme-retail". */
export function slugFor(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
}

/** A strong first password for the operator to hand over: 20 URL-safe characters (120 bits). */
export function generateInitialPassword(): string {
  return randomBytes(15).toString("base64url");
}

/**
 * A real customer account for a production Hub, without demo data: the account, the standard
 * attribute catalogue, its first admin, and the operator's record of it, in one transaction
 * (never an account without its admin).
 */
export async function createAccount(input: CreateAccountInput) {
  const parsed = createAccountSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const { name, slug, adminEmail, adminName, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return getDb().transaction(async (tx) => {
    if ((await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, slug))).length > 0) {
      throw new Error(`An account with slug "${slug}" exists already; choose another with --slug.`);
    }
    if ((await tx.select({ id: users.id }).from(users).where(and(eq(users.email, adminEmail), isNull(users.removedAt)))).length > 0) {
      throw new Error(`${adminEmail} already signs in to the Hub; every user belongs to one account.`);
    }
    const [account] = await tx.insert(accounts).values({ slug, name }).returning({ id: accounts.id });
    const accountId = account!.id;
    await tx.insert(attributes).values(catalogueRows(accountId));
    // The operator chose or saw this password: the admin replaces it at first sign-in.
    await tx.insert(users).values({ accountId, email: adminEmail, name: adminName, role: "admin", passwordHash, mustChangePassword: true });
    await recordOperatorEvent(tx, accountId, "account.created", { name, slug, adminEmail, adminName });
    return { accountId, slug, name, adminEmail };
  });
}
