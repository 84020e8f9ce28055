import { SuspiciousBadge } from "@/components/governance/suspicious-badge";
import { PageHeader } from "@/components/ui/page-header";
import { RouteTabs } from "@/components/ui/route-tabs";
import { can } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { formatDateTime } from "@/lib/format";
import { displayStatus } from "@/lib/tokens/expiry";
import { tokenTypeLabels } from "@/lib/tokens/labels";
import type { CurrentUser } from "@/lib/auth/session";
import type { loadTokenPage } from "@/lib/tokens/page-data";
import { CompromisedNotice } from "./compromised-notice";
import { TokenStatusBadge } from "./token-status-badge";

type PageToken = Awaited<ReturnType<typeof loadTokenPage>>["token"];

/**
 * Every tab of a token's settings: its header (status, type, creator, expiry), the compromised,
 * revoked or expired banner, and the tabs. Shared by the tabs' layout and the Access log's, which lives in
 * a route group of its own so its admins-only 404 is decided before anything streams.
 */
export function TokenPageFrame({ user, token, children }: { user: CurrentUser; token: PageToken; children: React.ReactNode }) {
  const base = `/manage/integrations/api-tokens/${token.id}`;
  const status = displayStatus(token.status, token.expiresAt, clock.now(), token.exposedAt, token.pausedAt);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={token.description}
        back={{ href: "/manage/integrations/api-tokens", label: "API Tokens" }}
        description={
          <span className="flex flex-wrap items-center gap-3">
            <TokenStatusBadge status={status} />
            {(status === "active" || status === "paused") && token.suspiciousAt ? <SuspiciousBadge reason={token.suspiciousReason} /> : null}
            <span>{tokenTypeLabels[token.type]} token</span>
            <span aria-hidden="true">·</span>
            <span>
              Created by {token.createdByName ?? "a former user"} on {formatDateTime(token.createdAt)}
            </span>
            <span aria-hidden="true">·</span>
            <span>{token.expiresAt ? `${status === "expired" ? "Expired" : "Expires"} ${formatDateTime(token.expiresAt)}` : "Never expires"}</span>
          </span>
        }
      />
      {status === "compromised" ? <CompromisedNotice exposedAt={token.exposedAt!} url={token.exposedUrl} source={token.exposedSource} /> : null}
      {status === "revoked" ? (
        <p className="mb-6 rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
          This token was revoked on {formatDateTime(token.revokedAt)}. It no longer works and cannot be restored.
        </p>
      ) : null}
      {status === "paused" ? (
        <p className="mb-6 rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          This token was paused on {formatDateTime(token.pausedAt)}
          {token.pausedReason ? ` (${token.pausedReason})` : ""}. Requests with it are refused until an admin resumes it; it still
          counts towards your limit of active tokens.
        </p>
      ) : null}
      {status === "expired" ? (
        <p className="mb-6 rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
          This token expired on {formatDateTime(token.expiresAt)}. It no longer works and no longer counts towards your limit.
        </p>
      ) : null}
      <RouteTabs
        label="Token settings"
        tabs={[
          { href: base, label: "Details" },
          { href: `${base}/usage`, label: "Usage" },
          { href: `${base}/history`, label: "History" },
          // Who was read with this token: admins only (personal data), Profile Read only.
          ...(token.type === "profile_read" && can(user, "tokens:governance") ? [{ href: `${base}/access-log`, label: "Access log" }] : []),
        ]}
      />
      <div role="tabpanel" id="tab-panel" className="pt-6">
        {children}
      </div>
    </div>
  );
}
