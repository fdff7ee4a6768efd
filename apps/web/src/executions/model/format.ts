/**
 * Formatting of times, durations and sizes for the execution monitor.
 * @module
 */

/** `1234` → `1.2 s`, `65000` → `1 m 5 s`, `0` → `0 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} m ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

/** Local date and time with milliseconds, or `–` for 0/absent. */
export function formatTime(epochMs: number | string | undefined | null): string {
  if (epochMs === undefined || epochMs === null || epochMs === 0 || epochMs === '') return '–';
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return '–';
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `70000` → `68.4 KB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Time since `epochMs`, coarse: `3 s ago`, `5 m ago`, `2 h ago`, `4 d ago`. */
export function formatAgo(epochMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
