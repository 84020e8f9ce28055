import type { TokenDisplayStatus } from "@/lib/tokens/expiry";

const looks: Record<TokenDisplayStatus, { label: string; badge: string; dot: string }> = {
  active: { label: "Active", badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  revoked: { label: "Revoked", badge: "bg-slate-100 text-slate-600 ring-slate-500/20", dot: "bg-slate-400" },
  // An active token past its expiry: refused by the API like a revoked one.
  // Revoked because it was reported as leaked (publicly or by GitHub secret scanning).
  compromised: { label: "Compromised", badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  // Refused like a revoked token until an admin resumes it; it still holds its slot.
  paused: { label: "Paused", badge: "bg-sky-50 text-sky-800 ring-sky-600/20", dot: "bg-sky-500" },
  expired: { label: "Expired", badge: "bg-amber-50 text-amber-800 ring-amber-600/20", dot: "bg-amber-500" },
};

export function TokenStatusBadge({ status }: { status: TokenDisplayStatus }) {
  const look = looks[status];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.badge}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
