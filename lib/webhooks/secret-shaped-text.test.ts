import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
// First: it mocks the session and headers before the actions are imported.
import "@/test/next-mocks";
import { getDb } from "@/db";
import { apiTokens, webhookDeliveries } from "@/db/tables";
import { resetToken, revokeToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { call } from "@/test/api-server";
import { withTestDatabase } from "@/test/database";
import { withSignedInAdmin } from "@/test/signed-in-admin";
import { createTestEndpoint, withWebhookReceiver } from "@/test/webhook-setup";
import { sweepExpiringTokens } from "./expiry-sweep";
import { tokenEventPayload } from "./outbox";

// A description is anyone's free text: one that merely looks like a secret is redacted in the
// payload, and never stands between a token and its revocation.

withTestDatabase();

const receiver = withWebhookReceiver();
const admin = withSignedInAdmin("shaped");
const { server, issued } = admin;

const SHAPED = "verify whsec_ header";
const deliveriesOf = async (endpointId: string) => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.id);
const report = (tokens: string[]) => call(server.port, "/api/v1/tokens/revoke", { method: "POST", body: { tokens }, from: "127.0.0.77" });

describe("a description shaped like a secret", () => {
  it("is redacted in the payload instead of refusing it", () => {
    const token = { id: "t", description: `${SHAPED} and hub_act_${"a".repeat(32)}`, type: "activity", displayPrefix: "hub_act_abc", scopes: ["users:read"] };
    const payload = tokenEventPayload({ accountId: "a", type: "token.revoked", token, actor: { id: "u", name: "whsec_ fan", ip: null } }, new Date());
    expect(JSON.stringify(payload)).not.toMatch(/whsec_|hub_act_a{20}/);
    expect(payload.data.token.description).toBe("verify [redacted] header and [redacted]");
    expect(payload.data.actor.name).toBe("[redacted] fan");
  });

  it("can be created, reset and revoked from the console, each event queued", async () => {
    const { endpointId } = await createTestEndpoint(receiver.url);
    const { tokenId } = await issued(SHAPED);
    expect((await resetToken(tokenId)).ok).toBe(true);
    expect((await revokeToken(tokenId)).ok).toBe(true);
    expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("revoked");
    const queued = await deliveriesOf(endpointId);
    expect(queued.map((d) => d.eventType)).toEqual(["token.created", "token.reset", "token.revoked"]);
    expect(JSON.stringify(queued)).not.toContain("whsec_");
  });

  it("stored before the guard, is still revoked by POST /api/v1/tokens/revoke", async () => {
    await createTestEndpoint(receiver.url);
    const { tokenId, token } = await issued();
    await getDb().update(apiTokens).set({ description: SHAPED }).where(eq(apiTokens.id, tokenId));
    expect((await report([token])).status).toBe(202);
    expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("revoked");
  });
});

/** The database refuses these events' delivery rows for tokens described "poison pill …". */
async function refuseDeliveriesOf(...types: string[]) {
  const list = types.map((t) => `'${t}'`).join(", ");
  await getDb().execute(sql.raw(`create or replace function refuse_poison() returns trigger language plpgsql as $$
    begin if new.payload::text like '%poison pill%' and new.event_type in (${list}) then raise exception 'refused'; end if; return new; end $$`));
  await getDb().execute(sql`create trigger refuse_poison before insert on webhook_deliveries for each row execute function refuse_poison()`);
}
const tokenIdOf = (d: { payload: unknown }) => (d.payload as { data: { token: { id: string } } }).data.token.id;

describe("a webhook that cannot be queued", () => {
  afterEach(async () => {
    await getDb().execute(sql`drop trigger if exists refuse_poison on webhook_deliveries`);
  });

  it("never stops a revocation, from the console or from a leak report", async () => {
    await refuseDeliveriesOf("token.revoked", "token.exposed");
    const { endpointId } = await createTestEndpoint(receiver.url);
    const fromConsole = await issued("poison pill one");
    const reported = await issued("poison pill two");
    const healthy = await issued();
    expect((await revokeToken(fromConsole.tokenId)).ok).toBe(true);
    expect((await report([reported.token, healthy.token])).status).toBe(202);
    for (const { tokenId } of [fromConsole, reported, healthy]) expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("revoked");
    const exposed = (await deliveriesOf(endpointId)).filter((d) => d.eventType === "token.exposed");
    expect(exposed.map(tokenIdOf)).toEqual([healthy.tokenId]);
  });

  it("is one row the expiry sweep skips: the others are still announced", async () => {
    await refuseDeliveriesOf("token.expiring");
    const { endpointId } = await createTestEndpoint(receiver.url);
    const bad = await issued("poison pill three");
    const good = await issued();
    const soon = new Date(Date.now() + 3 * 86_400_000);
    await getDb().update(apiTokens).set({ expiresAt: soon }).where(inArray(apiTokens.id, [bad.tokenId, good.tokenId]));
    await sweepExpiringTokens(new Date());
    const expiring = (await deliveriesOf(endpointId)).filter((d) => d.eventType === "token.expiring");
    expect(expiring.map(tokenIdOf)).toEqual([good.tokenId]);
  });
});
