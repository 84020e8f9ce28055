import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { EXPIRY_BANNER_DAYS, expiringBannerText } from "@/lib/tokens/expiry";
import { countTokensExpiringWithin, getTokenAllowance } from "@/lib/tokens/queries";
import { countEndpoints } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const user = await requireUser();
  const now = new Date(clock.now());
  // Webhooks are for admins: marketers see no tile (and its pages answer 404).
  const webhooks = can(user, "webhooks:manage");
  const [allowance, expiring, endpoints] = await Promise.all([
    getTokenAllowance(user.accountId, now),
    countTokensExpiringWithin(user.accountId, now, EXPIRY_BANNER_DAYS),
    webhooks ? countEndpoints(user.accountId) : Promise.resolve(0),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Integrations</h1>
      <p className="mt-1 text-sm text-slate-600">Connect the Hub to your own systems.</p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <li>
          <Link
            href="/manage/integrations/api-tokens"
            className="group block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md"
          >
            <span className="flex items-center gap-3">
              <span aria-hidden="true" className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-indigo-50 text-indigo-700">
                <svg viewBox="0 0 24 24" className="h-5 w-5 fill-none stroke-current stroke-2">
                  <path d="M15 7a4 4 0 1 1-3.9 4.9L4 19v-3h3v-3h3l1.1-1.1A4 4 0 0 1 15 7Z" />
                </svg>
              </span>
              <span className="text-base font-semibold text-slate-900 group-hover:text-indigo-700">API Tokens</span>
            </span>
            <span className="mt-3 block text-sm text-slate-600">
              Bearer tokens for the Activity and Profile Read APIs.
            </span>
            <span className="mt-4 inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">
              {allowance.active} of {allowance.max} active
            </span>
            {expiring > 0 ? (
              <span className="mt-2 ml-2 inline-flex rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800">
                {expiringBannerText(expiring)}
              </span>
            ) : null}
          </Link>
        </li>
        {webhooks ? (
          <li>
            <Link
              href="/manage/integrations/webhooks"
              className="group block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md"
            >
              <span className="flex items-center gap-3">
                <span aria-hidden="true" className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-indigo-50 text-indigo-700">
                  <svg viewBox="0 0 24 24" className="h-5 w-5 fill-none stroke-current stroke-2">
                    <path d="M4 12h4l3-7 4 14 3-7h2" />
                  </svg>
                </span>
                <span className="text-base font-semibold text-slate-900 group-hover:text-indigo-700">Webhooks</span>
              </span>
              <span className="mt-3 block text-sm text-slate-600">Signed token events posted to your endpoints.</span>
              <span className="mt-4 inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">
                {endpoints} {endpoints === 1 ? "endpoint" : "endpoints"}
              </span>
            </Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
