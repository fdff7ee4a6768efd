/**
 * `/api/metadata`: workflow and task definitions.
 * @module
 */
import type { HttpTransport } from './http.js';
import { path } from './http.js';
import type {
  BulkResponse,
  TaskDef,
  WorkflowDef,
  WorkflowDefVersionInfo,
  WorkflowTestCase,
} from './types.js';

/** Registers, reads and deletes workflow and task definitions. */
export class MetadataApi {
  constructor(private readonly http: HttpTransport) {}

  /**
   * Registers a new workflow definition version.
   * @throws BatonApiError WORKFLOW_DEF_VERSION_EXISTS (409) when it exists and `overwrite` is false;
   *   WORKFLOW_DEF_INVALID (400) with `validationErrors`.
   */
  registerWorkflowDef(def: WorkflowDef, options: { overwrite?: boolean } = {}): Promise<void> {
    return this.http.void({
      method: 'POST',
      path: '/metadata/workflow',
      query: { overwrite: options.overwrite },
      body: def,
    });
  }

  /** Creates or replaces each definition (Conductor's `PUT`); per-item failures are in the result. */
  updateWorkflowDefs(defs: WorkflowDef[]): Promise<BulkResponse<string>> {
    return this.http.json({ method: 'PUT', path: '/metadata/workflow', body: defs });
  }

  /** The given version, or the latest. @throws BatonApiError WORKFLOW_DEF_NOT_FOUND (404) */
  getWorkflowDef(name: string, version?: number): Promise<WorkflowDef> {
    return this.http.json({
      method: 'GET',
      path: path`/metadata/workflow/${name}`,
      query: { version },
    });
  }

  /** Every version of every workflow definition. */
  listWorkflowDefs(): Promise<WorkflowDef[]> {
    return this.http.json({ method: 'GET', path: '/metadata/workflow' });
  }

  /** The latest version of each workflow definition. */
  listLatestWorkflowDefs(): Promise<WorkflowDef[]> {
    return this.http.json({ method: 'GET', path: '/metadata/workflow/latest-versions' });
  }

  /** `{ name: [{ name, version, createTime, updateTime }] }` for every definition. */
  getNamesAndVersions(): Promise<Record<string, WorkflowDefVersionInfo[]>> {
    return this.http.json({ method: 'GET', path: '/metadata/workflow/names-and-versions' });
  }

  /** @throws BatonApiError WORKFLOW_DEF_NOT_FOUND (404) */
  deleteWorkflowDef(name: string, version: number): Promise<void> {
    return this.http.void({ method: 'DELETE', path: path`/metadata/workflow/${name}/${version}` });
  }

  /**
   * The test cases saved with a workflow (Baton extension; empty when none).
   * @throws BatonApiError WORKFLOW_DEF_NOT_FOUND (404)
   */
  async getWorkflowTests(name: string): Promise<WorkflowTestCase[]> {
    const suite = await this.http.json<{ testCases: WorkflowTestCase[] }>({
      method: 'GET',
      path: path`/metadata/workflow/${name}/tests`,
    });
    return suite.testCases;
  }

  /**
   * Replaces the test cases saved with a workflow (Baton extension).
   * @throws BatonApiError WORKFLOW_TESTS_INVALID (400), WORKFLOW_DEF_NOT_FOUND (404)
   */
  async saveWorkflowTests(name: string, testCases: WorkflowTestCase[]): Promise<void> {
    await this.http.json({
      method: 'PUT',
      path: path`/metadata/workflow/${name}/tests`,
      body: { testCases },
    });
  }

  /** Resolves when the definition is valid. @throws BatonApiError (400) with `validationErrors` */
  validateWorkflowDef(def: WorkflowDef): Promise<void> {
    return this.http.void({ method: 'POST', path: '/metadata/workflow/validate', body: def });
  }

  /** Creates or replaces task definitions (Conductor never answers 409 here). */
  registerTaskDefs(defs: TaskDef[]): Promise<void> {
    return this.http.void({ method: 'POST', path: '/metadata/taskdefs', body: defs });
  }

  /** @throws BatonApiError TASK_DEF_NOT_FOUND (404) when the name is not registered */
  updateTaskDef(def: TaskDef): Promise<void> {
    return this.http.void({ method: 'PUT', path: '/metadata/taskdefs', body: def });
  }

  /** @throws BatonApiError TASK_DEF_NOT_FOUND (404) */
  getTaskDef(name: string): Promise<TaskDef> {
    return this.http.json({ method: 'GET', path: path`/metadata/taskdefs/${name}` });
  }

  listTaskDefs(): Promise<TaskDef[]> {
    return this.http.json({ method: 'GET', path: '/metadata/taskdefs' });
  }

  /** @throws BatonApiError TASK_DEF_NOT_FOUND (404) */
  deleteTaskDef(name: string): Promise<void> {
    return this.http.void({ method: 'DELETE', path: path`/metadata/taskdefs/${name}` });
  }
}
