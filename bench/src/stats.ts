export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  runs: number;
}

/** Nearest-rank percentiles of durations in milliseconds. */
export function summarize(durations: number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / Math.max(1, sorted.length);
  return { p50: at(50), p95: at(95), p99: at(99), mean, runs: sorted.length };
}

export async function time(runs: number, warmup: number, action: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await action();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    durations.push(performance.now() - start);
  }
  return summarize(durations);
}
