/**
 * The workflow id an idempotent start creates, derived from (name, key, the workflow it follows),
 * so that every concurrent or retried start of one key tries to create the same execution and the
 * store's atomic "create unless the id exists" lets exactly one of them win.
 * @module
 */

/**
 * A UUID-shaped id (version nibble 8, "custom") from a 128-bit hash of the workflow name, the
 * idempotency key and the id of the workflow that last held the key ('' for the first). The hash
 * need not resist crafted collisions: a start that meets an execution of another name or key under
 * this id falls back to a random id (see start-workflow.ts).
 */
export function idempotentWorkflowId(name: string, key: string, previousId: string): string {
  const text = `${name.length}:${name}|${key.length}:${key}|${previousId}`;
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
