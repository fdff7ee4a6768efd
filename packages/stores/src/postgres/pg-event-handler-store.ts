/**
 * EventHandlerStore on Postgres (or PGlite), used by the Redis + Postgres stores too: handlers
 * live with the definitions.
 * @module
 */
import { eventHandlerExists, eventHandlerNotFound } from '@baton/engine';
import type {
  EventExecutionRecord,
  EventExecutionStatus,
  EventHandler,
  EventHandlerStore,
} from '@baton/engine';
import { pgJson } from './safe-text.js';
import type { SqlClient } from './sql-client.js';
import * as sql from './sql/event-handlers.js';

export class PgEventHandlerStore implements EventHandlerStore {
  constructor(private readonly db: SqlClient) {}

  async addEventHandler(handler: EventHandler): Promise<void> {
    const { rows } = await this.db.query(sql.INSERT_EVENT_HANDLER, this.params(handler));
    if (rows.length === 0) throw eventHandlerExists(handler.name);
  }

  async updateEventHandler(handler: EventHandler): Promise<void> {
    const { rows } = await this.db.query(sql.UPDATE_EVENT_HANDLER, this.params(handler));
    if (rows.length === 0) throw eventHandlerNotFound(handler.name);
  }

  async removeEventHandler(name: string): Promise<void> {
    const { rows } = await this.db.query(sql.DELETE_EVENT_HANDLER, [name]);
    if (rows.length === 0) throw eventHandlerNotFound(name);
  }

  async listEventHandlers(): Promise<EventHandler[]> {
    const { rows } = await this.db.query<{ data: EventHandler }>(sql.SELECT_EVENT_HANDLERS);
    return rows.map((row) => row.data);
  }

  async listEventHandlersForEvent(event: string, activeOnly: boolean): Promise<EventHandler[]> {
    const { rows } = await this.db.query<{ data: EventHandler }>(
      sql.SELECT_EVENT_HANDLERS_FOR_EVENT,
      [event, activeOnly],
    );
    return rows.map((row) => row.data);
  }

  async saveEventExecution(record: EventExecutionRecord): Promise<void> {
    await this.db.query(sql.UPSERT_EVENT_EXECUTION, [
      record.id,
      record.status,
      Math.trunc(record.updateTime),
      pgJson(record),
    ]);
  }

  async getEventExecution(id: string): Promise<EventExecutionRecord | null> {
    const { rows } = await this.db.query<{ data: EventExecutionRecord }>(
      sql.SELECT_EVENT_EXECUTION,
      [id],
    );
    return rows[0]?.data ?? null;
  }

  async listEventExecutions(options: {
    status?: EventExecutionStatus;
    limit: number;
  }): Promise<EventExecutionRecord[]> {
    const { rows } = await this.db.query<{ data: EventExecutionRecord }>(
      sql.SELECT_EVENT_EXECUTIONS,
      [options.status ?? null, options.limit],
    );
    return rows.map((row) => row.data);
  }

  async pruneEventExecutions(options: {
    updatedBefore: number;
    keep: number;
    limit: number;
  }): Promise<number> {
    const { rowCount } = await this.db.query(sql.PRUNE_EVENT_EXECUTIONS, [
      Math.trunc(options.updatedBefore),
      Math.max(0, Math.trunc(options.keep)),
      Math.max(0, Math.trunc(options.limit)),
    ]);
    return rowCount;
  }

  private params(handler: EventHandler): unknown[] {
    return [handler.name, handler.event, handler.active === true, pgJson(handler)];
  }
}
