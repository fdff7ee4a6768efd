/**
 * Definition reads are on every workflow start (the workflow definition and each task definition),
 * while definitions change rarely. This cache keeps read results in the process and drops them all
 * when any definition changes: at once on this server, and on the others through a NOTIFY on the
 * definitions channel. Results are cached only while the LISTEN is active, so a server that cannot
 * hear the others' changes always reads the database. Results are deeply frozen, and a cached one
 * is shared by every reader until it is dropped (a change loads a new object).
 * @module
 */
import { deepFreeze } from '@baton/engine';
import { channelName } from './channels.js';
import type { SqlClient } from './sql-client.js';
import { NOTIFY } from './sql/queue.js';

/**
 * A safety net for notifications lost while the LISTEN connection reconnects: no cached result is
 * older than this.
 */
const DEFAULT_MAX_AGE_MS = 5_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
}

/** Read-through cache of definition reads, invalidated by LISTEN/NOTIFY. */
export class DefinitionReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly channel: string;
  private listening: Promise<() => Promise<void>> | undefined;
  private active = false;
  private readonly maxAgeMs: number;

  constructor(
    private readonly db: SqlClient,
    options: { channelPrefix?: string; maxAgeMs?: number } = {},
  ) {
    this.channel = channelName(options.channelPrefix ?? '', 'definitions');
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /**
   * The cached result of `key`, or `load()`'s (cached when invalidation works), deeply frozen:
   * callers must not change it.
   */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    this.startListening();
    if (!this.active || this.maxAgeMs <= 0) return deepFreeze(await load());
    const now = performance.now();
    let entry = this.entries.get(key);
    if (!entry || now - entry.at > this.maxAgeMs) {
      const created: Entry = { at: now, value: load().then(deepFreeze) };
      created.value.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      this.entries.set(key, created);
      entry = created;
    }
    return (await entry.value) as T;
  }

  /** Drops every cached result here and tells the other servers to do the same. */
  async changed(): Promise<void> {
    this.entries.clear();
    await this.db.query(NOTIFY, [this.channel, '']);
  }

  /** Stops listening. */
  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    this.active = false;
    this.entries.clear();
    const stop = await listening?.catch(() => undefined);
    await stop?.().catch(() => undefined);
  }

  private startListening(): void {
    if (this.listening) return;
    const listening = this.db.listen(this.channel, () => this.entries.clear());
    this.listening = listening;
    listening.then(
      () => {
        if (this.listening === listening) this.active = true;
      },
      () => {
        // Try again on a later read; until then nothing is cached.
        if (this.listening === listening) this.listening = undefined;
      },
    );
  }
}
