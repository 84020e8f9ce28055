import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { auditEvents, webhookDeliveries } from "@/db/tables";
import { setAccountLimits } from "@/lib/accounts/limits";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { inviteUser } from "@/lib/team/actions";
import { createToken, resetToken, revokeToken, updateToken } from "@/lib/tokens/actions";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { createTestEndpoint, withWebhookReceiver } from "@/test/webhook-setup";
import { sendDueDeliveries } from "./worker";

// `audit.event` (README, Webhooks): every audit-log row reaches the endpoints that subscribe to
// it, queued in the transaction that writes the row, and nothing else does.
withTestDatabase();

const PASSWORD = "correct horse battery";
const receiver = withWebhookReceiver();
let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount({ passwordHash: await hashPassword(PASSWORD) });
  signInAs(account.admin);
});

type Received = { type: string; data: Record<string, unknown> };
const deliveriesOf = (endpointId: string) => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(asc(webhookDeliveries.id));
const rowsOf = (accountId: string) => getDb().select().from(auditEvents).where(eq(auditEvents.accountId, accountId)).orderBy(asc(auditEvents.id));

describe("audit.event", () => {
  it("carries every audit row of the account, as the row, signed, and never a secret", async () => {
    const { endpointId, secret } = await createTestEndpoint(receiver.url, ["audit.event"]);
    const before = (await rowsOf(account.accountId)).length; // the endpoint's own creation

    const created = await createToken(activityInput({ description: "SIEM feed" }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const { tokenId, token } = created.data;
    expect((await updateToken(tokenId, { ...activityInput({ description: "SIEM feed v2" }), rateLimit: 300 })).ok).toBe(true);
    const reset = await resetToken(tokenId);
    if (!reset.ok) throw new Error(JSON.stringify(reset));
    expect((await revokeToken(tokenId)).ok).toBe(true);
    expect(await authorizeCredentials({ email: account.admin.email, password: "not the password" }, "203.0.113.9")).toBeNull();
    expect(await authorizeCredentials({ email: account.admin.email, password: PASSWORD }, "203.0.113.9")).not.toBeNull();
    const invite = await inviteUser({ email: `siem-${account.slug}@example.test`, role: "marketer" });
    if (!invite.ok) throw new Error(JSON.stringify(invite));
    await setAccountLimits(account.slug, { auditLogRetentionDays: "400" });

    const rows = (await rowsOf(account.accountId)).slice(before);
    expect(rows.map((r) => r.action)).toEqual(["token.created", "token.updated", "token.reset", "token.revoked", "sign_in.failed", "sign_in.succeeded", "user.invited", "account.limits_changed"]);
    expect(await sendDueDeliveries({ accountId: account.accountId })).toBe(rows.length + before);
    const verifier = new Webhook(secret);
    const events = receiver.received.map((r) => verifier.verify(r.body, r.headers) as Received).slice(before);
    expect(events.map((e) => e.type)).toEqual(rows.map(() => "audit.event"));
    events.forEach((event, i) => {
      const row = rows[i]!;
      expect(event.data).toEqual({
        account_id: account.accountId,
        id: row.id,
        at: row.at.toISOString(),
        action: row.action,
        actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
        target: row.targetKind ? { kind: row.targetKind, id: row.targetId, label: row.targetLabel } : null,
        ip: row.ip,
        detail: row.detail,
      });
    });
    expect(events[3]!.data).toMatchObject({ action: "token.revoked", actor: { kind: "user", id: account.admin.id, name: account.admin.name }, target: { kind: "token", id: tokenId, label: "SIEM feed v2" } });
    expect(events[4]!.data).toMatchObject({ action: "sign_in.failed", ip: "203.0.113.9", target: { kind: "user", id: account.admin.id } });
    expect(events[7]!.data).toMatchObject({ action: "account.limits_changed", actor: { kind: "operator", id: null, name: expect.stringMatching(/^Operator \(.+\)$/) }, detail: { auditLogRetentionDays: 400 } });
    const everything = JSON.stringify(receiver.received) + JSON.stringify(await deliveriesOf(endpointId));
    for (const leaked of [token, reset.data.token, secret, PASSWORD, invite.data.link.split("/").pop()!, `siem-${account.slug}@example.test`]) expect(everything).not.toContain(leaked);
  });

  it("goes only to endpoints that subscribe to it; one subscribed to a token event too gets both", async () => {
    const both = await createTestEndpoint(receiver.url, ["audit.event", "token.revoked"]);
    const tokenEventsOnly = await createTestEndpoint(receiver.url, ["token.created", "token.revoked"]);
    const other = await createTestAccount();
    signInAs(other.admin);
    const elsewhere = await createTestEndpoint(receiver.url, ["audit.event"]);
    const queuedElsewhere = (await deliveriesOf(elsewhere.endpointId)).length;
    signInAs(account.admin);

    const created = await createToken(activityInput());
    if (!created.ok) throw new Error(JSON.stringify(created));
    const queuedBefore = (await deliveriesOf(both.endpointId)).length;
    expect((await revokeToken(created.data.tokenId)).ok).toBe(true);

    const forRevoke = (await deliveriesOf(both.endpointId)).slice(queuedBefore);
    expect(forRevoke.map((d) => d.eventType).sort()).toEqual(["audit.event", "token.revoked"]);
    expect(new Set(forRevoke.map((d) => d.messageId)).size).toBe(2);
    expect((await deliveriesOf(tokenEventsOnly.endpointId)).map((d) => d.eventType)).toEqual(["token.created", "token.revoked"]);
    expect(await deliveriesOf(elsewhere.endpointId)).toHaveLength(queuedElsewhere);
  });

  it("is queued with its row: a change that rolls back sends nothing", async () => {
    const { endpointId } = await createTestEndpoint(receiver.url, ["audit.event"]);
    const queued = (await deliveriesOf(endpointId)).length;
    await expect(
      getDb().transaction(async (tx) => {
        await recordAccountChange(tx, { accountId: account.accountId, actor: { kind: "system", name: "System" }, action: "account.settings_changed" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await deliveriesOf(endpointId)).toHaveLength(queued);
    // The same row outside a transaction of its own gets one: row and message together.
    await recordAccountChange(getDb(), { accountId: account.accountId, actor: { kind: "system", name: "System" }, action: "account.settings_changed" });
    expect(await deliveriesOf(endpointId)).toHaveLength(queued + 1);
  });
});
