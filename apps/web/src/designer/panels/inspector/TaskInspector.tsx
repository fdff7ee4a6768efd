import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, Copy, Trash2 } from 'lucide-react';
import type { WorkflowTask } from '@baton/engine';
import { useDesigner, useDesignerStoreApi } from '../../store/DesignerProvider.js';
import { selectDef, selectSelectedRef } from '../../store/selectors.js';
import { referenceSuggestions } from '../../model/upstream.js';
import { findTask } from '../../model/slots.js';
import { taskKind } from '../../model/task-catalog.js';
import { taskVisual } from '../../../graph/task-visuals.js';
import { CheckField, NumberField, Section, TextField } from '../fields.js';
import { KeyValueEditor } from './KeyValueEditor.js';
import { shortcutLabel } from '../../../ui/platform.js';
import {
  DynamicForkFields,
  ForkFields,
  JoinFields,
  LoopFields,
  SwitchFields,
} from './ControlFlowFields.js';
import {
  DynamicFields,
  EventFields,
  HttpFields,
  InlineFields,
  JqFields,
  TerminateFields,
  WaitFields,
} from './SystemTaskFields.js';
import { SubWorkflowFields } from './SubWorkflowFields.js';
import { countRefUses, refNameProblem } from '../../model/ref-names.js';
import { ConfirmDialog } from '../../../executions/shared/ConfirmDialog.js';
import { TaskDefFields } from './TaskDefFields.js';
import { withKey, type TaskFieldsProps } from './types.js';

/** Input keys edited by a type-specific section, hidden from the generic parameter list. */
const OWN_INPUT_KEYS: Record<string, string[]> = {
  HTTP: ['http_request'],
  INLINE: ['evaluatorType', 'expression'],
  JSON_JQ_TRANSFORM: ['queryExpression'],
  WAIT: ['duration', 'until'],
  TERMINATE: ['terminationStatus', 'terminationReason', 'workflowOutput'],
  START_WORKFLOW: ['startWorkflow'],
};

function TypeFields(p: TaskFieldsProps): ReactNode {
  switch (p.task.type ?? 'SIMPLE') {
    case 'SWITCH':
    case 'DECISION':
      return <SwitchFields {...p} />;
    case 'FORK_JOIN':
      return <ForkFields {...p} />;
    case 'FORK_JOIN_DYNAMIC':
      return <DynamicForkFields {...p} />;
    case 'JOIN':
    case 'EXCLUSIVE_JOIN':
      return <JoinFields {...p} />;
    case 'DO_WHILE':
      return <LoopFields {...p} />;
    case 'SUB_WORKFLOW':
    case 'START_WORKFLOW':
      return <SubWorkflowFields {...p} />;
    case 'HTTP':
      return <HttpFields {...p} />;
    case 'INLINE':
      return <InlineFields {...p} />;
    case 'JSON_JQ_TRANSFORM':
      return <JqFields {...p} />;
    case 'WAIT':
      return <WaitFields {...p} />;
    case 'TERMINATE':
      return <TerminateFields {...p} />;
    case 'EVENT':
      return <EventFields {...p} />;
    case 'DYNAMIC':
      return <DynamicFields {...p} />;
    default:
      return null;
  }
}

