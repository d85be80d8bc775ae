/** Small numeric helpers shared by the benchmark scripts. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Peak resident set size of a process in MB, from /proc (Linux); undefined elsewhere. */
export async function peakRssMb(pid: number | null | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? round(Number(kb) / 1024) : undefined;
}

/** Tokens as most tokenizers count English and tables: about four bytes each. */
export function approxTokens(bytes: number): number {
  return Math.round(bytes / 4);
}
