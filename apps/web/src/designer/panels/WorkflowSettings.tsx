import { useMemo } from 'react';
import type { WorkflowDef } from '@baton/engine';
import { useDesigner, useDesignerStoreApi } from '../store/DesignerProvider.js';
import { selectDef } from '../store/selectors.js';
import { referenceSuggestions } from '../model/upstream.js';
import { CheckField, NumberField, SelectField, Section, TextField } from './fields.js';
import { KeyValueEditor } from './inspector/KeyValueEditor.js';

/** Workflow-level settings: name, description, inputs, outputs, timeouts, failure workflow. */
export function WorkflowSettings() {
  const store = useDesignerStoreApi();
  const def = useDesigner(selectDef);
  const patch = (p: Partial<WorkflowDef>) =>
    store.getState().apply({ type: 'updateWorkflow', patch: p }, 'inspector');
  const lastRef = def.tasks[def.tasks.length - 1]?.taskReferenceName ?? null;
  const suggestions = useMemo(() => referenceSuggestions(def, lastRef), [def, lastRef]);
  return (
    <div className="inspector">
      <Section title="Workflow">
        <TextField
          label="Name"
          value={def.name ?? ''}
          onCommit={(v) => patch({ name: v })}
          testId="workflow-name"
        />
        <TextField
          label="Description"
          value={def.description ?? ''}
          onCommit={(v) => patch({ description: v || undefined })}
          multiline
        />
        <NumberField
          label="Version"
          value={def.version}
          placeholder="1"
          onCommit={(v) => patch({ version: v })}
        />
        <TextField
          label="Owner email"
          value={def.ownerEmail ?? ''}
          onCommit={(v) => patch({ ownerEmail: v || undefined })}
        />
      </Section>
      <Section title="Inputs">
        <TextField
          label="Input parameters"
          hint="Comma-separated names, for documentation and autocomplete."
          value={(def.inputParameters ?? []).join(', ')}
          onCommit={(v) =>
            patch({
              inputParameters: v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            })
          }
        />
      </Section>
      <Section title="Output parameters">
        <KeyValueEditor
          value={def.outputParameters ?? {}}
          suggestions={suggestions}
          onChange={(o) => patch({ outputParameters: o })}
          addLabel="Add output"
        />
      </Section>
      <Section title="Behaviour">
        <div className="field-grid">
          <NumberField
            label="Timeout (s)"
            value={def.timeoutSeconds}
            placeholder="0 = none"
            onCommit={(v) => patch({ timeoutSeconds: v })}
          />
          <SelectField
            label="Timeout policy"
            value={def.timeoutPolicy}
            options={['ALERT_ONLY', 'TIME_OUT_WF']}
            allowEmpty="ALERT_ONLY (default)"
            onCommit={(v) => patch({ timeoutPolicy: v as WorkflowDef['timeoutPolicy'] })}
          />
        </div>
        <TextField
          label="Failure workflow"
          value={def.failureWorkflow ?? ''}
          onCommit={(v) => patch({ failureWorkflow: v || undefined })}
        />
        <CheckField
          label="Restartable"
          value={def.restartable !== false}
          onCommit={(v) => patch({ restartable: v })}
        />
        <CheckField
          label="Status listener enabled"
          value={def.workflowStatusListenerEnabled === true}
          onCommit={(v) => patch({ workflowStatusListenerEnabled: v })}
        />
      </Section>
    </div>
  );
}
