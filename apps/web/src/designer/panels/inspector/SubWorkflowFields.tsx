import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ExternalLink } from 'lucide-react';
import { useBatonClient } from '../../../app/providers.js';
import { groupVersions, workflowDefsQuery } from '../../../api/queries.js';
import { SelectField, Section, showLoose } from '../fields.js';
import { withKey, type TaskFieldsProps } from './types.js';

/** SUB_WORKFLOW and START_WORKFLOW: pick a stored definition and version, with a link to open it. */
export function SubWorkflowFields(p: TaskFieldsProps) {
  const client = useBatonClient();
  const defs = useQuery(workflowDefsQuery(client));
  const grouped = groupVersions(defs.data ?? []);
  const isStart = p.task.type === 'START_WORKFLOW';
  const start = (p.task.inputParameters?.startWorkflow ?? {}) as Record<string, unknown>;
  const param = isStart ? start : (p.task.subWorkflowParam ?? {});
  const name = showLoose(param.name);
  const version = param.version;
  const set = (patch: Record<string, unknown>) =>
    p.update((t) => {
      if (isStart) {
        const sw = Object.entries(patch).reduce((acc, [k, v]) => withKey(acc, k, v), start);
        return { ...t, inputParameters: { ...t.inputParameters, startWorkflow: sw } };
      }
      const swp = Object.entries(patch).reduce(
        (acc, [k, v]) => withKey(acc, k, v),
        t.subWorkflowParam ?? {},
      );
      return { ...t, subWorkflowParam: swp };
    });
  const versions = (grouped.get(name) ?? []).map((d) => String(d.version ?? 1));
  const href = name
    ? `/workflows/${encodeURIComponent(name)}${version != null && version !== '' ? `/${String(version)}` : ''}`
    : null;
  return (
    <Section title={isStart ? 'Workflow to start' : 'Sub workflow'}>
      <SelectField
        label="Workflow"
        value={name || undefined}
        options={[...grouped.keys()].sort()}
        allowEmpty={defs.isLoading ? 'Loading…' : 'Choose a workflow'}
        onCommit={(v) => {
          const latest = v ? grouped.get(v)?.[0]?.version : undefined;
          set({ name: v ?? '', version: latest });
        }}
      />
      <SelectField
        label="Version"
        value={version == null ? '' : String(version)}
        options={versions}
        allowEmpty="Latest at start"
        onCommit={(v) => set({ version: v ? Number(v) : undefined })}
      />
      {href ? (
        <Link className="text-button" to={href} target="_blank" rel="noreferrer">
          <ExternalLink size={14} aria-hidden /> Open {name}
          {version != null && version !== '' ? ` v${String(version)}` : ''}
        </Link>
      ) : null}
      {defs.isError ? <p className="field-hint">Could not list the stored workflows.</p> : null}
    </Section>
  );
}
