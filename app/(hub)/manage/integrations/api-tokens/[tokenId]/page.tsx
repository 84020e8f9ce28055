import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReferenceLink } from "@/components/tokens/api-reference-link";
import { OldTokenPanel } from "@/components/tokens/old-token-panel";
import { ResetTokenPanel } from "@/components/tokens/reset-token-panel";
import { ShortenExpiryForm } from "@/components/tokens/shorten-expiry-form";
import { PauseTokenButton } from "@/components/tokens/pause-token-button";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { TokenDetailsForm } from "@/components/tokens/token-details-form";
import { TryIt } from "@/components/tokens/try-it";
import { SuspiciousPanel } from "@/components/governance/suspicious-panel";
import { Panel } from "@/components/ui/panel";
import { can, canWriteToken } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { requestIp } from "@/lib/request-ip";
import { formatDateTime } from "@/lib/format";
import { dateInputValue, DAY_MS, displayStatus, isLive } from "@/lib/tokens/expiry";
import { safeToStop } from "@/lib/tokens/rotation";
import { ALL_ACTIVITY_SCOPES, ALL_PROFILE_PURPOSES } from "@/lib/tokens/scopes";
import { getTokenAllowance, listAttributes } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";
import { whitelistCandidate } from "@/lib/governance/whitelist";

export const metadata: Metadata = { title: "API Token details" };

