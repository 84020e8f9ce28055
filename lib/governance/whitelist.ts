import { parseClientIp } from "@/lib/net/ip";

/**
 * The `addIp` of a Details link from Usage's "Add to whitelist": one valid client address
 * (normalised, e.g. IPv4-mapped IPv6 as IPv4), else nothing. Pre-fills a row; never saves.
 */
export function whitelistCandidate(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || text.length > 64) return undefined;
  return parseClientIp(text.trim())?.toString();
}

export const addToWhitelistHref = (tokenId: string, ip: string) => `/manage/integrations/api-tokens/${tokenId}?${new URLSearchParams({ addIp: ip })}`;
