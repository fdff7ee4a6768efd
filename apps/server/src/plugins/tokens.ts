/**
 * Access tokens for Conductor/Orkes SDKs configured with a key id and secret: `POST /api/token`
 * trades `{keyId, keySecret}` for a JWT (HS256, signed with `node:crypto`) that the SDK then sends
 * as `X-Authorization`. The signing key is derived from the configured access keys, so every server
 * with the same `BATON_API_KEYS` accepts the others' tokens, and changing the keys revokes every
 * token issued before. A token names its key id and role; it is refused once that key is removed or
 * its role changes.
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiKey, Role } from './auth.js';

/** Default token life (the SDKs refresh theirs every 36–45 minutes). */
export const DEFAULT_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Longest life a token request may ask for (`expiration`). */
export const MAX_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Why a token was refused; the SDKs refresh their token on these `error` values. */
export type TokenProblem = 'INVALID_TOKEN' | 'EXPIRED_TOKEN';

export interface TokenIssuer {
  /** Whether any key id/secret pair is configured. */
  readonly enabled: boolean;
  /** A token for the pair, or undefined when the pair is unknown. */
  issue(keyId: string, keySecret: string, ttlMs: number, nowMs: number): string | undefined;
  /** The role of a valid token, or the reason it is refused. */
  verify(token: string, nowMs: number): { role: Role; keyId: string } | { problem: TokenProblem };
}

const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function b64(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

/** Compares two strings in time independent of where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** Creates the issuer for the key id/secret entries of `keys` (entries with `keySecret`). */
export function createTokenIssuer(keys: readonly ApiKey[]): TokenIssuer {
  const access = new Map<string, { secret: string; role: Role }>();
  for (const k of keys)
    if (k.keySecret !== undefined) access.set(k.key, { secret: k.keySecret, role: k.role });
  const canonical = [...access.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { secret, role }]) => JSON.stringify([id, secret, role]))
    .join('\n');
  const signingKey = createHash('sha256').update(`baton-token-v1\n${canonical}`).digest();
  const sign = (body: string): string =>
    createHmac('sha256', signingKey).update(body).digest('base64url');

  return {
    enabled: access.size > 0,
    issue(keyId, keySecret, ttlMs, nowMs) {
      const entry = access.get(keyId);
      // Compare against something even for an unknown id, so timing does not reveal key ids.
      const ok = sameSecret(entry?.secret ?? '\u0000unknown', keySecret) && entry !== undefined;
      if (!ok) return undefined;
      const iat = Math.floor(nowMs / 1000);
      const payload = b64(
        JSON.stringify({ sub: keyId, role: entry.role, iat, exp: iat + Math.ceil(ttlMs / 1000) }),
      );
      const body = `${HEADER}.${payload}`;
      return `${body}.${sign(body)}`;
    },
    verify(token, nowMs) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== HEADER) return { problem: 'INVALID_TOKEN' };
      const body = `${parts[0]}.${parts[1]}`;
      const given = Buffer.from(parts[2]!, 'base64url');
      const expected = Buffer.from(sign(body), 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { problem: 'INVALID_TOKEN' };
      let claims: { sub?: unknown; role?: unknown; exp?: unknown };
      try {
        claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof claims;
      } catch {
        return { problem: 'INVALID_TOKEN' };
      }
      const entry = typeof claims.sub === 'string' ? access.get(claims.sub) : undefined;
      if (entry === undefined || entry.role !== claims.role) return { problem: 'INVALID_TOKEN' };
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs)
        return { problem: 'EXPIRED_TOKEN' };
      return { role: entry.role, keyId: claims.sub as string };
    },
  };
}
