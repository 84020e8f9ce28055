// Query-string pieces every keyset-paged log shares (the Access log, the audit log): UTC days
// for a date range and the cursor `<ms>_<id>` of the last row shown.

/** Keyset position: the last row of the previous page (newest first). */
export interface TimeCursor {
  at: Date;
  id: number;
}

export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` day as its UTC midnight, or null when it is not a real day. */
export function utcDay(value: string | undefined): Date | null {
  if (!value || !DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

export function parseTimeCursor(value: string | undefined): TimeCursor | null {
  const m = value ? /^(\d{1,15})_(\d{1,18})$/.exec(value) : null;
  return m ? { at: new Date(Number(m[1])), id: Number(m[2]) } : null;
}

export const cursorParam = (row: TimeCursor) => `${row.at.getTime()}_${row.id}`;

export interface DayRange {
  from?: Date;
  /** Exclusive: the day after the last day asked for. */
  to?: Date;
  /** As typed, for the form and links; invalid ones dropped with a message in `errors`. */
  fromText: string;
  toText: string;
  errors: string[];
}

/** `from`/`to` as UTC days, both inclusive. */
export function parseDayRange(fromParam: string | undefined, toParam: string | undefined): DayRange {
  const errors: string[] = [];
  const fromText = fromParam ?? "";
  const toText = toParam ?? "";
  const from = utcDay(fromText);
  const to = utcDay(toText);
  if (fromText && !from) errors.push("Enter the start date as YYYY-MM-DD.");
  if (toText && !to) errors.push("Enter the end date as YYYY-MM-DD.");
  if (from && to && from > to) errors.push("The start date must be on or before the end date.");
  return {
    from: from ?? undefined,
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
    fromText: from ? fromText : "",
    toText: to ? toText : "",
    errors,
  };
}
