import Link from "next/link";
import type { ReactNode } from "react";

interface Props {
  href: string;
  title: string;
  description: string;
  /** The icon's SVG path (24×24, stroked). */
  iconPath: string;
  /** Badges (components/ui/badge) under the description: counts, notices. */
  children: ReactNode;
}

/** One tile of the Integrations page: icon, title, description, badges; the whole tile is the link. */
export function IntegrationTile({ href, title, description, iconPath, children }: Props) {
  return (
    <li>
      <Link href={href} className="group block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md">
        <span className="flex items-center gap-3">
          <span aria-hidden="true" className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-indigo-50 text-indigo-700">
            <svg viewBox="0 0 24 24" className="h-5 w-5 fill-none stroke-current stroke-2">
              <path d={iconPath} />
            </svg>
          </span>
          <span className="text-base font-semibold text-slate-900 group-hover:text-indigo-700">{title}</span>
        </span>
        <span className="mt-3 block text-sm text-slate-600">{description}</span>
        <span className="mt-4 flex flex-wrap gap-2">{children}</span>
      </Link>
    </li>
  );
}
