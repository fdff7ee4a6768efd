/**
 * `/api/metadata/workflow/{name}/tests` (Baton extension): the test cases saved with a workflow,
 * which the designer runs through `POST /api/workflow/test` (see docs/workflow-tests.md).
 * @module
 */
import { batonError, WORKFLOW_TESTS_MAX_CHARS } from '@baton/engine';
import type { DefinitionStore, ValidationIssue, WorkflowTestCase } from '@baton/engine';
import { NameParams, WorkflowTestSuiteSchema } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['metadata'];

/** Problems the schema cannot see: repeated case names, mocks for an empty reference. */
export function workflowTestsIssues(testCases: WorkflowTestCase[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  testCases.forEach((testCase, i) => {
    const name = testCase.name.trim();
    if (name === '') {
      issues.push({ path: `testCases[${i}].name`, message: 'A test case needs a name' });
    } else if (seen.has(name)) {
      issues.push({
        path: `testCases[${i}].name`,
        message: `Another test case is named ${name}`,
        invalidValue: testCase.name,
      });
    }
    seen.add(name);
    for (const ref of Object.keys(testCase.taskRefToMockOutput ?? {})) {
      if (ref.trim() === '')
        issues.push({
          path: `testCases[${i}].taskRefToMockOutput`,
          message: 'A mock needs a task reference name',
        });
    }
  });
  return issues;
}

async function assertWorkflowExists(definitions: DefinitionStore, name: string): Promise<void> {
  if ((await definitions.getWorkflowDef(name)) !== null) return;
  throw batonError('WORKFLOW_DEF_NOT_FOUND', `No such workflow found by name: ${name}`, {
    details: { name },
  });
}

/** Registers the saved test case routes. */
export function workflowTestRoutes(app: App, definitions: DefinitionStore): void {
  app.get(
    '/metadata/workflow/:name/tests',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'The test cases saved with a workflow (Baton extension)',
        params: NameParams,
        response: { 200: WorkflowTestSuiteSchema, ...ERRORS },
      },
    },
    async (request) => {
      const { name } = request.params;
      await assertWorkflowExists(definitions, name);
      return { name, testCases: await definitions.getWorkflowTests(name) };
    },
  );

  app.put(
    '/metadata/workflow/:name/tests',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Replace the test cases saved with a workflow (Baton extension)',
        params: NameParams,
        body: WorkflowTestSuiteSchema,
        response: { 200: WorkflowTestSuiteSchema, ...ERRORS },
      },
    },
    async (request) => {
      const { name } = request.params;
      const testCases = request.body.testCases as WorkflowTestCase[];
      if (request.body.name != null && request.body.name !== name) {
        throw batonError(
          'WORKFLOW_TESTS_INVALID',
          'Validation failed, check below errors for detail.',
          {
            validationErrors: [
              { path: 'name', message: `The body names ${request.body.name}, the path ${name}` },
            ],
          },
        );
      }
      const issues = workflowTestsIssues(testCases);
      if (JSON.stringify(testCases).length > WORKFLOW_TESTS_MAX_CHARS) {
        issues.push({
          path: 'testCases',
          message: `The test cases take more than ${WORKFLOW_TESTS_MAX_CHARS} characters of JSON`,
        });
      }
      if (issues.length > 0) {
        throw batonError(
          'WORKFLOW_TESTS_INVALID',
          'Validation failed, check below errors for detail.',
          {
            validationErrors: issues,
          },
        );
      }
      await assertWorkflowExists(definitions, name);
      await definitions.saveWorkflowTests(name, testCases);
      return { name, testCases };
    },
  );
}
