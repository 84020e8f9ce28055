import { clsx } from "clsx";

/** "Enabled" / "Disabled", in words and colour (never colour alone). */
export function EndpointStatusBadge({ status }: { status: "enabled" | "disabled" }) {
  return (
    <span
      className={clsx(
        "inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
        status === "enabled" ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-700",
      )}
    >
      {status === "enabled" ? "Enabled" : "Disabled"}
    </span>
  );
}

const deliveryLabels = { pending: "Pending", delivered: "Delivered", failed: "Failed" } as const;

/** A delivery's state as the log and the list say it. */
export function deliveryLabel(status: keyof typeof deliveryLabels, attempts: number): string {
  if (status === "pending" && attempts > 0) return "Retrying";
  return deliveryLabels[status];
}
