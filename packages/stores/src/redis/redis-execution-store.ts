/**
 * ExecutionStore on Redis: one Lua script per state change, keys hash-tagged per execution.
 * @module
 */
import { batonError } from '@baton/engine';
import type {
  Clock,
  ExecutionChange,
  ExecutionStore,
  PollData,
  QueueChange,
  SearchRequest,
  SearchResult,
  StoredExecution,
  Task,
  TaskExecLog,
  TaskQueue,
  Workflow,
  WorkflowStatus,
} from '@baton/engine';
import { DefinitionCache } from './definition-cache.js';
import { ExecutionSnapshots } from './execution-snapshots.js';
import { decodeTasks, decodeWorkflow, encodeTaskPairs, encodeWorkflow } from './execution-codec.js';
import { IndexJournal } from './index-journal.js';
import { RedisKeys } from './keys.js';
import { isClusterClient, type RedisClient } from './redis-client.js';
import { NO_QUEUE_CHANGES, type EncodedQueueChanges } from './queue-changes.js';
import type { RedisTaskQueue } from './redis-task-queue.js';
import { loadScripts, runScript } from './script-loader.js';
import {
  executionStatusError,
  isScriptFailure,
  SCRIPT_STATUS,
  unavailable,
} from './status-codes.js';
import { TaskRecords } from './task-records.js';

/**
 * The snapshot of a change this store just wrote, built from the caller's objects instead of
 * parsing back the JSON it sent: the snapshot cache freezes them, so the caller must not change
 * them afterwards (the engine never does: its sessions copy on write).
 */
function snapshotOf(
  workflow: Workflow,
  tasks: Task[],
  definition: Workflow['workflowDefinition'],
): Workflow {
  return { ...workflow, tasks, workflowDefinition: definition };
}

/** What {@link RedisExecutionStore.head} reads of an execution. */
export interface ExecutionHead {
  workflowId: string;
  revision: number;
  status: Workflow['status'];
  taskIds: string[];
}

/** How long a removed execution's tombstone lives (longer than any indexing pass). */
const REMOVAL_TOMBSTONE_MS = 3_600_000;

/** Reads retried when a restart replaced the definition between the two reads of a cache miss. */
const MAX_DEFINITION_READS = 10;

/** The query side of an ExecutionStore, answered by a search index (Postgres in production). */
export type ExecutionSearch = Pick<
  ExecutionStore,
  | 'searchWorkflows'
  | 'searchTasks'
  | 'getRunningWorkflowIds'
  | 'getWorkflowsByCorrelationId'
  | 'findByIdempotencyKey'
>;

/** Options of {@link RedisExecutionStore}. */
export interface RedisExecutionStoreOptions {
  client: RedisClient;
  /** Key prefix (default `baton:`); tests use a random one for isolation. */
  keys?: RedisKeys;
  clock?: Clock;
  /** Answers searches and listings; without it those methods throw INTERNAL. */
  search?: ExecutionSearch;
  /**
   * Announce every change in the pending-index journal for a {@link SearchIndexer} (default
   * false: without an indexer draining it the journal would only grow).
   */
  journal?: boolean;
  /**
   * The task queue whose changes this store applies in its create and save scripts (see
   * {@link RedisExecutionStore.appliesQueueChanges}); only used when it shares this store's
   * standalone client.
   */
  queue?: RedisTaskQueue;
}

/**
 * How long after seeing another writer's save {@link RedisExecutionStore.peekExecution} stays off
 * (a process alone on its Redis never sees one, so keeps saving the read).
 */
export const SHARED_WRITES_WINDOW_MS = 30_000;

/**
 * ExecutionStore keeping live executions in Redis. Each change is one script guarded by the
 * revision (`saveExecution-3+.lua`); a taskId → workflowId index (one key per task, in the task's
 * own slot) lets `getTask` work on Redis Cluster in two round trips. The index and the
 * pending-index journal are written by the script itself on standalone Redis, and before it on a
 * cluster, so they are never missing for a committed change; stale entries (a cluster's failed
 * save) are harmless because readers verify them against the execution. On standalone Redis,
 * given its `queue`, the same script also applies the change's queue pushes and removes.
 */
