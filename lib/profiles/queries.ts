import { and, eq, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { profiles, type ProfileAttributes } from "@/db/tables";
import type { Consent } from "./consent";

type Db = ReturnType<typeof getDb>;
const containment = (name: string) => sql`${profiles.attributes} @> ${sql.placeholder(name)}::jsonb`;

/**
 * The profiles of `accountId` (a placeholder, or a column of an outer query) that hold the
 * looked-up value: the `text` placeholder, and the `typed` one too when `typed`; and `also`
 * when given. Two rows at most: enough to tell one match from several. Each with its consent
 * per purpose, read in the same statement: whether the token may have it is decided on the row,
 * so a profile without consent costs exactly what a missing one does. Through the GIN index on
 * attributes (containment). drizzle sends the limit as a parameter, and that matters: with a
 * literal `LIMIT 2`, Postgres's generic plan for these prepared statements expects many matches
 * and scans the table for the first two (1 s on a million profiles) instead of asking the index.
 */
export function matchingProfiles(db: Db, accountId: Placeholder | PgColumn, typed: boolean, also?: SQL) {
  const holds = typed ? or(containment("text"), containment("typed")) : containment("text");
  return db
    .select({
      id: profiles.id,
      attributes: profiles.attributes,
      consentPersonalisation: profiles.consentPersonalisation,
      consentService: profiles.consentService,
      consentAnalytics: profiles.consentAnalytics,
    })
    .from(profiles)
    .where(and(also, eq(profiles.accountId, accountId), holds))
    .limit(2);
}

export type ProfileRow = { id: number; attributes: ProfileAttributes; consentPersonalisation: boolean; consentService: boolean; consentAnalytics: boolean };

// Prepared once per database handle: the Profile Read API runs these on every request.
function prepare(db: Db) {
  const accountId = sql.placeholder("accountId");
  return {
    text: matchingProfiles(db, accountId, false).prepare("hub_profile_by_text"),
    any: matchingProfiles(db, accountId, true).prepare("hub_profile_by_value"),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

export type ProfileMatch = { found: "one"; id: number; attributes: ProfileAttributes; consent: Consent } | { found: "none" } | { found: "several" };

// A decimal number, its leading zeros apart (JSON allows none).
const DECIMAL = /^(-?)0*(\d+(?:\.\d+)?)$/;

/**
 * The containment documents a lookup of `value` under `key` matches: the text, and the number
 * or boolean it reads as (query strings are text; stored numbers and booleans match too). The
 * number goes to Postgres as written, never through a JavaScript double: jsonb compares numerics
 * exactly, where a double would turn 2^53 + 1 into 2^53 and 400 nines into null.
 */
export function lookupDocuments(key: string, value: string): { text: string; typed?: string } {
  const text = JSON.stringify({ [key]: value });
  const decimal = DECIMAL.exec(value);
  const typed = decimal ? `${decimal[1]}${decimal[2]}` : value === "true" || value === "false" ? value : undefined;
  return typed === undefined ? { text } : { text, typed: `{${JSON.stringify(key)}:${typed}}` };
}

/** One profile, none, or several, from `matchingProfiles`' rows. */
export function toMatch(rows: ProfileRow[]): ProfileMatch {
  if (rows.length > 1) return { found: "several" };
  const row = rows[0];
  if (!row) return { found: "none" };
  const consent = { personalisation: row.consentPersonalisation, service: row.consentService, analytics: row.consentAnalytics };
  return { found: "one", id: row.id, attributes: row.attributes, consent };
}

/** The profile whose `key` equals `value`, whatever the attribute. */
export async function findProfileByAttribute(accountId: string, key: string, value: string): Promise<ProfileMatch> {
  const db = getDb();
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = prepare(db)));
  const documents = lookupDocuments(key, value);
  const rows =
    documents.typed === undefined
      ? await queries.text.execute({ accountId, text: documents.text })
      : await queries.any.execute({ accountId, ...documents });
  return toMatch(rows);
}
