import { keysetExport, type ExportFormat } from "@/lib/export-stream";
import type { TimeCursor } from "@/lib/keyset";
import { listAuditEvents, type AuditFilter, type AuditRow } from "./queries";

const CSV_HEADER = "time,actor,actor_kind,action,target_kind,target_id,target,ip,detail\n";

function record(row: AuditRow) {
  return {
    time: row.at.toISOString(),
    actor: row.actorName,
    actor_kind: row.actorKind,
    actor_id: row.actorId,
    action: row.action,
    target_kind: row.targetKind,
    target_id: row.targetId,
    target: row.targetLabel,
    ip: row.ip,
    detail: row.detail,
  };
}

/** The account's audit log under the page's filters, newest first, streamed (lib/export-stream.ts). */
export function auditLogExport(accountId: string, filter: AuditFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  return keysetExport<AuditRow, TimeCursor>({
    format,
    csvHeader: CSV_HEADER,
    batch: (cursor, limit) => listAuditEvents(accountId, filter, cursor, limit),
    cursorOf: (row) => ({ at: row.at, id: row.id }),
    record,
    csvFields: (row) => [row.at.toISOString(), row.actorName, row.actorKind, row.action, row.targetKind ?? "", row.targetId ?? "", row.targetLabel ?? "", row.ip ?? "", JSON.stringify(row.detail)],
  });
}
