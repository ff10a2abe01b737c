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
  indices: ArrayLike<number>,
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
  if (n < 2) return Array.from(indices);
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
  indices: ArrayLike<number>,
  keys: ArrayLike<number>,
  ties: ArrayLike<number>,
): number[] {
  const positions = Array.from(indices, (_, j) => j);
  positions.sort((a, b) => keys[a] - keys[b] || ties[a] - ties[b]);
  return positions.map((j) => indices[j]);
}

/**
 * Customer indices collected with their keys as a pass finds them, then ordered by sortIndices. The three
 * columns are typed arrays made as long as the pass can fill (`capacity`): memory is touched only as far as
 * it is written, and never copied. (Grown by push, three JS arrays cost a 100,000-row pass about 30 ms;
 * grown by doubling, typed arrays touched twice the memory they kept, which is what costs on a virtual
 * machine that maps each fresh page on first use.)
 */
export class IndexList {
  private count = 0;
  private indices: Int32Array;
  private keys: Float64Array;
  private ties: Int32Array;

  constructor(capacity: number) {
    this.indices = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.ties = new Int32Array(capacity);
  }

  add(index: number, key: number, tie: number): void {
    // More than promised: grow rather than lose an entry (a typed array ignores writes past its end).
    if (this.count === this.indices.length) this.grow();
    this.indices[this.count] = index;
    this.keys[this.count] = key;
    this.ties[this.count++] = tie;
  }

  private grow(): void {
    const indices = new Int32Array(Math.max(16, this.count * 2));
    const keys = new Float64Array(indices.length);
    const ties = new Int32Array(indices.length);
    indices.set(this.indices);
    keys.set(this.keys);
    ties.set(this.ties);
    this.indices = indices;
    this.keys = keys;
    this.ties = ties;
  }

  sorted(): number[] {
    const n = this.count;
    return sortIndices(this.indices.subarray(0, n), this.keys.subarray(0, n), this.ties.subarray(0, n));
  }
}
