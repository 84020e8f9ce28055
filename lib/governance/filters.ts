import { accessOutcomeEnum } from "@/db/tables/governance";
import type { AccessCursor, AccessFilter, AccessOutcome } from "./queries";
import { firstParam as first, parseDayRange, parseTimeCursor } from "@/lib/keyset";

export { cursorParam } from "@/lib/keyset";

export const ACCESS_OUTCOMES = accessOutcomeEnum.enumValues;

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
  const range = parseDayRange(first(params.from), first(params.to));
  const errors = [...range.errors];
  const filter: AccessFilter = {};
  if (range.from) filter.from = range.from;
  if (range.to) filter.to = range.to;
  const outcomeText = first(params.outcome) ?? "";
  const outcome = (ACCESS_OUTCOMES as readonly string[]).includes(outcomeText) ? (outcomeText as AccessOutcome) : "";
  if (outcome) filter.outcome = outcome;
  return { filter, from: range.fromText, to: range.toText, outcome, after: parseTimeCursor(first(params.after)), errors };
}
