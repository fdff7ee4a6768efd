/**
 * Keeps one execution's query live from the SSE stream: each event patches the cached execution at
 * once (so the node changes colour without waiting for a request), then a throttled re-read
 * fetches full rows. No polling: with no events, nothing is requested.
 * @module
 */
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ExecutionEvent, Workflow } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { applyEventToWorkflow } from '../model/apply-event.js';
import { executionKeys } from './queries.js';

/** Wait between an event and the re-read of full rows (plus 1 ms per task held). */
const REFETCH_DEBOUNCE_MS = 150;

/** Subscribes while mounted; `onEvent` sees every event of the execution (e.g. to announce it). */
export function useLiveExecution(
  workflowId: string,
  onEvent?: (event: ExecutionEvent) => void,
): void {
  const client = useBatonClient();
  const qc = useQueryClient();
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    const key = executionKeys.execution(workflowId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due = Infinity;
    // A throttle, not a debounce: a steady stream of events still gets a re-read every interval.
    const refetch = (delay: number) => {
      const at = Date.now() + delay;
      if (timer !== undefined && due <= at) return;
      clearTimeout(timer);
      due = at;
      timer = setTimeout(() => {
        timer = undefined;
        due = Infinity;
        // A read already under way may predate the event: read again once it is back.
        if (qc.isFetching({ queryKey: key, exact: true }) > 0) refetch(REFETCH_DEBOUNCE_MS);
        else void qc.invalidateQueries({ queryKey: key, exact: true });
      }, delay);
    };
    const unsubscribe = client.events.subscribe(
      { workflowId },
      (event) => {
        const current = qc.getQueryData<Workflow>(key);
        if (current) {
          const result = applyEventToWorkflow(current, event);
          if (result.type !== 'unchanged') qc.setQueryData(key, result.workflow);
          // Large executions are re-read less often: the patch already shows the status. A new
          // task's full row (and a dynamic fork's branches) come sooner.
          const wait = Math.min(2_000, REFETCH_DEBOUNCE_MS + current.tasks.length);
          refetch(result.type === 'added' ? wait - REFETCH_DEBOUNCE_MS : wait);
        } else {
          // The first read is still under way and may predate this event: read again after it.
          refetch(REFETCH_DEBOUNCE_MS);
        }
        onEventRef.current?.(event);
      },
      // A dropped stream loses events: re-read once it comes back.
      () => refetch(1_000),
    );
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, qc, workflowId]);
}
