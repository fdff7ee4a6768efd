/**
 * Java's `Objects.toString` rendering of JSON values, used when `${...}` is embedded in text.
 * @module
 */

/**
 * Renders `value` the way Conductor's Java server concatenates it into a string: `null` → `"null"`,
 * maps → `{a=1, b=x}`, lists → `[a, b]`, strings unquoted. This is Conductor's behaviour, not JSON;
 * prefer a whole-value `${...}` when the value is structured.
 *
 * JavaScript cannot tell `2.0` from `2`, so integral numbers render without `.0` (Java renders a
 * Double `2.0`, an Integer `2`); non-integral numbers use JavaScript's format.
 */
export function toJavaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(toJavaString).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${k}=${toJavaString(v)}`).join(', ')}}`;
  }
  return String(value);
}
