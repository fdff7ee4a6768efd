/**
 * Which network addresses outbound HTTP may reach: refuses loopback, private, link-local (cloud
 * metadata), unspecified, multicast and reserved ranges, in IPv4, IPv6 and IPv4-mapped IPv6 form,
 * unless a host or CIDR is allow-listed.
 * @module
 */
import { BlockList, isIP } from 'node:net';

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
  ['reserved', ['240.0.0.0/4']],
  ['IPv4-compatible or NAT64 IPv6', ['::/96', '64:ff9b::/96']],
];

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
    return range === undefined ? null : range.label;
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
