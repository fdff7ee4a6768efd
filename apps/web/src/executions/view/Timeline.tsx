import { memo, useMemo, useState } from 'react';
import { Radio } from 'lucide-react';
import type { Task, Workflow } from '@baton/client';
import { executionSpan } from '../model/status-at.js';
import { useNow } from '../shared/useNow.js';
import { formatDuration } from '../model/format.js';
import { statusLabel, statusTone } from '../model/status-style.js';
import { baseRef } from '../model/iterations.js';
import { timeTicks } from '../model/time-axis.js';

const ROW_H = 24;
const VISIBLE_ROWS = 8;
const STEPS = 1000;

/** Props of the timeline. */
export interface TimelineProps {
  tasks: readonly Task[];
  workflow: Pick<Workflow, 'startTime' | 'endTime' | 'status'>;
  /** The replayed moment, or null for live. */
  scrubTime: number | null;
  onScrub: (time: number | null) => void;
  selectedRef: string | null;
  onSelect: (ref: string) => void;
}

const pct = (t: number, span: { start: number; end: number }) =>
  span.end > span.start
    ? Math.min(100, Math.max(0, ((t - span.start) / (span.end - span.start)) * 100))
    : 0;

const Bar = memo(function Bar({
  task,
  span,
  selected,
  onSelect,
  top,
}: {
  task: Task;
  span: { start: number; end: number };
  selected: boolean;
  onSelect: (ref: string) => void;
  top: number;
}) {
  const scheduled = task.scheduledTime || task.startTime || task.endTime;
  const started = task.startTime || scheduled;
  const ended = task.endTime || span.end;
  const ref = baseRef(task.referenceTaskName);
  const label = `${task.referenceTaskName}${task.retryCount ? ` (attempt ${task.retryCount + 1})` : ''}`;
  return (
    <button
      type="button"
      className={`gantt-row${selected ? ' is-selected' : ''}`}
      style={{ top }}
      onClick={() => onSelect(ref)}
      aria-label={`${label}: ${statusLabel(task.status)}, ${formatDuration(ended - started)}`}
    >
      <span className="gantt-label mono">{label}</span>
      <span className="gantt-track">
        <span
          className="gantt-wait"
          style={{
            left: `${pct(scheduled, span)}%`,
            width: `${pct(started, span) - pct(scheduled, span)}%`,
          }}
        />
        <span
          className={`gantt-bar tone-${statusTone(task.status)}`}
          style={{
            left: `${pct(started, span)}%`,
            width: `max(2px, ${pct(ended, span) - pct(started, span)}%)`,
          }}
        />
      </span>
      <span className="gantt-duration small muted">{formatDuration(ended - started)}</span>
    </button>
  );
});

/**
 * A Gantt chart of the execution's task rows (queue wait light, run time solid) and a scrubber: drag
 * it back and the graph shows the statuses of that moment; "Live" returns to now.
 */
export function Timeline({
  tasks,
  workflow,
  scrubTime,
  onScrub,
  selectedRef,
  onSelect,
}: TimelineProps) {
  // A running execution's span grows with time; ticking here re-renders only the timeline.
  const now = useNow(1_000, !workflow.endTime && scrubTime === null);
  const { startTime, endTime } = workflow;
  const span = useMemo(
    () => executionSpan(tasks, { startTime, endTime }, now),
    [tasks, startTime, endTime, now],
  );
  const rows = useMemo(
    () =>
      [...tasks]
        .filter((t) => t.scheduledTime || t.startTime || t.endTime)
        .sort(
          (a, b) =>
            (a.scheduledTime || a.endTime) - (b.scheduledTime || b.endTime) || a.seq - b.seq,
        ),
    [tasks],
  );
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 4);
  const last = Math.min(rows.length, first + VISIBLE_ROWS + 8);
  const width = span.end - span.start;
  const value =
    scrubTime === null ? STEPS : Math.round(((scrubTime - span.start) / (width || 1)) * STEPS);
  const cursor = scrubTime === null ? null : pct(scrubTime, span);
  const ticks = useMemo(() => timeTicks(width), [width]);
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-head">
        <strong>Timeline</strong>
        <label className="scrubber">
          <span className="visually-hidden">Replay the execution at a moment</span>
          <input
            type="range"
            min={0}
            max={STEPS}
            value={value}
            aria-label="Replay time"
            aria-valuetext={
              scrubTime === null ? 'Live' : `${formatDuration(scrubTime - span.start)} after start`
            }
            onChange={(e) => {
              const v = Number(e.target.value);
              onScrub(v >= STEPS ? null : span.start + (v / STEPS) * width);
            }}
          />
        </label>
        <span className="small muted scrub-readout" data-testid="scrub-readout">
          {scrubTime === null
            ? `${formatDuration(width)} · live`
            : `at +${formatDuration(scrubTime - span.start)}`}
        </span>
        <button
          type="button"
          className={`button${scrubTime === null ? ' is-live' : ''}`}
          onClick={() => onScrub(null)}
          aria-pressed={scrubTime === null}
        >
          <Radio size={14} aria-hidden /> Live
        </button>
      </div>
      <div className="gantt-axis" data-testid="timeline-axis" aria-hidden>
        <span className="gantt-label" />
        <span className="gantt-axis-track">
          {ticks.map((t) => (
            <span
              key={t.offsetMs}
              className="gantt-tick small muted"
              style={{ left: `${pct(span.start + t.offsetMs, span)}%` }}
            >
              {t.label}
            </span>
          ))}
        </span>
        <span className="gantt-duration" />
      </div>
      <div
        className="gantt"
        style={{ height: Math.min(rows.length, VISIBLE_ROWS) * ROW_H + 2 }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="gantt-inner" style={{ height: rows.length * ROW_H }}>
          {rows.slice(first, last).map((t, i) => (
            <Bar
              key={t.taskId}
              task={t}
              span={span}
              top={(first + i) * ROW_H}
              selected={baseRef(t.referenceTaskName) === selectedRef}
              onSelect={onSelect}
            />
          ))}
          {cursor !== null ? (
            // Laid out like a row, so the cursor's track is exactly the bars' track.
            <div className="gantt-cursor-row" aria-hidden>
              <span className="gantt-label" />
              <span className="gantt-cursor-track">
                <span className="gantt-cursor" style={{ left: `${cursor}%` }} />
              </span>
              <span className="gantt-duration" />
            </div>
          ) : null}
        </div>
        {rows.length === 0 ? (
          <p className="muted small pad">No task has been scheduled yet.</p>
        ) : null}
      </div>
    </section>
  );
}
