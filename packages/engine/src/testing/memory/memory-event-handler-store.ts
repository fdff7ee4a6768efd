import type {
  EventExecutionRecord,
  EventExecutionStatus,
  EventHandler,
} from '../../model/event-handler.js';
import {
  eventHandlerExists,
  eventHandlerNotFound,
  type EventHandlerStore,
} from '../../ports/event-handler-store.js';
import { copy } from './support.js';

/** EventHandlerStore kept in process memory; every read returns copies. */
export class MemoryEventHandlerStore implements EventHandlerStore {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly executions = new Map<string, EventExecutionRecord>();

  async saveEventExecution(record: EventExecutionRecord): Promise<void> {
    this.executions.set(record.id, copy(record));
  }

  async getEventExecution(id: string): Promise<EventExecutionRecord | null> {
    const record = this.executions.get(id);
    return record ? copy(record) : null;
  }

  async listEventExecutions(options: {
    status?: EventExecutionStatus;
    limit: number;
  }): Promise<EventExecutionRecord[]> {
    return [...this.executions.values()]
      .filter((r) => options.status === undefined || r.status === options.status)
      .sort((a, b) => b.updateTime - a.updateTime)
      .slice(0, options.limit)
      .map((r) => copy(r));
  }

  async pruneEventExecutions(options: {
    updatedBefore: number;
    keep: number;
    limit: number;
  }): Promise<number> {
    const newestFirst = [...this.executions.values()]
      .filter((r) => r.status !== 'RETRYING')
      .sort((a, b) => b.updateTime - a.updateTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const doomed = newestFirst
      .filter((r, rank) => r.updateTime < options.updatedBefore || rank >= options.keep)
      .reverse()
      .slice(0, options.limit);
    for (const r of doomed) this.executions.delete(r.id);
    return doomed.length;
  }

  async addEventHandler(handler: EventHandler): Promise<void> {
    if (this.handlers.has(handler.name)) throw eventHandlerExists(handler.name);
    this.handlers.set(handler.name, copy(handler));
  }

  async updateEventHandler(handler: EventHandler): Promise<void> {
    if (!this.handlers.has(handler.name)) throw eventHandlerNotFound(handler.name);
    this.handlers.set(handler.name, copy(handler));
  }

  async removeEventHandler(name: string): Promise<void> {
    if (!this.handlers.delete(name)) throw eventHandlerNotFound(name);
  }

  async listEventHandlers(): Promise<EventHandler[]> {
    return [...this.handlers.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((h) => copy(h));
  }

  async listEventHandlersForEvent(event: string, activeOnly: boolean): Promise<EventHandler[]> {
    return (await this.listEventHandlers()).filter(
      (h) => h.event === event && (!activeOnly || h.active === true),
    );
  }
}
