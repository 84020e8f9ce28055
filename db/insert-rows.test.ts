import { sql } from "drizzle-orm";
import { integer, PgDialect, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withTestDatabase } from "@/test/database";
import { arrayLiteral, insertRows, ROWS_PER_STATEMENT, writeInSlices, type ColumnOf } from "./insert-rows";

withTestDatabase();

// A table of this test's own: any text, NULLs, arrays, timestamps and an upsert must round-trip.
const run = Math.random().toString(36).slice(2, 8);
const rowsTable = pgTable(
  `insert_rows_${run}`,
  {
    key: text("key").notNull(),
    day: text("day").notNull(),
    note: text("note"),
    tags: text("tags").array().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.day] })],
);
type Row = typeof rowsTable.$inferInsert;
const columns: ColumnOf<Row>[] = [
  [rowsTable.key, (r) => r.key],
  [rowsTable.day, (r) => r.day],
  [rowsTable.note, (r) => r.note ?? null],
  [rowsTable.tags, (r) => r.tags],
  [rowsTable.at, (r) => r.at],
  [rowsTable.count, (r) => r.count],
];

beforeAll(async () => {
  await getDb().execute(
    sql.raw(`create table "insert_rows_${run}" (key text not null, day text not null, note text, tags text[] not null, at timestamptz not null, count integer not null, primary key (key, day))`),
  );
});

const awkward = ['say "hi"', "back\\slash", "comma, and {braces}", "NULL", "", " spaced ", "ünïcødé ✓", "new\nline"];

describe("insertRows", () => {
  it("writes any text, NULLs, arrays and timestamps exactly as given", async () => {
    const at = new Date("2026-11-29T05:57:01.123Z");
    const rows: Row[] = awkward.map((text, i) => ({ key: text, day: "d1", note: i % 2 ? null : text, tags: [text, "plain", ...(i ? [] : ["{x}"])], at, count: i }));
    await getDb().execute(insertRows(rowsTable, rows, columns));
    const stored = await getDb().select().from(rowsTable).where(sql`day = 'd1'`);
    expect(stored.sort((a, b) => a.count - b.count)).toEqual(rows);
  });

  it("adds up on conflict, as the batched writers do", async () => {
    const rows: Row[] = [{ key: "k", day: "d2", tags: [], at: new Date(0), count: 2 }];
    const addUp = sql`on conflict (key, day) do update set count = ${rowsTable}.count + excluded.count`;
    await getDb().execute(insertRows(rowsTable, rows, columns, addUp));
    await getDb().execute(insertRows(rowsTable, rows, columns, addUp));
    const [row] = await getDb().select().from(rowsTable).where(sql`day = 'd2'`);
    expect(row).toMatchObject({ count: 4, tags: [] });
  });

  it("sends one parameter per column, however many rows", () => {
    const rows: Row[] = Array.from({ length: 5_000 }, (_, i) => ({ key: `k${i}`, day: "d3", tags: ["a"], at: new Date(), count: i }));
    expect(new PgDialect().sqlToQuery(insertRows(rowsTable, rows, columns)).params).toHaveLength(columns.length);
  });
});

describe("writeInSlices", () => {
  const batch = (day: string, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, day, tags: ["a"], at: new Date(0), count: i }));
  const stored = async (day: string) => (await getDb().select().from(rowsTable).where(sql`day = ${day}`)).length;

  it("writes a batch larger than a statement in statements of ROWS_PER_STATEMENT rows, all of it", async () => {
    const statements: number[] = [];
    const rows = batch("s1", ROWS_PER_STATEMENT * 2 + 7);
    await writeInSlices(getDb(), rows, (slice) => (statements.push(slice.length), insertRows(rowsTable, slice, columns)));
    expect(statements).toEqual([ROWS_PER_STATEMENT, ROWS_PER_STATEMENT, 7]);
    expect(await stored("s1")).toBe(rows.length);
  });

  it("writes a batch whole or not at all: a failing slice leaves nothing of the earlier ones", async () => {
    const rows = batch("s2", ROWS_PER_STATEMENT + 1);
    // The last row repeats the first one's key: its slice violates the primary key.
    rows[ROWS_PER_STATEMENT] = { ...rows[0]! };
    await expect(writeInSlices(getDb(), rows, (slice) => insertRows(rowsTable, slice, columns))).rejects.toThrow();
    expect(await stored("s2")).toBe(0);
  });

  it("sends nothing for no rows", async () => {
    let built = 0;
    await writeInSlices(getDb(), [], (slice) => (built++, insertRows(rowsTable, slice, columns)));
    expect(built).toBe(0);
  });
});

describe("arrayLiteral", () => {
  it("quotes every element and leaves NULL bare", () => {
    expect(arrayLiteral(["a", null, 'b"c', "d\\e"])).toBe('{"a",NULL,"b\\"c","d\\\\e"}');
  });

  it("escapes every quote and backslash of an element, not only the first", () => {
    expect(arrayLiteral(['"x" "y"', "\\a\\"])).toBe('{"\\"x\\" \\"y\\"","\\\\a\\\\"}');
  });
});
