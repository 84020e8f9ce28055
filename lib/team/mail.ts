import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { mailer, type Mail } from "@/lib/mail/mailer";
import { inviteMail, passwordResetMail } from "@/lib/mail/messages";

// A link is shown to the admin whatever happens to its mail: a mail that fails is logged (the
// kind and the error, never the address or the link) and the admin hands the link over instead.

async function deliver(mail: Mail): Promise<boolean> {
  const m = mailer();
  if (!m.delivers) return false;
  try {
    const outcome = await m.send(mail);
    return outcome.via !== "none";
  } catch (error) {
    log.warn({ mail: mail.kind, error: describeError(error) }, "mail not sent");
    return false;
  }
}

export const mailInvite = (to: string, content: Parameters<typeof inviteMail>[1]) => deliver(inviteMail(to, content));
export const mailPasswordReset = (to: string, content: Parameters<typeof passwordResetMail>[1]) => deliver(passwordResetMail(to, content));
