import pino, { type DestinationStream } from "pino";

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

export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? "info") {
  const options = { level, base: undefined, redact };
  return destination ? pino(options, destination) : pino(options);
}

/** The one logger of the process. */
export const log = createLogger();
