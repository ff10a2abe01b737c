// Ordering lists of customer indices. Pure; no allocation beyond the result and two typed arrays.

/** A counting sort's buckets may outnumber the indices by this much before a comparison sort is cheaper. */
const SPARE_BUCKETS = 1024;

/**
 * `indices` ordered by key ascending, then by tie ascending, entries equal in both kept in the given
 * order: exactly what `indices.sort((a, b) => key(a) - key(b) || tie(a) - tie(b))` gives. The lists
 * sorted are up to 100,000 customers by a small integer (days in stage, kind of stage check) and then
 * by row; usually they are already in row order. Then a counting sort on the key, which keeps that
 * order among equal keys, does it in linear time; otherwise (fractional keys, a wide range of keys,
 * indices out of tie order) the comparison sort runs. The result may be a new array.
 */
export function sortIndices(
  indices: number[],
  key: (i: number) => number,
  tie: (i: number) => number,
): number[] {
  const n = indices.length;
  if (n < 2) return indices;
  const keys = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let counting = true;
  for (let j = 0; j < n && counting; j++) {
    const k = key(indices[j]);
    keys[j] = k;
    if (!Number.isInteger(k)) counting = false;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (max - min > n + SPARE_BUCKETS) counting = false;
  for (let j = 1; j < n && counting; j++) if (tie(indices[j - 1]) > tie(indices[j])) counting = false;
  if (!counting) return indices.sort((a, b) => key(a) - key(b) || tie(a) - tie(b));

  // Bucket starts, then each index into the next place of its bucket (stable).
  const starts = new Int32Array(max - min + 2);
  for (let j = 0; j < n; j++) starts[keys[j] - min + 1]++;
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) out[starts[keys[j] - min]++] = indices[j];
  return out;
}
