/**
 * Fixed, log-spaced buckets for "time to identify" histograms. Four buckets per doubling from
 * one minute up to about 90 days: a bucket's upper bound is at most 19 % (2^¼) above its lower
 * bound, so a median or p90 interpolated inside its bucket is never further than that from the
 * exact value, and in practice much closer. Fixed bounds are what let any range of days be
 * added up from daily rows exactly.
 *
 * Bucket 0 holds [0, 60 s); bucket k ≥ 1 holds [bound(k-1), bound(k)); the last bucket is open.
 */
const BUCKETS_PER_DOUBLING = 4;
const FIRST_BOUND_SECONDS = 60;
const LAST_BOUND_SECONDS = 90 * 24 * 60 * 60;

function buildBounds(): readonly number[] {
  const bounds: number[] = [];
  for (let k = 0; ; k++) {
    const bound = Math.round(FIRST_BOUND_SECONDS * 2 ** (k / BUCKETS_PER_DOUBLING));
    bounds.push(bound);
    if (bound >= LAST_BOUND_SECONDS) return bounds;
  }
}

/** Lower bounds in whole seconds of buckets 1…n; SQL `width_bucket(seconds, bounds)` gives the bucket. */
export const TIME_TO_IDENTIFY_BOUNDS_SECONDS: readonly number[] = buildBounds();
export const TIME_TO_IDENTIFY_BUCKET_COUNT = TIME_TO_IDENTIFY_BOUNDS_SECONDS.length + 1;

/** The bucket of a duration, as the database computes it (used by tests and documentation). */
export function timeToIdentifyBucket(seconds: number): number {
  let bucket = 0;
  while (bucket < TIME_TO_IDENTIFY_BOUNDS_SECONDS.length && seconds >= (TIME_TO_IDENTIFY_BOUNDS_SECONDS[bucket] ?? Infinity)) bucket++;
  return bucket;
}

/** [from, to) of a bucket in seconds; `to` is null for the last, open bucket. */
export function timeToIdentifyBucketRange(bucket: number): { fromSeconds: number; toSeconds: number | null } {
  const bounds = TIME_TO_IDENTIFY_BOUNDS_SECONDS;
  return {
    fromSeconds: bucket === 0 ? 0 : (bounds[bucket - 1] ?? bounds[bounds.length - 1] ?? 0),
    toSeconds: bounds[bucket] ?? null,
  };
}

/**
 * The q-quantile (0 < q < 1) of a histogram, interpolated inside the bucket it falls in:
 * geometrically in the log-spaced buckets, linearly in the first [0, 60 s) one; the open last
 * bucket answers with its lower bound. Null for an empty histogram.
 */
export function histogramQuantile(counts: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    const count = counts.get(bucket) ?? 0;
    if (count === 0) continue;
    if (below + count >= rank) {
      const fraction = (rank - below) / count;
      const { fromSeconds, toSeconds } = timeToIdentifyBucketRange(bucket);
      if (toSeconds === null) return fromSeconds;
      if (fromSeconds === 0) return fraction * toSeconds;
      return fromSeconds * (toSeconds / fromSeconds) ** fraction;
    }
    below += count;
  }
  return null;
}
