/** Why no new token can be made, or null when one can. */
export function capReason(allowance: { active: number; max: number }): string | null {
  return allowance.active >= allowance.max
    ? `Your account can have up to ${allowance.max} active API tokens. Revoke one to create another.`
    : null;
}
