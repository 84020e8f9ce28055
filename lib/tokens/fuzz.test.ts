import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { activityQuerySchema } from "@/lib/activity/schema";
import { signInSchema } from "@/lib/auth/schema";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { createToken } from "./actions";
import { createTokenSchema, updateTokenSchema } from "./schema";
import { tokenSnapshot } from "@/test/token-fixtures";

withTestDatabase();

describe("form and API schemas under fuzzing", () => {
  it("never throw, whatever they are given", () => {
    for (const schema of [createTokenSchema, updateTokenSchema, activityQuerySchema, signInSchema]) {
      fc.assert(fc.property(fc.anything(), (input) => typeof schema.safeParse(input).success === "boolean"), { numRuns: 500 });
    }
  });

  const plausible = fc.record({
    type: fc.constantFrom("activity", "profile_read", "admin", ""),
    description: fc.oneof(fc.string({ maxLength: 120 }), fc.constant("   ")),
    exposedAttributes: fc.array(fc.constantFrom("email", "first_name", "nope", ""), { maxLength: 4 }),
    linkingAttribute: fc.constantFrom("email", "customer_id", "", "ssn"),
    ipAllowList: fc.array(fc.record({ value: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 }), fc.constant("0.0.0.0/0")) }), { maxLength: 3 }),
    acceptTerms: fc.boolean(),
  });

  it("createToken either succeeds whole or writes nothing, for any input", async () => {
    const account = await createTestAccount({ maxActiveTokens: 1000 });
    signInAs(account.admin);
    await fc.assert(
      fc.asyncProperty(plausible, async (input) => {
        const before = await tokenSnapshot(account.accountId);
        const result = await createToken(input as never);
        const after = await tokenSnapshot(account.accountId);
        if (result.ok) {
          expect(after.tokens.length).toBe(before.tokens.length + 1);
          expect(after.events).toBe(before.events + 1);
        } else {
          expect(after).toEqual(before);
          expect(result.fieldErrors ?? result.formError).toBeTruthy();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
