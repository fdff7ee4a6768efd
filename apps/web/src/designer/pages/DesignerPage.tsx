import { useQuery } from '@tanstack/react-query';
import { useLocation, useParams, useSearchParams } from 'react-router-dom';
import type { WorkflowDef } from '@baton/engine';
import { useBatonClient } from '../../app/providers.js';
import { workflowDefQuery } from '../../api/queries.js';
import { PageSpinner } from '../../ui/PageSpinner.js';
import { findExample } from '../../workflows/examples.js';
import { readDraft } from '../io/draft-storage.js';
import { importDraftKey } from '../io/useOpenAsNewDraft.js';
import { DesignerSession } from './DesignerSession.js';

/** An empty definition for /workflows/new. */
export function emptyWorkflow(): WorkflowDef {
  return {
    name: 'new_workflow',
    description: '',
    version: 1,
    schemaVersion: 2,
    tasks: [],
    inputParameters: [],
    outputParameters: {},
    timeoutPolicy: 'ALERT_ONLY',
    timeoutSeconds: 0,
  };
}

/** Route component: resolves what to edit from the URL (new, example, stored version) and opens it. */
export default function DesignerPage() {
  const { name, version } = useParams();
  const [search] = useSearchParams();
  // A message from the page that sent the user here (e.g. an import that opened a new draft).
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  if (!name) {
    const exampleId = search.get('example');
    const example = exampleId ? findExample(exampleId) : undefined;
    // `?import=<name>`: a file imported over another workflow opens as its own new draft.
    const importName = search.get('import');
    const key = exampleId
      ? `new?example=${exampleId}`
      : importName
        ? importDraftKey(importName)
        : 'new';
    const draft = readDraft(key);
    const initial = draft?.def ?? (example ? structuredClone(example.def) : emptyWorkflow());
    return (
      <DesignerSession
        key={key}
        draftKey={key}
        initial={initial}
        baseline={null}
        notice={notice ?? (draft && !importName ? 'Restored your unsaved draft' : null)}
      />
    );
  }
  return (
    <StoredDesigner name={name} version={version ? Number(version) : undefined} notice={notice} />
  );
}

function StoredDesigner({
  name,
  version,
  notice,
}: {
  name: string;
  version?: number;
  notice: string | null;
}) {
  const client = useBatonClient();
  const q = useQuery(workflowDefQuery(client, name, version));
  if (q.isPending) return <PageSpinner label={`Loading ${name}…`} />;
  if (q.isError || !q.data) {
    return (
      <div className="page">
        <div className="empty-state">
          <h1>Cannot open {name}</h1>
          <p>{q.error instanceof Error ? q.error.message : 'The definition was not found.'}</p>
          <a className="button" href="/workflows">
            Back to workflows
          </a>
        </div>
      </div>
    );
  }
  const key = `${name}/${version ?? 'latest'}`;
  const draft = readDraft(key);
  const useDraft = draft && draft.baseVersion === (q.data.version ?? 1);
  return (
    <DesignerSession
      key={`${key}@${q.dataUpdatedAt}`}
      draftKey={key}
      initial={useDraft ? draft.def : q.data}
      baseline={q.data}
      notice={notice ?? (useDraft ? 'Restored your unsaved draft' : null)}
    />
  );
}
