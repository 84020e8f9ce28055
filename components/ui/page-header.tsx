import Link from "next/link";
import type { ReactNode } from "react";

interface Props {
  title: string;
  description?: ReactNode;
  back?: { href: string; label: string };
  actions?: ReactNode;
}

export function PageHeader({ title, description, back, actions }: Props) {
  return (
    <div className="mb-6">
      {back ? (
        <Link href={back.href} className="text-sm font-medium text-slate-500 hover:text-slate-800">
          ← {back.label}
        </Link>
      ) : null}
      <div className="mt-1 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{title}</h1>
          {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
        </div>
        {actions}
      </div>
    </div>
  );
}
