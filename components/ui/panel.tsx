import { clsx } from "clsx";
import type { HTMLAttributes } from "react";

const variants = {
  card: "border-slate-200 p-6 shadow-sm",
  danger: "border-red-200 p-6 shadow-sm",
  // Tables run to the panel's edges and scroll sideways on narrow screens.
  table: "overflow-x-auto border-slate-200 shadow-sm",
  empty: "border-dashed border-slate-300 px-6 py-12 text-center",
} as const;

interface PanelProps extends HTMLAttributes<HTMLElement> {
  as?: "div" | "section";
  variant?: keyof typeof variants;
}

/** The white card the console's screens are built from. */
export function Panel({ as: Tag = "div", variant = "card", className, ...props }: PanelProps) {
  return <Tag className={clsx("rounded-xl border bg-white", variants[variant], className)} {...props} />;
}

/** What a list shows before it has anything: "No … yet" and what would put something there. */
export function EmptyPanel({ title, hint }: { title: string; hint: string }) {
  return (
    <Panel variant="empty">
      <p className="font-medium text-slate-800">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{hint}</p>
    </Panel>
  );
}
