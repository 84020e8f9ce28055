import type { IpAddress } from "@/lib/net/ip";

/** The API's view of a request, independent of the HTTP server that received it. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
  /** The socket address (or the trusted proxy's forwarded one); null when unknown. */
  clientIp: string | null;
  /** `clientIp` parsed, once, for whitelist checks; null when unknown. */
  clientAddress: IpAddress | null;
  /** The id in the response's `Request-Id` header: every log line about this request names it. */
  requestId: string;
  /**
   * The body parsed as JSON (at most 16 KiB). Refuses a Content-Type other than JSON unless
   * `anyContentType`: partners' report scripts send JSON whatever header they set.
   */
  readJson(options?: { anyContentType?: boolean }): Promise<unknown>;
  /**
   * The body's bytes as sent, at most `maxBytes` (16 KiB unless given): for a signature over
   * the raw body. The first read's result (or refusal) is kept: a second read, by either of the
   * two, gets the same bytes.
   */
  readRaw(options?: { maxBytes?: number }): Promise<Buffer>;
}

export interface ApiResponse {
  status: number;
  /** Serialised with JSON.stringify, unless already serialised (JsonText). */
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A JSON body serialised once and reused (a cached Profile Read answer), written as is. Text,
 * not a Buffer: Node sends a string body in the same write as the headers, a Buffer in a second one.
 */
export class JsonText {
  readonly byteLength: number;
  constructor(readonly text: string) {
    this.byteLength = Buffer.byteLength(text);
  }
}
