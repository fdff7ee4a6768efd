import { useState } from 'react';
import type { Workflow } from '@baton/client';
import { PlainJson } from '../shared/PlainJson.js';
import { formatTime } from '../model/format.js';

type Tab = 'input' | 'output' | 'variables';

/** The execution's own input, output and variables, shown while no task is selected. */
export function WorkflowDetails({ workflow }: { workflow: Workflow }) {
  const [tab, setTab] = useState<Tab>('input');
  const values: Record<Tab, unknown> = {
    input: workflow.input,
    output: workflow.output,
    variables: workflow.variables,
  };
  return (
    <section className="inspector" aria-label="Execution details">
      <div className="inspector-head">
        <div>
          <div className="inspector-title">Execution</div>
          <div className="muted small">
            Select a task on the graph or the timeline for its details.
          </div>
        </div>
      </div>
      <dl className="detail-grid inspector-section">
        <div>
          <dt>Created</dt>
          <dd>{formatTime(workflow.createTime)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{formatTime(workflow.endTime)}</dd>
        </div>
        <div>
          <dt>Tasks</dt>
          <dd>{workflow.tasks.length}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{workflow.priority}</dd>
        </div>
        {workflow.failedReferenceTaskNames.length ? (
          <div>
            <dt>Failed tasks</dt>
            <dd className="mono">{workflow.failedReferenceTaskNames.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      <div className="tabs" role="tablist">
        {(['input', 'output', 'variables'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'is-active' : undefined}
            onClick={() => setTab(t)}
          >
            {t[0]!.toUpperCase() + t.slice(1)}
          </button>
        ))}
      </div>
      <div className="inspector-section" role="tabpanel">
        <PlainJson value={values[tab]} label={`Workflow ${tab}`} />
      </div>
    </section>
  );
}
