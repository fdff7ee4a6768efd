/**
 * An undici dispatcher whose every connection (including redirect targets) is checked against the
 * AddressPolicy on the addresses actually connected to, so DNS rebinding cannot bypass it.
 * @module
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, interceptors } from 'undici';
import type { Dispatcher } from 'undici';
import { AddressRefusedError, normalizeHost } from './address-policy.js';
import type { AddressPolicy } from './address-policy.js';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `net.connect` lookup that resolves, then keeps only the addresses the policy allows. */
export function createGuardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const hostAllowed = policy.isHostAllowed(hostname);
      const refused: Array<[string, string]> = [];
      const usable = addresses.filter((a) => {
        const reason = hostAllowed ? null : policy.refusalReason(a.address);
        if (reason !== null) refused.push([a.address, reason]);
        return reason === null;
      });
      const first = usable[0];
      if (first === undefined) {
        const [address = hostname, reason = 'unresolvable'] = refused[0] ?? [];
        return callback(new AddressRefusedError(hostname, address, reason), []);
      }
      if (options.all === true) return callback(null, usable);
      callback(null, first.address, first.family);
    });
  };
}

/** Options of the dispatcher (one per connect timeout). */
export interface GuardedDispatcherOptions {
  policy: AddressPolicy;
  connectTimeoutMs: number;
  maxRedirections: number;
}

/** Creates an Agent that enforces the policy at connect time and follows redirects. */
export function createGuardedDispatcher(options: GuardedDispatcherOptions): Dispatcher {
  const { policy } = options;
  const connector = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: createGuardedLookup(policy),
  } as buildConnector.BuildOptions);
  const agent = new Agent({
    connect: (connectOptions, callback) => {
      // Literal IPs never reach `lookup`, so they are checked here.
      const host = normalizeHost(connectOptions.hostname);
      if (isIP(host) !== 0) {
        const reason = policy.refusalReason(host);
        if (reason !== null) {
          callback(new AddressRefusedError(connectOptions.hostname, host, reason), null);
          return;
        }
      }
      connector(connectOptions, callback);
    },
  });
  return agent.compose(interceptors.redirect({ maxRedirections: options.maxRedirections }));
}
