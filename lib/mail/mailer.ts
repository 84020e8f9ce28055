import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { DEV_MAIL_DIR } from "./dev-mail-dir";

// Mail the Hub sends (invites, password-reset links) holds a one-time link: it goes to the
// recipient and nowhere else. With SMTP_URL it is sent; in development without it, written to
// .data/mail/<time>-<kind>.eml to open with a mail reader; in production without it, not sent
// (the admin hands over the link shown on screen). Nothing here logs a mail's content.

export interface Mail {
  kind: "invite" | "password-reset";
  to: string;
  subject: string;
  text: string;
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

const fileName = (kind: Mail["kind"]) => `${new Date().toISOString().replace(/[:.]/g, "-")}-${kind}.eml`;

export function createMailer({ smtpUrl, from, dev, dir = DEV_MAIL_DIR }: MailerOptions): Mailer {
  let smtp: Transporter | undefined;
  const message = (mail: Mail) => ({ from, to: mail.to, subject: mail.subject, text: mail.text });
  return {
    delivers: Boolean(smtpUrl) || dev,
    async send(mail) {
      if (smtpUrl) {
        smtp ??= nodemailer.createTransport(smtpUrl);
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
