/**
 * `POST /api/token` (Orkes' access-key exchange): `{keyId, keySecret[, expiration]}` → `{token}`.
 * Conductor/Orkes SDKs configured with `keyId`/`keySecret` call it first and send the token as
 * `X-Authorization`. A server without access keys answers 404, which the SDKs take as "no
 * authentication" (what they do against Conductor OSS).
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError } from '@baton/engine';
import { ERRORS } from './common.js';
import type { App } from './common.js';
import { DEFAULT_TOKEN_TTL_MS, MAX_TOKEN_TTL_MS } from '../plugins/tokens.js';
import type { TokenIssuer } from '../plugins/tokens.js';
import type { LoginLimiter } from '../plugins/login-limiter.js';

const TokenRequest = Type.Object(
  {
    keyId: Type.String({ minLength: 1, maxLength: 1024 }),
    keySecret: Type.String({ minLength: 1, maxLength: 4096 }),
    expiration: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: MAX_TOKEN_TTL_MS,
        description: 'Token life in milliseconds (default one hour, at most a day)',
      }),
    ),
  },
  { additionalProperties: true },
);

/** Registers `POST /token` (under `/api`). */
export function tokenRoutes(
  app: App,
  tokens: TokenIssuer,
  now: () => number,
  limiter: LoginLimiter,
  defaultTtlMs = DEFAULT_TOKEN_TTL_MS,
): void {
  app.post(
    '/token',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Trade an access key id and secret for a token to send as X-Authorization',
        body: TokenRequest,
        response: { 200: Type.Object({ token: Type.String() }), ...ERRORS, 429: ERRORS[400] },
      },
    },
    async (request) => {
      if (!tokens.enabled) {
        throw batonError(
          'ROUTE_NOT_FOUND',
          'No access keys are configured (BATON_API_KEYS keyId:keySecret:role); this server needs no token',
        );
      }
      const at = now();
      const retryAfterSeconds = limiter.retryAfterSeconds(request.ip, at);
      if (retryAfterSeconds > 0) {
        throw batonError(
          'TOO_MANY_FAILED_LOGINS',
          `Too many failed token requests from this client; retry in ${retryAfterSeconds} s`,
          { details: { retryAfterSeconds } },
        );
      }
      const { keyId, keySecret, expiration } = request.body;
      const token = tokens.issue(keyId, keySecret, expiration ?? defaultTtlMs, at);
      if (token === undefined) {
        limiter.recordFailure(request.ip, at);
        throw batonError('UNAUTHORIZED', 'Unknown key id or wrong secret');
      }
      return { token };
    },
  );
}
