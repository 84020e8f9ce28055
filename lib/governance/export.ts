import { listAccessLog, type AccessCursor, type AccessFilter, type AccessLogRow } from "./queries";

export type ExportFormat = "csv" | "ndjson";
const BATCH = 1_000;

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

const CSV_HEADER = "time,ip,linking_attribute,value_hash,outcome,attributes,reads\n";

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function formatRow(row: AccessLogRow, format: ExportFormat): string {
  const record = {
    time: row.at.toISOString(),
    ip: row.ip,
    linking_attribute: row.linkingAttribute,
    value_hash: row.valueHash,
    outcome: row.outcome,
    attributes: row.attributes,
    // Identical reads within that second (from `time`, same IP, value and outcome).
    reads: row.reads,
  };
  if (format === "ndjson") return `${JSON.stringify(record)}\n`;
  return `${[record.time, record.ip ?? "", record.linking_attribute, record.value_hash, record.outcome, record.attributes.join(" "), String(record.reads)].map(csvField).join(",")}\n`;
}

/**
 * A token's access log over a range as a byte stream, newest first: keyset batches of 1,000
 * pulled only when the reader wants more, so 100,000 rows never sit in memory at once (works
 * the same on Postgres and PGlite, no server-side cursor needed).
 */
export function accessLogExport(accountId: string, tokenId: string, filter: AccessFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: AccessCursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === "csv") controller.enqueue(encoder.encode(CSV_HEADER));
      }
      const rows = await listAccessLog(accountId, tokenId, filter, cursor, BATCH);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map((row) => formatRow(row, format)).join("")));
        const last = rows[rows.length - 1]!;
        cursor = { at: last.at, id: last.id };
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}