export default async function TokenDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tokenId: string }>;
  searchParams: Promise<{ addIp?: string | string[] }>;
}) {
  const { tokenId } = await params;
  const { user, token } = await loadTokenPage(tokenId);
  const [attributes, allowance] = await Promise.all([listAttributes(user.accountId), getTokenAllowance(user.accountId)]);
  const now = clock.now();
  const status = displayStatus(token.status, token.expiresAt, now, token.exposedAt, token.pausedAt);
  // An expired token is as finished as a revoked one: nothing on it can change. A paused one
  // can: it keeps its settings and may be reset, shortened or revoked while paused.
  const active = isLive(status);
  // The old secret of a reset's overlap, while it still works (the API decides by the same time).
  const overlapEnds = active && token.oldDisplayPrefix && token.oldSecretEndsAt && token.oldSecretEndsAt.getTime() > now ? token.oldSecretEndsAt : null;
  const readOnlyReason = !active
    ? finishedReasons[status as keyof typeof finishedReasons]
    : canWriteToken(user, token.type)
      ? null
      : "Only admins can change Profile Read tokens, because they expose personal data.";

  // Usage's "Add to whitelist": a valid address, for someone who may save it; never saved here.
  const prefillIp = readOnlyReason ? undefined : whitelistCandidate((await searchParams).addIp);

  return (
    <div className="space-y-6">
      {active && token.suspiciousAt ? (
        <Panel as="section" variant="danger" aria-labelledby="suspicious-heading">
          <SuspiciousPanel tokenId={token.id} since={token.suspiciousAt} reason={token.suspiciousReason} canReview={can(user, "tokens:governance")} />
        </Panel>
      ) : null}
      {prefillIp ? (
        <p role="status" className="rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900">
          {prefillIp} is added to the IP whitelist below. Nothing changes until you click Save.
        </p>
      ) : null}
      <Panel as="section" id="reset">
        <ResetTokenPanel
          tokenId={token.id}
          displayPrefix={token.displayPrefix}
          canReset={active && can(user, "tokens:reset")}
          type={token.type}
          linkingAttribute={token.linkingAttribute}
          scopes={token.scopes}
        />
      </Panel>

      {overlapEnds ? (
        <Panel as="section" aria-label="Old token">
          <OldTokenPanel
            tokenId={token.id}
            displayPrefix={token.oldDisplayPrefix!}
            endsAt={overlapEnds}
            lastUsedAt={token.oldLastUsedAt}
            lastUsedIp={token.oldLastUsedIp}
            safeToStop={safeToStop(token.oldLastUsedAt, now)}
            canStop={can(user, "tokens:reset")}
          />
        </Panel>
      ) : null}

      {status === "active" && token.type === "activity" ? (
        <Panel as="section" aria-label="Try it">
          <TryIt type={token.type} scopes={token.scopes} />
        </Panel>
      ) : null}

      <p className="text-sm text-slate-600">
        Every endpoint this token calls, with examples and errors: <ApiReferenceLink type={token.type} />
      </p>

      <Panel as="section" aria-labelledby="token-settings-heading">
        <h2 id="token-settings-heading" className="mb-5 text-base font-semibold text-slate-900">
          API Token Settings
        </h2>
        <TokenDetailsForm
          tokenId={token.id}
          type={token.type}
          initial={{
            description: token.description,
            exposedAttributes: token.exposedAttributes,
            linkingAttribute: token.linkingAttribute ?? "",
            ipAllowList: token.ipAllowList.map((value) => ({ value })),
            rateLimit: token.rateLimit,
            scopes: ALL_ACTIVITY_SCOPES.filter((scope) => token.scopes.includes(scope)),
            purpose: ALL_PROFILE_PURPOSES.find((purpose) => purpose === token.purpose),
            dailyProfileLimit: token.dailyProfileLimit ?? undefined,
          }}
          attributes={attributes}
          rateLimitCeiling={allowance.rateLimitCeiling}
          readOnlyReason={readOnlyReason}
          rateLimitReadOnly={!can(user, "tokens:set-rate-limit")}
          currentIp={requestIp(await headers()) ?? undefined}
          prefillIp={prefillIp}
        />
      </Panel>

      {active ? (
        <Panel as="section" aria-labelledby="expiry-heading">
          <h2 id="expiry-heading" className="text-base font-semibold text-slate-900">
            Expiry
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            {token.expiresAt ? `Expires ${formatDateTime(token.expiresAt)}` : "Never expires"}
          </p>
          {can(user, "tokens:set-expiry") ? (
            <ShortenExpiryForm tokenId={token.id} earliest={dateInputValue(now, 1)} latest={latestExpiry(token.expiresAt, allowance.maxLifetimeDays, now)} />
          ) : null}
        </Panel>
      ) : null}

      {active && can(user, "tokens:pause") ? (
        <Panel as="section" aria-labelledby="pause-heading">
          <h2 id="pause-heading" className="text-base font-semibold text-slate-900">
            {status === "paused" ? "Resume this token" : "Pause this token"}
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            {status === "paused"
              ? "While paused, requests with this token are refused. Resuming lets them through again."
              : "Pausing refuses requests with this token until you resume it. Nothing else about it changes."}
          </p>
          <PauseTokenButton tokenId={token.id} description={token.description} paused={status === "paused"} />
        </Panel>
      ) : null}

      {active && can(user, "tokens:revoke") ? (
        <Panel as="section" variant="danger" aria-labelledby="revoke-heading">
          <h2 id="revoke-heading" className="text-base font-semibold text-slate-900">
            Revoke this token
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            Revoking is permanent. Requests with this token are refused from that moment on.
          </p>
          <RevokeTokenButton tokenId={token.id} description={token.description} />
        </Panel>
      ) : null}
    </div>
  );
}

/** Why a token that no longer works cannot be changed. */
const finishedReasons = {
  revoked: "Revoked tokens cannot be changed.",
  expired: "Expired tokens cannot be changed.",
  compromised: "Compromised tokens cannot be changed.",
} as const;

/** The latest date the shorten form offers: the last whose midnight comes before the current expiry, within the maximum. */
function latestExpiry(expiresAt: Date | null, maxDays: number | null, now: number): string | undefined {
  const bounds = [expiresAt ? expiresAt.getTime() - 1 : null, maxDays === null ? null : now + maxDays * DAY_MS].filter((v) => v !== null);
  return bounds.length ? dateInputValue(Math.min(...bounds), 0) : undefined;
}
