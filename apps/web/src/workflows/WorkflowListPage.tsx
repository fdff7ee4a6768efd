import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { RunWorkflowLink } from '../executions/run/RunWorkflowLink.js';
import { useQuery } from '@tanstack/react-query';
import { Bot, FilePlus, Search, Sparkles, Upload } from 'lucide-react';
import { useBatonClient } from '../app/providers.js';
import { groupVersions, workflowDefsQuery } from '../api/queries.js';
import { EXAMPLES } from './examples.js';
import { runWithSampleWorkers } from './sample-run.js';
import { useOpenAsNewDraft } from '../designer/io/useOpenAsNewDraft.js';
import { toDefOrError } from '../designer/panels/json-text.js';

const countTasks = (tasks: unknown): number =>
  Array.isArray(tasks)
    ? tasks.reduce<number>((n, t: Record<string, unknown>) => {
        const nested = [
          ...((t.forkTasks as unknown[][] | undefined) ?? []),
          ...Object.values((t.decisionCases as Record<string, unknown[]> | undefined) ?? {}),
          (t.defaultCase as unknown[] | undefined) ?? [],
          (t.loopOver as unknown[] | undefined) ?? [],
        ];
        return n + 1 + nested.reduce<number>((m, l) => m + countTasks(l), 0);
      }, 0)
    : 0;

/** /workflows: search the stored definitions, open a version, start new or from an example. */
export function WorkflowListPage() {
  const client = useBatonClient();
  const navigate = useNavigate();
  const defs = useQuery(workflowDefsQuery(client));
  const [query, setQuery] = useState('');
  const [sampleRun, setSampleRun] = useState<{ id: string; error?: string } | null>(null);
  const runSample = (exampleId: string) => {
    const example = EXAMPLES.find((e) => e.id === exampleId);
    if (!example || (sampleRun !== null && sampleRun.error === undefined)) return;
    setSampleRun({ id: exampleId });
    runWithSampleWorkers(client, example).then(
      (workflowId) => navigate(`/executions/${encodeURIComponent(workflowId)}`),
      (e: unknown) =>
        setSampleRun({ id: exampleId, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  const grouped = useMemo(() => groupVersions(defs.data ?? []), [defs.data]);
  const rows = useMemo(() => {
    const q = query.toLowerCase();
    return [...grouped.entries()]
      .filter(
        ([name, versions]) =>
          !q ||
          name.toLowerCase().includes(q) ||
          (versions[0]?.description ?? '').toLowerCase().includes(q),
      )
      .sort(([a], [b]) => a.localeCompare(b));
  }, [grouped, query]);

  // An import opens as its own draft: an unsaved /workflows/new draft is left alone.
  const newDraft = useOpenAsNewDraft();
  const importFile = (file: File) =>
    void file.text().then((text) => {
      const r = toDefOrError(text);
      if (r.type === 'error') return window.alert(`Cannot import ${file.name}: ${r.message}`);
      newDraft.open(r.def, file.name, `Imported ${r.def.name || 'a workflow'} from ${file.name}`);
    });

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Workflows</h1>
          <p className="muted">
            Workflow definitions stored on this server, in Conductor's format.
          </p>
        </div>
        <div className="page-actions">
          <label className="button ghost">
            <Upload size={15} aria-hidden /> Import JSON
            <input
              type="file"
              accept="application/json,.json"
              hidden
              onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])}
            />
          </label>
          <Link className="button primary" to="/workflows/new">
            <FilePlus size={15} aria-hidden /> New workflow
          </Link>
        </div>
      </div>

      <label className="search-field wide">
        <Search size={15} aria-hidden />
        <input
          type="search"
          placeholder="Search by name or description"
          aria-label="Search workflows"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>

      <div className="card">
        {defs.isPending ? <p className="muted pad">Loading…</p> : null}
        {defs.isError ? (
          <p className="error-text pad">Cannot reach the server: {defs.error.message}</p>
        ) : null}
        {defs.isSuccess && rows.length === 0 ? (
          <p className="muted pad">
            {query
              ? 'No workflow matches.'
              : 'No workflows yet. Create one or start from an example below.'}
          </p>
        ) : null}
        {rows.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th>Tasks</th>
                <th>Versions</th>
                <th aria-label="Run" />
              </tr>
            </thead>
            <tbody>
              {rows.map(([name, versions]) => {
                const latest = versions[0]!;
                return (
                  <tr key={name}>
                    <td>
                      <Link to={`/workflows/${encodeURIComponent(name)}`} className="strong-link">
                        {name}
                      </Link>
                    </td>
                    <td className="muted">{latest.description}</td>
                    <td>{countTasks(latest.tasks)}</td>
                    <td>
                      <div className="chips">
                        {versions.map((v) => (
                          <Link
                            key={v.version ?? 1}
                            className="chip"
                            to={`/workflows/${encodeURIComponent(name)}/${v.version ?? 1}`}
                          >
                            v{v.version ?? 1}
                          </Link>
                        ))}
                        {versions.length > 1 ? (
                          <Link
                            className="chip"
                            to={`/compare/versions/${encodeURIComponent(name)}?a=${versions[1]!.version ?? 1}&b=${latest.version ?? 1}`}
                            title={`Compare the two latest versions of ${name}`}
                          >
                            Compare…
                          </Link>
                        ) : null}
                      </div>
                    </td>
                    <td>
                      <RunWorkflowLink name={name} className="button ghost" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </div>

      {newDraft.dialog}
      {EXAMPLES.length > 0 ? (
        <section className="examples" aria-label="Examples">
          <h2>
            <Sparkles size={16} aria-hidden /> Start from an example
          </h2>
          <p className="muted small">
            Open one in the designer, or run it at once: "Run with sample workers" turns on the
            server's built-in sample workers, which complete the examples' tasks with made-up
            outputs, so nothing needs writing first. Your own workers replace them (see
            docs/getting-started.md).
          </p>
          <div className="example-grid">
            {EXAMPLES.map((ex) => (
              <div key={ex.id} className="example-card" data-example={ex.id}>
                <Link
                  className="example-open"
                  to={`/workflows/new?example=${encodeURIComponent(ex.id)}`}
                >
                  <strong>
                    {ex.def.name} <span className="muted">v{ex.def.version ?? 1}</span>
                  </strong>
                  <span className="muted small">{ex.def.description || ex.id}</span>
                  <span className="small">{countTasks(ex.def.tasks)} tasks</span>
                </Link>
                <button
                  type="button"
                  className="button ghost small"
                  disabled={sampleRun !== null && sampleRun.error === undefined}
                  onClick={() => runSample(ex.id)}
                  title="Turns on the server's built-in sample workers (not your code: they answer the examples' tasks with made-up outputs) and starts this example"
                >
                  <Bot size={14} aria-hidden />{' '}
                  {sampleRun?.id === ex.id && sampleRun.error === undefined
                    ? 'Starting…'
                    : 'Run with sample workers'}
                </button>
                {sampleRun?.id === ex.id && sampleRun.error !== undefined ? (
                  <span className="error-text small" role="alert">
                    {sampleRun.error}
                  </span>
                ) : null}
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
