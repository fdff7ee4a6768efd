import { Plus, X } from 'lucide-react';
import { useDesignerStoreApi } from '../../store/DesignerProvider.js';
import { allRefs, findTask } from '../../model/slots.js';
import { derivedJoinOn } from '../../model/sync-joins.js';
import { SelectField, Section, TextField } from '../fields.js';
import { withKey, type TaskFieldsProps } from './types.js';

/** SWITCH / DECISION: evaluator, expression and the cases (value, add, remove). */
export function SwitchFields({ task, update }: TaskFieldsProps) {
  const store = useDesignerStoreApi();
  const ref = task.taskReferenceName;
  const cases = Object.keys(task.decisionCases ?? {});
  const apply = (c: Parameters<ReturnType<typeof store.getState>['apply']>[0]) =>
    store.getState().apply(c, 'inspector');
  const addCase = () => {
    let key = `case_${cases.length + 1}`;
    for (let n = cases.length + 2; cases.includes(key); n++) key = `case_${n}`;
    apply({ type: 'addCase', ref, caseKey: key });
  };
  return (
    <>
      {task.type === 'DECISION' ? (
        <Section title="Decision">
          <TextField
            label="Case value parameter"
            value={task.caseValueParam ?? ''}
            onCommit={(v) => update((t) => withKey(t, 'caseValueParam', v || undefined))}
            mono
          />
          <TextField
            label="Case expression (JavaScript)"
            value={task.caseExpression ?? ''}
            onCommit={(v) => update((t) => withKey(t, 'caseExpression', v || undefined))}
            mono
            multiline
          />
        </Section>
      ) : (
        <Section title="Switch">
          <SelectField
            label="Evaluator"
            value={task.evaluatorType ?? undefined}
            options={['value-param', 'javascript', 'graaljs']}
            onCommit={(v) => update((t) => withKey(t, 'evaluatorType', v))}
          />
          <TextField
            label={
              task.evaluatorType === 'value-param'
                ? 'Input parameter holding the case value'
                : 'Expression'
            }
            hint={
              task.evaluatorType === 'value-param'
                ? 'The name of a key in the input parameters below.'
                : 'JavaScript over $ (the task input); its value picks the case.'
            }
            value={task.expression ?? ''}
            onCommit={(v) => update((t) => withKey(t, 'expression', v))}
            mono
            multiline={task.evaluatorType !== 'value-param'}
            testId="switch-expression"
          />
        </Section>
      )}
      <Section
        title="Cases"
        actions={
          <button type="button" className="text-button" onClick={addCase}>
            <Plus size={14} aria-hidden /> Add case
          </button>
        }
      >
        <ul className="case-list">
          {cases.map((c, i) => (
            // By position: a renamed case keeps its row, so Tab moves on instead of losing focus.
            <li key={i}>
              <TextField
                label="Case value"
                value={c}
                testId={`case-value-${c}`}
                onCommit={(to) => to && apply({ type: 'renameCase', ref, from: c, to })}
              />
              <span className="muted small">{task.decisionCases?.[c]?.length ?? 0} tasks</span>
              <button
                type="button"
                className="icon-button small"
                aria-label={`Remove case ${c}`}
                onClick={() => apply({ type: 'removeCase', ref, caseKey: c })}
              >
                <X size={14} />
              </button>
            </li>
          ))}
          <li className="muted small">
            default: {task.defaultCase?.length ?? 0} tasks (runs when no case matches)
          </li>
        </ul>
      </Section>
    </>
  );
}

/** FORK_JOIN: its branches. */
export function ForkFields({ task }: TaskFieldsProps) {
  const store = useDesignerStoreApi();
  const ref = task.taskReferenceName;
  const branches = task.forkTasks ?? [];
  return (
    <Section
      title="Branches"
      actions={
        <button
          type="button"
          className="text-button"
          onClick={() => store.getState().apply({ type: 'addBranch', ref }, 'inspector')}
        >
          <Plus size={14} aria-hidden /> Add branch
        </button>
      }
    >
      <ul className="case-list">
        {branches.map((b, i) => (
          <li key={i}>
            <span>Branch {i + 1}</span>
            <span className="muted small">
              {b.length} tasks{b.length ? `: ${b.map((t) => t.taskReferenceName).join(' → ')}` : ''}
            </span>
            <button
              type="button"
              className="icon-button small"
              aria-label={`Remove branch ${i + 1}`}
              onClick={() =>
                store.getState().apply({ type: 'removeBranch', ref, branch: i }, 'inspector')
              }
            >
              <X size={14} />
            </button>
          </li>
        ))}
      </ul>
      <p className="field-hint">The JOIN after the fork waits for the last task of every branch.</p>
    </Section>
  );
}

