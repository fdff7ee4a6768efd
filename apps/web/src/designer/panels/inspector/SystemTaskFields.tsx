import { lazy, Suspense } from 'react';
import { SelectField, Section, TextField, showLoose, parseLoose } from '../fields.js';
import { KeyValueEditor } from './KeyValueEditor.js';
import { withKey, type TaskFieldsProps } from './types.js';

const CodeEditor = lazy(() => import('../CodeEditor.js'));

const input = (p: TaskFieldsProps) => p.task.inputParameters ?? {};
const setInput = (p: TaskFieldsProps, key: string, value: unknown) =>
  p.update((t) => ({ ...t, inputParameters: withKey(t.inputParameters ?? {}, key, value) }));

/** HTTP: the request (uri, method, headers, body, content types, timeouts). */
export function HttpFields(p: TaskFieldsProps) {
  const req = (input(p).http_request ?? {}) as Record<string, unknown>;
  const setReq = (key: string, value: unknown) =>
    setInput(p, 'http_request', withKey(req, key, value));
  return (
    <Section title="HTTP request">
      <SelectField
        label="Method"
        value={showLoose(req.method) || undefined}
        options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']}
        onCommit={(v) => setReq('method', v)}
      />
      <TextField
        label="URI"
        value={showLoose(req.uri)}
        onCommit={(v) => setReq('uri', v)}
        mono
        list={undefined}
        testId="http-uri"
      />
      <h4 className="subheading">Headers</h4>
      <KeyValueEditor
        value={(req.headers ?? {}) as Record<string, unknown>}
        onChange={(h) => setReq('headers', h)}
        suggestions={p.suggestions}
        addLabel="Add header"
      />
      <TextField
        label="Body (JSON or expression)"
        value={showLoose(req.body)}
        onCommit={(v) => setReq('body', v === '' ? undefined : parseLoose(v))}
        mono
        multiline
      />
      <TextField
        label="Accept"
        value={showLoose(req.accept)}
        placeholder="application/json"
        onCommit={(v) => setReq('accept', v || undefined)}
      />
      <TextField
        label="Content type"
        value={showLoose(req.contentType)}
        placeholder="application/json"
        onCommit={(v) => setReq('contentType', v || undefined)}
      />
      <TextField
        label="Connection timeout (ms)"
        value={showLoose(req.connectionTimeOut)}
        placeholder="3000"
        onCommit={(v) => setReq('connectionTimeOut', v ? Number(v) : undefined)}
      />
      <TextField
        label="Read timeout (ms)"
        value={showLoose(req.readTimeOut)}
        placeholder="3000"
        onCommit={(v) => setReq('readTimeOut', v ? Number(v) : undefined)}
      />
    </Section>
  );
}

/** INLINE: evaluator and script (Monaco). */
export function InlineFields(p: TaskFieldsProps) {
  const inp = input(p);
  return (
    <Section title="Script">
      <SelectField
        label="Evaluator"
        value={showLoose(inp.evaluatorType) || undefined}
        options={['graaljs', 'javascript', 'value-param']}
        onCommit={(v) => setInput(p, 'evaluatorType', v)}
      />
      <div className="field">
        <label>Expression</label>
        <div className="code-box">
          <Suspense fallback={<pre className="mono">{showLoose(inp.expression)}</pre>}>
            <CodeEditor
              language="javascript"
              value={showLoose(inp.expression)}
              onCommit={(v) => setInput(p, 'expression', v)}
              ariaLabel="Inline script expression"
            />
          </Suspense>
        </div>
        <p className="field-hint">
          $ is the resolved task input; the value of the script becomes output.result.
        </p>
      </div>
    </Section>
  );
}

/** JSON_JQ_TRANSFORM: the jq program. */
export function JqFields(p: TaskFieldsProps) {
  return (
    <Section title="jq">
      <TextField
        label="Query expression"
        value={showLoose(input(p).queryExpression)}
        onCommit={(v) => setInput(p, 'queryExpression', v)}
        mono
        multiline
      />
    </Section>
  );
}

/** WAIT: a duration or a date (not both). */
export function WaitFields(p: TaskFieldsProps) {
  const inp = input(p);
  return (
    <Section title="Wait">
      <TextField
        label="Duration"
        hint="e.g. 30s, 5m, 1h 30m, 2 days. Leave both empty to wait for a signal."
        value={showLoose(inp.duration)}
        onCommit={(v) => setInput(p, 'duration', v || undefined)}
      />
      <TextField
        label="Until"
        hint="yyyy-MM-dd HH:mm, optionally with a zone."
        value={showLoose(inp.until)}
        onCommit={(v) => setInput(p, 'until', v || undefined)}
      />
    </Section>
  );
}

/** TERMINATE: status, reason and output. */
export function TerminateFields(p: TaskFieldsProps) {
  const inp = input(p);
  return (
    <Section title="Terminate">
      <SelectField
        label="Termination status"
        value={showLoose(inp.terminationStatus) || undefined}
        options={['COMPLETED', 'FAILED', 'TERMINATED']}
        onCommit={(v) => setInput(p, 'terminationStatus', v)}
      />
      <TextField
        label="Reason"
        value={showLoose(inp.terminationReason)}
        onCommit={(v) => setInput(p, 'terminationReason', v || undefined)}
      />
      <TextField
        label="Workflow output (JSON)"
        value={showLoose(inp.workflowOutput)}
        onCommit={(v) => setInput(p, 'workflowOutput', v ? parseLoose(v) : undefined)}
        mono
        multiline
      />
    </Section>
  );
}

/** EVENT: the sink. */
export function EventFields(p: TaskFieldsProps) {
  return (
    <Section title="Event">
      <TextField
        label="Sink"
        hint='"conductor", "conductor:<queue>" or "<type>:<queue>".'
        value={p.task.sink ?? ''}
        onCommit={(v) => p.update((t) => withKey(t, 'sink', v))}
        mono
        testId="event-sink"
      />
    </Section>
  );
}

/** DYNAMIC: the input key naming the task to run. */
export function DynamicFields(p: TaskFieldsProps) {
  return (
    <Section title="Dynamic task">
      <TextField
        label="Task name parameter"
        value={p.task.dynamicTaskNameParam ?? ''}
        onCommit={(v) => p.update((t) => withKey(t, 'dynamicTaskNameParam', v))}
        mono
      />
    </Section>
  );
}
