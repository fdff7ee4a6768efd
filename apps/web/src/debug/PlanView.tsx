import type { RerunPlan } from './model/rerun-preview.js';

const GROUPS: { key: keyof Omit<RerunPlan, 'action'>; title: string; hint: string }[] = [
  { key: 'again', title: 'Runs again', hint: 'ran before; runs again from scratch' },
  { key: 'kept', title: 'Keeps its output', hint: 'succeeded before the chosen task' },
  { key: 'ifReached', title: 'Runs if reached', hint: 'never reached by this run' },
];

/** What an action runs again, as three lists of task references. */
export function PlanView({ plan }: { plan: RerunPlan }) {
  return (
    <div className="rerun-plan" data-testid="rerun-plan">
      {GROUPS.map(({ key, title, hint }) =>
        plan[key].length ? (
          <section key={key} className={`plan-group plan-${key}`} data-testid={`plan-${key}`}>
            <h3>
              {title} <span className="muted small">({hint})</span>
            </h3>
            <ul>
              {plan[key].map((ref) => (
                <li key={ref} className="mono">
                  {ref}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </div>
  );
}
