import { useQuery } from '@tanstack/react-query';
import { TASK_DEF_DEFAULTS, usesRegisteredTaskDef, type TaskDef } from '@baton/engine';
import { useBatonClient } from '../../../app/providers.js';
import { taskDefQuery } from '../../../taskdefs/task-def-queries.js';
import { NumberField, SelectField, Section } from '../fields.js';
import { withKey, type TaskFieldsProps } from './types.js';

/** Retries and timeouts, stored as the task's inline `taskDefinition` (which wins over the registered one). */
export function TaskDefFields({ task, update }: TaskFieldsProps) {
  const td: TaskDef = task.taskDefinition ?? { name: task.name };
  // Placeholders: what an empty field falls back to, the registered TaskDef or Conductor's defaults.
  const client = useBatonClient();
  // Control-flow tasks never take a registered TaskDef: no lookup (it would only find a 404).
  const lookup = usesRegisteredTaskDef(task.type ?? 'SIMPLE') ? task.name : '';
  const registered = useQuery(taskDefQuery(client, lookup)).data ?? null;
  const fallback = (key: keyof typeof TASK_DEF_DEFAULTS): string =>
    String((registered?.[key] as string | number | undefined) ?? TASK_DEF_DEFAULTS[key]);
  const timeout = fallback('timeoutSeconds');
  const set = (key: keyof TaskDef & string, value: unknown) =>
    update((t) => {
      const next = withKey(t.taskDefinition ?? { name: t.name }, key, value);
      const meaningful = Object.keys(next).some((k) => k !== 'name');
      return withKey(t, 'taskDefinition', meaningful ? next : undefined);
    });
  return (
    <Section title="Retries and timeouts">
      <p className="field-hint">
        {registered
          ? `Empty fields use the registered task definition ${task.name} (shown greyed).`
          : lookup
            ? "Empty fields use Conductor's defaults (no task definition is registered)."
            : "Empty fields use Conductor's defaults (this task type never uses a registered task definition)."}
      </p>
      <div className="field-grid">
        <NumberField
          label="Retry count"
          placeholder={fallback('retryCount')}
          value={td.retryCount}
          onCommit={(v) => set('retryCount', v)}
        />
        <SelectField
          label="Retry logic"
          value={td.retryLogic}
          allowEmpty={`${fallback('retryLogic')} (${registered?.retryLogic ? 'registered' : 'default'})`}
          options={['FIXED', 'LINEAR_BACKOFF', 'EXPONENTIAL_BACKOFF']}
          onCommit={(v) => set('retryLogic', v)}
        />
        <NumberField
          label="Retry delay (s)"
          placeholder={fallback('retryDelaySeconds')}
          value={td.retryDelaySeconds}
          onCommit={(v) => set('retryDelaySeconds', v)}
        />
        <NumberField
          label="Timeout (s)"
          placeholder={timeout === '0' ? '0 = none' : timeout}
          value={td.timeoutSeconds}
          onCommit={(v) => set('timeoutSeconds', v)}
        />
        <NumberField
          label="Response timeout (s)"
          placeholder={fallback('responseTimeoutSeconds')}
          value={td.responseTimeoutSeconds}
          onCommit={(v) => set('responseTimeoutSeconds', v)}
        />
        <SelectField
          label="Timeout policy"
          value={td.timeoutPolicy}
          allowEmpty={`${fallback('timeoutPolicy')} (${registered?.timeoutPolicy ? 'registered' : 'default'})`}
          options={['RETRY', 'TIME_OUT_WF', 'ALERT_ONLY']}
          onCommit={(v) => set('timeoutPolicy', v)}
        />
        <NumberField
          label="Poll timeout (s)"
          value={td.pollTimeoutSeconds}
          onCommit={(v) => set('pollTimeoutSeconds', v)}
        />
        <NumberField
          label="Retry count override"
          hint="WorkflowTask.retryCount"
          value={task.retryCount}
          onCommit={(v) => update((t) => withKey(t, 'retryCount', v))}
        />
      </div>
    </Section>
  );
}
