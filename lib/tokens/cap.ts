/** The one wording of the cap: beside the disabled New API Token button, on the form, and in the action's refusal. */
export function capMessage(max: number): string {
  return `Your account can have up to ${max} active API tokens. Revoke one to create another.`;
}

/** Why no new token can be made, or null when one can. */
export function capReason(allowance: { active: number; max: number }): string | null {
  return allowance.active >= allowance.max ? capMessage(allowance.max) : null;
}
