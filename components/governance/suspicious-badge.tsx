/** The enumeration alarm's mark beside a token's status; the reason rides along as its title. */
export function SuspiciousBadge({ reason }: { reason: string | null }) {
  return (
    <span
      title={reason ?? undefined}
      className="inline-flex items-center gap-1.5 rounded-full bg-red-50 whitespace-nowrap px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-600/20 ring-inset"
    >
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-red-500" />
      Suspicious activity
    </span>
  );
}
