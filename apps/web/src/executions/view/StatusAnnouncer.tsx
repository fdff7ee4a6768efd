/** A polite live region: screen readers announce status changes without interrupting. */
export function StatusAnnouncer({ message }: { message: string }) {
  return (
    <div
      className="visually-hidden"
      aria-live="polite"
      role="status"
      data-testid="status-announcer"
    >
      {message}
    </div>
  );
}
