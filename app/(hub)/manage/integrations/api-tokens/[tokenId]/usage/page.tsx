import type { Metadata } from "next";
import { formatDateTime } from "@/lib/format";
import { loadTokenPage } from "@/lib/tokens/page-data";

export const metadata: Metadata = { title: "API Token usage" };

export default async function TokenUsagePage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { tokenId } = await params;
  const { token } = await loadTokenPage(tokenId);
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-slate-900">Usage</h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-500">Last used</dt>
          <dd className="mt-1 text-sm font-medium text-slate-900">{formatDateTime(token.lastUsedAt)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-500">Last used from</dt>
          <dd className="mt-1 font-mono text-sm text-slate-900">{token.lastUsedIp ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-500">Rate limit</dt>
          <dd className="mt-1 text-sm font-medium text-slate-900">{token.rateLimit} requests per minute</dd>
        </div>
      </dl>
    </section>
  );
}
