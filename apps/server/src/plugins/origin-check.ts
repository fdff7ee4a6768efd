/**
 * Browser-borne requests are refused before any route runs (docs/errors.md, `ORIGIN_REFUSED`):
 *
 * - a state-changing request (anything but GET, HEAD, OPTIONS) whose `Origin` is another web
 *   origin: a page the operator visits must not drive the API (cross-site request forgery). Same
 *   origin, a loopback origin when the server is reached on loopback (the web app's dev server),
 *   and origins on `trustedHosts` pass; non-browser clients send no `Origin` and always pass;
 * - with no API keys configured, any request whose `Host` is a name other than `localhost`, an IP
 *   address or one of `trustedHosts`: a page on a name the attacker controls that resolves to the
 *   server (DNS rebinding) would otherwise be same-origin with the API.
 * @module
 */
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { batonError } from '@baton/engine';

/** Methods that never change state; everything else is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of `host[:port]` (`[::1]:8080` → `::1`), lower-cased; null when unparsable. */
export function hostName(hostHeader: string): string | null {
  try {
    const name = new URL(`http://${hostHeader}`).hostname.toLowerCase();
    return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  } catch {
    return null;
  }
}

/** `localhost`, `*.localhost`, `127.0.0.0/8` and `::1`. */
export function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    (isIP(name) === 4 && name.startsWith('127.'))
  );
}

/** Host headers seen recently and their names: every request sends one, nearly always the same. */
const HOST_NAMES = new Map<string, string | null>();
const HOST_NAMES_KEPT = 256;

/** {@link hostName}, remembered for the last {@link HOST_NAMES_KEPT} distinct headers. */
function cachedHostName(hostHeader: string): string | null {
  const known = HOST_NAMES.get(hostHeader);
  if (known !== undefined) return known;
  const name = hostName(hostHeader);
  if (HOST_NAMES.size >= HOST_NAMES_KEPT) HOST_NAMES.clear();
  HOST_NAMES.set(hostHeader, name);
  return name;
}

const TRUSTED = new WeakMap<OriginPolicy, ReadonlySet<string>>();

/** The policy's trusted host names, lower-cased, built once per policy. */
function trustedSet(policy: OriginPolicy): ReadonlySet<string> {
  let trusted = TRUSTED.get(policy);
  if (!trusted) {
    trusted = new Set(policy.trustedHosts.map((h) => h.toLowerCase()));
    TRUSTED.set(policy, trusted);
  }
  return trusted;
}

export interface OriginPolicy {
  /** Host names the server is reached by besides loopback and IP addresses (lower case). */
  trustedHosts: readonly string[];
  /** True when API keys are configured (the Host check is then not needed). */
  keysConfigured: boolean;
}

/** Why `request` is refused, with the header it names, or null when it passes. */
export function originRefusal(
  request: Pick<FastifyRequest, 'method' | 'headers'>,
  policy: OriginPolicy,
): { header: string; value: string; message: string } | null {
  const trusted = trustedSet(policy);
  const host = typeof request.headers.host === 'string' ? request.headers.host : '';
  const name = host === '' ? null : cachedHostName(host);
  if (!policy.keysConfigured && host !== '') {
    if (name === null || !(isIP(name) !== 0 || isLoopbackName(name) || trusted.has(name))) {
      return {
        header: 'host',
        value: host,
        message: `Host ${JSON.stringify(host)} is not loopback, an IP address or in BATON_TRUSTED_HOSTS; with no API keys configured, the server answers only those`,
      };
    }
  }
  if (SAFE_METHODS.has(request.method)) return null;
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return null;
  let originHost: string | null = null;
  let originName: string | null = null;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      originHost = url.host.toLowerCase();
      originName = hostName(url.host);
    }
  } catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable are refused below.
  }
  const sameOrigin = originHost !== null && originHost === host.toLowerCase();
  const bothLoopback =
    originName !== null && isLoopbackName(originName) && name !== null && isLoopbackName(name);
  if (sameOrigin || bothLoopback || (originName !== null && trusted.has(originName))) return null;
  return {
    header: 'origin',
    value: origin,
    message: `Cross-origin ${request.method} refused: Origin ${JSON.stringify(origin)} is not this server's origin`,
  };
}

/** Installs the check as the root's first onRequest hook (before authentication). */
export function installOriginCheck(app: FastifyInstance, policy: OriginPolicy): void {
  app.addHook('onRequest', async (request) => {
    const refusal = originRefusal(request, policy);
    if (refusal === null) return;
    throw batonError('ORIGIN_REFUSED', refusal.message, {
      validationErrors: [
        {
          path: `headers.${refusal.header}`,
          message: refusal.message,
          invalidValue: refusal.value.slice(0, 200),
        },
      ],
    });
  });
}
