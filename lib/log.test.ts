import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, routeConsoleToLog } from "./log";
import { requestContext } from "./request-id";

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

describe("request ids in the log", () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, logger: createLogger(sink, "debug") };
  };

  it("names the request a line was written for, and only then", async () => {
    const { lines, logger } = capture();
    logger.info("outside");
    await requestContext.run({ requestId: "req-1" }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.warn({ job: "x" }, "inside, after an await");
    });
    expect(JSON.parse(lines[0]!)).not.toHaveProperty("request_id");
    expect(JSON.parse(lines[1]!)).toMatchObject({ request_id: "req-1", job: "x", msg: "inside, after an await" });
  });

  it("sends console output through the logger as one JSON line per call", () => {
    const { lines, logger } = capture();
    const saved = { ...console };
    try {
      routeConsoleToLog(logger);
      requestContext.run({ requestId: "req-2" }, () => console.error("⨯ %s failed", "render", new Error("boom")));
      console.info("plain");
    } finally {
      Object.assign(console, saved);
    }
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 50, source: "console", request_id: "req-2" });
    expect(first.msg).toContain("⨯ render failed");
    expect(first.msg).toContain("Error: boom");
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 30, msg: "plain" });
  });
});
