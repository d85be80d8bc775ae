/** Formats a duration the way kubectl does: `45s`, `12m`, `3h20m`, `4d6h`, `320d`. */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return '0s';
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 || hours >= 8 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  if (days < 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  return `${days}d`;
}

/** Age of a timestamp relative to `now`; `<unknown>` when the timestamp is missing or bad. */
export function formatAge(timestamp: Date | string | undefined | null, now: Date = new Date()): string {
  if (timestamp === undefined || timestamp === null) return '<unknown>';
  const time = timestamp instanceof Date ? timestamp.getTime() : Date.parse(timestamp);
  if (Number.isNaN(time)) return '<unknown>';
  return formatDuration(now.getTime() - time);
}
