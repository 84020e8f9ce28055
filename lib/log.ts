import { format } from "node:util";
import pino, { type DestinationStream } from "pino";
import { currentLogLevel, type LogLevel } from "@/lib/log-level";
import { currentRequestId } from "@/lib/request-id";

/** Paths that could carry a secret are redacted, so a stray `log.info({ headers })` cannot leak one. */
const redact = {
  paths: [
    "headers.authorization",
    'headers["auth-api-token"]',
    "headers.cookie",
    'headers["set-cookie"]',
    "token",
    "secret",
    "password",
  ],
  censor: "[redacted]",
};

export function createLogger(destination?: DestinationStream, level: LogLevel = currentLogLevel()) {
  const options = {
    level,
    base: undefined,
    redact,
    // A line written while a console request runs names it (the API passes `request_id` itself).
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { request_id: requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The one logger of the process. */
export const log = createLogger();

/**
 * Production prints one JSON line per event: what Next.js and Auth.js write to the console goes
 * through the logger too (with the request's id when there is one). Development keeps the
 * console as it is, readable.
 */
export function routeConsoleToLog(logger = log): void {
  const as = (level: "error" | "warn" | "info" | "debug") =>
    (...args: unknown[]) => logger[level]({ source: "console" }, format(...args));
  Object.assign(console, {
    error: as("error"),
    warn: as("warn"),
    info: as("info"),
    log: as("info"),
    debug: as("debug"),
  });
}
