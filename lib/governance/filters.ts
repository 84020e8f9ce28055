import { accessOutcomeEnum } from "@/db/tables/governance";
import type { AccessCursor, AccessFilter, AccessOutcome } from "./queries";

export const ACCESS_OUTCOMES = accessOutcomeEnum.enumValues;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function day(value: string | undefined): Date | null {
  if (!value || !DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

export interface ParsedAccessQuery {
  filter: AccessFilter;
  /** As typed, for the form and links (invalid ones dropped, with a message). */
  from: string;
  to: string;
  outcome: AccessOutcome | "";
  after: AccessCursor | null;
  errors: string[];
}

/**
 * The Access log's query string (tab and export alike): `from`/`to` are UTC days, both
 * inclusive; `outcome`; `after`, the keyset cursor `<ms>_<id>`. Never a searched value nor its
 * hash: "Was this customer read?" answers in its action's result (lib/governance/actions.ts),
 * since a URL ends up in logs and history.
 */
export function parseAccessQuery(params: Record<string, string | string[] | undefined>): ParsedAccessQuery {
  const errors: string[] = [];
  const filter: AccessFilter = {};
  const fromText = first(params.from) ?? "";
  const toText = first(params.to) ?? "";
  const from = day(fromText);
  const to = day(toText);
  if (fromText && !from) errors.push("Enter the start date as YYYY-MM-DD.");
  if (toText && !to) errors.push("Enter the end date as YYYY-MM-DD.");
  if (from) filter.from = from;
  if (to) filter.to = new Date(to.getTime() + 86_400_000);
  if (from && to && from > to) errors.push("The start date must be on or before the end date.");
  const outcomeText = first(params.outcome) ?? "";
  const outcome = (ACCESS_OUTCOMES as readonly string[]).includes(outcomeText) ? (outcomeText as AccessOutcome) : "";
  if (outcome) filter.outcome = outcome;
  return { filter, from: from ? fromText : "", to: to ? toText : "", outcome, after: cursor(first(params.after)), errors };
}

function cursor(value: string | undefined): AccessCursor | null {
  const m = value ? /^(\d{1,15})_(\d{1,18})$/.exec(value) : null;
  return m ? { at: new Date(Number(m[1])), id: Number(m[2]) } : null;
}

export const cursorParam = (row: { at: Date; id: number }) => `${row.at.getTime()}_${row.id}`;
