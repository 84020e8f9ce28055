import { PROFILE_PURPOSES, type ProfilePurpose } from "@/lib/tokens/scopes";

/** Which purposes a profile consents to (PRODUCT.md §11: profiles.consent_*). */
export type Consent = Readonly<Record<ProfilePurpose, boolean>>;

/**
 * Whether `consent` covers a token's purpose. A purpose this code does not know (or none)
 * covers nothing: personal data is withheld rather than guessed at.
 */
export function consents(consent: Consent, purpose: string | null): boolean {
  return purpose !== null && Object.hasOwn(PROFILE_PURPOSES, purpose) && consent[purpose as ProfilePurpose];
}
