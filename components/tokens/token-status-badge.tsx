import type { TokenStatus } from "@/lib/tokens/types";

export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return status === "active" ? (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20 ring-inset">
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-emerald-500" />
      Active
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-500/20 ring-inset">
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-slate-400" />
      Revoked
    </span>
  );
}
