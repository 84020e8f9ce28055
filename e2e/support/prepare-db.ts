/**
 * Before the e2e server starts: migrate, seed the demo data, and recreate every journey's account.
 * Runs only against embedded PGlite or a database on this machine.
 */
import { eq, like } from "drizzle-orm";
import { typeDefaults } from "@/lib/tokens/scopes";
import { closeDb, getDb } from "../../db";
import { apiTokens, accounts, profiles, tokenEvents } from "../../db/tables";
import { generateProfiles } from "../../lib/demo/profiles";
import { createRandom } from "../../lib/demo/random";
import { hashPassword } from "../../lib/auth/password";
import { DEMO_PASSWORD } from "../../lib/demo/demo-accounts";
import { seedDemoAccounts } from "../../lib/server/prepare-database";
import { migrateDatabase } from "../../db/migrate";
import { createTestAccount } from "../../test/accounts";
import { assertLocalDatabase } from "../../test/local-database";
import { generateToken } from "../../lib/tokens/secret";
import { createAccount } from "../../lib/accounts/create-account";
import { FIRST_SIGN_IN, journeyAccounts, journeySlug, requiresAdminTwoFactor, seededProfiles, seededTokens } from "./fixtures";
import { resetSignInThrottles } from "./reset-throttles";

async function main() {
  assertLocalDatabase();
  await migrateDatabase();
  await seedDemoAccounts();
  await resetSignInThrottles();
  const db = getDb();
  await db.delete(accounts).where(like(accounts.slug, "e2e-%"));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const key of journeyAccounts) {
    const account = await createTestAccount({ slug: journeySlug(key), passwordHash });
    if (requiresAdminTwoFactor.has(key)) await db.update(accounts).set({ requireAdminTwoFactor: true }).where(eq(accounts.id, account.accountId));
    const profileCount = seededProfiles[key];
    if (profileCount) {
      const rows = generateProfiles(profileCount, "demo-retail.test", createRandom(7), new Date());
      await db.insert(profiles).values(rows.map((profile) => ({ accountId: account.accountId, ...profile })));
    }
    for (const token of seededTokens[key] ?? []) {
      const secret = generateToken(token.type);
      const [row] = await db
        .insert(apiTokens)
        .values({
          accountId: account.accountId,
          type: token.type,
          ...typeDefaults(token.type),
          description: token.description,
          secretHash: secret.hash,
          displayPrefix: secret.displayPrefix,
          rateLimit: 600,
          exposedAttributes: token.type === "profile_read" ? ["email", "first_name"] : [],
          linkingAttribute: token.type === "profile_read" ? "email" : null,
          ipAllowList: token.type === "profile_read" ? ["203.0.113.0/24"] : [],
          createdById: account.admin.id,
        })
        .returning({ id: apiTokens.id });
      await db.insert(tokenEvents).values({
        tokenId: row!.id,
        accountId: account.accountId,
        actorId: account.admin.id,
        actorName: account.admin.name,
        action: "created",
        ip: "127.0.0.1",
      });
    }
  }
  // The first sign-in journey's admin, made as the operator makes one (must choose a new password).
  await createAccount({ name: "E2E First sign-in", slug: FIRST_SIGN_IN.slug, adminEmail: FIRST_SIGN_IN.email, adminName: "Fay First", password: DEMO_PASSWORD });
  console.log(`e2e accounts ready: ${journeyAccounts.join(", ")}`);
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
