interface LoggedError {
  name: string;
  message?: string;
  /** SQLSTATE and the server routine that raised it, for errors from the database. */
  code?: string;
  routine?: string;
  stack?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * An unexpected error as the log may keep it: name, message and stack frames of it and its
 * causes, and nothing a request brought. drizzle's "Failed query" message lists the query's
 * parameters (token hashes, looked-up emails), so only its SQL text is kept; a database
 * server's message can quote a value it refused, so only its SQLSTATE and routine are kept.
 */
export function describeError(error: unknown): LoggedError[] {
  const chain: LoggedError[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    chain.push(describeOne(e));
    if (typeof e !== "object") break;
  }
  return chain;
}

function describeOne(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { name: typeof error };
  const fields = error as Error & { query?: unknown; params?: unknown; code?: unknown; routine?: unknown };
  // Frames only: the stack's first line repeats the message.
  const stack = error.stack?.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
  if (typeof fields.query === "string" && "params" in fields) {
    return { name: error.name, message: `Failed query: ${fields.query}`, stack };
  }
  if (typeof fields.code === "string" && SQLSTATE.test(fields.code) && typeof fields.routine === "string") {
    return { name: error.name, code: fields.code, routine: fields.routine, stack };
  }
  return { name: error.name, message: error.message, stack };
}
