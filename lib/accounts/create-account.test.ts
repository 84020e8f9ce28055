import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { accounts, attributes, operatorEvents, users } from "@/db/tables";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { withTestDatabase } from "@/test/database";
import { createAccount, generateInitialPassword, slugFor } from "./create-account";

withTestDatabase();

const run = () => Math.random().toString(36).slice(2, 8);

describe("createAccount (operator)", () => {
  it("creates the account, its catalogue and first admin, who can sign in; the record holds no password", async () => {
    const id = run();
    const password = generateInitialPassword();
    const created = await createAccount({ name: `Acme ${id}`, slug: `acme-${id}`, adminEmail: `Owner.${id}@Acme.test`, adminName: "Ada Owner", password });
    expect(created).toMatchObject({ slug: `acme-${id}`, adminEmail: `owner.${id}@acme.test` });

    const [user] = await getDb().select().from(users).where(eq(users.accountId, created.accountId));
    // The operator handed this password over: it is replaced at first sign-in.
    expect(user).toMatchObject({ role: "admin", email: `owner.${id}@acme.test`, mustChangePassword: true });
    expect(user!.passwordHash).not.toContain(password);
    const catalogue = await getDb().select().from(attributes).where(eq(attributes.accountId, created.accountId));
    expect(catalogue.length).toBeGreaterThanOrEqual(30);

    const signedIn = await authorizeCredentials({ email: `owner.${id}@acme.test`, password }, `198.51.100.${Math.floor(Math.random() * 200)}`);
    expect(signedIn?.id).toBe(user!.id);

    const events = await getDb().select().from(operatorEvents).where(eq(operatorEvents.accountId, created.accountId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "account.created" });
    expect(JSON.stringify(events[0])).not.toContain(password);
  });

  it("refuses bad input, a taken slug or email, and writes nothing", async () => {
    const id = run();
    const good = { name: `Beta ${id}`, slug: `beta-${id}`, adminEmail: `owner.${id}@beta.test`, adminName: "Bo", password: generateInitialPassword() };
    await createAccount(good);
    const before = (await getDb().select().from(accounts)).length;
    await expect(createAccount({ ...good, slug: `beta2-${id}` })).rejects.toThrow(/already signs in/);
    await expect(createAccount({ ...good, adminEmail: `x.${id}@beta.test` })).rejects.toThrow(/exists already/);
    await expect(createAccount({ ...good, slug: `c-${id}`, adminEmail: "not-an-email" })).rejects.toThrow(/admin's email/);
    await expect(createAccount({ ...good, slug: `d-${id}`, adminEmail: `d.${id}@beta.test`, password: "short" })).rejects.toThrow(/at least 12/);
    await expect(createAccount({ ...good, slug: "Bad Slug", adminEmail: `e.${id}@beta.test` })).rejects.toThrow(/slug/);
    expect((await getDb().select().from(accounts)).length).toBe(before);
  });

  it("derives slugs from names", () => {
    expect(slugFor("Acme Retail")).toBe("acme-retail");
    expect(slugFor("  Café & Co. ")).toBe("cafe-co");
  });
});
