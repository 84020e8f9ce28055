// What every export shares (the Access log's, the audit log's): the two formats, formula-safe
// CSV, and a stream pulled in keyset batches so a large export never sits in memory at once.

export type ExportFormat = "csv" | "ndjson";

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export const isExportFormat = (value: unknown): value is ExportFormat => value === "csv" || value === "ndjson";

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (fields: string[]) => `${fields.map(csvField).join(",")}\n`;

export interface KeysetExport<Row, Cursor> {
  format: ExportFormat;
  /** The CSV header line (with its newline); NDJSON has none. */
  csvHeader: string;
  /** The next batch after `cursor` (null: the first), at most `limit` rows, in order. */
  batch: (cursor: Cursor | null, limit: number) => Promise<Row[]>;
  cursorOf: (row: Row) => Cursor;
  /** One record: NDJSON writes it as JSON, CSV as `csvFields` of it. */
  record: (row: Row) => Record<string, unknown>;
  csvFields: (row: Row) => string[];
}

const BATCH = 1_000;

/**
 * Rows as a byte stream: keyset batches of 1,000 pulled only when the reader wants more, so
 * 100,000 rows never sit in memory at once (the same on Postgres and PGlite, no server-side
 * cursor needed).
 */
export function keysetExport<Row, Cursor>(spec: KeysetExport<Row, Cursor>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  const line = (row: Row) => (spec.format === "ndjson" ? `${JSON.stringify(spec.record(row))}\n` : csvLine(spec.csvFields(row)));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (spec.format === "csv") controller.enqueue(encoder.encode(spec.csvHeader));
      }
      const rows = await spec.batch(cursor, BATCH);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map(line).join("")));
        cursor = spec.cursorOf(rows[rows.length - 1]!);
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}
