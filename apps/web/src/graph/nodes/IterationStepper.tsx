import { useState, type FormEvent, type MouseEvent } from 'react';
import {
  ChevronLeft,
  ChevronRight,
  ChevronsLeft,
  ChevronsRight,
  TriangleAlert,
} from 'lucide-react';
import type { ExecNodeData } from '../../executions/model/execution-graph.js';
import { useGraphCallbacks } from '../callbacks.js';

/** The execution skin's stepper through a DO_WHILE's iterations (first, previous, typed, next, last, first failed). */
export function IterationStepper({ data }: { data: ExecNodeData }) {
  const { showIteration } = useGraphCallbacks();
  const iterations = data.iterations ?? [];
  const index = iterations.indexOf(data.iteration ?? 0);
  const failed = data.failedIterations ?? [];
  const go = (delta: number) => (e: MouseEvent) => {
    e.stopPropagation();
    const next = iterations[index + delta];
    if (next !== undefined) showIteration(data.ref, next);
  };
  const jump = (to: number | undefined) => (e: MouseEvent) => {
    e.stopPropagation();
    if (to !== undefined) showIteration(data.ref, to);
  };
  // The typed iteration; shown only while typing, else the shown iteration.
  const [typed, setTyped] = useState<string | null>(null);
  const typedNumber = typed === null ? NaN : Number(typed);
  const typedValid = typed === null || iterations.includes(typedNumber);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed !== null && iterations.includes(typedNumber)) {
      showIteration(data.ref, typedNumber);
      setTyped(null);
    }
  };
  if (iterations.length === 0) return null;
  return (
    <span
      className="iteration-stepper nodrag"
      role="group"
      aria-label={`Iterations of ${data.ref}`}
    >
      <button
        type="button"
        className="icon-button small"
        aria-label="First iteration"
        disabled={index <= 0}
        onClick={jump(iterations[0])}
      >
        <ChevronsLeft size={14} />
      </button>
      <button
        type="button"
        className="icon-button small"
        aria-label="Previous iteration"
        disabled={index <= 0}
        onClick={go(-1)}
      >
        <ChevronLeft size={14} />
      </button>
      <form className="iteration-jump small" onSubmit={submit}>
        <label>
          Iteration{' '}
          <input
            type="number"
            className="nodrag"
            aria-label={`Iteration of ${data.ref} to show`}
            aria-invalid={!typedValid}
            title={typedValid ? undefined : `No iteration ${typed} ran`}
            min={iterations[0]}
            max={iterations.at(-1)}
            value={typed ?? String(data.iteration ?? '')}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={() => setTyped(null)}
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Escape') setTyped(null);
            }}
          />
        </label>{' '}
        <span aria-live="polite">/ {iterations.at(-1)}</span>
      </form>
      <button
        type="button"
        className="icon-button small"
        aria-label="Next iteration"
        disabled={index < 0 || index >= iterations.length - 1}
        onClick={go(1)}
      >
        <ChevronRight size={14} />
      </button>
      <button
        type="button"
        className="icon-button small"
        aria-label="Last iteration"
        disabled={index < 0 || index >= iterations.length - 1}
        onClick={jump(iterations.at(-1))}
      >
        <ChevronsRight size={14} />
      </button>
      <button
        type="button"
        className="icon-button small"
        aria-label="First failed iteration"
        title={failed.length ? `First failed iteration (${failed[0]})` : 'No iteration failed'}
        disabled={failed.length === 0 || failed[0] === data.iteration}
        onClick={jump(failed[0])}
      >
        <TriangleAlert size={14} />
      </button>
    </span>
  );
}
