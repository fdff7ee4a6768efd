/**
 * Keeps the executions list live: workflow events patch the status of listed rows at once; an
 * event for an execution not listed (a new one) re-reads the search, at most once a second.
 * @module
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SearchResult, WorkflowSummary } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { applyEventToSearch } from '../model/apply-event.js';
import { executionKeys } from './queries.js';

const RESEARCH_MS = 1_000;

/** Subscribes to every workflow event while the list is shown. */
export function useLiveList(): void {
  const client = useBatonClient();
  const qc = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const research = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void qc.invalidateQueries({ queryKey: executionKeys.searches });
      }, RESEARCH_MS);
    };
    const unsubscribe = client.events.subscribe(
      {},
      (event) => {
        if (event.type !== 'workflow') return;
        let listed = false;
        for (const [key, page] of qc.getQueriesData<SearchResult<WorkflowSummary>>({
          queryKey: executionKeys.searches,
        })) {
          if (!page) continue;
          const next = applyEventToSearch(page, event);
          if (next) {
            listed = true;
            if (next !== page) qc.setQueryData(key, next);
          }
        }
        // New executions, and ones whose new status moves them in or out of a filtered page.
        if (!listed || event.status !== 'RUNNING') research();
      },
      research,
    );
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, qc]);
}
