import type { CSSProperties } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Mail } from "@/lib/mail/mailer";
import { noticeContent, type NoticeContent } from "./content";
import type { NoticeData } from "./data";

// A notice as a mail: plain text, and HTML rendered by React, which escapes every value (a token
// description is whatever someone typed). Inline styles and one table: what mail readers render.

export interface NoticeRecipient {
  email: string;
  name: string;
  accountName: string;
}

interface Options {
  origin: string;
  now: number;
  /** The outbox row's id: the Message-ID, the same on every attempt. */
  id: number;
}

const footer = (recipient: NoticeRecipient) => `You get this mail because you are an admin of ${recipient.accountName} on the Hub.`;
const settingsLine = "Choose which email notices you get in My account:";

export function noticeMail(data: NoticeData, recipient: NoticeRecipient, { origin, now, id }: Options): Mail {
  const content = noticeContent(data, recipient.accountName, origin, now);
  const host = new URL(origin).hostname || "hub.invalid";
  return {
    kind: "notice",
    to: recipient.email,
    subject: content.subject,
    text: noticeText(content, recipient, origin),
    html: `<!doctype html>${renderToStaticMarkup(<NoticeHtml content={content} recipient={recipient} origin={origin} />)}`,
    messageId: `<notice-${id}@${host}>`,
  };
}

function noticeText(content: NoticeContent, recipient: NoticeRecipient, origin: string): string {
  const lines = [`Hello ${recipient.name},`, "", content.lead, ""];
  for (const [label, value] of content.facts) lines.push(`${label}: ${value}`);
  if (content.facts.length > 0) lines.push("");
  for (const token of content.tokens ?? []) lines.push(`- ${token.name}: ${token.detail}`, `  ${token.href}`);
  if (content.tokens) lines.push("");
  lines.push(content.advice, "", `${content.action.label}: ${content.action.href}`, "", "-- ", footer(recipient), `${settingsLine} ${origin}/account`);
  return lines.join("\n");
}

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const styles = {
  body: { margin: 0, padding: "24px 12px", backgroundColor: "#f1f5f9", fontFamily: font, color: "#0f172a" },
  card: { maxWidth: 560, margin: "0 auto", backgroundColor: "#ffffff", border: "1px solid #e2e8f0", borderRadius: 8, padding: 24 },
  brand: { margin: "0 0 16px", fontSize: 13, fontWeight: 600, color: "#4f46e5", letterSpacing: "0.02em" },
  title: { margin: "0 0 16px", fontSize: 18, lineHeight: "26px" },
  text: { margin: "0 0 16px", fontSize: 14, lineHeight: "22px" },
  label: { padding: "6px 12px 6px 0", fontSize: 13, color: "#475569", verticalAlign: "top", whiteSpace: "nowrap" },
  value: { padding: "6px 0", fontSize: 13, wordBreak: "break-word" },
  button: { display: "inline-block", padding: "10px 16px", backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, fontSize: 14, fontWeight: 600, textDecoration: "none" },
  small: { margin: "16px 0 0", fontSize: 12, lineHeight: "18px", color: "#64748b" },
} satisfies Record<string, CSSProperties>;

function NoticeHtml({ content, recipient, origin }: { content: NoticeContent; recipient: NoticeRecipient; origin: string }) {
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- a mail's own document, not a Next.js page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={styles.body}>
        <div style={styles.card}>
          <p style={styles.brand}>Hub · {recipient.accountName}</p>
          <h1 style={styles.title}>{content.subject.replace(/^\[[^\]]*\]\s*/, "")}</h1>
          <p style={styles.text}>Hello {recipient.name},</p>
          <p style={styles.text}>{content.lead}</p>
          {content.facts.length > 0 ? (
            <table role="presentation" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 16px", borderCollapse: "collapse" }}>
              <tbody>
                {content.facts.map(([label, value]) => (
                  <tr key={label}>
                    <td style={styles.label}>{label}</td>
                    <td style={styles.value}>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {content.tokens ? (
            <ul style={{ margin: "0 0 16px", paddingLeft: 20 }}>
              {content.tokens.map((token) => (
                <li key={token.href} style={{ ...styles.text, margin: "0 0 8px" }}>
                  <a href={token.href} style={{ color: "#4338ca" }}>
                    {token.name}
                  </a>
                  <br />
                  <span style={{ color: "#475569", fontSize: 13 }}>{token.detail}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p style={styles.text}>{content.advice}</p>
          <p style={{ margin: "0 0 8px" }}>
            <a href={content.action.href} style={styles.button}>
              {content.action.label}
            </a>
          </p>
          <p style={styles.small}>
            {footer(recipient)} {settingsLine} <a href={`${origin}/account`} style={{ color: "#64748b" }}>My account</a>.
          </p>
        </div>
      </body>
    </html>
  );
}
