import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { startProcess, type AppProcess } from "@/test/app-process";
import { getDb } from "@/db";
import { webhookDeliveries } from "@/db/tables";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { startReceiver } from "@/test/webhook-receiver";
import { createTestEndpoint } from "@/test/webhook-setup";
import { createToken } from "@/lib/tokens/actions";

withTestDatabase();

// Two processes share the outbox: only a real Postgres server can be reached by both.
describe.skipIf(!process.env.DATABASE_URL)("a restart between attempts", () => {
  const running: AppProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop("SIGKILL")));
  });

  const worker = (accountId: string) => {
    const p = startProcess("npx", ["tsx", "test/webhook-worker-process.ts"], { env: { ...process.env, WORKER_ACCOUNT_ID: accountId }, capture: true });
    running.push(p);
    return p;
  };
  const delivery = async (endpointId: string) => (await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0];

  it("a delivery that failed before a crash is delivered once by the next process", async () => {
    const receiver = await startReceiver();
    const account = await createTestAccount();
    signInAs(account.admin);
    const { endpointId } = await createTestEndpoint(receiver.url, ["token.created"]);
    await receiver.stop();
    await createToken(activityInput());

    const first = worker(account.accountId);
    // The first attempt is recorded (attempts counts claims, so wait for its outcome).
    await expect.poll(async () => (await delivery(endpointId))?.lastError, { timeout: 60_000, interval: 250 }).toBe("Connection refused");
    expect(await delivery(endpointId)).toMatchObject({ status: "pending", attempts: 1 });
    await first.stop("SIGKILL");

    await receiver.start();
    worker(account.accountId);
    await expect.poll(async () => (await delivery(endpointId))?.status, { timeout: 60_000, interval: 250 }).toBe("delivered");
    expect(receiver.received).toHaveLength(1);
    expect(await delivery(endpointId)).toMatchObject({ attempts: 2, lastStatus: 200 });
    expect(receiver.received[0]!.headers["webhook-id"]).toBe((await delivery(endpointId))!.messageId);
    await receiver.stop();
  }, 120_000);

  it("a stop (SIGTERM) lets the send in flight finish and be recorded", async () => {
    const receiver = await startReceiver();
    receiver.state.delayMs = 3_000;
    const account = await createTestAccount();
    signInAs(account.admin);
    const { endpointId } = await createTestEndpoint(receiver.url, ["token.created"]);
    await createToken(activityInput());

    const p = worker(account.accountId);
    await expect.poll(() => receiver.received.length, { timeout: 60_000, interval: 100 }).toBe(1);
    // The receiver has the request and answers in 3 s: the stop waits for that answer.
    await p.stop("SIGTERM");
    // npx may end first: the worker's own line says when its stop is done.
    await expect.poll(() => p.output(), { timeout: 20_000, interval: 100 }).toContain("webhook worker stopped");
    expect(await delivery(endpointId)).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200, lockedUntil: null });
    await receiver.stop();
  }, 120_000);
});
