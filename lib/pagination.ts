/** Rows per page of every paged list (tokens, History, access log, delivery log). */
export const PAGE_SIZE = 50;

/** A page number from a query string: 1 unless it is a whole number ≥ 1. */
export function pageNumber(value: unknown): number {
  const n = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
}
