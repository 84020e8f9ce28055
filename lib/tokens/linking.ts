/** An attribute as the linking-attribute picker offers it. */
export interface LinkingCandidate {
  key: string;
  displayName: string;
  identifiesProfile: boolean;
}

const MAX_MATCHES = 12;

/**
 * What "Linking attribute" › Custom lists for a search: only attributes whose value names one
 * profile (a lookup must never pick one person of several), minus `exclude` (the quick
 * choices, which have radios of their own), at most 12.
 */
export function linkingMatches<T extends LinkingCandidate>(attributes: T[], query: string, exclude: readonly string[]): T[] {
  const needle = query.trim().toLowerCase();
  return attributes
    .filter((a) => a.identifiesProfile && !exclude.includes(a.key))
    .filter((a) => !needle || a.displayName.toLowerCase().includes(needle) || a.key.includes(needle))
    .slice(0, MAX_MATCHES);
}
