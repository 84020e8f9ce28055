"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOMES, outcomeLabels, type UsageDay } from "@/lib/tokens/usage-series";

const colours: Record<(typeof OUTCOMES)[number], string> = {
  allowed: "#4f46e5",
  ip_refused: "#f59e0b",
  rate_limited: "#ef4444",
  wrong_type: "#8b5cf6",
  invalid: "#64748b",
  out_of_scope: "#0d9488",
};

/** Requests per day, stacked by outcome; the table beside it carries the same numbers for screen readers. */
export function UsageChart({ series }: { series: UsageDay[] }) {
  const data = series.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <div aria-hidden="true" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {OUTCOMES.map((outcome) => (
            <Bar key={outcome} dataKey={outcome} name={outcomeLabels[outcome]} stackId="requests" fill={colours[outcome]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