/** The properties of the selected task, by type. */
export function TaskInspector({ onAction }: { onAction: (id: string) => void }) {
  const store = useDesignerStoreApi();
  const def = useDesigner(selectDef);
  const selectedRef = useDesigner(selectSelectedRef);
  const loc = useMemo(
    () => (selectedRef ? findTask(def, selectedRef) : undefined),
    [def, selectedRef],
  );
  const ref = loc?.task.taskReferenceName ?? null;
  const update = useCallback(
    (fn: (t: WorkflowTask) => WorkflowTask) => {
      const { def: current, selectedRef } = store.getState();
      const task = selectedRef ? findTask(current, selectedRef)?.task : undefined;
      if (!task || !selectedRef) return;
      const next = fn(task);
      store.getState().apply({ type: 'replaceTask', ref: selectedRef, task: next }, 'inspector');
      if (next.taskReferenceName !== selectedRef) store.getState().select(next.taskReferenceName);
    },
    [store],
  );
  const suggestions = useMemo(() => referenceSuggestions(def, ref), [def, ref]);
  // A reference-name change that other expressions read: asks whether to update them too.
  const [rename, setRename] = useState<{ from: string; to: string; uses: number } | null>(null);
  const [refFieldKey, setRefFieldKey] = useState(0);
  const doRename = (from: string, to: string, updateUses: boolean) => {
    setRename(null);
    const task = findTask(store.getState().def, from)?.task;
    if (!task) return;
    store
      .getState()
      .apply(
        [
          { type: 'replaceTask', ref: from, task: { ...task, taskReferenceName: to } },
          ...(updateUses ? [{ type: 'renameRefUses' as const, from, to }] : []),
        ],
        'inspector',
      );
    store.getState().select(to);
  };
  const commitRef = (to: string) => {
    const from = store.getState().selectedRef;
    if (!from || to === from) return;
    const uses = countRefUses(store.getState().def, from);
    if (uses === 0) doRename(from, to, false);
    else setRename({ from, to, uses });
  };
  const renameDialog = rename ? (
    <ConfirmDialog
      title={`Update ${rename.uses} reference${rename.uses === 1 ? '' : 's'} to ${rename.from}?`}
      confirmLabel="Update references"
      onConfirm={() => doRename(rename.from, rename.to, true)}
      secondary={{
        label: 'Rename only',
        onClick: () => doRename(rename.from, rename.to, false),
      }}
      onCancel={() => {
        setRename(null);
        setRefFieldKey((k) => k + 1); // the box shows the stored name again
      }}
    >
      <p>
        {rename.uses === 1 ? 'An expression reads' : `${rename.uses} expressions read`}{' '}
        <code>{`\${${rename.from}…}`}</code>. Update {rename.uses === 1 ? 'it' : 'them'} to read{' '}
        <code>{`\${${rename.to}…}`}</code>? Renamed only, {rename.uses === 1 ? 'it' : 'they'} would
        resolve to null.
      </p>
    </ConfirmDialog>
  ) : null;
  if (!loc) {
    return (
      <div className="inspector-empty">
        <p>Select a task on the canvas to edit it.</p>
        <p className="muted small">
          Tip: press A to add a task after the selection, {shortcutLabel('Mod+K')} for every
          command.
        </p>
      </div>
    );
  }
  const task = loc.task;
  const type = task.type ?? 'SIMPLE';
  const visual = taskVisual(type);
  const Icon = visual.icon;
  const p: TaskFieldsProps = { task, def, update, suggestions };
  const isWorker = type === 'SIMPLE' || !taskKind(type) || taskKind(type).type === 'SIMPLE';
  return (
    <div className="inspector" aria-label={`Properties of ${task.taskReferenceName}`}>
      <header className={`inspector-head family-${visual.family}`}>
        <span className="task-node-icon" aria-hidden>
          <Icon size={18} />
        </span>
        <div>
          <div className="inspector-title">{task.name}</div>
          <div className="muted small">{type}</div>
        </div>
        <div className="inspector-head-actions">
          <button
            type="button"
            className="icon-button small"
            aria-label="Move up"
            title="Move up (Alt+↑)"
            onClick={() => onAction('move-up')}
          >
            <ArrowUp size={15} />
          </button>
          <button
            type="button"
            className="icon-button small"
            aria-label="Move down"
            title="Move down (Alt+↓)"
            onClick={() => onAction('move-down')}
          >
            <ArrowDown size={15} />
          </button>
          <button
            type="button"
            className="icon-button small"
            aria-label="Duplicate"
            title={`Duplicate (${shortcutLabel('Mod+D')})`}
            onClick={() => onAction('duplicate')}
          >
            <Copy size={15} />
          </button>
          <button
            type="button"
            className="icon-button small danger"
            aria-label="Delete task"
            title="Delete (Del)"
            onClick={() => onAction('delete-selection')}
          >
            <Trash2 size={15} />
          </button>
        </div>
      </header>
      <Section title="General">
        <TextField
          label={isWorker ? 'Name (task definition)' : 'Name'}
          value={task.name}
          onCommit={(v) => update((t) => ({ ...t, name: v }))}
          testId="task-name"
        />
        <TextField
          key={refFieldKey}
          label="Reference name"
          hint="Unique in the workflow; other tasks read this task's output as ${ref.output…}."
          value={task.taskReferenceName}
          validate={(v) => refNameProblem(v, def, task.taskReferenceName)}
          onCommit={commitRef}
          mono
          testId="task-ref"
        />
        <TextField
          label="Description"
          value={task.description ?? ''}
          onCommit={(v) => update((t) => withKey(t, 'description', v || undefined))}
        />
        <div className="check-row">
          {type !== 'TERMINATE' ? (
            <CheckField
              label="Optional"
              value={task.optional === true}
              onCommit={(v) => update((t) => withKey(t, 'optional', v || undefined))}
            />
          ) : null}
          <CheckField
            label="Async complete"
            value={task.asyncComplete === true}
            onCommit={(v) => update((t) => withKey(t, 'asyncComplete', v || undefined))}
          />
        </div>
        <NumberField
          label="Start delay (s)"
          value={task.startDelay}
          placeholder="0"
          onCommit={(v) => update((t) => withKey(t, 'startDelay', v))}
        />
      </Section>
      <TypeFields {...p} />
      <Section title={type === 'SET_VARIABLE' ? 'Variables to set' : 'Input parameters'}>
        <KeyValueEditor
          value={task.inputParameters ?? {}}
          hiddenKeys={OWN_INPUT_KEYS[type] ?? []}
          suggestions={suggestions}
          onChange={(next) => update((t) => ({ ...t, inputParameters: next }))}
          addLabel={type === 'SET_VARIABLE' ? 'Add variable' : 'Add parameter'}
        />
      </Section>
      <TaskDefFields {...p} />
      {renameDialog}
    </div>
  );
}
