import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createMailer, type Mailer } from "@/lib/mail/mailer";

export interface ReceivedMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server in this process: what nodemailer sends is what a mail server receives.
 * `failing` answers every message with a temporary failure (451); `delayMs` holds each message
 * that long before accepting it (so two workers really overlap).
 */
export async function startSmtpReceiver() {
  const received: ReceivedMail[] = [];
  const state = { failing: false, delayMs: 0, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (state.delayMs) await sleep(state.delayMs);
        if (state.failing) {
          state.refused++;
          return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    state,
    /** A mailer sending to this server (each call a transport of its own, as another instance's). */
    mailer: (): Mailer => createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Hub <hub@example.test>", dev: false }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
