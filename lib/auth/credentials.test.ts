import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { authorizeCredentials, SignInThrottled } from "./credentials";
import { hashPassword } from "./password";
import { signInPolicy } from "./sign-in-throttle";

withTestDatabase();

// Throttle counters may outlive a run (Redis): every test uses addresses of its own.
const run = () => Math.floor(Math.random() * 250) + 1;
const ipBlock = `${run()}.${run()}.${run()}`;

describe("authorizeCredentials (integration)", () => {
  it("accepts the right password, case-insensitively by email", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const ip = `${ipBlock}.1`;
    expect(await authorizeCredentials({ email: account.admin.email.toUpperCase(), password: "correct horse" }, ip)).toEqual({
      id: account.admin.id,
      sessionVersion: 0,
    });
  });

  it("answers null for a wrong password and for an unknown email alike", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    expect(await authorizeCredentials({ email: account.admin.email, password: "wrong" }, `${ipBlock}.2`)).toBeNull();
    expect(await authorizeCredentials({ email: `nobody-${randomUUID()}@x.test`, password: "wrong" }, `${ipBlock}.2`)).toBeNull();
    expect(await authorizeCredentials({ email: "not-an-email", password: "" }, `${ipBlock}.2`)).toBeNull();
  });

  it("throttles an email after repeated failures, even with the right password", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const email = account.marketer.email;
    for (let i = 0; i < signInPolicy.perEmail.points; i++) {
      // A different IP each time: the per-email limit holds on its own.
      expect(await authorizeCredentials({ email, password: `guess ${i}` }, `${run()}.${run()}.${run()}.${i}`)).toBeNull();
    }
    await expect(authorizeCredentials({ email, password: "correct horse" }, `${ipBlock}.3`)).rejects.toBeInstanceOf(SignInThrottled);
  });

  it("throttles an IP that guesses across many emails", async () => {
    const ip = `${ipBlock}.4`;
    for (let i = 0; i < signInPolicy.perIp.points; i++) {
      expect(await authorizeCredentials({ email: `spray-${i}-${randomUUID()}@x.test`, password: "guess" }, ip)).toBeNull();
    }
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    await expect(authorizeCredentials({ email: account.admin.email, password: "correct horse" }, ip)).rejects.toBeInstanceOf(SignInThrottled);
    // Another IP is unaffected.
    expect(await authorizeCredentials({ email: account.admin.email, password: "correct horse" }, `${ipBlock}.5`)).toEqual({ id: account.admin.id, sessionVersion: 0 });
  }, 120_000);
});
