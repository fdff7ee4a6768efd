import { useMemo } from 'react';
import { formatBytes } from '../model/format.js';
import { LAZY_PAYLOAD_BYTES } from './JsonView.js';

/**
 * A light JSON view (no Monaco), for panels that show on page load: keeps the first paint and the
 * live updates of the execution view free of Monaco's start-up cost. Large payloads are cut.
 */
export function PlainJson({ value, label }: { value: unknown; label: string }) {
  const text = useMemo(() => JSON.stringify(value ?? {}, null, 2), [value]);
  const cut = text.length > LAZY_PAYLOAD_BYTES;
  return (
    <figure className="plain-json" aria-label={label}>
      <pre>{cut ? text.slice(0, LAZY_PAYLOAD_BYTES) : text}</pre>
      {cut ? (
        <figcaption className="muted small">
          Showing the first {formatBytes(LAZY_PAYLOAD_BYTES)} of {formatBytes(text.length)}.
        </figcaption>
      ) : null}
    </figure>
  );
}
