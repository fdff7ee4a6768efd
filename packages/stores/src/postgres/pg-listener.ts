/**
 * One dedicated `pg` connection that LISTENs on behalf of a PgSqlClient, and reconnects (then
 * LISTENs again on every channel) when the connection drops, e.g. after a server restart.
 * Notifications sent while it was down are lost, which the ports allow: long polls still end on
 * their timeout and event delivery is best-effort.
 * @module
 */
import pg from 'pg';
import { toUnavailableError } from '../status-errors.js';
import { assertChannel } from './sql-client.js';

type Listener = (payload: string) => void;

/** Delay before reconnecting a dropped LISTEN connection. */
const RECONNECT_DELAY_MS = 1_000;

/** Multiplexes channel subscriptions over one LISTEN connection. */
export class PgListener {
  private connection: Promise<pg.Client> | undefined;
  private readonly channels = new Map<string, Set<Listener>>();
  private current: pg.Client | undefined;
  private closed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly config: pg.ClientConfig) {}

  /** LISTENs on `channel`; resolves once active; returns the function that stops listening. */
  async listen(channel: string, onNotify: Listener): Promise<() => Promise<void>> {
    assertChannel(channel);
    const client = await this.connect();
    let listeners = this.channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.channels.set(channel, listeners);
      await client.query(`LISTEN ${channel}`);
    }
    const own: Listener = (payload) => onNotify(payload);
    listeners.add(own);
    return async () => {
      listeners.delete(own);
      if (listeners.size === 0 && this.channels.get(channel) === listeners) {
        this.channels.delete(channel);
        const current = await this.connection?.catch(() => undefined);
        await current?.query(`UNLISTEN ${channel}`).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.channels.clear();
    const client = await connection?.catch(() => undefined);
    await client?.end().catch(() => {});
  }

  private connect(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('PgListener is closed'));
    this.connection ??= this.open().catch((e: unknown) => {
      this.connection = undefined;
      throw toUnavailableError('Postgres', 'LISTEN connection', e);
    });
    return this.connection;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    const lost = (): void => this.lost(client);
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      for (const listener of [...(this.channels.get(message.channel) ?? [])]) {
        listener(message.payload ?? '');
      }
    });
    await client.connect();
    for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    this.current = client;
    return client;
  }

  /** Forgets a dropped connection and reconnects while someone is still listening. */
  private lost(client: pg.Client): void {
    if (client !== this.current) return;
    this.current = undefined;
    this.connection = undefined;
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.channels.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed || this.channels.size === 0) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
