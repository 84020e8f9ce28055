import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "./mailer";
import { inviteMail, passwordResetMail } from "./messages";

const LINK = "http://localhost:3000/invite/q3J4Zk9mYWtlLWNvZGUtZm9yLXRoZS10ZXN0LTAxMjM0";

// A real SMTP server in this process: what nodemailer sends is what a mail server receives.
const received: Array<{ from: string; to: string[]; raw: string }> = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        // Long lines arrive quoted-printable: join the soft line breaks back up.
        raw = raw.replace(/=\r?\n/g, "");
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("createMailer", () => {
  it("sends through SMTP_URL: the invite reaches the server with its link", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Hub <hub@example.test>", dev: false });
    expect(mailer.delivers).toBe(true);
    const mail = inviteMail("new.person@example.test", { accountName: "Acme Retail", inviterName: "Ada Admin", roleLabel: "Marketer", link: LINK });
    expect(await mailer.send(mail)).toEqual({ via: "smtp" });
    const [got] = received;
    expect(got).toMatchObject({ from: "hub@example.test", to: ["new.person@example.test"] });
    expect(got!.raw).toContain("Subject: Join Acme Retail on the Hub");
    expect(got!.raw).toContain("Ada Admin invited you to join Acme Retail on the Hub as a marketer.");
    expect(got!.raw).toContain(LINK);
    expect(got!.raw).toContain("This link works once and expires in 7 days.");
  });

  it("writes .eml files in development without SMTP, and sends nothing in production without it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hub-mail-"));
    try {
      const dev = createMailer({ from: "Hub <hub@example.test>", dev: true, dir });
      const outcome = await dev.send(passwordResetMail("max@example.test", { accountName: "Acme Retail", link: LINK }));
      expect(outcome).toMatchObject({ via: "file" });
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-password-reset\.eml$/);
      const raw = (await readFile(path.join(dir, files[0]!), "utf8")).replace(/=\n/g, "");
      expect(raw).toContain("To: max@example.test");
      expect(raw).toContain(LINK);
      expect(raw).toContain("This link works once and expires in 1 hour.");

      const production = createMailer({ from: "Hub <hub@example.test>", dev: false, dir });
      expect(production.delivers).toBe(false);
      expect(await production.send(passwordResetMail("max@example.test", { accountName: "Acme", link: LINK }))).toEqual({ via: "none" });
      expect(await readdir(dir)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