export class RedisExecutionStore implements ExecutionStore {
  readonly keys: RedisKeys;
  /** @internal The connection, shared with the indexer and archiver. */
  readonly client: RedisClient;
  private readonly clock: Clock;
  private readonly search: ExecutionSearch | undefined;
  private readonly journal: IndexJournal | undefined;
  /** The queue whose changes the scripts apply; undefined when they cannot (see constructor). */
  private readonly queue: RedisTaskQueue | undefined;
  private readonly records: TaskRecords;
  private readonly definitions = new DefinitionCache();
  private readonly snapshots = new ExecutionSnapshots();
  /**
   * When this store last found that another writer (a second server process, another server)
   * had saved an execution after the snapshot it held: a read that brought a newer revision, or a
   * save refused for a stale revision. For {@link SHARED_WRITES_WINDOW_MS} after that,
   * {@link peekExecution} offers no snapshot, so operations read first (a read that finds the
   * snapshot current costs one round trip and no transfer) instead of running on a copy that is
   * likely stale and running again after the refused save.
   */
  private sharedWritesSeenAt = Number.NEGATIVE_INFINITY;

  constructor(options: RedisExecutionStoreOptions) {
    this.client = options.client;
    loadScripts(this.client);
    this.keys = options.keys ?? new RedisKeys();
    this.clock = options.clock ?? { now: () => Date.now() };
    this.search = options.search;
    this.journal = options.journal ? new IndexJournal(this.client, this.keys) : undefined;
    this.records = new TaskRecords(this.client, this.keys);
    // A cluster keeps each queue in its own slot, which no execution script can reach.
    const inline = options.queue?.usesClient(this.client) && !isClusterClient(this.client);
    this.queue = inline ? options.queue : undefined;
  }

  /**
   * True for the queue this store was given, when it shares this store's standalone client: the
   * create and save scripts then apply its changes after their checks, so the changes happen
   * exactly when the write does, in the same call.
   */
  appliesQueueChanges(queue: TaskQueue): boolean {
    return this.queue !== undefined && queue === this.queue;
  }

  /** @throws BatonError INTERNAL when given queue changes this store cannot apply. */
  async createExecution(workflow: Workflow, queueChanges?: QueueChange[]): Promise<void> {
    await this.insert(workflow, 1, this.encodeQueueChanges(queueChanges));
    if (workflow.idempotencyKey) {
      const key = this.keys.idempotency(workflow.workflowName, workflow.idempotencyKey);
      await this.guarded('createExecution', () =>
        this.client.zadd(key, workflow.createTime, workflow.workflowId),
      );
    }
  }

  /**
   * Brings an archived execution back into Redis at its archived revision, so a save against that
   * revision (retry, restart of an old workflow) applies.
   * @throws BatonError WORKFLOW_ALREADY_EXISTS when it is in Redis already.
   * @internal
   */
  restoreExecution(stored: StoredExecution): Promise<void> {
    return this.insert(stored.workflow, stored.revision, NO_QUEUE_CHANGES);
  }

  private async insert(
    workflow: Workflow,
    revision: number,
    queueChanges: EncodedQueueChanges,
  ): Promise<void> {
    const keys = this.keys.execution(workflow.workflowId);
    const tasks = workflow.tasks ?? [];
    const definition = this.definitions.encode(workflow.workflowDefinition);
    const workflowJson = encodeWorkflow(workflow);
    const taskPairs = encodeTaskPairs(tasks);
    const result = await this.guarded('createExecution', () =>
      this.withSideWrites(workflow.workflowId, revision, tasks, (sideKeys) =>
        runScript(
          this.client,
          'createExecution',
          [keys.workflow, keys.tasks, keys.order, ...queueChanges.keys, ...sideKeys],
          [
            workflowJson,
            workflow.status,
            this.clock.now(),
            revision,
            definition.hash,
            definition.json,
            workflow.workflowId,
            ...queueChanges.args,
            ...taskPairs,
          ],
        ),
      ),
    );
    if (isScriptFailure(result)) throw executionStatusError(result, workflow.workflowId);
    queueChanges.applied();
    // The next read of this execution (or of any other of this definition) needs no extra trip.
    const frozen = this.definitions.decode(definition.hash, definition.json);
    const stored = snapshotOf(workflow, [...tasks], frozen);
    stored.tasks.sort((a, b) => a.seq - b.seq);
    this.snapshots.set(stored, revision);
  }

