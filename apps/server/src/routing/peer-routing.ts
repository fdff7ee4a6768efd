/**
 * Work routing between the processes of one multi-process server (`BATON_PROCESSES`; see
 * docs/architecture.md, "Several processes"). Each workflow's work belongs to the process that
 * owns its affinity slot (`ownerOf` in @baton/engine): updates of its tasks are handed there,
 * and tasks another process pops for a worker are claimed there. The owner then keeps the
 * execution hot, and no process saves from a copy another one replaced.
 *
 * Processes call each other over Unix sockets in a folder the primary creates (mode 0700, so only
 * the server's own user can connect), one per process, named after its index. A call is one line
 * of JSON each way (JSON text has no raw line breaks), several in flight on one connection, told
 * apart by id: no HTTP parsing, authentication or schema check on the owner's side, which the
 * process that received the request has already done. Routing is only an optimisation: saves are
 * still checked against the stored revision, and a process whose owner cannot be reached does the
 * work itself.
 * @module
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  batonError,
  isBatonError,
  ownerOf,
  type ErrorCode,
  type RemoteClaim,
  type Task,
  type WorkRouting,
} from '@baton/engine';

/** What a peer may ask: the operation's name and its one argument. */
export type PeerHandlers = Record<string, (argument: unknown) => Promise<unknown>>;

/** Counts kept for `/metrics`. */
export interface PeerRoutingStats {
  forwarded: number;
  claimsSent: number;
  /** Calls whose owner could not be reached (done here instead) or that failed on the way. */
  failures: number;
}

/** The socket path of process `index` in `dir`. */
export function peerSocketPath(dir: string, index: number): string {
  return join(dir, `p${index}.sock`);
}

/** A call sent and not yet answered. */
interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One line each way: a call, and its answer (a value, or an error with its code). */
interface CallFrame {
  id: number;
  op: string;
  arg: unknown;
}
interface AnswerFrame {
  id: number;
  value?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

/** Longest wait for an owner's answer before the call fails (a stuck owner must not hold requests). */
const CALL_TIMEOUT_MS = 30_000;
/** Longest line accepted from a peer (a claim answer holds up to 1,000 tasks). */
const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** The connection to one peer: opened on first use, reopened after it closes. */
class PeerConnection {
  private socket: Socket | undefined;
  private connecting: Promise<Socket | null> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly path: string) {}

  /** Sends a call; null when no connection could be made (nothing reached the peer). */
  async call(op: string, arg: unknown): Promise<{ value: unknown } | null> {
    const socket = await this.open();
    if (!socket) return null;
    const id = this.nextId++;
    const line = `${JSON.stringify({ id, op, arg } satisfies CallFrame)}\n`;
    const value = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${op} within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      socket.write(line);
    });
    return { value };
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Promise<Socket | null> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<Socket | null>((resolve) => {
      const socket = createConnection(this.path);
      socket.setNoDelay(true);
      const failed = (): void => {
        this.connecting = undefined;
        resolve(null);
      };
      socket.once('error', failed);
      socket.once('connect', () => {
        socket.off('error', failed);
        this.connecting = undefined;
        this.socket = socket;
        readLines(socket, (line) => this.answer(line));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          if (this.socket === socket) this.socket = undefined;
          this.failAll(new Error('the connection to the owner process closed'));
        });
        resolve(socket);
      });
    });
    return this.connecting;
  }

  private answer(line: string): void {
    let frame: AnswerFrame;
    try {
      frame = JSON.parse(line) as AnswerFrame;
    } catch {
      return;
    }
    const waiter = this.pending.get(frame.id);
    if (!waiter) return;
    this.pending.delete(frame.id);
    clearTimeout(waiter.timer);
    if (frame.error) {
      const { code, message, details } = frame.error;
      waiter.reject(
        isKnownCode(code)
          ? batonError(code, message, details ? { details } : undefined)
          : new Error(message),
      );
    } else {
      waiter.resolve(frame.value);
    }
  }

  private failAll(error: Error): void {
    for (const [id, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      this.pending.delete(id);
      waiter.reject(error);
    }
  }
}

