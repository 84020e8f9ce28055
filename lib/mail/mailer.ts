import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { DEV_MAIL_DIR } from "./dev-mail-dir";

// Mail the Hub sends: invites and password-reset links, which hold a one-time link for the
// recipient and nobody else, and the admins' email notices (lib/notices), which hold no secret. With SMTP_URL it is sent; in development without it, written to
// .data/mail/<time>-<kind>.eml to open with a mail reader; in production without it, not sent
// (the admin hands over the link shown on screen). Nothing here logs a mail's content.

export interface Mail {
  kind: "invite" | "password-reset" | "notice";
  to: string;
  subject: string;
  text: string;
  /** The same content as HTML, every value escaped (notices). */
  html?: string;
  /** A stable Message-ID, so a mail sent again after a lost answer reads as the same message. */
  messageId?: string;
}

export type MailOutcome = { via: "smtp" } | { via: "file"; file: string } | { via: "none" };

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** Development writes files when there is no SMTP server. */
  dev: boolean;
  dir?: string;
}

export interface Mailer {
  /** Whether a mail reaches anyone (an SMTP server, or the development folder). */
  readonly delivers: boolean;
  send(mail: Mail): Promise<MailOutcome>;
}

// A send never hangs a worker for long: nodemailer's own defaults wait up to 10 minutes on a socket.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** The longest one SMTP send may take before it fails (the notice worker's claims outlast it). */
export const SMTP_SEND_TIMEOUT_MS = SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout;

const fileName = (kind: Mail["kind"]) => `${new Date().toISOString().replace(/[:.]/g, "-")}-${kind}.eml`;

export function createMailer({ smtpUrl, from, dev, dir = DEV_MAIL_DIR }: MailerOptions): Mailer {
  let smtp: Transporter | undefined;
  const message = (mail: Mail) => ({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
  return {
    delivers: Boolean(smtpUrl) || dev,
    async send(mail) {
      if (smtpUrl) {
        smtp ??= nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
        await smtp.sendMail(message(mail));
        return { via: "smtp" };
      }
      if (!dev) return { via: "none" };
      // nodemailer builds the RFC 5322 message; the file is what an SMTP server would have got.
      const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message(mail));
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, fileName(mail.kind));
      await writeFile(file, built.message as Buffer, { mode: 0o600 });
      return { via: "file", file };
    },
  };
}

let shared: Mailer | undefined;

/** The process's mailer, configured from the environment. */
export function mailer(): Mailer {
  // Files only when a developer runs the Hub: tests and production never write mail to disk.
  shared ??= createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, dev: env.mode === "development" });
  return shared;
}
