/**
 * How deep a JSON value may nest. Values from outside (a start's input, a worker's output, a
 * script's or an HTTP response's result) deeper than this are refused: serialising them would
 * overflow the stack of JSON.stringify (at a few thousand levels in Node) and of Postgres' jsonb
 * parser. 1,000 is also the default nesting limit of Jackson, which Conductor parses JSON with.
 * @module
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * True when `value` nests objects or arrays deeper than `max` levels (a scalar is depth 0, `{}`
 * and `[]` depth 1). Iterative, so it cannot overflow the stack itself.
 */
export function exceedsJsonDepth(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The message of a value refused by {@link exceedsJsonDepth}, naming its field. */
export function tooDeepMessage(field: string): string {
  return `${field} nests deeper than ${MAX_JSON_DEPTH} levels`;
}
