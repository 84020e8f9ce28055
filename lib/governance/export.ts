import { keysetExport, type ExportFormat } from "@/lib/export-stream";
import { listAccessLog, type AccessCursor, type AccessFilter, type AccessLogRow } from "./queries";

export { exportContentTypes, type ExportFormat } from "@/lib/export-stream";

const CSV_HEADER = "time,ip,linking_attribute,value_hash,outcome,attributes,reads\n";

function record(row: AccessLogRow) {
  return {
    time: row.at.toISOString(),
    ip: row.ip,
    linking_attribute: row.linkingAttribute,
    value_hash: row.valueHash,
    outcome: row.outcome,
    attributes: row.attributes,
    // Identical reads within that second (from `time`, same IP, value and outcome).
    reads: row.reads,
  };
}

/** A token's access log over a range as a byte stream, newest first (lib/export-stream.ts). */
export function accessLogExport(accountId: string, tokenId: string, filter: AccessFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  return keysetExport<AccessLogRow, AccessCursor>({
    format,
    csvHeader: CSV_HEADER,
    batch: (cursor, limit) => listAccessLog(accountId, tokenId, filter, cursor, limit),
    cursorOf: (row) => ({ at: row.at, id: row.id }),
    record,
    csvFields: (row) => [row.at.toISOString(), row.ip ?? "", row.linkingAttribute, row.valueHash, row.outcome, row.attributes.join(" "), String(row.reads)],
  });
}
