import { hash, randomBytes } from "node:crypto";
import CRC32 from "crc-32";
import type { TokenType } from "./types";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;

export const tokenPrefixes: Record<TokenType, string> = { activity: "hub_act_", profile_read: "hub_prf_" };
const typeByPrefix = new Map(Object.entries(tokenPrefixes).map(([type, prefix]) => [prefix, type as TokenType]));
const tokenPattern = /^(hub_(?:act|prf)_)([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

/**
 * What a secret scanner looks for in text (README, "Leaked tokens"): the type prefix and 38
 * base62 characters, not inside a longer word. A match is a Hub token only when its last six
 * characters are the checksum of the rest (`parseToken`), which weeds out look-alikes offline.
 */
export const SCANNER_PATTERN = String.raw`\bhub_(?:act|prf)_[0-9A-Za-z]{38}\b`;

/** 32 base62 characters from the CSPRNG, by rejection sampling so every character is equally likely. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: bytes above it would favour the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** CRC32 of the text, as exactly six base62 characters (62^6 > 2^32). */
export function checksum(text: string): string {
  let value = CRC32.str(text) >>> 0;
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function hashToken(token: string): string {
  // One-shot: no Hash object per call (this runs on every API request).
  return hash("sha256", token, "hex");
}

/** What lists may show: the type prefix and three random characters, e.g. `hub_act_7Qz`. */
export function displayPrefixOf(token: string): string {
  return token.slice(0, tokenPrefixes.activity.length + 3);
}

export interface IssuedSecret {
  /** The plaintext: returned once to the person who asked for it, then gone. */
  token: string;
  hash: string;
  displayPrefix: string;
}

export function generateToken(type: TokenType): IssuedSecret {
  const body = tokenPrefixes[type] + randomBase62(RANDOM_LENGTH);
  const token = body + checksum(body);
  return { token, hash: hashToken(token), displayPrefix: displayPrefixOf(token) };
}

/**
 * Checks shape and checksum without touching the database: typos and scanner noise are
 * rejected here. Returns the token's type, or null when it cannot be a Hub token.
 */
export function parseToken(candidate: string): { type: TokenType } | null {
  const match = tokenPattern.exec(candidate);
  if (!match) return null;
  const [, prefix, random, check] = match;
  if (checksum(prefix! + random!) !== check) return null;
  return { type: typeByPrefix.get(prefix!)! };
}

export { BASE62 };
