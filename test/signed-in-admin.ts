import { beforeEach, vi } from "vitest";
// First: it mocks the session and headers before the actions are imported.
import { signInAs } from "./next-mocks";
import { createToken } from "@/lib/tokens/actions";
import { call } from "./api-server";
import { createTestAccount, type TestAccount } from "./database";
import { activityInput } from "./token-fixtures";
import { withApiServer } from "./with-api-server";

/**
 * The ground the leak and rotation tests stand on: the file's API server, and before each test a
 * fresh account with its admin signed in, so no test shares tokens, the cap or History.
 * `label` starts the descriptions of the tokens `issued` makes.
 */
export function withSignedInAdmin(label: string) {
  const server = withApiServer();
  let account: TestAccount | undefined;
  beforeEach(async () => {
    account = await createTestAccount();
    signInAs(account.admin);
  });
  return {
    server,
    get account(): TestAccount {
      if (!account) throw new Error("the account is made in beforeEach: read it inside a test");
      return account;
    },
    /** An Activity API call: the cheapest way to ask "does this secret work now?". */
    forms: (token: string) => call(server.port, "/api/v1/forms", { token }),
    /** An Activity token, made through the console's create action as whoever is signed in. */
    async issued(description = `${label} ${Math.random()}`) {
      const result = await createToken(activityInput({ description }));
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.data;
    },
  };
}

/** Cache invalidation arrives by NOTIFY: the contract is "within 1 s" on every instance. */
export const within1s = (assertion: () => Promise<void> | void) => vi.waitFor(assertion, { timeout: 1_000, interval: 20 });
