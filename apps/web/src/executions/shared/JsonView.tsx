import { lazy, Suspense, useMemo, useState } from 'react';
import { formatBytes } from '../model/format.js';

const MonacoJson = lazy(() => import('./MonacoJson.js'));

/** Payloads above this size are not rendered until asked for, so the page never freezes. */
export const LAZY_PAYLOAD_BYTES = 64 * 1024;

/**
 * A read-only JSON payload: small ones render in Monaco at once, large ones behind a button that
 * states their size. Height follows the content up to a limit.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text = useMemo(() => JSON.stringify(value ?? {}, null, 2), [value]);
  const [forced, setForced] = useState(false);
  const large = text.length > LAZY_PAYLOAD_BYTES;
  if (large && !forced) {
    return (
      <div className="json-lazy">
        <span className="muted small">
          {label} is {formatBytes(text.length)}.
        </span>
        <button type="button" className="button" onClick={() => setForced(true)}>
          Show {label.toLowerCase()}
        </button>
      </div>
    );
  }
  const lines = text.split('\n', 400).length;
  const height = Math.min(360, Math.max(56, lines * 18 + 12));
  return (
    <div className="code-box" data-testid={`json-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <Suspense fallback={<pre className="json-fallback">{text.slice(0, 2000)}</pre>}>
        <MonacoJson value={text} ariaLabel={label} height={height} readOnly />
      </Suspense>
    </div>
  );
}
