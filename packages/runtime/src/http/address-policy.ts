/**
 * Which network addresses outbound HTTP may reach: refuses loopback, private, link-local (cloud
 * metadata), unspecified, multicast and reserved ranges, in IPv4, IPv6 and IPv4-mapped IPv6 form,
 * unless a host or CIDR is allow-listed. IPv6 forms that carry an IPv4 address (IPv4-mapped and
 * -translated, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by that IPv4 address; Teredo
 * and local-use NAT64 (`64:ff9b:1::/48`), whose target cannot be read reliably, are refused.
 * @module
 */
import { BlockList, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

interface Range {
  label: string;
  list: BlockList;
}

const REFUSED_RANGES: Array<[label: string, cidrs: string[]]> = [
  ['unspecified', ['0.0.0.0/8', '::/128']],
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10']],
  ['shared address space', ['100.64.0.0/10']],
  ['link-local (includes cloud metadata)', ['169.254.0.0/16', 'fe80::/10']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
  [
    'reserved',
    [
      '240.0.0.0/4',
      '192.0.0.0/24',
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '198.18.0.0/15',
      '100::/64',
      '2001:db8::/32',
    ],
  ],
  ['IPv4-compatible IPv6', ['::/96']],
  ['Teredo', ['2001::/32']],
  ['local-use NAT64', ['64:ff9b:1::/48']],
];

/** IPv6 prefixes whose last or inner 32 bits are an IPv4 address the packet really goes to. */
const EMBEDDING: Array<[label: string, cidr: string, embedded: (parts: number[]) => number[]]> = [
  ['NAT64', '64:ff9b::/96', (p) => [p[6]! >> 8, p[6]! & 255, p[7]! >> 8, p[7]! & 255]],
  ['IPv4-translated', '::ffff:0:0:0/96', (p) => [p[6]! >> 8, p[6]! & 255, p[7]! >> 8, p[7]! & 255]],
  ['6to4', '2002::/16', (p) => [p[1]! >> 8, p[1]! & 255, p[2]! >> 8, p[2]! & 255]],
];

/** The IPv4 address an IPv6 `address` carries, with the mechanism's name, or null. */
export function embeddedIPv4(address: string): { via: string; ipv4: string } | null {
  if (!ipaddr.IPv6.isValid(address)) return null;
  const v6 = ipaddr.IPv6.parse(address);
  if (v6.isIPv4MappedAddress()) return { via: 'IPv4-mapped', ipv4: v6.toIPv4Address().toString() };
  for (const [via, cidr, embedded] of EMBEDDING) {
    if (v6.match(ipaddr.IPv6.parseCIDR(cidr))) {
      return { via, ipv4: embedded(v6.parts).join('.') };
    }
  }
  return null;
}

const RANGES: Range[] = REFUSED_RANGES.map(([label, cidrs]) => {
  const list = new BlockList();
  for (const cidr of cidrs) addCidr(list, cidr);
  return { label, list };
});

/** Adds `a.b.c.d/n`, `v6::/n` or a bare address to a BlockList. */
function addCidr(list: BlockList, cidr: string): void {
  const [address = '', prefixText] = cidr.split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`Not an IP address or CIDR: ${cidr}`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw new Error(`Invalid CIDR prefix: ${cidr}`);
  }
  list.addSubnet(address, prefix, type);
}

/** Strips the brackets of an IPv6 URL host (`[::1]` → `::1`) and lower-cases it. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/**
 * The address policy: `allowHosts` entries are hostnames (exact, case-insensitive) or IP
 * addresses/CIDRs (`127.0.0.1`, `10.0.0.0/8`, `::1`).
 */
export class AddressPolicy {
  private readonly hosts = new Set<string>();
  private readonly allowed = new BlockList();

  constructor(allowHosts: readonly string[] = []) {
    for (const entry of allowHosts) {
      const trimmed = normalizeHost(entry.trim());
      if (isIP(trimmed.split('/')[0] ?? '') !== 0) addCidr(this.allowed, trimmed);
      else this.hosts.add(trimmed);
    }
  }

  /** True when the hostname itself is allow-listed (its addresses are then not checked). */
  isHostAllowed(hostname: string): boolean {
    return this.hosts.has(normalizeHost(hostname));
  }

  /** Why `address` is refused, or null when it may be reached. */
  refusalReason(address: string): string | null {
    const family = isIP(address);
    if (family === 0) return 'not an IP address';
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(address, type)) return null;
    const range = RANGES.find((r) => r.list.check(address, type));
    if (range !== undefined) return range.label;
    const embedded = family === 6 ? embeddedIPv4(address) : null;
    if (embedded === null || this.allowed.check(embedded.ipv4, 'ipv4')) return null;
    const inner = RANGES.find((r) => r.list.check(embedded.ipv4, 'ipv4'));
    return inner === undefined ? null : `${embedded.via} form of ${inner.label}`;
  }
}

/** Raised when the policy refuses a destination; `code` is `ERR_ADDRESS_REFUSED`. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED';

  constructor(host: string, address: string, reason: string) {
    const via = normalizeHost(host) === address ? '' : ` (resolved to ${address})`;
    super(
      `Refused to connect to ${host}${via}: ${reason} addresses are not allowed; add the host to allowHosts to permit it`,
    );
    this.name = 'AddressRefusedError';
  }
}
