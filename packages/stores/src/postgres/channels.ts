/**
 * Notification channel names. NOTIFY channels are database-wide, so stores sharing a database
 * but using different schemas pass different prefixes to stay apart.
 * @module
 */

/** A channel name made of the prefix (sanitised to [a-z0-9_]) and a suffix. */
export function channelName(prefix: string, suffix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `${clean ? `${clean}_` : ''}baton_${suffix}`.slice(0, 63);
}
