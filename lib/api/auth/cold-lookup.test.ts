import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { apiTokens, profiles } from "@/db/tables";
import { findProfileByAttribute } from "@/lib/profiles/queries";
import { hashToken } from "@/lib/tokens/secret";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call } from "@/test/api-server";
import { withApiServer } from "@/test/with-api-server";
import { withTestDatabase } from "@/test/database";
import { profileCache } from "../invalidation/profile-cache";
import { getTokenWithProfile } from "./queries";
import { tokenCache } from "./token-cache";

// A Profile Read request that misses both caches: the token and the profile come in one
// statement (cold-lookup.ts), never another account's profile, nothing for a token that may not read.

vi.mock("@/lib/profiles/queries", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/profiles/queries")>();
  return { ...original, findProfileByAttribute: vi.fn(original.findProfileByAttribute) };
});
vi.mock("@/lib/api/auth/queries", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/api/auth/queries")>();
  return { ...original, getTokenWithProfile: vi.fn(original.getTokenWithProfile) };
});

withTestDatabase();
const server = withApiServer();

type Issued = Awaited<ReturnType<typeof issueToken>>;
let byEmail: Issued, byCustomerId: Issued, activity: Issued, otherAccounts: Issued;

const profileToken = (linkingAttribute: string) => ({
  type: "profile_read" as const,
  description: `cold ${linkingAttribute} ${Math.random()}`,
  exposedAttributes: ["first_name"],
  linkingAttribute,
  ipAllowList: [{ value: "127.0.0.1" }],
});

beforeAll(async () => {
  const mine = await seedApiAccount();
  const theirs = await seedApiAccount();
  // The same value in two accounts, and a value stored as a number.
  await getDb()
    .insert(profiles)
    .values([
      { accountId: mine.accountId, attributes: { email: "twin@cold.test", first_name: "Mine" } },
      { accountId: theirs.accountId, attributes: { email: "twin@cold.test", first_name: "Theirs" } },
      { accountId: mine.accountId, attributes: { customer_id: 7700, first_name: "Numbered" } },
    ]);
  byEmail = await issueToken(mine.actor, profileToken("email"));
  byCustomerId = await issueToken(mine.actor, profileToken("customer_id"));
  otherAccounts = await issueToken(theirs.actor, profileToken("email"));
  activity = await issueToken(mine.actor, { type: "activity", description: `cold activity ${Math.random()}`, exposedAttributes: [], linkingAttribute: "", ipAllowList: [] });
}, 120_000);

beforeEach(() => {
  startCold();
  vi.mocked(findProfileByAttribute).mockClear();
  vi.mocked(getTokenWithProfile).mockClear();
});

/** Both caches miss: the next request starts cold. */
function startCold() {
  tokenCache.clear();
  profileCache.clear();
}

const read = (token: string, query: string) => call(server.port, `/api/v1/profile?${query}`, { token });
const coldRead = (token: string, query: string) => (startCold(), read(token, query));

