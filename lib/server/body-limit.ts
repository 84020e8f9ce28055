import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The largest request body the console accepts outside /api/v1 (sign-in, server actions,
 * Auth.js routes). Its forms send a few KiB at most; /api/v1 has its own 16 KiB limit.
 */
export const PAGE_BODY_LIMIT_BYTES = 64 * 1024;

function refuse(res: ServerResponse, status: 411 | 413, message: string) {
  // Closing the connection means the unread body is never read, not even to drain it.
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
  res.end(message);
}

/**
 * Decides from the headers alone, before a byte of the body is read: a declared length over
 * the limit gets 413; a body without a declared length (chunked) gets 411, because browsers
 * always declare one and a stream could otherwise run on unbounded. True when the request may go on.
 */
export function withinBodyLimit(req: IncomingMessage, res: ServerResponse, limit = PAGE_BODY_LIMIT_BYTES): boolean {
  if (req.headers["transfer-encoding"] !== undefined) {
    refuse(res, 411, "Send request bodies with a Content-Length.");
    return false;
  }
  const length = Number(req.headers["content-length"] ?? 0);
  if (!Number.isFinite(length) || length > limit) {
    refuse(res, 413, `The request body may be at most ${limit / 1024} KiB.`);
    return false;
  }
  return true;
}
