import { useEffect, useMemo, useRef, useState } from 'react';
import {
  MOCK_STATUSES,
  addAttempt,
  addMockedTask,
  mocksText,
  moveAttempt,
  orderedRefs,
  parseMocks,
  parseOutput,
  removeAttempt,
  removeMockedTask,
  unmockedRefs,
  updateAttempt,
  type MockStatus,
  type Mocks,
  type Parsed,
} from './mock-model.js';

/** A JSON text area that commits only what `parse` accepts on blur, and says why otherwise. */
function JsonText<T>({
  label,
  value,
  parse,
  onCommit,
  testId,
  rows,
  focusKey,
  ariaLabel,
}: {
  label: string;
  ariaLabel?: string;
  value: string;
  parse: (text: string) => Parsed<T>;
  onCommit: (v: T) => void;
  testId: string;
  rows: number;
  focusKey?: string;
}) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  // A new value from outside (the other view, another case) replaces the text.
  const [lastValue, setLastValue] = useState(value);
  if (lastValue !== value) {
    setLastValue(value);
    setText(value);
    setError(null);
  }
  const errorId = `${testId}-error`;
  return (
    <label className="field">
      <span>{label}</span>
      <textarea
        className="mono"
        rows={rows}
        value={text}
        data-testid={testId}
        data-focus={focusKey}
        aria-label={ariaLabel}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const parsed = parse(text);
          if (!parsed.ok) {
            setError(parsed.error);
            return;
          }
          setError(null);
          onCommit(parsed.value);
        }}
      />
      {error ? (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** An output as short text: one line when it fits, indented otherwise. */
function outputText(v: Record<string, unknown> | undefined): string {
  const line = JSON.stringify(v ?? {});
  return line.length <= 60 ? line : JSON.stringify(v, null, 2);
}

/**
 * The mocked task results of a test case: a form (per mocked task, its attempts in order, each
 * with a status and an output) or, for power users, the same map as JSON. Both edit one value.
 */
export function MocksEditor({
  mocks,
  mockable,
  onChange,
}: {
  mocks: Mocks;
  /** Worker task references of the definition, in order (what can be mocked). */
  mockable: readonly string[];
  onChange: (next: Mocks) => void;
}) {
  const [asJson, setAsJson] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  // The control to focus once the change it follows has rendered (keyboard users keep their place).
  const focusNext = useRef<string | null>(null);
  const addable = useMemo(() => unmockedRefs(mockable, mocks), [mockable, mocks]);
  const [toAdd, setToAdd] = useState('');
  const chosen = addable.includes(toAdd) ? toAdd : (addable[0] ?? '');

  useEffect(() => {
    const key = focusNext.current;
    if (key === null) return;
    focusNext.current = null;
    const el = [...(container.current?.querySelectorAll<HTMLElement>('[data-focus]') ?? [])].find(
      (e) => e.dataset['focus'] === key,
    );
    el?.focus();
  }, [mocks]);

  const change = (next: Mocks, focus: string | null) => {
    focusNext.current = focus;
    onChange(next);
  };
  const inDefinition = new Set(mockable);

  return (
    <div className="mocks-editor" ref={container} data-testid="mocks-editor">
      <div className="mocks-head">
        <h3 className="subheading">Mocked task results</h3>
        <button
          type="button"
          className="button small"
          aria-pressed={asJson}
          onClick={() => setAsJson(!asJson)}
        >
          Edit as JSON
        </button>
      </div>
      {asJson ? (
        <JsonText
          label="Per task reference, one entry per attempt"
          value={mocksText(mocks)}
          parse={parseMocks}
          onCommit={(next) => onChange(next)}
          testId="test-mocks"
          rows={8}
        />
      ) : (
        <>
          {Object.keys(mocks).length === 0 ? (
            <p className="muted small">
              No task is mocked: the run stops at the first worker task.
            </p>
          ) : null}
          {orderedRefs(mockable, mocks)
            .map((ref) => [ref, mocks[ref] ?? []] as const)
            .map(([ref, attempts]) => (
              <fieldset key={ref} className="mock-task" data-testid={`mock-${ref}`}>
                <legend>
                  <span className="mono">{ref}</span>
                  {inDefinition.has(ref) ? null : (
                    <span className="muted small"> (not a worker task of this definition)</span>
                  )}
                </legend>
                {attempts.length === 0 ? (
                  <p className="muted small">No attempt: the run stops at this task.</p>
                ) : (
                  <ol className="mock-attempts">
                    {attempts.map((attempt, i) => {
                      const n = i + 1;
                      const name = `${ref} attempt ${n}`;
                      return (
                        <li key={i} className="mock-attempt">
                          <label className="field mock-status">
                            <span>Attempt {n} status</span>
                            <select
                              aria-label={`${name} status`}
                              data-focus={`${ref}\n${i}\nstatus`}
                              value={attempt.status ?? 'COMPLETED'}
                              onChange={(e) =>
                                onChange(
                                  updateAttempt(mocks, ref, i, {
                                    status: e.target.value as MockStatus,
                                  }),
                                )
                              }
                            >
                              {MOCK_STATUSES.map((s) => (
                                <option key={s} value={s}>
                                  {s}
                                </option>
                              ))}
                            </select>
                          </label>
                          <div className="mock-attempt-actions">
                            <button
                              type="button"
                              className="button small"
                              aria-label={`Move ${name} up`}
                              title="Move up"
                              data-focus={`${ref}\n${i}\nup`}
                              disabled={i === 0}
                              onClick={() =>
                                change(
                                  moveAttempt(mocks, ref, i, -1),
                                  `${ref}\n${i - 1}\n${i - 1 === 0 ? 'down' : 'up'}`,
                                )
                              }
                            >
                              ↑
                            </button>
                            <button
                              type="button"
                              className="button small"
                              aria-label={`Move ${name} down`}
                              title="Move down"
                              data-focus={`${ref}\n${i}\ndown`}
                              disabled={i === attempts.length - 1}
                              onClick={() =>
                                change(
                                  moveAttempt(mocks, ref, i, 1),
                                  `${ref}\n${i + 1}\n${i + 1 === attempts.length - 1 ? 'up' : 'down'}`,
                                )
                              }
                            >
                              ↓
                            </button>
                            <button
                              type="button"
                              className="button small"
                              aria-label={`Remove ${name}`}
                              title="Remove attempt"
                              onClick={() => change(removeAttempt(mocks, ref, i), `${ref}\nadd`)}
                            >
                              ✕
                            </button>
                          </div>
                          <JsonText
                            label={`Attempt ${n} output`}
                            ariaLabel={`${name} output`}
                            value={outputText(attempt.output)}
                            parse={(text) => parseOutput(text, `${ref}, attempt ${n}, output`)}
                            onCommit={(output) =>
                              onChange(updateAttempt(mocks, ref, i, { output }))
                            }
                            testId={`mock-output-${ref}-${n}`}
                            rows={2}
                          />
                        </li>
                      );
                    })}
                  </ol>
                )}
                <div className="tests-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Add an attempt to ${ref}`}
                    data-focus={`${ref}\nadd`}
                    onClick={() =>
                      change(addAttempt(mocks, ref), `${ref}\n${attempts.length}\nstatus`)
                    }
                  >
                    Add attempt
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Stop mocking ${ref}`}
                    onClick={() => change(removeMockedTask(mocks, ref), 'pick')}
                  >
                    Stop mocking
                  </button>
                </div>
              </fieldset>
            ))}
          {addable.length > 0 ? (
            <div className="mock-add">
              <label className="field">
                <span>Task to mock</span>
                <select value={chosen} data-focus="pick" onChange={(e) => setToAdd(e.target.value)}>
                  {addable.map((ref) => (
                    <option key={ref} value={ref}>
                      {ref}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button small"
                onClick={() => change(addMockedTask(mocks, chosen), `${chosen}\n0\nstatus`)}
              >
                Mock task
              </button>
            </div>
          ) : (
            <p className="muted small" data-focus="pick" tabIndex={-1}>
              Every worker task of the definition is mocked.
            </p>
          )}
        </>
      )}
    </div>
  );
}