  /**
   * One script reads the execution with its definition's hash; the definition comes from the
   * cache, or on a miss from a second read that must find the same hash (else read again).
   */
  async getExecution(workflowId: string): Promise<StoredExecution | null> {
    const keys = this.keys.execution(workflowId);
    for (let attempt = 1; ; attempt += 1) {
      const known = this.snapshots.revisionOf(workflowId);
      const reply = (await this.guarded('getExecution', () =>
        runScript(
          this.client,
          'getExecution',
          [keys.workflow, keys.tasks, keys.order],
          known === undefined ? [] : [known],
        ),
      )) as
        | [string, string, string[], string[], string | null]
        | [string, string, string[], string[], string | null, string[]]
        | number
        | null;
      if (!reply) {
        this.snapshots.delete(workflowId);
        return null;
      }
      if (known !== undefined && typeof reply !== 'number')
        this.sharedWritesSeenAt = this.clock.now();
      if (typeof reply === 'number') {
        const cached = this.snapshots.get(workflowId, reply);
        if (cached) return cached;
        // Evicted between the two steps: read it whole.
        this.snapshots.delete(workflowId);
        continue;
      }
      const [json, revision, taskFlat, orderFlat, defHash, deleted] = reply;
      let definition = defHash ? this.definitions.get(defHash) : undefined;
      if (defHash && definition === undefined) {
        const [hash, body] = await this.guarded('getExecution', () =>
          this.client.hmget(keys.workflow, 'defHash', 'definition'),
        );
        if (hash !== defHash || typeof body !== 'string') {
          if (attempt < MAX_DEFINITION_READS) continue;
          throw unavailable(new Error('the definition kept changing while read'), 'getExecution');
        }
        definition = this.definitions.decode(defHash, body);
      }
      if (deleted !== undefined && known !== undefined) {
        // Only the tasks changed since the revision this store holds (the change log): applied to
        // its snapshot, which must still be there; else read again, whole.
        const changed = decodeTasks(taskFlat, orderFlat);
        const row = decodeWorkflow(json, [], definition);
        this.snapshots.apply(row, Number(revision), changed, deleted, known);
        const derived = this.snapshots.get(workflowId, Number(revision));
        if (derived) return derived;
        this.snapshots.delete(workflowId);
        continue;
      }
      const workflow = decodeWorkflow(json, decodeTasks(taskFlat, orderFlat), definition);
      this.snapshots.set(workflow, Number(revision));
      return (
        this.snapshots.get(workflowId, Number(revision)) ?? {
          workflow,
          revision: Number(revision),
        }
      );
    }
  }

  /**
   * Saves without the definition when it is the one this store read (a frozen object it handed
   * out, so unchanged); otherwise, or when the stored one differs after all, with it (and the
   * same queue changes: the first attempt wrote nothing).
   * @throws BatonError INTERNAL when given queue changes this store cannot apply.
   */
  async saveExecution(change: ExecutionChange): Promise<number> {
    const queueChanges = this.encodeQueueChanges(change.queueChanges);
    const known = this.definitions.hashOf(change.workflow.workflowDefinition);
    const result = await this.save(change, queueChanges, known ? { hash: known, json: '' } : null);
    if (result !== SCRIPT_STATUS.DEFINITION_MISMATCH) return result;
    return this.save(change, queueChanges, null);
  }

  private async save(
    change: ExecutionChange,
    queueChanges: EncodedQueueChanges,
    knownDefinition: { hash: string; json: string } | null,
  ): Promise<number> {
    const { workflow, expectedRevision, upsertTasks, deleteTaskIds } = change;
    const keys = this.keys.execution(workflow.workflowId);
    const definition = knownDefinition ?? this.definitions.encode(workflow.workflowDefinition);
    // An unchanged row is not sent again; the script then keeps the stored one.
    const workflowJson = change.workflowUnchanged ? '' : encodeWorkflow(workflow);
    const taskPairs = encodeTaskPairs(upsertTasks);
    const result = await this.guarded('saveExecution', () =>
      this.withSideWrites(workflow.workflowId, expectedRevision + 1, upsertTasks, (sideKeys) =>
        runScript(
          this.client,
          'saveExecution',
          [keys.workflow, keys.tasks, keys.order, ...queueChanges.keys, ...sideKeys],
          [
            expectedRevision,
            workflowJson,
            workflow.status,
            this.clock.now(),
            definition.hash,
            definition.json,
            workflow.workflowId,
            ...queueChanges.args,
            deleteTaskIds.length,
            ...deleteTaskIds,
            ...taskPairs,
          ],
        ),
      ),
    );
    if (result === SCRIPT_STATUS.DEFINITION_MISMATCH && knownDefinition) return result;
    if (isScriptFailure(result)) {
      const fromSnapshot = this.snapshots.revisionOf(workflow.workflowId) === expectedRevision;
      if (result === SCRIPT_STATUS.CONFLICT && fromSnapshot) {
        // Saved from this store's snapshot, which another writer had already replaced.
        this.sharedWritesSeenAt = this.clock.now();
      }
      this.snapshots.delete(workflow.workflowId);
      throw executionStatusError(result, workflow.workflowId, expectedRevision);
    }
    queueChanges.applied();
    const revision = Number(result);
    // A known definition is one of the frozen objects the cache handed out.
    const frozen = knownDefinition
      ? workflow.workflowDefinition
      : this.definitions.decode(definition.hash, definition.json);
    if (frozen === undefined) {
      this.snapshots.delete(workflow.workflowId);
    } else {
      this.snapshots.apply(snapshotOf(workflow, [], frozen), revision, upsertTasks, deleteTaskIds);
    }
    if (deleteTaskIds.length > 0) {
      await this.guarded('saveExecution', () => this.records.dropIndex(deleteTaskIds, false));
    }
    return revision;
  }

