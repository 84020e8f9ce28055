import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

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

const isArray = (column: PgColumn) => column.getSQLType().endsWith("[]");
const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

function element(value: Value): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  return arrayLiteral(value);
}

/** A Postgres array literal: every element quoted (NULL bare), so any text round-trips. */
export function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/[\\"]/g, "\\$&")}"`)).join(",")}}`;
}
