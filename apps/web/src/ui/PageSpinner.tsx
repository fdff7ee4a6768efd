/** A centred loading indicator for a page or panel. */
export function PageSpinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-spinner" role="status">
      <span className="spinner" aria-hidden />
      {label}
    </div>
  );
}
