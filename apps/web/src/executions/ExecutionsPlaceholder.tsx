/** Placeholder for the execution monitor until apps/web/src/executions/ provides its routes. */
export default function ExecutionsPlaceholder() {
  return (
    <div className="page">
      <div className="empty-state">
        <h1>Executions</h1>
        <p>The execution monitor is coming here.</p>
      </div>
    </div>
  );
}
