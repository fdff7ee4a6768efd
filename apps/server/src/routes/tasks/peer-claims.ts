/**
 * `POST /api/internal/claims`: the claims another process of a multi-process server hands to this
 * one, the owner of their workflows (see routing/peer-routing.ts). Served only over the group's
 * own sockets; from anywhere else it does not exist.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError } from '@baton/engine';
import type { WorkflowExecutor } from '@baton/engine';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';
import { isPeerRequest } from '../../routing/peer-routing.js';

const NAME = Type.String({ minLength: 1, maxLength: 512 });

const ClaimBody = Type.Object(
  {
    queueName: NAME,
    taskType: NAME,
    domain: Type.Optional(NAME),
    workerId: Type.Optional(Type.String({ maxLength: 512 })),
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);

/** Registers the internal claim route. */
export function peerClaimRoutes(app: App, executor: WorkflowExecutor): void {
  app.post(
    '/internal/claims',
    {
      // Reachable only over the group's sockets (checked below), which carry no API key.
      config: { permission: 'public' },
      // The claimed tasks (or null per id), as JSON.stringify writes them.
      schema: { hide: true, body: ClaimBody, response: { 200: Type.Unknown(), ...ERRORS } },
      // Before the body is read or checked, so that nothing tells an outsider the route exists.
      onRequest: async (request) => {
        if (!isPeerRequest(request.raw)) {
          throw batonError(
            'ROUTE_NOT_FOUND',
            `Route POST:${request.url.split('?')[0] ?? ''} not found`,
          );
        }
      },
    },
    async (request) => executor.claimPopped(request.body),
  );
}
