/**
 * Parsers for the WAIT task's `duration` and `until` inputs (docs/conductor-compatibility.md#wait).
 * @module
 */

const DURATION =
  /^\s*(?:(\d+)\s*(?:days?|d))?\s*(?:(\d+)\s*(?:hours?|hrs?|h))?\s*(?:(\d+)\s*(?:minutes?|mins?|m))?\s*(?:(\d+)\s*(?:seconds?|secs?|s))?\s*$/i;

/**
 * Parses a WAIT duration such as `30s`, `5m`, `1h 30m` or `2 days` into seconds; null when the text
 * is not a duration.
 */
export function parseWaitDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text.trim() === '') return null;
  const [, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return (d ?? 0) * 86_400 + (h ?? 0) * 3_600 + (m ?? 0) * 60 + (s ?? 0);
}

const UNTIL = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?: (\S+))?)?$/;

/**
 * Parses a WAIT `until` (`yyyy-MM-dd HH:mm`, `yyyy-MM-dd HH:mm z`, `yyyy-MM-dd`) into epoch ms.
 * Without a zone the time is read as UTC; zones accepted are `UTC`, `GMT`, `Z` and `±HH:mm`/`±HHmm`.
 * Returns null when the text does not parse.
 */
export function parseWaitUntil(text: string): number | null {
  const match = UNTIL.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, zone] = match;
  const base = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute ?? 0),
  );
  const check = new Date(base);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return null;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59) return null;
  if (zone === undefined || /^(UTC|GMT|Z)$/i.test(zone)) return base;
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!offset) return null;
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return base - (offset[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * True when `text` has one of the `until` layouts, whatever its zone name (`PST`,
 * `America/New_York`...). Validation uses this; `parseWaitUntil` converts only the zones it knows.
 */
export function isWaitUntilFormat(text: string): boolean {
  const match = UNTIL.exec(text.trim());
  if (!match) return false;
  const zone = match[6];
  const withoutZone = zone === undefined ? text.trim() : text.trim().slice(0, -zone.length).trim();
  return (
    parseWaitUntil(withoutZone) !== null && (zone === undefined || /^[A-Za-z0-9_+:/-]+$/.test(zone))
  );
}
