/**
 * @baton/client: a typed, browser-safe client of Baton's REST API (Conductor's paths and shapes),
 * with live events over SSE. The polling worker runner is at `@baton/client/worker`.
 * @module
 */

export { BatonClient } from './client.js';
export type { SampleWorkersState } from './client.js';
export type {
  BatonClientOptions,
  Query,
  QueryValue,
  RequestSpec,
  Transport,
  TransportRequest,
  TransportResponse,
} from './http.js';
export { HttpTransport } from './http.js';
export { BatonApiError, isBatonApiError } from './errors.js';
export type { ApiValidationError } from './errors.js';
export { MetadataApi } from './metadata.js';
export { WorkflowsApi } from './workflows.js';
export { TasksApi } from './tasks.js';
export type { PollOptions, BatchPollOptions } from './tasks.js';
export { EventHandlersApi } from './event-handlers.js';
export { SchedulesApi } from './schedules.js';
export { EventsApi } from './events.js';
export type { EventFilter, EventsOptions, EventSourceLike, EventSourceFactory } from './events.js';
export { SseParser } from './sse-parser.js';
export type { SseMessage } from './sse-parser.js';
export { createBackoff } from './backoff.js';
export type { Backoff, BackoffOptions } from './backoff.js';
export type * from './types.js';
