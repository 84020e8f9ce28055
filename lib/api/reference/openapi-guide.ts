import { errorCatalogue } from "../http/errors";

const cell = (text: string) => text.replace(/\|/g, "\\|");

/**
 * The error table, printed from http/errors.ts (the one code → status table), never retyped. The
 * headers a code carries go under its message rather than in a fourth column: codes never wrap
 * mid-word (lib/server/api-reference-build.ts), and four columns of unbreakable words no longer
 * fit Redoc's middle panel on a laptop's screen.
 */
export function errorTableMarkdown(): string {
  const rows = errorCatalogue().map(({ code, status, message, headers }) => {
    const sent = Object.entries(headers ?? {}).map(([name, value]) => `\`${name}: ${cell(value)}\``);
    if (code === "rate_limited" || code === "profile_limit_reached") sent.unshift("`Retry-After: <seconds>`");
    return `| \`${code}\` | ${status} | ${[cell(message), ...sent].join("<br>")} |`;
  });
  return ["| code | status | default message and headers |", "|---|---|---|", ...rows].join("\n");
}

/** The reference's opening: authentication, the error format and table, rate limiting. */
export function referenceIntroduction(): string {
  return `Activity and Profile Read APIs, authenticated with API tokens from Manage › Integrations › API Tokens.

# Authentication

Send the token in \`Authorization: Bearer hub_act_…\` (Activity) or \`Authorization: Bearer hub_prf_…\` (Profile Read); \`Auth-Api-Token: <token>\` is accepted too. A token is shown once, when it is created or reset: store it in your environment (e.g. \`HUB_API_TOKEN\`), never in code or URLs. The examples here use placeholders, never a real token.

# Errors

Every failure is JSON \`{"error":{"code","message"}}\`. The code is stable; the message may name the problem more precisely than the default below.

${errorTableMarkdown()}

# Rate limits

Each token has one budget of requests per minute (600 by default; an admin may lower it in the token's Details). Every request that presents a live token spends it, refused ones included. Every response to such a request carries the IETF rate-limit fields:

| header | example | meaning |
|---|---|---|
| \`RateLimit-Policy\` | \`"default";q=600;w=60\` | the quota (\`q\`) per window of \`w\` seconds |
| \`RateLimit\` | \`"default";r=599;t=60\` | requests remaining (\`r\`) and seconds until the window resets (\`t\`) |
| \`Retry-After\` | \`12\` | on 429 \`rate_limited\`: seconds to wait; on 429 \`profile_limit_reached\`: seconds until midnight UTC; on 503 \`unavailable\`: when to try again |

An expiring token's responses carry \`Hub-Token-Expires\`; the old secret of a reset's overlap gets \`Deprecation\` and \`Sunset\`.`;
}