  /**
   * Deletes the execution and leaves a tombstone for an hour, so a search indexer that read the
   * execution just before cannot bring its search copy back.
   */
  async removeExecution(workflowId: string): Promise<boolean> {
    return this.remove(workflowId, '', REMOVAL_TOMBSTONE_MS);
  }

  /**
   * Removes the execution only if its revision is still `revision` (archiving, no tombstone:
   * the archive copy stays); returns false when it is absent or changed.
   * @internal
   */
  removeAtRevision(workflowId: string, revision: number): Promise<boolean> {
    return this.remove(workflowId, revision, '');
  }

  /**
   * The revision, status and task ids of an execution, without reading its JSON (what the
   * archiver needs to tell whether Postgres already holds it); null when it is not in Redis.
   * @internal
   */
  async head(workflowId: string): Promise<ExecutionHead | null> {
    const keys = this.keys.execution(workflowId);
    const [[revision, status], taskIds] = await this.guarded('getExecution', () =>
      Promise.all([
        this.client.hmget(keys.workflow, 'revision', 'status'),
        this.client.hkeys(keys.tasks),
      ]),
    );
    if (revision === null || revision === undefined || !status) return null;
    return {
      workflowId,
      revision: Number(revision),
      status: status as Workflow['status'],
      taskIds,
    };
  }

  /** True when the execution was removed recently (its tombstone is alive). @internal */
  async wasRemoved(workflowId: string): Promise<boolean> {
    const found = await this.guarded('wasRemoved', () =>
      this.client.exists(this.keys.execution(workflowId).removed),
    );
    return found === 1;
  }

  private async remove(
    workflowId: string,
    revision: number | '',
    tombstoneMs: number | '',
  ): Promise<boolean> {
    const keys = this.keys.execution(workflowId);
    this.snapshots.delete(workflowId);
    const reply = (await this.guarded('removeExecution', () =>
      runScript(
        this.client,
        'removeExecution',
        [keys.workflow, keys.tasks, keys.order, keys.removed],
        [revision, tombstoneMs],
      ),
    )) as [number, ...string[]];
    const [status, ...taskIds] = reply;
    if (status !== 1) return false;
    await this.guarded('removeExecution', () => this.records.dropIndex(taskIds, true));
    return true;
  }

  async getTask(taskId: string): Promise<Task | null> {
    return this.guarded('getTask', () => this.records.getTask(taskId));
  }

  peekExecution(workflowId: string): StoredExecution | undefined {
    if (this.clock.now() - this.sharedWritesSeenAt < SHARED_WRITES_WINDOW_MS) return undefined;
    const revision = this.snapshots.revisionOf(workflowId);
    return revision === undefined ? undefined : this.snapshots.get(workflowId, revision);
  }

  /**
   * The creation time and status of the execution as this process last read or wrote it, without
   * a read (a hint: the status may have changed since; the creation time never does).
   */
  cachedHead(workflowId: string): { createTime: number; status: WorkflowStatus } | undefined {
    const workflow = this.snapshots.peek(workflowId);
    return workflow && { createTime: workflow.createTime, status: workflow.status };
  }

  async locateTask(taskId: string): Promise<string | null> {
    return this.guarded('locateTask', () => this.records.locate(taskId));
  }

  peekTaskLocation(taskId: string): string | undefined {
    return this.records.peekLocation(taskId);
  }

