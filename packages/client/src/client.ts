/**
 * BatonClient: the typed HTTP client of Baton's (Conductor-compatible) REST API.
 * @module
 */
import { EventHandlersApi } from './event-handlers.js';
import { SchedulesApi } from './schedules.js';
import { EventsApi } from './events.js';
import type { EventsOptions } from './events.js';
import { HttpTransport } from './http.js';
import type { BatonClientOptions } from './http.js';
import { MetadataApi } from './metadata.js';
import { TasksApi } from './tasks.js';
import type { HealthResponse } from './types.js';
import { WorkflowsApi } from './workflows.js';

/** The built-in sample workers' state (`/api/sample-workers`). */
export interface SampleWorkersState {
  enabled: boolean;
  /** The worker id their tasks show. */
  workerId: string;
  /** They run only executions started with `taskToDomain: { "*": domain }`. */
  domain: string;
  /** The task types they complete. */
  taskTypes: string[];
}

/**
 * One client per server. Browser-safe: it uses only `fetch`, `AbortController`, timers and (when
 * present) `EventSource`. Every failed call rejects with a {@link BatonApiError}.
 *
 * @example
 * const client = new BatonClient({ baseUrl: 'http://localhost:8080' });
 * await client.metadata.registerTaskDefs([{ name: 'greet' }]);
 * const id = await client.workflows.startByName('hello', { name: 'Ada' });
 * const stop = client.events.subscribe({ workflowId: id }, (e) => console.log(e.status));
 */
export class BatonClient {
  readonly metadata: MetadataApi;
  readonly workflows: WorkflowsApi;
  readonly tasks: TasksApi;
  readonly events: EventsApi;
  readonly eventHandlers: EventHandlersApi;
  readonly schedules: SchedulesApi;
  /** The transport, for calls this client does not wrap yet. */
  readonly http: HttpTransport;

  constructor(options: BatonClientOptions & { events?: EventsOptions }) {
    this.http = new HttpTransport(options);
    this.metadata = new MetadataApi(this.http);
    this.workflows = new WorkflowsApi(this.http);
    this.tasks = new TasksApi(this.http);
    this.eventHandlers = new EventHandlersApi(this.http);
    this.schedules = new SchedulesApi(this.http);
    this.events = new EventsApi(this.http, {
      ...options.events,
      customFetch: options.fetch !== undefined,
    });
  }

  /** `GET /api/sample-workers`: whether Baton's built-in sample workers run (Baton only). */
  sampleWorkers(): Promise<SampleWorkersState> {
    return this.http.json({ method: 'GET', path: '/sample-workers' });
  }

  /**
   * `PUT /api/sample-workers`: turns the built-in sample workers, which complete the
   * examples' task types, on or off (Baton only; needs an admin key when keys are set).
   */
  setSampleWorkers(enabled: boolean): Promise<SampleWorkersState> {
    return this.http.json({ method: 'PUT', path: '/sample-workers', body: { enabled } });
  }

  /**
   * `POST /api/token`: trades an access key id and secret for a token; pass it as `apiKey` to a
   * new client (it is sent as a bearer key). `expirationMs`: its life (default one hour).
   */
  token(keyId: string, keySecret: string, expirationMs?: number): Promise<{ token: string }> {
    return this.http.json({
      method: 'POST',
      path: '/token',
      body: {
        keyId,
        keySecret,
        ...(expirationMs === undefined ? {} : { expiration: expirationMs }),
      },
    });
  }

  /** `GET /api/health`. */
  health(): Promise<HealthResponse> {
    return this.http.json({ method: 'GET', path: '/health' });
  }
}
