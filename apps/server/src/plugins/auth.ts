/**
 * API-key authentication and role-based permissions. Every route declares `config.permission`;
 * with no keys configured the server is open (meant for loopback use). A request carries either a
 * plain API key or a token from `POST /api/token` (see tokens.ts), in the same headers.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { batonError } from '@baton/engine';
import type { TokenIssuer } from './tokens.js';

/** What a route needs. `public` routes never require a key. */
export type Permission = 'public' | 'read' | 'write' | 'worker';
/** admin: everything; worker: poll and update tasks; viewer: read only. */
export type Role = 'admin' | 'worker' | 'viewer';

/**
 * A plain key (`key`, sent as is) or, with `keySecret`, an access key: `key` is its key id and the
 * pair is traded for a token at `POST /api/token` (the pair itself is not accepted as a key).
 */
export interface ApiKey {
  key: string;
  role: Role;
  keySecret?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    /**
     * The key may come as `?apiKey=` (only where a client cannot send a header: the browser's
     * EventSource). Elsewhere a key in the URL is ignored, as it would end up in logs and history.
     */
    queryApiKey?: boolean;
  }
}

const ALLOWED: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['public', 'read', 'write', 'worker']),
  worker: new Set(['public', 'worker']),
  viewer: new Set(['public', 'read']),
};

/**
 * Reads the key from `Authorization: Bearer`, `X-Authorization` or, on routes that declare
 * `queryApiKey` (SSE), `?apiKey=`.
 */
export function readApiKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '');
  const x = request.headers['x-authorization'];
  if (typeof x === 'string' && x !== '') return x.replace(/^bearer\s+/i, '');
  if (request.routeOptions.config?.queryApiKey !== true) return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.['apiKey'];
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}

/** The route pattern, or the path without its query (which may hold a key): safe to echo and log. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0] ?? '';
}

/** Routes added by plugins (docs UI, static files) declare nothing: only API routes need a key. */
function defaultPermission(request: FastifyRequest): Permission {
  const url = routeOf(request);
  return url.startsWith('/api/') && !url.startsWith('/api/docs') ? 'write' : 'public';
}

/** Installs the onRequest check on the root instance. No-op when `keys` is empty. */
export function installAuth(
  app: FastifyInstance,
  keys: readonly ApiKey[],
  tokens?: TokenIssuer,
  now: () => number = Date.now,
): void {
  if (keys.length === 0) return;
  const roles = new Map(keys.filter((k) => k.keySecret === undefined).map((k) => [k.key, k.role]));
  const roleOf = (key: string): Role | undefined => {
    const role = roles.get(key);
    if (role !== undefined || tokens?.enabled !== true || !key.includes('.')) return role;
    const verdict = tokens.verify(key, now());
    if ('role' in verdict) return verdict.role;
    throw batonError(
      'UNAUTHORIZED',
      verdict.problem === 'EXPIRED_TOKEN'
        ? 'The token has expired: get a new one from POST /api/token'
        : 'Invalid token: get one from POST /api/token',
      { details: { error: verdict.problem } },
    );
  };
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission ?? defaultPermission(request);
    if (permission === 'public') return;
    const key = readApiKey(request);
    if (key === undefined) {
      throw batonError(
        'UNAUTHORIZED',
        'Missing API key: send "Authorization: Bearer <key>" or "X-Authorization: <key>"',
      );
    }
    const role = roleOf(key);
    if (role === undefined) throw batonError('UNAUTHORIZED', 'Unknown API key');
    if (!ALLOWED[role].has(permission)) {
      throw batonError(
        'FORBIDDEN',
        `The ${role} role may not call ${request.method} ${routeOf(request)} (needs ${permission} permission)`,
      );
    }
  });
}