/**
 * The refs a JOIN's lists offer: after a FORK_JOIN, the last task of each of its branches, then the
 * branches' other tasks (and any ref already chosen); otherwise every other task.
 */
export function joinCandidates(
  def: TaskFieldsProps['def'],
  join: TaskFieldsProps['task'],
): string[] {
  const loc = findTask(def, join.taskReferenceName);
  const fork = loc && loc.index > 0 ? loc.siblings[loc.index - 1] : undefined;
  if (join.type === 'JOIN' && fork?.type === 'FORK_JOIN') {
    // Conductor's JOIN waits on forked tasks (docs/conductor-compatibility.md): the branch ends
    // first, then the branches' other tasks, then anything chosen by hand elsewhere.
    const ends = derivedJoinOn(fork);
    const forked = (fork.forkTasks ?? []).flat().map((t) => t.taskReferenceName);
    return [...new Set([...ends, ...forked, ...(join.joinOn ?? [])])];
  }
  return [...allRefs(def)].filter((r) => r !== join.taskReferenceName);
}

/** JOIN / EXCLUSIVE_JOIN: which tasks to wait for. */
export function JoinFields({ task, def, update }: TaskFieldsProps) {
  const refs = joinCandidates(def, task);
  const joinOn = task.joinOn ?? [];
  const toggle = (r: string, key: 'joinOn' | 'defaultExclusiveJoinTask') =>
    update((t) => {
      const cur = t[key] ?? [];
      return { ...t, [key]: cur.includes(r) ? cur.filter((x) => x !== r) : [...cur, r] };
    });
  const list = (key: 'joinOn' | 'defaultExclusiveJoinTask', chosen: string[]) => (
    <div className="check-list">
      {refs.map((r) => (
        <label key={r} className="check-field">
          <input type="checkbox" checked={chosen.includes(r)} onChange={() => toggle(r, key)} />
          <span className="mono">{r}</span>
        </label>
      ))}
    </div>
  );
  return (
    <>
      <Section title="Join on">{list('joinOn', joinOn)}</Section>
      {task.type === 'EXCLUSIVE_JOIN' ? (
        <Section title="Default exclusive join tasks">
          {list('defaultExclusiveJoinTask', task.defaultExclusiveJoinTask ?? [])}
        </Section>
      ) : null}
    </>
  );
}

/** DO_WHILE: the loop condition (and OSS list iteration). */
export function LoopFields({ task, update }: TaskFieldsProps) {
  return (
    <Section title="Loop">
      <TextField
        label="Loop condition (JavaScript)"
        hint={`Evaluated after each iteration; $.${task.taskReferenceName}['iteration'] is the iteration count.`}
        value={task.loopCondition ?? ''}
        onCommit={(v) => update((t) => withKey(t, 'loopCondition', v))}
        mono
        multiline
        testId="loop-condition"
      />
      <TextField
        label="Items (optional list expression)"
        value={task.items ?? ''}
        onCommit={(v) => update((t) => withKey(t, 'items', v || undefined))}
        mono
      />
      <p className="field-hint">
        {task.loopOver?.length ?? 0} tasks in the body. Add them with the + inside the loop.
      </p>
    </Section>
  );
}

/** FORK_JOIN_DYNAMIC: where the forked tasks and their inputs come from. */
export function DynamicForkFields({ task, update }: TaskFieldsProps) {
  return (
    <Section title="Dynamic fork">
      <TextField
        label="Tasks parameter (dynamicForkTasksParam)"
        value={task.dynamicForkTasksParam ?? ''}
        onCommit={(v) => update((t) => withKey(t, 'dynamicForkTasksParam', v || undefined))}
        mono
      />
      <TextField
        label="Inputs parameter (dynamicForkTasksInputParamName)"
        value={task.dynamicForkTasksInputParamName ?? ''}
        onCommit={(v) =>
          update((t) => withKey(t, 'dynamicForkTasksInputParamName', v || undefined))
        }
        mono
      />
    </Section>
  );
}
