import { batonError } from '../../errors.js';
import type { TaskDef } from '../../model/task-def.js';
import type { WorkflowDef } from '../../model/workflow-def.js';
import type { WorkflowTestCase } from '../../model/workflow-tests.js';
import type { Clock } from '../../ports/clock.js';
import type { DefinitionStore, WorkflowDefVersionInfo } from '../../ports/definition-store.js';
import { deepFreeze } from '../../deep-freeze.js';
import { copy, SYSTEM_CLOCK } from './support.js';

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * DefinitionStore kept in process memory. Writes store a deeply frozen copy, which single reads
 * hand out as it is (as the port allows); listings return copies.
 */
export class MemoryDefinitionStore implements DefinitionStore {
  private readonly workflowDefs = new Map<string, Map<number, WorkflowDef>>();
  private readonly taskDefs = new Map<string, TaskDef>();
  private readonly workflowTests = new Map<string, WorkflowTestCase[]>();
  private readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  async saveWorkflowDef(def: WorkflowDef, options: { overwrite: boolean }): Promise<void> {
    const version = def.version ?? 1;
    const versions = this.workflowDefs.get(def.name) ?? new Map<number, WorkflowDef>();
    const existing = versions.get(version);
    if (existing && !options.overwrite) {
      throw batonError(
        'WORKFLOW_DEF_VERSION_EXISTS',
        `Workflow with ${def.name}.${version} already exists!`,
        { details: { name: def.name, version } },
      );
    }
    const stored = copy({ ...def, version });
    if (existing) {
      stored.createTime = existing.createTime;
      stored.updateTime = this.clock.now();
    } else {
      stored.createTime = this.clock.now();
    }
    versions.set(version, deepFreeze(stored));
    this.workflowDefs.set(def.name, versions);
  }

  async getWorkflowDef(name: string, version?: number): Promise<WorkflowDef | null> {
    const versions = this.workflowDefs.get(name);
    if (!versions) return null;
    const wanted = version ?? Math.max(...versions.keys());
    return versions.get(wanted) ?? null;
  }

  async listWorkflowDefs(): Promise<WorkflowDef[]> {
    return [...this.workflowDefs.keys()]
      .sort()
      .flatMap((name) => this.sortedVersions(name))
      .map(copy);
  }

  async listLatestWorkflowDefs(): Promise<WorkflowDef[]> {
    return [...this.workflowDefs.keys()]
      .sort()
      .map((name) => this.sortedVersions(name).at(-1))
      .filter((def): def is WorkflowDef => def !== undefined)
      .map(copy);
  }

  async listWorkflowDefVersions(name: string): Promise<WorkflowDefVersionInfo[]> {
    return this.sortedVersions(name).map((def) => {
      const info: WorkflowDefVersionInfo = { name: def.name, version: def.version ?? 1 };
      if (def.createTime !== undefined) info.createTime = def.createTime;
      if (def.updateTime !== undefined) info.updateTime = def.updateTime;
      return info;
    });
  }

  async deleteWorkflowDef(name: string, version: number): Promise<void> {
    const versions = this.workflowDefs.get(name);
    if (!versions?.delete(version)) {
      throw batonError(
        'WORKFLOW_DEF_NOT_FOUND',
        `No such workflow found by name: ${name}, version: ${version}`,
        { details: { name, version } },
      );
    }
    if (versions.size === 0) {
      this.workflowDefs.delete(name);
      this.workflowTests.delete(name);
    }
  }

  async saveTaskDefs(defs: TaskDef[]): Promise<void> {
    for (const def of defs) this.putTaskDef(def);
  }

  async updateTaskDef(def: TaskDef): Promise<void> {
    if (!this.taskDefs.has(def.name)) throw taskDefNotFound(def.name);
    this.putTaskDef(def);
  }

  async getTaskDef(name: string): Promise<TaskDef | null> {
    return this.taskDefs.get(name) ?? null;
  }

  async listTaskDefs(): Promise<TaskDef[]> {
    return [...this.taskDefs.values()].sort(byName).map(copy);
  }

  async deleteTaskDef(name: string): Promise<void> {
    if (!this.taskDefs.delete(name)) throw taskDefNotFound(name);
  }

  private putTaskDef(def: TaskDef): void {
    const existing = this.taskDefs.get(def.name);
    const stored = copy(def);
    if (existing) {
      stored.createTime = existing.createTime;
      stored.updateTime = this.clock.now();
    } else {
      stored.createTime = this.clock.now();
    }
    this.taskDefs.set(def.name, deepFreeze(stored));
  }

  async getWorkflowTests(name: string): Promise<WorkflowTestCase[]> {
    return copy(this.workflowTests.get(name) ?? []);
  }

  async saveWorkflowTests(name: string, testCases: WorkflowTestCase[]): Promise<void> {
    this.workflowTests.set(name, copy(testCases));
  }

  private sortedVersions(name: string): WorkflowDef[] {
    const versions = this.workflowDefs.get(name);
    if (!versions) return [];
    return [...versions.entries()].sort(([a], [b]) => a - b).map(([, def]) => def);
  }
}

function taskDefNotFound(name: string) {
  return batonError('TASK_DEF_NOT_FOUND', `No such taskType found by name: ${name}`, {
    details: { name },
  });
}
