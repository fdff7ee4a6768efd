import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Play } from 'lucide-react';
import type { WorkflowDef } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { groupVersions, workflowDefsQuery } from '../../api/queries.js';
import { useStartWorkflow } from '../api/mutations.js';
import { parseInput, skeletonInput, toFieldText, withField } from '../model/input-form.js';
import { PageSpinner } from '../../ui/PageSpinner.js';
import '../executions.css';

const MonacoJson = lazy(() => import('../shared/MonacoJson.js'));

/**
 * `/executions/run?name=&version=`: start a workflow with JSON input (Monaco, plus a form generated
 * from the definition's `inputParameters`), a correlation id and a version; then open the execution.
 */
export default function RunWorkflowPage() {
  const client = useBatonClient();
  const [params, setParams] = useSearchParams();
  const defs = useQuery(workflowDefsQuery(client));
  const byName = useMemo(() => groupVersions(defs.data ?? []), [defs.data]);
  const name = params.get('name') ?? '';
  const versions = byName.get(name) ?? [];
  const versionParam = params.get('version');
  const def = versions.find((d) => String(d.version ?? 1) === versionParam) ?? versions[0];
  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'name') next.delete('version');
        return next;
      },
      { replace: true },
    );
  if (defs.isPending) return <PageSpinner />;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Run a workflow</h1>
          <p className="muted">Start an execution and watch it live.</p>
        </div>
      </div>
      <RunForm
        key={`${def?.name ?? ''}@${def?.version ?? ''}`}
        def={def}
        names={[...byName.keys()].sort()}
        versions={versions}
        versionParam={versionParam}
        onParam={setParam}
      />
    </div>
  );
}

interface RunFormProps {
  def: WorkflowDef | undefined;
  names: string[];
  versions: WorkflowDef[];
  versionParam: string | null;
  onParam: (key: string, value: string) => void;
}

/** The form for one chosen definition; keyed by it, so its input starts from that definition. */
function RunForm({ def, names, versions, versionParam, onParam }: RunFormProps) {
  const navigate = useNavigate();
  const declared = def?.inputParameters ?? [];
  const [input, setInput] = useState(() => skeletonInput(def?.inputParameters ?? []));
  const [correlationId, setCorrelationId] = useState('');
  const start = useStartWorkflow();
  const parsed = parseInput(input);
  const submit = () => {
    if (!def || !parsed.ok) return;
    start.mutate(
      {
        name: def.name,
        ...(versionParam ? { version: def.version ?? 1 } : {}),
        input: parsed.value,
        ...(correlationId.trim() ? { correlationId: correlationId.trim() } : {}),
      },
      { onSuccess: (id) => navigate(`/executions/${encodeURIComponent(id)}`) },
    );
  };
  return (
    <form
      className="card run-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="field-grid run-grid">
        <div className="field">
          <label htmlFor="run-name">Workflow</label>
          <select
            id="run-name"
            value={def?.name ?? ''}
            onChange={(e) => onParam('name', e.target.value)}
          >
            <option value="">Choose a workflow…</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="run-version">Version</label>
          <select
            id="run-version"
            value={versionParam ?? ''}
            onChange={(e) => onParam('version', e.target.value)}
            disabled={!def}
          >
            <option value="">Latest{versions[0] ? ` (v${versions[0].version ?? 1})` : ''}</option>
            {versions.map((d) => (
              <option key={d.version ?? 1} value={String(d.version ?? 1)}>
                v{d.version ?? 1}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="run-correlation">Correlation id</label>
          <input
            id="run-correlation"
            value={correlationId}
            onChange={(e) => setCorrelationId(e.target.value)}
            placeholder="optional, e.g. order-1234"
          />
        </div>
      </div>
      {def?.description ? <p className="muted small">{def.description}</p> : null}
      {declared.length > 0 ? (
        <fieldset className="run-params">
          <legend>Input parameters</legend>
          {declared.map((p) => (
            <div className="field" key={p}>
              <label htmlFor={`run-param-${p}`}>{p}</label>
              <input
                id={`run-param-${p}`}
                value={parsed.ok ? toFieldText(parsed.value[p]) : ''}
                disabled={!parsed.ok}
                onChange={(e) => parsed.ok && setInput(withField(parsed.value, p, e.target.value))}
                placeholder="text, or JSON (42, true, {…})"
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      <div className="field">
        <label>Input (JSON)</label>
        <div className="code-box" data-testid="run-input">
          <Suspense
            fallback={
              <textarea
                aria-label="Input JSON"
                rows={8}
                value={input}
                onChange={(e) => setInput(e.target.value)}
              />
            }
          >
            <MonacoJson value={input} onChange={setInput} ariaLabel="Input JSON" height={200} />
          </Suspense>
        </div>
        {!parsed.ok ? (
          <p className="error-text small" role="alert">
            {parsed.error}
          </p>
        ) : null}
      </div>
      {start.error ? (
        <p className="error-text" role="alert">
          Could not start: {start.error.message}
        </p>
      ) : null}
      <div className="run-actions">
        <Link to="/executions" className="button ghost">
          Cancel
        </Link>
        <button
          type="submit"
          className="button primary"
          disabled={!def || !parsed.ok || start.isPending}
        >
          <Play size={15} aria-hidden /> {start.isPending ? 'Starting…' : 'Run'}
        </button>
      </div>
    </form>
  );
}
