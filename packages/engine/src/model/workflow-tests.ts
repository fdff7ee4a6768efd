/**
 * Test cases saved with a workflow (a Baton extension, `/api/metadata/workflow/{name}/tests`):
 * each is a `POST /api/workflow/test` request (input and mocked task results) plus what the run
 * must show. Stored per workflow name, beside the definitions.
 * @module
 */

/** One mocked result of a task attempt (the shape of WorkflowTestRequest's `taskRefToMockOutput`). */
export interface WorkflowTestMock {
  status?: 'COMPLETED' | 'FAILED' | 'FAILED_WITH_TERMINAL_ERROR' | 'IN_PROGRESS';
  output?: Record<string, unknown>;
}

/** What a test run must show to pass. */
export interface WorkflowTestExpectation {
  /** The workflow's final status. */
  status?: string;
  /** Chosen output fields and their expected values (other fields are not compared). */
  output?: Record<string, unknown>;
  /** Task references that must have run. */
  tasksRan?: string[];
  /** Task references that must not have run. */
  tasksNotRan?: string[];
}

/** A named test case of one workflow. */
export interface WorkflowTestCase {
  name: string;
  description?: string;
  input?: Record<string, unknown>;
  /** Per task reference, the results its attempts get, in order (several for retries). */
  taskRefToMockOutput?: Record<string, WorkflowTestMock[]>;
  expect?: WorkflowTestExpectation;
}

/** Most test cases one workflow keeps. */
export const WORKFLOW_TESTS_MAX_CASES = 100;
/** Largest saved test suite, as JSON characters. */
export const WORKFLOW_TESTS_MAX_CHARS = 512 * 1024;
