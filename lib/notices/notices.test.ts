import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, apiTokens, mailOutbox, users } from "@/db/tables";
import { clock } from "@/lib/clock";
import { createToken, pauseToken, resetToken } from "@/lib/tokens/actions";
import { hashToken } from "@/lib/tokens/secret";
import { revokeLeakedTokens } from "@/lib/tokens/write/exposure";
import { pauseUnusedTokens } from "@/lib/tokens/write/pause";
import { markTokenSuspicious } from "@/lib/tokens/write/suspicious";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { startSmtpReceiver } from "@/test/smtp-receiver";
import { addAdmin } from "@/test/team-fixtures";
import { activityInput } from "@/test/token-fixtures";
import { purgeOldNotices } from "./retention";
import { queueExpiryDigests, queueOldTokenInUse } from "./sweeps";
import { sendDueNotices } from "./worker";

// Email notices end to end on the server side: the change (or sweep) queues them in its
// transaction, the worker sends them to a real SMTP server in this process, and what arrives is
// parsed as a mail reader would. Notices are queued only when mail goes somewhere: SMTP_URL is
// set for this file (the worker is handed the test server's mailer).
vi.hoisted(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:2525";
});

withTestDatabase();

const DAY = 86_400_000;
const HOUR = 3_600_000;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(() => smtp.close());
afterEach(() => {
  clock.now = () => Date.now();
  smtp.state.failing = false;
  smtp.state.delayMs = 0;
});

/** An account with its admin, a second admin, an admin who opted out of `optedOut`, and a marketer. */
async function team(optedOut: string) {
  const account = await createTestAccount();
  const accountName = account.admin.accountName;
  const second = await addAdmin(account.accountId, accountName);
  const quiet = await addAdmin(account.accountId, accountName);
  await getDb().update(users).set({ noticeOptOuts: [optedOut] }).where(eq(users.id, quiet.id));
  return { account, second, quiet };
}

