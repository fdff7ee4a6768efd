/**
 * Test cases saved with a workflow (Baton extension: `GET`/`PUT /api/metadata/workflow/{name}/tests`).
 * A case is a `POST /api/workflow/test` request (input, mocked task results) plus what the run
 * must show. See docs/workflow-tests.md.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { JsonMap } from './nullable.js';

const Ref = Type.String({ minLength: 1, maxLength: 255 });

/** One mocked attempt of a task. */
export const WorkflowTestMockSchema = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('COMPLETED'),
        Type.Literal('FAILED'),
        Type.Literal('FAILED_WITH_TERMINAL_ERROR'),
        Type.Literal('IN_PROGRESS'),
      ]),
    ),
    output: Type.Optional(JsonMap),
  },
  { additionalProperties: false },
);

/** What the run must show. */
export const WorkflowTestExpectationSchema = Type.Object(
  {
    status: Type.Optional(
      Type.Union(
        ['RUNNING', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED', 'PAUSED'].map((s) =>
          Type.Literal(s),
        ),
      ),
    ),
    output: Type.Optional(JsonMap),
    tasksRan: Type.Optional(Type.Array(Ref, { maxItems: 500 })),
    tasksNotRan: Type.Optional(Type.Array(Ref, { maxItems: 500 })),
  },
  { additionalProperties: false },
);

/** One named test case. */
export const WorkflowTestCaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    input: Type.Optional(JsonMap),
    taskRefToMockOutput: Type.Optional(
      Type.Record(Type.String(), Type.Array(WorkflowTestMockSchema, { maxItems: 100 })),
    ),
    expect: Type.Optional(WorkflowTestExpectationSchema),
  },
  { additionalProperties: false },
);

/** Body of `PUT` and answer of `GET /api/metadata/workflow/{name}/tests`. */
export const WorkflowTestSuiteSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'The workflow name (in answers)' })),
    testCases: Type.Array(WorkflowTestCaseSchema, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type WorkflowTestSuite = Static<typeof WorkflowTestSuiteSchema>;
