import type { TaskDef } from '../model/task-def.js';
import type { WorkflowDef } from '../model/workflow-def.js';
import type { WorkflowTestCase } from '../model/workflow-tests.js';

/** One version of a workflow definition in `names-and-versions` listings. */
export interface WorkflowDefVersionInfo {
  name: string;
  version: number;
  createTime?: number;
  updateTime?: number;
}

/**
 * Stores workflow and task definitions. Definitions are validated before they reach the store;
 * the store only persists them. All adapters raise the same error codes for the same situations.
 *
 * `getWorkflowDef` and `getTaskDef` hand out deeply frozen objects that may be shared by every
 * caller until the definition changes (a change stores a new object; a frozen one never changes):
 * callers copy what they want to change. Listings return the caller's own copies.
 */
export interface DefinitionStore {
  /**
   * Stores `def` under (name, version ?? 1). Stamps createTime (new) or updateTime (overwrite).
   * @throws BatonError WORKFLOW_DEF_VERSION_EXISTS when that version exists and `overwrite` is false.
   */
  saveWorkflowDef(def: WorkflowDef, options: { overwrite: boolean }): Promise<void>;
  /** The given version, or the latest when `version` is undefined; null when absent. */
  getWorkflowDef(name: string, version?: number): Promise<WorkflowDef | null>;
  /** Every version of every definition, ordered by name then version. */
  listWorkflowDefs(): Promise<WorkflowDef[]>;
  /** The latest version of each name, ordered by name. */
  listLatestWorkflowDefs(): Promise<WorkflowDef[]>;
  /** Versions of one name, ascending. */
  listWorkflowDefVersions(name: string): Promise<WorkflowDefVersionInfo[]>;
  /**
   * Deleting the last version of a name also deletes its test cases (they follow the name across
   * versions, see docs/workflow-tests.md).
   * @throws BatonError WORKFLOW_DEF_NOT_FOUND when that version does not exist.
   */
  deleteWorkflowDef(name: string, version: number): Promise<void>;

  /** Upserts each task definition (Conductor never answers 409 here). */
  saveTaskDefs(defs: TaskDef[]): Promise<void>;
  /** @throws BatonError TASK_DEF_NOT_FOUND when the name is not registered. */
  updateTaskDef(def: TaskDef): Promise<void>;
  getTaskDef(name: string): Promise<TaskDef | null>;
  listTaskDefs(): Promise<TaskDef[]>;
  /** @throws BatonError TASK_DEF_NOT_FOUND when the name is not registered. */
  deleteTaskDef(name: string): Promise<void>;

  /** The test cases saved for a workflow name (Baton extension); empty when none were saved. */
  getWorkflowTests(name: string): Promise<WorkflowTestCase[]>;
  /** Replaces the test cases saved for a workflow name (validated by the caller). */
  saveWorkflowTests(name: string, testCases: WorkflowTestCase[]): Promise<void>;
}