async function newToken(account: TestAccount, description = `Checkout sync ${Math.random().toString(36).slice(2, 7)}`) {
  signInAs(account.admin);
  const created = await createToken(activityInput({ description }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  return { id: created.data.tokenId, secret: created.data.token, description };
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
const send = (account: TestAccount, mailer = smtp.mailer()) => sendDueNotices({ mailer, accountId: account.accountId });
const rowsOf = (accountId: string) =>
  getDb().select({ kind: mailOutbox.kind, status: mailOutbox.status, attempts: mailOutbox.attempts, lastError: mailOutbox.lastError }).from(mailOutbox).where(eq(mailOutbox.accountId, accountId));

describe("a compromised token", () => {
  it("mails each admin exactly once, never the marketer or an admin who opted out, and never the secret", async () => {
    const { account, second, quiet } = await team("token.exposed");
    const token = await newToken(account, `Checkout <script>alert("x")</script> & co`);
    const [row] = await getDb().select({ hash: apiTokens.secretHash, prefix: apiTokens.displayPrefix }).from(apiTokens).where(eq(apiTokens.id, token.id));
    const now = new Date(clock.now());
    await revokeLeakedTokens([{ hash: hashToken(token.secret), url: "https://github.com/acme/shop/blob/main/.env" }], { reporter: "GitHub secret scanning", ip: "192.0.2.7", now });

    expect(await send(account)).toBe(2);
    expect(await send(account)).toBe(0);
    expect(mailsTo(account.admin.email)).toHaveLength(1);
    expect(mailsTo(second.email)).toHaveLength(1);
    expect(mailsTo(quiet.email)).toHaveLength(0);
    expect(mailsTo(account.marketer.email)).toHaveLength(0);

    const [mail] = mailsTo(account.admin.email);
    const { parsed, raw } = mail!;
    expect(parsed.subject).toBe(`[${account.admin.accountName}] Token "${token.description}" was reported as leaked and revoked`);
    const link = `http://localhost:3000/manage/integrations/api-tokens/${token.id}`;
    expect(parsed.text).toContain(`Hello ${account.admin.name},`);
    expect(parsed.text).toContain("reported as leaked by GitHub secret scanning");
    expect(parsed.text).toContain("Found at: https://github.com/acme/shop/blob/main/.env");
    expect(parsed.text).toContain(`Open the token's Details: ${link}`);
    expect(parsed.html).toContain(`href="${link}"`);
    // The description someone typed is text in the HTML, never markup.
    expect(parsed.html).toContain("Checkout &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(parsed.html).not.toContain("<script>");
    // No secret, no hash, not even the display prefix, in any part of the message.
    for (const text of [raw, parsed.text ?? "", String(parsed.html)]) {
      expect(text).not.toContain(token.secret);
      expect(text).not.toContain(row!.hash);
      expect(text).not.toContain(row!.prefix);
    }
    expect(await rowsOf(account.accountId)).toEqual([
      { kind: "token.exposed", status: "sent", attempts: 1, lastError: null },
      { kind: "token.exposed", status: "sent", attempts: 1, lastError: null },
    ]);
  });
});

describe("the worker", () => {
  it("retries after an SMTP failure with backoff, then delivers once", async () => {
    const { account, second } = await team("token.expiring");
    const token = await newToken(account);
    await markTokenSuspicious(token.id, "62% not found over 120 lookups in 10 minutes", "198.51.100.9", new Date(clock.now()));

    smtp.state.failing = true;
    expect(await send(account)).toBe(0);
    expect(smtp.state.refused).toBeGreaterThanOrEqual(3);
    expect((await rowsOf(account.accountId)).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["pending", 1, "EMESSAGE 451"],
      ["pending", 1, "EMESSAGE 451"],
      ["pending", 1, "EMESSAGE 451"],
    ]);
    // The server is back, but the retry is not due before its 30 seconds.
    smtp.state.failing = false;
    expect(await send(account)).toBe(0);
    const start = Date.now();
    clock.now = () => start + 31_000;
    expect(await send(account)).toBe(3);
    expect(await send(account)).toBe(0);
    for (const email of [account.admin.email, second.email]) expect(mailsTo(email).filter((m) => m.parsed.subject?.includes("Suspicious activity"))).toHaveLength(1);
    expect((await rowsOf(account.accountId)).map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 2],
      ["sent", 2],
      ["sent", 2],
    ]);
  });

  it("delivers each mail once when two workers (two instances) race for the outbox", async () => {
    const { account, second, quiet } = await team("token.expiring");
    await getDb().update(accounts).set({ pauseUnusedAfterDays: 30 }).where(eq(accounts.id, account.accountId));
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await newToken(account));
    // A person's own pause mails nobody; the policy's pause for disuse does.
    expect(await pauseToken(tokens[0]!.id)).toEqual({ ok: true });
    expect(await pauseUnusedTokens(new Date(Date.now() + 31 * DAY))).toBeGreaterThanOrEqual(4);
    // 12 mails, more than one claim's batch: each worker claims, sends slowly and claims again.
    smtp.state.delayMs = 150;
    const [a, b] = await Promise.all([send(account, smtp.mailer()), send(account, smtp.mailer())]);
    expect([a + b, a > 0, b > 0]).toEqual([12, true, true]);
    for (const email of [account.admin.email, second.email, quiet.email]) {
      const subjects = mailsTo(email).map((m) => m.parsed.subject);
      expect(subjects.sort()).toEqual(tokens.slice(1).map((t) => `[${account.admin.accountName}] Token "${t.description}" was paused: not used for 30 days`).sort());
    }
    expect((await rowsOf(account.accountId)).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});

describe("the expiry digest", () => {
  it("sends each admin one mail per hour at most, naming every expiring token once", async () => {
    const { account, second, quiet } = await team("token.expiring");
    const start = Date.now();
    const expiring = [await newToken(account), await newToken(account), await newToken(account)];
    const later = await newToken(account);
    for (const [i, t] of expiring.entries()) await getDb().update(apiTokens).set({ expiresAt: new Date(start + (i + 2) * DAY) }).where(eq(apiTokens.id, t.id));

    // Two instances run the sweep at the same moment.
    const now = new Date(start);
    expect((await Promise.all([queueExpiryDigests(now, { accountId: account.accountId }), queueExpiryDigests(now, { accountId: account.accountId })])).reduce((x, y) => x + y)).toBe(2);
    expect(await send(account)).toBe(2);
    const digest = mailsTo(account.admin.email)[0]!.parsed;
    expect(digest.subject).toBe(`[${account.admin.accountName}] 3 tokens expire within 7 days`);
    for (const t of expiring) {
      expect(digest.text).toContain(`Activity token "${t.description}"`);
      expect(digest.html).toContain(`href="http://localhost:3000/manage/integrations/api-tokens/${t.id}"`);
    }
    expect(digest.text).not.toContain(later.description);
    expect(mailsTo(second.email)).toHaveLength(1);
    expect(mailsTo(quiet.email)).toHaveLength(0);
    expect(mailsTo(account.marketer.email)).toHaveLength(0);

    // A fourth token starts expiring: within the hour it waits, after it comes alone.
    await getDb().update(apiTokens).set({ expiresAt: new Date(start + 5 * DAY) }).where(eq(apiTokens.id, later.id));
    expect(await queueExpiryDigests(new Date(start + 10 * 60_000), { accountId: account.accountId })).toBe(0);
    expect(await queueExpiryDigests(new Date(start + HOUR + 60_000), { accountId: account.accountId })).toBe(2);
    clock.now = () => start + HOUR + 60_000;
    expect(await send(account)).toBe(2);
    const next = mailsTo(account.admin.email)[1]!.parsed;
    expect(next.subject).toBe(`[${account.admin.accountName}] 1 token expires within 7 days`);
    expect(next.text).toContain(later.description);
    for (const t of expiring) expect(next.text).not.toContain(t.description);
    // Everything told: later runs queue nothing.
    expect(await queueExpiryDigests(new Date(start + 3 * HOUR), { accountId: account.accountId })).toBe(0);
  });
});

describe("the old token still in use", () => {
  it("tells each admin once when the old secret was used in the last hour of its overlap", async () => {
    const { account, second } = await team("token.exposed");
    const token = await newToken(account);
    signInAs(account.admin);
    expect((await resetToken(token.id, { keepOldFor: "1h" })).ok).toBe(true);
    const now = Date.now() + 20 * 60_000;
    // Not used since the reset: nothing to tell.
    expect(await queueOldTokenInUse(new Date(now), { accountId: account.accountId })).toBe(0);
    await getDb().update(apiTokens).set({ oldLastUsedAt: new Date(now - 60_000), oldLastUsedIp: "203.0.113.50" }).where(eq(apiTokens.id, token.id));
    expect((await Promise.all([queueOldTokenInUse(new Date(now), { accountId: account.accountId }), queueOldTokenInUse(new Date(now), { accountId: account.accountId })])).reduce((x, y) => x + y)).toBe(3);
    expect(await queueOldTokenInUse(new Date(now + 60_000), { accountId: account.accountId })).toBe(0);
    clock.now = () => now;
    expect(await send(account)).toBe(3);
    const mail = mailsTo(second.email)[0]!.parsed;
    expect(mail.subject).toMatch(new RegExp(`The old token of "${token.description}" is still in use and stops at \\d`));
    expect(mail.text).toContain("from 203.0.113.50");
    const rows = await getDb().select({ key: mailOutbox.dedupeKey }).from(mailOutbox).where(and(eq(mailOutbox.accountId, account.accountId), eq(mailOutbox.kind, "token.old_token_in_use")));
    expect(rows).toHaveLength(3);
  });
});

describe("recipients as they stand when the mail is sent", () => {
  it("sends nothing to an admin removed, made a marketer or opted out after the notice was queued", async () => {
    const { account, second, quiet } = await team("token.expiring");
    const token = await newToken(account);
    await markTokenSuspicious(token.id, "62% not found over 120 lookups in 10 minutes", null, new Date(clock.now()));
    await getDb().update(users).set({ removedAt: new Date() }).where(eq(users.id, second.id));
    await getDb().update(users).set({ noticeOptOuts: ["token.suspicious"] }).where(eq(users.id, quiet.id));
    await getDb().update(users).set({ role: "marketer" }).where(eq(users.id, account.admin.id));
    expect(await send(account)).toBe(0);
    expect([...mailsTo(account.admin.email), ...mailsTo(second.email), ...mailsTo(quiet.email)]).toEqual([]);
    expect((await rowsOf(account.accountId)).map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });
});

describe("retention", () => {
  it("deletes sent notices after 30 days and keeps pending ones", async () => {
    const { account } = await team("token.expiring");
    const token = await newToken(account);
    await markTokenSuspicious(token.id, "62% not found over 120 lookups in 10 minutes", null, new Date(clock.now()));
    expect(await send(account)).toBe(3);
    await markTokenSuspicious((await newToken(account)).id, "again", null, new Date(clock.now()));
    await purgeOldNotices(new Date(Date.now() + 29 * DAY));
    expect(await rowsOf(account.accountId)).toHaveLength(6);
    await purgeOldNotices(new Date(Date.now() + 31 * DAY));
    expect((await rowsOf(account.accountId)).map((r) => r.status)).toEqual(["pending", "pending", "pending"]);
  });
});
