import Link from "next/link";

interface Props {
  page: number;
  pageSize: number;
  total: number;
  /** The page's own path; `?page=N` is added. */
  path: string;
  label: string;
}

/** "Showing 51–100 of 10,005" with Previous and Next links; nothing when one page holds it all. */
export function Pagination({ page, pageSize, total, path, label }: Props) {
  if (total <= pageSize && page === 1) return null;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = "rounded-md px-3 py-1.5 font-medium ring-1 ring-slate-300 ring-inset hover:bg-slate-50";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <p>
        Showing {from.toLocaleString("en-AU")}–{to.toLocaleString("en-AU")} of {total.toLocaleString("en-AU")}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={`${path}?page=${page - 1}`} className={link}>
            Previous
          </Link>
        ) : null}
        {page < last ? (
          <Link href={`${path}?page=${page + 1}`} className={link}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
