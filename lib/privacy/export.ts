import { keysetExport, type ExportFormat } from "@/lib/export-stream";
import type { TimeCursor } from "@/lib/keyset";
import { purposeLabel } from "./customer-access";
import { listCustomerAccess, type CustomerAccessRow, type CustomerScope } from "./queries";

const CSV_HEADER = "time,token,token_id,purpose,ip,linking_attribute,outcome,attributes,reads\n";

function record(row: CustomerAccessRow) {
  return {
    time: row.at.toISOString(),
    token: row.description,
    token_id: row.tokenId,
    purpose: purposeLabel(row.purpose),
    ip: row.ip,
    linking_attribute: row.linkingAttribute,
    // found: the attributes were returned; withheld: nothing was (no consent for the purpose).
    outcome: row.outcome,
    attributes: row.attributes,
    // Identical reads within that second (from `time`, same token, IP and outcome).
    reads: row.reads,
  };
}

/**
 * For a data-subject access request: every access-log row of the customer across the account's
 * tokens over the retention, newest first, streamed (lib/export-stream.ts). No value and no hash:
 * the person asking knows who they are, and a hash would only link exports to each other.
 */
export function customerAccessExport(scope: CustomerScope, format: ExportFormat): ReadableStream<Uint8Array> {
  return keysetExport<CustomerAccessRow, TimeCursor>({
    format,
    csvHeader: CSV_HEADER,
    batch: (cursor, limit) => listCustomerAccess(scope, cursor, limit),
    cursorOf: (row) => ({ at: row.at, id: row.id }),
    record,
    csvFields: (row) => [row.at.toISOString(), row.description, row.tokenId, purposeLabel(row.purpose), row.ip ?? "", row.linkingAttribute, row.outcome, row.attributes.join(" "), String(row.reads)],
  });
}
