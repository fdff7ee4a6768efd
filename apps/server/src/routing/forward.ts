/**
 * Forwarding a request about one workflow to the process that owns it (see peer-routing.ts).
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { batonError } from '@baton/engine';
import { isPeerRequest, type PeerRouting } from './peer-routing.js';

/**
 * When another process of the group owns `workflowId` and this request did not come from a peer,
 * sends the request there and answers with the owner's reply; resolves to true then. False: the
 * caller handles it here (one process, a workflow of its own or without a slot, or an owner that
 * cannot be reached). An owner that fails after the request left is answered 503: the update may
 * or may not have been applied, and the worker's retry finds out.
 */
export async function forwardToOwner(
  peers: PeerRouting | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  workflowId: string,
): Promise<boolean> {
  if (!peers || isPeerRequest(request.raw)) return false;
  const owner = peers.ownerElsewhere(workflowId);
  if (owner === undefined) return false;
  let answer: Awaited<ReturnType<PeerRouting['forward']>>;
  try {
    answer = await peers.forward(owner, {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.jsonText,
    });
  } catch (e) {
    throw batonError(
      'STORE_UNAVAILABLE',
      `The server process that runs workflow ${workflowId} did not answer (${(e as Error).message}); retry the request`,
    );
  }
  if (answer === null) return false;
  void reply.code(answer.statusCode);
  if (answer.contentType !== undefined) void reply.type(answer.contentType);
  await reply.send(answer.body);
  return true;
}
