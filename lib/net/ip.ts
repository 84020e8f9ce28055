import ipaddr from "ipaddr.js";

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export type IpEntry = {
  /** Canonical text: IPv4 dotted quad, compressed IPv6, with `/bits` for ranges. */
  canonical: string;
  address: IpAddress;
  bits: number;
};

export type ParsedIpEntry = { ok: true; entry: IpEntry } | { ok: false; message: string };

export const INVALID_IP_MESSAGE = "Enter an IPv4 or IPv6 address, or a range such as 203.0.113.0/24";

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is the IPv4 address. */
function normalise(address: IpAddress): IpAddress {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** Strict: dotted-quad IPv4 only (ipaddr.js alone also accepts forms like `127.1` or hex). */
function parseAddress(text: string): IpAddress | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(":") && ipaddr.IPv6.isValid(text) && !text.includes("%")) return normalise(ipaddr.IPv6.parse(text));
  return null;
}

/** Parses one whitelist entry: an address or a CIDR range, with a message a person can act on. */
export function parseIpEntry(raw: string): ParsedIpEntry {
  const text = raw.trim();
  if (!text) return { ok: false, message: "Enter an IP address or range" };
  const [addressText, bitsText, extra] = text.split("/");
  if (extra !== undefined) return { ok: false, message: INVALID_IP_MESSAGE };
  const parsed = parseAddress(addressText!);
  if (!parsed) return { ok: false, message: INVALID_IP_MESSAGE };
  // A mapped address with a v6 prefix length is a v4 range: ::ffff:10.0.0.0/104 → 10.0.0.0/8.
  const mappedShift = parsed.kind() === "ipv4" && addressText!.includes(":") ? 96 : 0;
  const max = parsed.kind() === "ipv4" ? 32 : 128;
  if (bitsText === undefined) {
    return { ok: true, entry: { canonical: parsed.toString(), address: parsed, bits: max } };
  }
  if (!/^\d{1,3}$/.test(bitsText)) return { ok: false, message: INVALID_IP_MESSAGE };
  const bits = Number(bitsText) - mappedShift;
  if (bits < 0 || bits > max) {
    return { ok: false, message: `A ${parsed.kind() === "ipv4" ? "IPv4" : "IPv6"} range ends in /0 to /${max}` };
  }
  const network = networkAddress(parsed, bits);
  if (network.toString() !== parsed.toString()) {
    return { ok: false, message: `That range starts at ${network.toString()}/${bits}: use that instead` };
  }
  const canonical = bits === max ? parsed.toString() : `${parsed.toString()}/${bits}`;
  return { ok: true, entry: { canonical, address: parsed, bits } };
}

function networkAddress(address: IpAddress, bits: number): IpAddress {
  const bytes = address.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i]! &= (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes);
}

/** `0.0.0.0/0` or `::/0`: a whitelist entry that lets every address in. */
export function allowsEverything(entry: IpEntry): boolean {
  return entry.bits === 0;
}

/**
 * The widest range a Profile Read whitelist may hold: a /8 of IPv4, a /32 of IPv6. With at most
 * 50 entries no such list can cover every address, however it is split up.
 */
export const PROFILE_READ_WIDEST = { ipv4: 8, ipv6: 32 } as const;

export function widerThanProfileReadBound(entry: IpEntry): boolean {
  return entry.bits < PROFILE_READ_WIDEST[entry.address.kind()];
}

/** Parses a client address as the API sees it (socket or trusted proxy header); null if not an IP. */
export function parseClientIp(text: string): IpAddress | null {
  try {
    return normalise(ipaddr.parse(text.trim()));
  } catch {
    return null;
  }
}

// Client addresses seen recently, parsed: a partner's server calls from the same few, on every request.
const recentClients = new Map<string, { address: IpAddress; canonical: string } | null>();

/** `parseClientIp`, remembered (with the address written canonically) for the last 1,024 texts seen. */
export function parseClientIpCached(text: string): { address: IpAddress; canonical: string } | null {
  let parsed = recentClients.get(text);
  if (parsed === undefined) {
    if (recentClients.size >= 1_024) recentClients.clear();
    const address = parseClientIp(text);
    recentClients.set(text, (parsed = address && { address, canonical: address.toString() }));
  }
  return parsed;
}

/** True when `ip` falls inside any entry; an empty list allows every address. */
export function ipAllowed(entries: readonly IpEntry[], ip: IpAddress): boolean {
  if (entries.length === 0) return true;
  return entries.some((e) => e.address.kind() === ip.kind() && ip.match(e.address, e.bits));
}
