/** A row whose token (or account) was deleted meanwhile: retrying the write can never succeed. */
export function isForeignKeyViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e as { code?: string } | undefined)?.code;
  return codeOf(error) === "23503" || codeOf((error as { cause?: unknown })?.cause) === "23503";
}
