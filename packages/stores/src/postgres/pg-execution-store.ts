/**
 * ExecutionStore on Postgres (or PGlite): one row per workflow and per task, each holding its JSON
 * document plus copied search columns. Saves are one transaction whose UPDATE ... WHERE revision
 * = $n is the optimistic-concurrency check.
 * @module
 */
import type {
  ExecutionChange,
  ExecutionStore,
  PollData,
  SearchRequest,
  SearchResult,
  StoredExecution,
  Task,
  TaskExecLog,
  Workflow,
} from '@baton/engine';
import { toStoreError } from '../status-errors.js';
import { toSearchSql, type SearchTable } from './pg-search.js';
import { taskRecord, toWorkflow, workflowParams } from './rows.js';
import { pgJson } from './safe-text.js';
import type { SqlClient, SqlQueryable } from './sql-client.js';
import * as sql from './sql/executions.js';

/** ExecutionStore over a SqlClient. */
export class PgExecutionStore implements ExecutionStore {
  constructor(private readonly db: SqlClient) {}

  async createExecution(workflow: Workflow): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(sql.INSERT_WORKFLOW, workflowParams(workflow));
      if (inserted.rows.length === 0) {
        throw toStoreError({ type: 'workflow_exists', workflowId: workflow.workflowId });
      }
      await upsertTasks(tx, workflow.workflowId, workflow.tasks ?? []);
    });
  }

  async getExecution(workflowId: string): Promise<StoredExecution | null> {
    const { rows } = await this.db.query<{ data: unknown; revision: number; tasks: unknown }>(
      sql.SELECT_EXECUTION,
      [workflowId],
    );
    const row = rows[0];
    return row ? { workflow: toWorkflow(row.data, row.tasks), revision: row.revision } : null;
  }

  async saveExecution(change: ExecutionChange): Promise<number> {
    const workflowId = change.workflow.workflowId;
    return this.db.transaction(async (tx) => {
      const updated = await tx.query<{ revision: number }>(sql.UPDATE_WORKFLOW, [
        ...workflowParams(change.workflow),
        change.expectedRevision,
      ]);
      const revision = updated.rows[0]?.revision;
      if (revision === undefined) {
        const current = await tx.query<{ revision: number }>(sql.SELECT_REVISION, [workflowId]);
        const stored = current.rows[0]?.revision;
        throw toStoreError(
          stored === undefined
            ? { type: 'workflow_missing', workflowId }
            : {
                type: 'revision_mismatch',
                workflowId,
                expectedRevision: change.expectedRevision,
                revision: stored,
              },
        );
      }
      if (change.deleteTaskIds.length > 0) {
        await tx.query(sql.DELETE_TASKS, [workflowId, pgJson(change.deleteTaskIds)]);
      }
      await upsertTasks(tx, workflowId, change.upsertTasks);
      return revision;
    });
  }

  async removeExecution(workflowId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql.DELETE_LOGS_OF_WORKFLOW, [workflowId]);
      const deleted = await tx.query(sql.DELETE_WORKFLOW, [workflowId]);
      return deleted.rows.length > 0;
    });
  }

  async getTask(taskId: string): Promise<Task | null> {
    const { rows } = await this.db.query<{ data: Task }>(sql.SELECT_TASK, [taskId]);
    return rows[0]?.data ?? null;
  }

  async searchWorkflows(
    request: SearchRequest,
    options: { includeTasks?: boolean } = {},
  ): Promise<SearchResult<Workflow>> {
    const tasks = options.includeTasks
      ? `COALESCE((SELECT jsonb_agg(t.data ORDER BY t.seq, t.insert_order) FROM tasks t
           WHERE t.workflow_id = w.workflow_id), '[]'::jsonb)`
      : `'[]'::jsonb`;
    const found = await this.search<{ data: unknown; tasks: unknown }>(
      'workflow',
      `SELECT w.data, ${tasks} AS tasks FROM workflows w`,
      request,
    );
    return {
      totalHits: found.totalHits,
      results: found.results.map((row) => toWorkflow(row.data, row.tasks)),
    };
  }

  async searchTasks(request: SearchRequest): Promise<SearchResult<Task>> {
    const found = await this.search<{ data: Task }>('task', 'SELECT data FROM tasks', request);
    return { totalHits: found.totalHits, results: found.results.map((row) => row.data) };
  }

  async getRunningWorkflowIds(
    name: string,
    version: number,
    startTime?: number,
    endTime?: number,
  ): Promise<string[]> {
    const { rows } = await this.db.query<{ workflow_id: string }>(sql.SELECT_RUNNING_IDS, [
      name,
      version,
      startTime ?? null,
      endTime ?? null,
    ]);
    return rows.map((row) => row.workflow_id);
  }

  async getWorkflowsByCorrelationId(
    name: string,
    correlationId: string,
    options: { includeClosed: boolean; includeTasks: boolean },
  ): Promise<Workflow[]> {
    const { rows } = await this.db.query<{ data: unknown; tasks: unknown }>(
      sql.SELECT_BY_CORRELATION,
      [name, correlationId, options.includeClosed, options.includeTasks],
    );
    return rows.map((row) => toWorkflow(row.data, row.tasks));
  }

  async findByIdempotencyKey(name: string, idempotencyKey: string): Promise<Workflow | null> {
    const { rows } = await this.db.query<{ data: unknown }>(sql.SELECT_BY_IDEMPOTENCY_KEY, [
      name,
      idempotencyKey,
    ]);
    return rows[0] ? toWorkflow(rows[0].data, []) : null;
  }

  async addTaskLogs(logs: TaskExecLog[]): Promise<void> {
    if (logs.length === 0) return;
    const records = logs.map((l) => ({
      task_id: l.taskId,
      log: l.log,
      created_time: l.createdTime,
    }));
    await this.db.query(sql.INSERT_LOGS, [pgJson(records)]);
  }

  async getTaskLogs(taskId: string): Promise<TaskExecLog[]> {
    const { rows } = await this.db.query<TaskExecLog>(sql.SELECT_LOGS, [taskId]);
    return rows;
  }

  async recordPoll(pollData: PollData): Promise<void> {
    await this.db.query(sql.UPSERT_POLL, [
      pollData.queueName,
      pollData.workerId,
      pollData.domain ?? null,
      pollData.lastPollTime,
    ]);
  }

  async getPollData(queueName?: string): Promise<PollData[]> {
    const { rows } = await this.db.query<PollData>(sql.SELECT_POLLS, [queueName ?? null]);
    return rows.map(({ domain, ...poll }) => (domain === null ? poll : { ...poll, domain }));
  }

  /** Runs a search: the total count, then one page in the requested order. */
  private async search<R>(
    table: SearchTable,
    select: string,
    request: SearchRequest,
  ): Promise<SearchResult<R>> {
    const { where, orderBy, params } = toSearchSql(table, request);
    const from = table === 'workflow' ? 'workflows w' : 'tasks';
    const counted = await this.db.query<{ total: number }>(
      `SELECT count(*)::integer AS total FROM ${from} WHERE ${where}`,
      params,
    );
    const limit = params.length + 1;
    const page = await this.db.query<R>(
      `${select} WHERE ${where} ORDER BY ${orderBy} LIMIT $${limit} OFFSET $${limit + 1}`,
      [...params, Math.max(0, request.size), Math.max(0, request.start)],
    );
    return { totalHits: counted.rows[0]?.total ?? 0, results: page.rows };
  }
}

async function upsertTasks(tx: SqlQueryable, workflowId: string, tasks: Task[]): Promise<void> {
  if (tasks.length === 0) return;
  const records = tasks.map((task) => taskRecord(workflowId, task));
  await tx.query(sql.UPSERT_TASKS, [pgJson(records)]);
}
