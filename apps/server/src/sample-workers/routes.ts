/**
 * `GET /api/sample-workers` (read) and `PUT /api/sample-workers` `{ "enabled": bool }`
 * (admin): the state of the built-in sample workers (see controller.ts), and turning them on or
 * off. Baton's own; Conductor has no such endpoint.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { ERRORS } from '../routes/common.js';
import type { App } from '../routes/common.js';
import type { SampleWorkersControl } from './controller.js';

const TAGS = ['sample-workers'];

const StateSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    workerId: Type.String(),
    domain: Type.String(),
    taskTypes: Type.Array(Type.String()),
  },
  { description: 'The built-in sample workers (for trying the examples only)' },
);

/** Registers the routes on an instance prefixed with `/api`. */
export function sampleWorkerRoutes(app: App, control: SampleWorkersControl): void {
  app.get(
    '/sample-workers',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Whether the built-in sample workers run, and the task types they complete',
        response: { 200: StateSchema, ...ERRORS },
      },
    },
    async () => control.state(),
  );

  app.put(
    '/sample-workers',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: "Turns the built-in sample workers on or off (they complete the examples' tasks)",
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: StateSchema, ...ERRORS },
      },
    },
    async (request) => {
      if (request.body.enabled) control.enable();
      else await control.disable();
      return control.state();
    },
  );
}
