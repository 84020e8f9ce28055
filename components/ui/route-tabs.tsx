"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** Tabs whose panels are routes: each tab is a link, the current one is selected. */
export function RouteTabs({ label, tabs }: { label: string; tabs: Array<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <div role="tablist" aria-label={label} className="flex gap-6 border-b border-slate-200">
      {tabs.map((tab) => {
        const selected = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            role="tab"
            id={`tab-${tab.label.toLowerCase().replaceAll(" ", "-")}`}
            aria-selected={selected}
            aria-controls={selected ? "tab-panel" : undefined}
            className={`-mb-px border-b-2 px-1 pb-3 text-sm font-medium ${
              selected ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </div>
  );
}
