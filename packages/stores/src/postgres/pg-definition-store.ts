/**
 * DefinitionStore on Postgres (or PGlite): one JSONB row per workflow definition version and per
 * task definition.
 * @module
 */
import type {
  Clock,
  DefinitionStore,
  TaskDef,
  WorkflowDef,
  WorkflowDefVersionInfo,
  WorkflowTestCase,
} from '@baton/engine';
import { toStoreError } from '../status-errors.js';
import { pgJson } from './safe-text.js';
import type { SqlClient } from './sql-client.js';
import { DefinitionReadCache } from './definition-read-cache.js';
import * as sql from './sql/definitions.js';

const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/**
 * DefinitionStore over a SqlClient; `clock` stamps createTime/updateTime. Single-definition reads
 * (the ones every workflow start makes) go through a {@link DefinitionReadCache} and are deeply
 * frozen; listings always read the database.
 */
export class PgDefinitionStore implements DefinitionStore {
  private readonly clock: Clock;
  private readonly cache: DefinitionReadCache;

  constructor(
    private readonly db: SqlClient,
    options: { clock?: Clock; channelPrefix?: string; cacheMaxAgeMs?: number } = {},
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.cache = new DefinitionReadCache(db, {
      ...(options.channelPrefix !== undefined ? { channelPrefix: options.channelPrefix } : {}),
      ...(options.cacheMaxAgeMs !== undefined ? { maxAgeMs: options.cacheMaxAgeMs } : {}),
    });
  }

  /** Stops listening for other servers' definition changes. */
  close(): Promise<void> {
    return this.cache.close();
  }

  async saveWorkflowDef(def: WorkflowDef, options: { overwrite: boolean }): Promise<void> {
    const version = def.version ?? 1;
    const now = Math.trunc(this.clock.now());
    const data = pgJson({ ...def, version, createTime: now });
    if (options.overwrite) {
      await this.db.query(sql.UPSERT_WORKFLOW_DEF, [def.name, version, data, now]);
    } else {
      const inserted = await this.db.query(sql.INSERT_WORKFLOW_DEF, [def.name, version, data]);
      if (inserted.rows.length === 0) {
        throw toStoreError({ type: 'workflow_def_version_exists', name: def.name, version });
      }
    }
    await this.cache.changed();
  }

  getWorkflowDef(name: string, version?: number): Promise<WorkflowDef | null> {
    return this.cache.read(`workflow:${version ?? 'latest'}:${name}`, async () => {
      const { rows } = await this.db.query<{ data: WorkflowDef }>(sql.SELECT_WORKFLOW_DEF, [
        name,
        version ?? null,
      ]);
      return rows[0]?.data ?? null;
    });
  }

  async listWorkflowDefs(): Promise<WorkflowDef[]> {
    const { rows } = await this.db.query<{ data: WorkflowDef }>(sql.SELECT_WORKFLOW_DEFS);
    return rows.map((row) => row.data);
  }

  async listLatestWorkflowDefs(): Promise<WorkflowDef[]> {
    const { rows } = await this.db.query<{ data: WorkflowDef }>(sql.SELECT_LATEST_WORKFLOW_DEFS);
    return rows.map((row) => row.data);
  }

  async listWorkflowDefVersions(name: string): Promise<WorkflowDefVersionInfo[]> {
    const { rows } = await this.db.query<{
      name: string;
      version: number;
      createTime: number | null;
      updateTime: number | null;
    }>(sql.SELECT_WORKFLOW_DEF_VERSIONS, [name]);
    return rows.map((row) => {
      const info: WorkflowDefVersionInfo = { name: row.name, version: row.version };
      if (row.createTime !== null) info.createTime = row.createTime;
      if (row.updateTime !== null) info.updateTime = row.updateTime;
      return info;
    });
  }

  async deleteWorkflowDef(name: string, version: number): Promise<void> {
    // One transaction: the test cases go with the last version, never with another one.
    const found = await this.db.transaction(async (tx) => {
      const deleted = await tx.query(sql.DELETE_WORKFLOW_DEF, [name, version]);
      if (deleted.rows.length === 0) return false;
      await tx.query(sql.DELETE_ORPHAN_WORKFLOW_TESTS, [name]);
      return true;
    });
    if (!found) throw toStoreError({ type: 'workflow_def_missing', name, version });
    await this.cache.changed();
  }

  async saveTaskDefs(defs: TaskDef[]): Promise<void> {
    if (defs.length === 0) return;
    const now = Math.trunc(this.clock.now());
    await this.db.transaction(async (tx) => {
      for (const def of defs) {
        const data = pgJson({ ...def, createTime: now });
        await tx.query(sql.UPSERT_TASK_DEF, [def.name, data, now]);
      }
    });
    await this.cache.changed();
  }

  async updateTaskDef(def: TaskDef): Promise<void> {
    const updated = await this.db.query(sql.UPDATE_TASK_DEF, [
      def.name,
      pgJson(def),
      Math.trunc(this.clock.now()),
    ]);
    if (updated.rows.length === 0) throw toStoreError({ type: 'task_def_missing', name: def.name });
    await this.cache.changed();
  }

  getTaskDef(name: string): Promise<TaskDef | null> {
    return this.cache.read(`task:${name}`, async () => {
      const { rows } = await this.db.query<{ data: TaskDef }>(sql.SELECT_TASK_DEF, [name]);
      return rows[0]?.data ?? null;
    });
  }

  async listTaskDefs(): Promise<TaskDef[]> {
    const { rows } = await this.db.query<{ data: TaskDef }>(sql.SELECT_TASK_DEFS);
    return rows.map((row) => row.data);
  }

  async deleteTaskDef(name: string): Promise<void> {
    const deleted = await this.db.query(sql.DELETE_TASK_DEF, [name]);
    if (deleted.rows.length === 0) throw toStoreError({ type: 'task_def_missing', name });
    await this.cache.changed();
  }

  async getWorkflowTests(name: string): Promise<WorkflowTestCase[]> {
    const { rows } = await this.db.query<{ data: WorkflowTestCase[] }>(sql.SELECT_WORKFLOW_TESTS, [
      name,
    ]);
    return rows[0]?.data ?? [];
  }

  async saveWorkflowTests(name: string, testCases: WorkflowTestCase[]): Promise<void> {
    await this.db.query(sql.UPSERT_WORKFLOW_TESTS, [
      name,
      pgJson(testCases),
      Math.trunc(this.clock.now()),
    ]);
  }
}
