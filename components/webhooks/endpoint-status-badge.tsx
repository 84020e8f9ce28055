import { Badge } from "@/components/ui/badge";

/** "Enabled" / "Disabled", in words and colour (never colour alone). */
export function EndpointStatusBadge({ status }: { status: "enabled" | "disabled" }) {
  return <Badge tone={status === "enabled" ? "success" : "neutral"}>{status === "enabled" ? "Enabled" : "Disabled"}</Badge>;
}

const deliveryLabels = { pending: "Pending", delivered: "Delivered", failed: "Failed" } as const;

/** A delivery's state as the log and the list say it. */
export function deliveryLabel(status: keyof typeof deliveryLabels, attempts: number): string {
  if (status === "pending" && attempts > 0) return "Retrying";
  return deliveryLabels[status];
}
