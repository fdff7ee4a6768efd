/** Quotes an SQL identifier (schema names come from configuration, never from requests). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