describe("a Profile Read request that misses both caches", () => {
  it("answers from the token's statement, with no second query for the profile", async () => {
    expect(await coldRead(byEmail.token, "email=twin%40cold.test")).toMatchObject({ status: 200, body: { data: { first_name: "Mine" } } });
    expect(await coldRead(otherAccounts.token, "email=twin%40cold.test")).toMatchObject({ status: 200, body: { data: { first_name: "Theirs" } } });
    expect(await coldRead(byCustomerId.token, "customer_id=7700")).toMatchObject({ status: 200, body: { data: { first_name: "Numbered" } } });
    expect(await coldRead(byEmail.token, "email=nobody%40cold.test")).toMatchObject({ status: 404, body: { error: { code: "profile_not_found" } } });
    expect(findProfileByAttribute).not.toHaveBeenCalled();
  });

  it("answers a POST lookup from the token's statement too: the body is read before the token is known", async () => {
    const post = (body: unknown) => (startCold(), call(server.port, "/api/v1/profile/lookup", { token: byEmail.token, method: "POST", body }));
    expect(await post({ email: "twin@cold.test" })).toMatchObject({ status: 200, body: { data: { first_name: "Mine" } } });
    expect(getTokenWithProfile).toHaveBeenCalledTimes(1);
    // A bad body asks for no profile, and is answered 400 once the token is known.
    expect(await post({ email: "twin@cold.test", extra: 1 })).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    expect(getTokenWithProfile).toHaveBeenCalledTimes(1);
    expect(findProfileByAttribute).not.toHaveBeenCalled();
  });

  it("withholds a profile without consent for the token's purpose, from the token's statement alone", async () => {
    const { accountId } = await tokenOf(byEmail);
    await getDb().insert(profiles).values({ accountId, attributes: { email: "optout@cold.test", first_name: "Opted" }, consentPersonalisation: false });
    expect(await coldRead(byEmail.token, "email=optout%40cold.test")).toMatchObject({ status: 404, body: { error: { code: "profile_not_found" } } });
    expect(getTokenWithProfile).toHaveBeenCalledTimes(1);
    expect(findProfileByAttribute).not.toHaveBeenCalled();
  });

  it("fills the profile cache with what it read: the next request asks nothing", async () => {
    await read(byEmail.token, "email=twin%40cold.test");
    tokenCache.clear();
    expect(profileCache.get((await tokenOf(byEmail)).accountId, "email", "twin@cold.test", ["first_name"], "personalisation")).toBeInstanceOf(Object);
  });

  it("reads the token alone when the profile cache holds the value: no profile read for nothing", async () => {
    await coldRead(byEmail.token, "email=twin%40cold.test");
    expect(getTokenWithProfile).toHaveBeenCalledTimes(1);
    tokenCache.clear();
    expect(await read(byEmail.token, "email=twin%40cold.test")).toMatchObject({ status: 200, body: { data: { first_name: "Mine" } } });
    // Held for another account only: still right, at the cost of a second round trip.
    tokenCache.clear();
    expect(await read(otherAccounts.token, "email=twin%40cold.test")).toMatchObject({ status: 200, body: { data: { first_name: "Theirs" } } });
    expect(getTokenWithProfile).toHaveBeenCalledTimes(1);
    expect(findProfileByAttribute).toHaveBeenCalledTimes(1);
  });

  it("asks for the profile separately only when the token was cached and the profile was not", async () => {
    await read(byEmail.token, "email=twin%40cold.test");
    profileCache.clear();
    expect(await read(byEmail.token, "email=twin%40cold.test")).toMatchObject({ status: 200, body: { data: { first_name: "Mine" } } });
    expect(findProfileByAttribute).toHaveBeenCalledTimes(1);
  });

  it("answers a wrong parameter as before: 400, and no profile read", async () => {
    const result = await read(byEmail.token, "customer_id=C-00001");
    expect(result).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    expect(findProfileByAttribute).not.toHaveBeenCalled();
  });
});

describe("the token's statement", () => {
  it("reads profiles only for an active Profile Read token linked on the asked attribute", async () => {
    const hash = (issued: Issued) => hashToken(issued.token);
    expect((await getTokenWithProfile(hash(byEmail), "email", "twin@cold.test")).profiles).toHaveLength(1);
    // Linked on another attribute, or not a Profile Read token: nothing of the profiles is read.
    expect(await getTokenWithProfile(hash(byCustomerId), "email", "twin@cold.test")).toMatchObject({ token: { id: byCustomerId.id }, profiles: null });
    expect(await getTokenWithProfile(hash(activity), "email", "twin@cold.test")).toMatchObject({ token: { id: activity.id }, profiles: null });
    expect(await getTokenWithProfile(hashToken("hub_pr_unknown"), "email", "twin@cold.test")).toEqual({ token: null, profiles: null });
  });

  it("reads nothing for a revoked token, and the API refuses it", async () => {
    const revoked = await issueToken((await seedApiAccount()).actor, profileToken("email"));
    await getDb().update(apiTokens).set({ status: "revoked" }).where(eq(apiTokens.id, revoked.id));
    expect((await getTokenWithProfile(hashToken(revoked.token), "email", "jane.remington@demo-retail.test")).profiles).toBeNull();
    expect((await read(revoked.token, "email=jane.remington%40demo-retail.test")).status).toBe(401);
  });

  it("tells one match from several", async () => {
    const { accountId } = await tokenOf(byEmail);
    await getDb().insert(profiles).values({ accountId, attributes: { email: "shared@cold.test", first_name: "A" } });
    await getDb().insert(profiles).values({ accountId, attributes: { email: "shared@cold.test", first_name: "B" } });
    expect((await getTokenWithProfile(hashToken(byEmail.token), "email", "shared@cold.test")).profiles).toHaveLength(2);
    expect((await read(byEmail.token, "email=shared%40cold.test")).status).toBe(409);
  });
});

async function tokenOf(issued: Issued) {
  const [row] = await getDb().select({ accountId: apiTokens.accountId }).from(apiTokens).where(eq(apiTokens.id, issued.id));
  return row!;
}
