/**
 * Work routing between the processes of one multi-process server (`BATON_PROCESSES`; see
 * docs/architecture.md, "Several processes"). Each workflow's work belongs to the process that
 * owns its affinity slot (`ownerOf` in @baton/engine): updates of its tasks are forwarded there,
 * and tasks another process pops for a worker are claimed there. The owner then keeps the
 * execution hot, and no process saves from a copy another one replaced.
 *
 * Processes reach each other over Unix sockets in a folder the primary creates (mode 0700), one per
 * process, named after its index. A request that came over such a socket is never forwarded again,
 * so a disagreement about ownership (a process restarting) costs one hop, not a loop. Routing is
 * only an optimisation: saves are still checked against the stored revision, and a process whose
 * owner cannot be reached does the work itself.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from 'undici';
import {
  AFFINITY_SLOTS,
  ownerOf,
  withAffinitySlot,
  type IdGenerator,
  type RemoteClaim,
  type Task,
  type WorkRouting,
} from '@baton/engine';

/** Where the internal claim route is mounted (never served outside the group). */
export const PEER_CLAIM_PATH = '/api/internal/claims';

/** Requests that arrived over a peer socket. */
const peerRequests = new WeakSet<IncomingMessage>();

/** Whether `raw` came from another process of the group (over its Unix socket). */
export function isPeerRequest(raw: IncomingMessage): boolean {
  return peerRequests.has(raw);
}

/** Headers a forward does not pass on: hop-by-hop ones, and the length undici sets itself. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'te',
  'upgrade',
  'proxy-connection',
]);

/** What a forward hands back: the owner's status, content type and body. */
export interface ForwardedReply {
  statusCode: number;
  contentType: string | undefined;
  body: Buffer;
}

/** Counts kept for `/metrics`. */
export interface PeerRoutingStats {
  forwarded: number;
  forwardFailures: number;
  claimsSent: number;
  claimFailures: number;
}

/** The socket path of process `index` in `dir`. */
export function peerSocketPath(dir: string, index: number): string {
  return join(dir, `p${index}.sock`);
}

/**
 * This process's side of the group: which workflows it owns, forwarding to their owners, and the
 * claim calls of {@link WorkRouting}.
 */
export class PeerRouting implements WorkRouting {
  readonly stats: PeerRoutingStats = {
    forwarded: 0,
    forwardFailures: 0,
    claimsSent: 0,
    claimFailures: 0,
  };
  private readonly pools = new Map<number, Pool>();
  private server: Server | undefined;

  constructor(
    readonly processes: number,
    readonly index: number,
    private readonly dir: string,
  ) {}

  /** The owner of `workflowId`'s work, when it is another process. */
  ownerElsewhere(workflowId: string): number | undefined {
    const owner = ownerOf(workflowId, this.processes);
    return owner === undefined || owner === this.index ? undefined : owner;
  }

  /** Ids for new workflows (and their tasks) in slots this process owns. */
  ownedIds(): IdGenerator {
    const { processes, index } = this;
    const owned = Math.ceil((AFFINITY_SLOTS - index) / processes);
    return {
      newId: () =>
        withAffinitySlot(randomUUID(), index + processes * Math.floor(Math.random() * owned)),
    };
  }

  /**
   * Serves `handle` (the app's router) on this process's socket; requests that arrive there are
   * marked as coming from a peer.
   */
  async listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<void> {
    const path = peerSocketPath(this.dir, this.index);
    await rm(path, { force: true });
    const server = createServer((req, res) => {
      peerRequests.add(req);
      handle(req, res);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  /**
   * Sends a request to process `owner` as it came (method, URL, headers, body text); null when
   * the owner cannot be reached, so the caller handles it here.
   */
  async forward(
    owner: number,
    request: { method: string; url: string; headers: IncomingMessage['headers']; body: string },
  ): Promise<ForwardedReply | null> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || HOP_HEADERS.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    try {
      const response = await this.pool(owner).request({
        method: request.method as 'POST',
        path: request.url,
        headers,
        body: request.body,
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      this.stats.forwarded += 1;
      const contentType = response.headers['content-type'];
      return {
        statusCode: response.statusCode,
        contentType: Array.isArray(contentType) ? contentType[0] : contentType,
        body,
      };
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      this.stats.forwardFailures += 1;
      return null;
    }
  }

  async claimElsewhere(owner: number, claim: RemoteClaim): Promise<Array<Task | null> | null> {
    try {
      const response = await this.pool(owner).request({
        method: 'POST',
        path: PEER_CLAIM_PATH,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(claim),
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) {
        // Refused (or failed) there: the caller claims them itself, against the stored revision.
        this.stats.claimFailures += 1;
        return null;
      }
      this.stats.claimsSent += 1;
      return JSON.parse(text) as Array<Task | null>;
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      this.stats.claimFailures += 1;
      return null;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private pool(owner: number): Pool {
    let pool = this.pools.get(owner);
    if (!pool) {
      // A loopback host name, which the origin check accepts without API keys (plugins/origin-check.ts).
      pool = new Pool('http://localhost', {
        socketPath: peerSocketPath(this.dir, owner),
        connections: 16,
        keepAliveTimeout: 30_000,
      });
      this.pools.set(owner, pool);
    }
    return pool;
  }
}

/** A connection that could not be made: nothing reached the peer. */
function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return (
    code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'UND_ERR_SOCKET_CLOSED_BEFORE_SEND'
  );
}
