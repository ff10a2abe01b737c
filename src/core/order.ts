// Ordering lists of customer indices. Pure; no allocation beyond the result and a few typed arrays.

/** A counting sort's buckets may outnumber the indices by this much before a comparison sort is cheaper. */
const SPARE_BUCKETS = 1024;

/**
 * `indices` ordered by key ascending, then by tie ascending, entries equal in both kept in the given
 * order (keys[j] and ties[j] belong to indices[j]): exactly what sorting with the comparator
 * `key(a) - key(b) || tie(a) - tie(b)` gives. The lists sorted are up to 100,000 customers by a small
 * integer (days in stage, kind of stage check) and then by row, and are usually in row order already.
 * Then a counting sort on the key, which keeps that order among equal keys, does it in linear time;
 * otherwise (fractional keys, a wide range of keys, ties out of order) the comparison sort runs.
 * Keys come as arrays rather than callbacks so that this code sees one kind of call site.
 */
export function sortIndices(
  indices: readonly number[],
  keys: ArrayLike<number>,
  ties: ArrayLike<number>,
): number[] {
  const n = indices.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let counting = true;
  for (let j = 0; j < n; j++) {
    const k = keys[j];
    if (!Number.isInteger(k)) counting = false;
    if (k < min) min = k;
    if (k > max) max = k;
    if (j > 0 && ties[j - 1] > ties[j]) counting = false;
  }
  if (n < 2) return indices.slice();
  if (!counting || max - min > n + SPARE_BUCKETS) return comparisonSort(indices, keys, ties);

  // Bucket starts, then each index into the next place of its bucket (stable).
  const starts = new Int32Array(max - min + 2);
  for (let j = 0; j < n; j++) starts[keys[j] - min + 1]++;
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) out[starts[keys[j] - min]++] = indices[j];
  return out;
}

function comparisonSort(
  indices: readonly number[],
  keys: ArrayLike<number>,
  ties: ArrayLike<number>,
): number[] {
  const positions = Array.from(indices, (_, j) => j);
  positions.sort((a, b) => keys[a] - keys[b] || ties[a] - ties[b]);
  return positions.map((j) => indices[j]);
}

/** Customer indices collected with their keys as a pass finds them, then ordered by sortIndices. */
export class IndexList {
  readonly indices: number[] = [];
  private readonly keys: number[] = [];
  private readonly ties: number[] = [];

  add(index: number, key: number, tie: number): void {
    this.indices.push(index);
    this.keys.push(key);
    this.ties.push(tie);
  }

  sorted(): number[] {
    return sortIndices(this.indices, this.keys, this.ties);
  }
}