  /**
   * Newest first from the per-key sorted set (scored by createTime), skipping entries whose
   * execution was removed; falls back to the search index (archived executions).
   */
  async findByIdempotencyKey(name: string, idempotencyKey: string): Promise<Workflow | null> {
    const candidates = await this.guarded('findByIdempotencyKey', () =>
      this.client.zrevrange(this.keys.idempotency(name, idempotencyKey), 0, 9),
    );
    for (const workflowId of candidates) {
      const workflow = (await this.getExecution(workflowId))?.workflow;
      if (workflow?.workflowName === name && workflow.idempotencyKey === idempotencyKey) {
        return { ...workflow, tasks: [] };
      }
    }
    return this.search ? this.search.findByIdempotencyKey(name, idempotencyKey) : null;
  }

  searchWorkflows(
    request: SearchRequest,
    options?: { includeTasks?: boolean },
  ): Promise<SearchResult<Workflow>> {
    return this.requireSearch().searchWorkflows(request, options);
  }

  searchTasks(request: SearchRequest): Promise<SearchResult<Task>> {
    return this.requireSearch().searchTasks(request);
  }

  getRunningWorkflowIds(
    name: string,
    version: number,
    startTime?: number,
    endTime?: number,
  ): Promise<string[]> {
    return this.requireSearch().getRunningWorkflowIds(name, version, startTime, endTime);
  }

  getWorkflowsByCorrelationId(
    name: string,
    correlationId: string,
    options: { includeClosed: boolean; includeTasks: boolean },
  ): Promise<Workflow[]> {
    return this.requireSearch().getWorkflowsByCorrelationId(name, correlationId, options);
  }

  addTaskLogs(logs: TaskExecLog[]): Promise<void> {
    return this.guarded('addTaskLogs', () => this.records.addTaskLogs(logs));
  }

  getTaskLogs(taskId: string): Promise<TaskExecLog[]> {
    return this.guarded('getTaskLogs', () => this.records.getTaskLogs(taskId));
  }

  recordPoll(pollData: PollData): Promise<void> {
    return this.guarded('recordPoll', () => this.records.recordPoll(pollData));
  }

  getPollData(queueName?: string): Promise<PollData[]> {
    return this.guarded('getPollData', () => this.records.getPollData(queueName));
  }

  /**
   * Runs a create or save `script` with the writes of other slots it needs: the task index
   * entries this process has not written yet and the index-journal announcement of `revision`.
   * On standalone Redis with a journal they go into the script itself (`sideKeys`: the pending
   * set, then the index keys, last of the script's KEYS), so they are written only if the change
   * is and cost no extra commands. On a cluster they live on other nodes, so they are written
   * before the script and awaited (a failed change then leaves hints that readers check); without
   * a journal the index entries go in the same pipeline as the script (Redis applies one
   * connection's commands in order).
   */
  private async withSideWrites(
    workflowId: string,
    revision: number,
    tasks: readonly Task[],
    script: (sideKeys: string[]) => Promise<unknown>,
  ): Promise<unknown> {
    const unindexed = this.records.unindexed(
      workflowId,
      tasks.map((task) => task.taskId),
    );
    if (this.journal && !isClusterClient(this.client)) {
      const sideKeys = [
        this.journal.keyOf(workflowId),
        ...unindexed.map((taskId) => this.keys.taskIndex(taskId)),
      ];
      const result = await script(sideKeys);
      if (!isScriptFailure(result)) this.records.noteIndexed(workflowId, unindexed);
      return result;
    }
    const writes: Array<Promise<unknown>> = [this.records.index(workflowId, unindexed)];
    if (this.journal) writes.push(this.journal.announce(workflowId, revision));
    const preWrites = Promise.all(writes);
    if (isClusterClient(this.client)) {
      await preWrites;
      return script([]);
    }
    const [, result] = await Promise.all([preWrites, script([])]);
    return result;
  }

  /** The section of the scripts that applies `changes`, through this store's queue. */
  private encodeQueueChanges(changes: readonly QueueChange[] | undefined): EncodedQueueChanges {
    if (!changes || changes.length === 0) return NO_QUEUE_CHANGES;
    if (!this.queue) {
      throw batonError(
        'INTERNAL',
        'This Redis execution store cannot apply queue changes: it has no queue on its standalone client',
        { details: { queues: [...new Set(changes.map((change) => change.queue))] } },
      );
    }
    return this.queue.encodeChanges(changes);
  }

  private requireSearch(): ExecutionSearch {
    if (!this.search) {
      throw batonError('INTERNAL', 'This Redis execution store has no search index configured');
    }
    return this.search;
  }

  private async guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw unavailable(error, operation);
    }
  }
}
