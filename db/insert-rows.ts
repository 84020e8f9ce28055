import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./index";

type Value = string | number | Date | null | readonly string[];

/** How to read one column's value from a row. */
export type ColumnOf<Row> = readonly [column: PgColumn, read: (row: Row) => Value];

/**
 * `INSERT INTO table (…) SELECT … FROM unnest(…)`: many rows with one parameter per column (a
 * Postgres array literal), not one per value. The batched writers (usage counts, the access
 * log, refused IPs) write up to thousands of rows a second; drizzle builds a statement with one
 * parameter per value in tens of milliseconds on the event loop, which every API request in
 * flight then waits for. This is a few string joins. `suffix`: an `ON CONFLICT` clause.
 */
export function insertRows<Row>(table: PgTable, rows: readonly Row[], columns: readonly ColumnOf<Row>[], suffix?: SQL): SQL {
  const names = sql.raw(columns.map(([column]) => quoteName(column.name)).join(", "));
  const arrays = columns.map(([column, read]) => {
    const literal = arrayLiteral(rows.map((row) => element(read(row))));
    // A text parameter cast to the column's array type; an array column travels as the text of each row's array.
    return sql`${literal}::text::${sql.raw(isArray(column) ? "text" : column.getSQLType())}[]`;
  });
  const selected = sql.raw(columns.map(([column]) => (isArray(column) ? `${quoteName(column.name)}::${column.getSQLType()}` : quoteName(column.name))).join(", "));
  return sql`insert into ${table} (${names}) select ${selected} from unnest(${sql.join(arrays, sql`, `)}) as v(${names}) ${suffix ?? sql``}`;
}

/**
 * Rows per statement. Building one is synchronous (about 2.5 ms for 500 access-log rows on this
 * 2-core machine), so this bounds how long a batch holds the event loop: the API requests in
 * flight are served between a batch's statements, not after all of it.
 */
export const ROWS_PER_STATEMENT = 500;

/**
 * Writes `rows` with the statements `build` makes, ROWS_PER_STATEMENT rows each, one after
 * another; in one transaction when there are several, so a batch is still written whole or not
 * at all (a batched writer puts a failed batch back and sends it again).
 */
export async function writeInSlices<Row>(db: Db, rows: readonly Row[], build: (slice: readonly Row[]) => SQL): Promise<void> {
  if (rows.length <= ROWS_PER_STATEMENT) {
    if (rows.length > 0) await db.execute(build(rows));
    return;
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await tx.execute(build(rows.slice(i, i + ROWS_PER_STATEMENT)));
  });
}

const isArray = (column: PgColumn) => column.getSQLType().endsWith("[]");
const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

function element(value: Value): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  return arrayLiteral(value);
}

/**
 * A Postgres array literal: every element quoted (NULL bare), so any text round-trips. Built in
 * one pass, escaping only elements that hold a quote or backslash (ids, hashes and times never
 * do): the access log builds thousands of these a second on the event loop.
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (i > 0) literal += ",";
    if (v === null) literal += "NULL";
    else literal += `"${v.includes("\\") || v.includes('"') ? v.replace(ESCAPED, "\\$&") : v}"`;
  }
  return `${literal}}`;
}

const ESCAPED = /[\\"]/g;
