import type { TaskDef } from '@baton/engine';
import { NumberField, SelectField, Section } from '../fields.js';
import { withKey, type TaskFieldsProps } from './types.js';

/** Retries and timeouts, stored as the task's inline `taskDefinition` (which wins over the registered one). */
export function TaskDefFields({ task, update }: TaskFieldsProps) {
  const td: TaskDef = task.taskDefinition ?? { name: task.name };
  const set = (key: keyof TaskDef & string, value: unknown) =>
    update((t) => {
      const next = withKey(t.taskDefinition ?? { name: t.name }, key, value);
      const meaningful = Object.keys(next).some((k) => k !== 'name');
      return withKey(t, 'taskDefinition', meaningful ? next : undefined);
    });
  return (
    <Section title="Retries and timeouts">
      <p className="field-hint">
        Empty fields use the registered task definition, or Conductor's defaults.
      </p>
      <div className="field-grid">
        <NumberField
          label="Retry count"
          placeholder="3"
          value={td.retryCount}
          onCommit={(v) => set('retryCount', v)}
        />
        <SelectField
          label="Retry logic"
          value={td.retryLogic}
          allowEmpty="FIXED (default)"
          options={['FIXED', 'LINEAR_BACKOFF', 'EXPONENTIAL_BACKOFF']}
          onCommit={(v) => set('retryLogic', v)}
        />
        <NumberField
          label="Retry delay (s)"
          placeholder="60"
          value={td.retryDelaySeconds}
          onCommit={(v) => set('retryDelaySeconds', v)}
        />
        <NumberField
          label="Timeout (s)"
          placeholder="0 = none"
          value={td.timeoutSeconds}
          onCommit={(v) => set('timeoutSeconds', v)}
        />
        <NumberField
          label="Response timeout (s)"
          placeholder="3600"
          value={td.responseTimeoutSeconds}
          onCommit={(v) => set('responseTimeoutSeconds', v)}
        />
        <SelectField
          label="Timeout policy"
          value={td.timeoutPolicy}
          allowEmpty="TIME_OUT_WF (default)"
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