/** Codes a peer's error may carry back; anything else arrives as a plain error (500). */
const PASSED_CODES = new Set<string>([
  'WORKFLOW_NOT_FOUND',
  'WORKFLOW_NOT_RUNNING',
  'TASK_NOT_FOUND',
  'TASK_ALREADY_TERMINAL',
  'REQUEST_INVALID',
  'STORE_CONFLICT',
  'STORE_UNAVAILABLE',
]);

function isKnownCode(code: string): code is ErrorCode {
  return PASSED_CODES.has(code);
}

/** Calls `onLine` for each line `socket` receives; a line over the limit closes it. */
function readLines(socket: Socket, onLine: (line: string) => void): void {
  socket.setEncoding('utf8');
  let buffered = '';
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line !== '') onLine(line);
      end = buffered.indexOf('\n');
    }
    if (buffered.length > MAX_LINE_BYTES) socket.destroy();
  });
}

/**
 * This process's side of the group: which workflows it owns, calls to their owners, and the claim
 * calls of {@link WorkRouting}.
 */
export class PeerRouting implements WorkRouting {
  readonly stats: PeerRoutingStats = { forwarded: 0, claimsSent: 0, failures: 0 };
  private readonly peers = new Map<number, PeerConnection>();
  private server: Server | undefined;
  private readonly accepted = new Set<Socket>();

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

  /** Answers peers' calls on this process's socket with `handlers`. */
  async listen(handlers: PeerHandlers): Promise<void> {
    const path = peerSocketPath(this.dir, this.index);
    await rm(path, { force: true });
    const server = createServer((socket) => {
      this.accepted.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('close', () => this.accepted.delete(socket));
      readLines(socket, (line) => void answerCall(socket, line, handlers));
    });
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
   * Runs `op` in process `owner`; null when the owner cannot be reached (nothing was sent), so
   * the caller does it here. A failure after the call left rejects: the owner may have done it.
   */
  async call(owner: number, op: string, arg: unknown): Promise<{ value: unknown } | null> {
    try {
      const answer = await this.connection(owner).call(op, arg);
      if (answer === null) this.stats.failures += 1;
      else if (op === 'claim') this.stats.claimsSent += 1;
      else this.stats.forwarded += 1;
      return answer;
    } catch (e) {
      if (!isBatonError(e)) this.stats.failures += 1;
      throw e;
    }
  }

  async claimElsewhere(owner: number, claim: RemoteClaim): Promise<Array<Task | null> | null> {
    const answer = await this.call(owner, 'claim', claim);
    return answer === null ? null : (answer.value as Array<Task | null>);
  }

  async close(): Promise<void> {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    const server = this.server;
    this.server = undefined;
    for (const socket of this.accepted) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private connection(owner: number): PeerConnection {
    let peer = this.peers.get(owner);
    if (!peer) {
      peer = new PeerConnection(peerSocketPath(this.dir, owner));
      this.peers.set(owner, peer);
    }
    return peer;
  }
}

/** Runs one call line from a peer and writes its answer; a line that is no call is ignored. */
async function answerCall(socket: Socket, line: string, handlers: PeerHandlers): Promise<void> {
  let frame: CallFrame;
  try {
    frame = JSON.parse(line) as CallFrame;
  } catch {
    return;
  }
  if (typeof frame !== 'object' || frame === null || typeof frame.id !== 'number') return;
  const handler = Object.hasOwn(handlers, frame.op) ? handlers[frame.op] : undefined;
  let answer: AnswerFrame;
  try {
    if (!handler) throw new Error(`unknown peer call ${String(frame.op)}`);
    answer = { id: frame.id, value: await handler(frame.arg) };
  } catch (e) {
    answer = {
      id: frame.id,
      error: isBatonError(e)
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'INTERNAL', message: (e as Error).message ?? String(e) },
    };
  }
  if (!socket.destroyed) socket.write(`${JSON.stringify(answer)}\n`);
}
