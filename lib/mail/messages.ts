import type { Mail } from "./mailer";

// The texts of the Hub's mails. Each holds a one-time link and says how long it works.

export function inviteMail(to: string, { accountName, inviterName, roleLabel, link }: { accountName: string; inviterName: string; roleLabel: string; link: string }): Mail {
  return {
    kind: "invite",
    to,
    subject: `Join ${accountName} on the Hub`,
    text: [
      `${inviterName} invited you to join ${accountName} on the Hub as ${/^[AEIOU]/.test(roleLabel) ? "an" : "a"} ${roleLabel.toLowerCase()}.`,
      "",
      "Open this link to choose your password and join:",
      link,
      "",
      "This link works once and expires in 7 days. If you did not expect it, ignore this mail.",
    ].join("\n"),
  };
}

export function passwordResetMail(to: string, { accountName, link }: { accountName: string; link: string }): Mail {
  return {
    kind: "password-reset",
    to,
    subject: `Reset your Hub password (${accountName})`,
    text: [
      `An admin of ${accountName} made a link for you to choose a new Hub password:`,
      link,
      "",
      "This link works once and expires in 1 hour. If you did not ask for it, tell your admin.",
    ].join("\n"),
  };
}
