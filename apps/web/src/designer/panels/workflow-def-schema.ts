/**
 * JSON Schema of Conductor's WorkflowDef for the JSON editor: completion and hover documentation.
 * Additional properties are allowed everywhere, as Conductor keeps unknown fields.
 * @module
 */
import { TASK_TYPES } from '@baton/engine';

const str = (description: string) => ({ type: 'string', description });
const int = (description: string, dflt?: number) => ({
  type: 'integer',
  description,
  ...(dflt !== undefined ? { default: dflt } : {}),
});
const bool = (description: string, dflt?: boolean) => ({
  type: 'boolean',
  description,
  ...(dflt !== undefined ? { default: dflt } : {}),
});
const taskList = (description: string) => ({
  type: 'array',
  description,
  items: { $ref: '#/definitions/WorkflowTask' },
});

/** The schema object handed to Monaco's JSON language service. */
export const WORKFLOW_DEF_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'WorkflowDef',
  type: 'object',
  required: ['name', 'tasks'],
  properties: {
    name: str('Name of the workflow definition. Required.'),
    description: str('Free text shown in the UI.'),
    version: int('Version number; the server never auto-increments it.', 1),
    tasks: { ...taskList('The tasks, run top to bottom. Must not be empty.'), minItems: 1 },
    inputParameters: {
      type: 'array',
      items: { type: 'string' },
      description: 'Names of the expected inputs (documentation only).',
    },
    outputParameters: {
      type: 'object',
      description:
        'Expression map for the workflow output, e.g. {"total": "${calc.output.result}"}.',
    },
    inputTemplate: {
      type: 'object',
      description: 'Default workflow input, merged put-if-absent into the start input.',
    },
    failureWorkflow: str('Workflow started when this one fails.'),
    failureWorkflowVersion: int('Version of the failure workflow (latest when empty).'),
    schemaVersion: { type: 'integer', enum: [2], default: 2, description: 'Only 2 is accepted.' },
    restartable: bool('false forbids restarting a COMPLETED run.', true),
    workflowStatusListenerEnabled: bool('Publish status changes to the listener.', false),
    ownerEmail: str('Owner contact.'),
    timeoutPolicy: {
      type: 'string',
      enum: ['TIME_OUT_WF', 'ALERT_ONLY'],
      default: 'ALERT_ONLY',
      description: 'What happens when timeoutSeconds passes.',
    },
    timeoutSeconds: int('Workflow timeout; 0 means none.', 0),
    variables: { type: 'object', description: 'Initial workflow.variables.' },
  },
  definitions: {
    WorkflowTask: {
      type: 'object',
      required: ['name', 'taskReferenceName'],
      properties: {
        name: str('Task name; for SIMPLE tasks, the task definition and queue name.'),
        taskReferenceName: str(
          'Unique across the whole definition; other tasks read ${ref.output}.',
        ),
        type: {
          type: 'string',
          description: 'Task type; any other string is a worker task.',
          default: 'SIMPLE',
          examples: [...TASK_TYPES],
          anyOf: [{ enum: [...TASK_TYPES] }, { type: 'string' }],
        },
        description: str('Free text.'),
        inputParameters: {
          type: 'object',
          description: 'Expression map: values may contain ${workflow.input.x} or ${ref.output.y}.',
        },
        optional: bool('A failure does not fail the workflow.', false),
        asyncComplete: bool('System task stays IN_PROGRESS until an external update.', false),
        startDelay: int('Seconds before a worker task becomes pollable.', 0),
        retryCount: int('Overrides the task definition retry count.'),
        taskDefinition: {
          type: 'object',
          description: 'Inline task definition (retries, timeouts), wins over the registered one.',
        },
        decisionCases: {
          type: 'object',
          description: 'SWITCH/DECISION: case value → tasks.',
          additionalProperties: taskList('Tasks of this case.'),
        },
        defaultCase: taskList('SWITCH/DECISION: tasks when no case matches.'),
        evaluatorType: {
          type: 'string',
          enum: ['value-param', 'javascript', 'graaljs'],
          description: 'SWITCH: how expression is evaluated.',
        },
        expression: str('SWITCH: an input key (value-param) or a JavaScript expression.'),
        caseValueParam: str('DECISION: input key holding the case value.'),
        caseExpression: str('DECISION: JavaScript computing the case value.'),
        forkTasks: {
          type: 'array',
          description: 'FORK_JOIN: the branches, run in parallel.',
          items: taskList('One branch.'),
        },
        joinOn: {
          type: 'array',
          items: { type: 'string' },
          description: 'JOIN/EXCLUSIVE_JOIN: refs to wait for.',
        },
        defaultExclusiveJoinTask: {
          type: 'array',
          items: { type: 'string' },
          description: 'EXCLUSIVE_JOIN: fallback refs.',
        },
        loopCondition: str('DO_WHILE: JavaScript evaluated after each iteration.'),
        loopOver: taskList('DO_WHILE: the loop body.'),
        subWorkflowParam: {
          type: 'object',
          description: 'SUB_WORKFLOW: which workflow to run.',
          properties: {
            name: str('Workflow name.'),
            version: int('Version; latest at start when empty.'),
            taskToDomain: { type: 'object' },
          },
        },
        dynamicTaskNameParam: str('DYNAMIC: input key naming the task to run.'),
        dynamicForkTasksParam: str('FORK_JOIN_DYNAMIC: input key holding the tasks.'),
        dynamicForkTasksInputParamName: str('FORK_JOIN_DYNAMIC: input key holding their inputs.'),
        sink: str('EVENT: where to publish, e.g. "conductor" or "sqs:queue".'),
      },
    },
  },
} as const;
