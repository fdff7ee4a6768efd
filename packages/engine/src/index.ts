/**
 * @baton/engine: Conductor's execution semantics as a pure TypeScript core.
 * Curated public exports; edit by adding lines (several people work on this file).
 * @module
 */

/** Model */
export type { TaskDef, RetryLogic, TaskTimeoutPolicy } from './model/task-def.js';
export { TASK_DEF_DEFAULTS, usesRegisteredTaskDef } from './model/task-def.js';
export type {
  EventHandler,
  EventHandlerAction,
  EventExecutionRecord,
  EventExecutionStatus,
  EventActionType,
  EventStartWorkflow,
  EventTaskDetails,
  EventTerminateWorkflow,
  EventUpdateWorkflowVariables,
} from './model/event-handler.js';
export { EVENT_ACTION_TYPES, EVENT_EVALUATOR_TYPES } from './model/event-handler.js';
export type { EventHandlerStore } from './ports/event-handler-store.js';
export { eventHandlerExists, eventHandlerNotFound } from './ports/event-handler-store.js';
export { validateEventHandler, EVENT_HANDLER_NAME_MAX } from './validate/validate-event-handler.js';
export type {
  WorkflowSchedule,
  WorkflowScheduleExecution,
  ScheduleExecutionState,
  ScheduleExecutionPage,
} from './model/workflow-schedule.js';
export { SCHEDULE_EXECUTION_STATES } from './model/workflow-schedule.js';
export type {
  ScheduleExecutionQuery,
  SchedulePauseChange,
  ScheduleStore,
} from './ports/schedule-store.js';
export { scheduleNotFound } from './ports/schedule-store.js';
export type { CronCheck } from './validate/validate-schedule.js';
export {
  validateSchedule,
  SCHEDULE_NAME_MAX,
  CRON_EXPRESSION_MAX,
} from './validate/validate-schedule.js';
export type { CronSeries, DuePlan, DuePlanInput } from './schedule/plan-due-times.js';
export { planDueTimes } from './schedule/plan-due-times.js';
export { MAX_JSON_DEPTH, exceedsJsonDepth, tooDeepMessage } from './model/json-depth.js';
export type {
  WorkflowDef,
  WorkflowTask,
  TaskType,
  SubWorkflowParams,
  WorkflowTimeoutPolicy,
  IdempotencyStrategy,
  StartWorkflowRequest,
  RerunWorkflowRequest,
  SkipTaskRequest,
} from './model/workflow-def.js';
export { TASK_TYPES } from './model/workflow-def.js';
export type { Workflow, WorkflowSummary, SearchResult } from './model/workflow.js';
export type { Task, TaskResult, TaskExecLog, PollData } from './model/task.js';
export type { WorkflowStatus, TaskStatus, TaskResultStatus } from './model/status.js';
export {
  WORKFLOW_STATUSES,
  TASK_STATUSES,
  TASK_RESULT_STATUSES,
  isTerminalWorkflowStatus,
  isSuccessfulWorkflowStatus,
  isTerminalTaskStatus,
  isSuccessfulTaskStatus,
  isRetriableTaskStatus,
} from './model/status.js';

/** Errors */
export type { ErrorKind, ErrorCode, ValidationIssue } from './errors.js';
export { BatonError, ERROR_CODES, isBatonError, batonError } from './errors.js';
export { deepFreeze, isDeeplyFrozen } from './deep-freeze.js';

/** Ports */
export type { Clock } from './ports/clock.js';
export type { IdGenerator } from './ports/ids.js';
export type { EvaluationOptions, ScriptEvaluator, JqEvaluator } from './ports/evaluator.js';
export type { HttpCaller, HttpRequest, HttpResponse } from './ports/http-caller.js';
export type { EventSink } from './ports/event-sink.js';
export type { EventBus, ExecutionEvent } from './ports/event-bus.js';
export type { DefinitionStore, WorkflowDefVersionInfo } from './ports/definition-store.js';
export type {
  WorkflowTestCase,
  WorkflowTestExpectation,
  WorkflowTestMock,
} from './model/workflow-tests.js';
export { WORKFLOW_TESTS_MAX_CASES, WORKFLOW_TESTS_MAX_CHARS } from './model/workflow-tests.js';
export type { TaskQueue, QueueMessage, AbortSignalLike } from './ports/task-queue.js';
export { DECIDER_QUEUE, EVENT_QUEUE, isInternalQueue } from './ports/task-queue.js';
export type {
  ExecutionStore,
  StoredExecution,
  ExecutionChange,
  QueueChange,
  SearchRequest,
  SortField,
} from './ports/execution-store.js';
export type { SearchExpression, SearchOperator } from './search/search-query.js';
export { parseSearchQuery } from './search/parse-search-query.js';
export { matchesSearch, matchesFreeText } from './search/match-search.js';
export { toWorkflowSummary } from './search/workflow-summary.js';
export { toTaskSummary } from './search/task-summary.js';
export type { TaskSummary } from './search/task-summary.js';

/** Validation */
export type { WorkflowDefValidationOptions } from './validate/validate-workflow-def.js';
export {
  validateWorkflowDef,
  workflowDefWarnings,
  WORKFLOW_TIMEOUT_POLICIES,
} from './validate/validate-workflow-def.js';
export type { TaskDefValidationOptions } from './validate/validate-task-def.js';
export {
  validateTaskDef,
  RETRY_LOGIC_VALUES,
  TASK_TIMEOUT_POLICIES,
} from './validate/validate-task-def.js';
export { SWITCH_EVALUATOR_TYPES } from './validate/task-type-rules.js';
export { parseWaitDuration, parseWaitUntil, isWaitUntilFormat } from './validate/wait-input.js';

/** Params */
export type { ResolveContext } from './params/resolve-params.js';
export {
  resolveParams,
  resolveValue,
  resolveExpression,
  resolveWithDocument,
  SYSTEM_PARAMETERS,
} from './params/resolve-params.js';
export { resolveTaskInput, applyWorkflowInputTemplate } from './params/task-input.js';
export {
  buildParamsDocument,
  stripLoopSuffix,
  isLoopOverTask,
  LOOP_SUFFIX_DELIMITER,
} from './params/params-document.js';
export { readJsonPath, isValidJsonPath } from './params/json-path.js';
export { toJavaString } from './params/java-to-string.js';

/** Executor */
export type {
  WorkflowExecutor,
  ExecutorDeps,
  ExecutorConfig,
  OperationStats,
  PollOptions,
} from './executor/executor-api.js';
export { ASYNC_SYSTEM_TASK_TYPES } from './executor/executor-api.js';
export { createWorkflowExecutor } from './executor/create-executor.js';
export type { TaskTimeoutAlert, TaskTimeoutListener } from './executor/core/timeout-alerts.js';
export {
  DEFAULT_MAX_DYNAMIC_FORK_BRANCHES,
  DEFAULT_MAX_SUBWORKFLOW_DEPTH,
} from './executor/core/engine.js';

/** Decider */
export { decide } from './decider/decide.js';
export type {
  Outcome,
  DecideContext,
  SystemAction,
  ActionResult,
  EndStatus,
} from './decider/outcome.js';
export { retryDelaySeconds } from './decider/retry.js';
export { nextDecideDelayMs } from './decider/decider-delay.js';
