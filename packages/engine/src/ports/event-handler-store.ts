import { batonError } from '../errors.js';
import type {
  EventExecutionRecord,
  EventExecutionStatus,
  EventHandler,
} from '../model/event-handler.js';

/**
 * Stores event handlers (validated before they get here). Handlers live with the definitions:
 * PGlite/Postgres, and Postgres under Redis + Postgres. All adapters raise the same error codes.
 */
export interface EventHandlerStore {
  /** @throws BatonError EVENT_HANDLER_EXISTS when a handler of that name exists. */
  addEventHandler(handler: EventHandler): Promise<void>;
  /** @throws BatonError EVENT_HANDLER_NOT_FOUND when no handler has that name. */
  updateEventHandler(handler: EventHandler): Promise<void>;
  /** @throws BatonError EVENT_HANDLER_NOT_FOUND when no handler has that name. */
  removeEventHandler(name: string): Promise<void>;
  /** Every handler, ordered by name. */
  listEventHandlers(): Promise<EventHandler[]>;
  /** Handlers whose `event` is exactly `event`, ordered by name; only active ones when asked. */
  listEventHandlersForEvent(event: string, activeOnly: boolean): Promise<EventHandler[]>;

  /** Inserts or replaces the record of a message (by id). */
  saveEventExecution(record: EventExecutionRecord): Promise<void>;
  getEventExecution(id: string): Promise<EventExecutionRecord | null>;
  /** Records, most recently updated first, optionally of one status; at most `limit`. */
  listEventExecutions(options: {
    status?: EventExecutionStatus;
    limit: number;
  }): Promise<EventExecutionRecord[]>;
  /**
   * Removes at most `limit` records that are no longer RETRYING (FAILED or COMPLETED: a RETRYING
   * record carries a message still being handled) and either were last updated before
   * `updatedBefore` or are beyond the `keep` most recently updated such records; the oldest go
   * first. Resolves to how many it removed.
   */
  pruneEventExecutions(options: {
    updatedBefore: number;
    keep: number;
    limit: number;
  }): Promise<number>;
}

/** The error every adapter raises when adding a handler whose name is taken. */
export function eventHandlerExists(name: string): Error {
  return batonError('EVENT_HANDLER_EXISTS', `EventHandler with name ${name} already exists!`, {
    details: { name },
  });
}

/** The error every adapter raises when no handler has the name. */
export function eventHandlerNotFound(name: string): Error {
  return batonError('EVENT_HANDLER_NOT_FOUND', `EventHandler with name ${name} not found!`, {
    details: { name },
  });
}
