import { formatDurationBound } from '../../../components/charts/figures.ts';

/**
 * The server counts time to identify in fixed log-spaced buckets: bucket 0 is [0, 60 s), then four
 * buckets per doubling from one minute on, the last one open (docs/handoff/agent-workspace-api.md,
 * metrics.timeToIdentify). A chart of ~60 thin buckets is hard to read, so the page shows one bar
 * per doubling (1–2 min, 2–4 min, …): sums of whole buckets, so every figure stays exact, and the
 * doublings between the shortest and the longest are shown even when empty, so the shape of the
 * distribution is not squeezed.
 */
const BUCKETS_PER_DOUBLING = 4;
const FIRST_BOUND_SECONDS = 60;

export interface HistogramBucket {
  bucket: number;
  fromSeconds: number;
  toSeconds: number | null;
  identifications: number;
}

export interface TimeBin {
  /** 0: under a minute; n ≥ 1: the n-th doubling from one minute; `open`: the last, open-ended bucket. */
  key: string;
  label: string;
  fromSeconds: number;
  /** null for the open-ended last bin. */
  toSeconds: number | null;
  identifications: number;
}

function doublingOf(bucket: number): number {
  return bucket === 0 ? 0 : Math.ceil(bucket / BUCKETS_PER_DOUBLING);
}

function doublingBounds(doubling: number): { fromSeconds: number; toSeconds: number } {
  if (doubling === 0) return { fromSeconds: 0, toSeconds: FIRST_BOUND_SECONDS };
  return { fromSeconds: FIRST_BOUND_SECONDS * 2 ** (doubling - 1), toSeconds: FIRST_BOUND_SECONDS * 2 ** doubling };
}

function rangeLabel(fromSeconds: number, toSeconds: number | null): string {
  if (toSeconds === null) return `${formatDurationBound(fromSeconds)} or more`;
  if (fromSeconds === 0) return `Under ${formatDurationBound(toSeconds)}`;
  const from = formatDurationBound(fromSeconds);
  const to = formatDurationBound(toSeconds);
  const [fromAmount, fromUnit] = from.split(' ');
  const [toAmount, toUnit] = to.split(' ');
  return fromUnit === toUnit ? `${fromAmount}–${toAmount} ${toUnit}` : `${from} – ${to}`;
}

export function timeToIdentifyBins(histogram: readonly HistogramBucket[]): TimeBin[] {
  const open = histogram.filter((bucket) => bucket.toSeconds === null);
  const closed = histogram.filter((bucket) => bucket.toSeconds !== null);
  const counts = new Map<number, number>();
  for (const bucket of closed) {
    const doubling = doublingOf(bucket.bucket);
    counts.set(doubling, (counts.get(doubling) ?? 0) + bucket.identifications);
  }
  const bins: TimeBin[] = [];
  if (counts.size > 0) {
    const first = Math.min(...counts.keys());
    const last = Math.max(...counts.keys());
    for (let doubling = first; doubling <= last; doubling += 1) {
      const { fromSeconds, toSeconds } = doublingBounds(doubling);
      bins.push({ key: String(doubling), label: rangeLabel(fromSeconds, toSeconds), fromSeconds, toSeconds, identifications: counts.get(doubling) ?? 0 });
    }
  }
  const openCount = open.reduce((sum, bucket) => sum + bucket.identifications, 0);
  const openFrom = open[0]?.fromSeconds;
  if (openCount > 0 && openFrom !== undefined) {
    bins.push({ key: 'open', label: rangeLabel(openFrom, null), fromSeconds: openFrom, toSeconds: null, identifications: openCount });
  }
  return bins;
}
