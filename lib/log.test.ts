import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

describe("log redaction", () => {
  it("never writes Authorization, Auth-Api-Token, cookies or a token field", () => {
    let text = "";
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        text += String(chunk);
        done();
      },
    });
    // Tests run with LOG_LEVEL=silent; this one needs the lines.
    const logger = createLogger(sink, "info");
    logger.info(
      { headers: { authorization: "Bearer hub_act_SECRET", "auth-api-token": "hub_prf_SECRET", cookie: "s=SECRET" }, token: "hub_act_SECRET" },
      "request",
    );
    expect(text).toContain("[redacted]");
    expect(text).toContain("request");
    expect(text).not.toContain("SECRET");
  });
});
