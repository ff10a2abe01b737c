// The first row of each text, for finding duplicate ids over 100,000 rows.

/**
 * Remembers the first value (a row number: a 32-bit integer) given with each text. Does what a
 * Map<string, number> with get-then-set does, in one probe: an open-addressing table of entry numbers,
 * and per entry its text, hash and value in arrays made to the expected size up front. A Map compares
 * against keys scattered over the heap on every look-up; here two texts are compared only when their
 * hashes are equal, which for distinct ids is almost never, and nothing grows on the way (growing by
 * push cost three times the look-ups themselves on 100,000 ids).
 */
export class FirstSeen {
  /** Per slot: entry number + 1 (0 = empty slot). */
  private slots: Int32Array;
  private mask: number;
  private keys: string[];
  private hashes: Int32Array;
  private values: Int32Array;
  private count = 0;

  /** `expected`: how many texts are likely, so that neither the table nor the entries need to grow. */
  constructor(expected = 0) {
    const capacity = Math.max(expected, 512);
    let size = 1024;
    while (size < 2 * capacity) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.keys = new Array<string>(capacity);
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
  }

  /** The value first given with key; undefined (and value is remembered) when key is new. */
  firstOr(key: string, value: number): number | undefined {
    const h = hashOf(key);
    let i = h & this.mask;
    for (;;) {
      const entry = this.slots[i];
      if (entry === 0) break;
      if (this.hashes[entry - 1] === h && this.keys[entry - 1] === key) return this.values[entry - 1];
      i = (i + 1) & this.mask;
    }
    if (this.count === this.hashes.length) this.growEntries();
    const n = this.count++;
    this.keys[n] = key;
    this.hashes[n] = h;
    this.values[n] = value;
    this.slots[i] = n + 1;
    // At most half full, so probes stay short.
    if (this.count * 2 > this.mask) this.growTable();
    return undefined;
  }

  private growEntries(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    const values = new Int32Array(hashes.length);
    hashes.set(this.hashes);
    values.set(this.values);
    this.hashes = hashes;
    this.values = values;
    this.keys.length = hashes.length;
  }

  private growTable(): void {
    const mask = this.mask * 2 + 1;
    const slots = new Int32Array(mask + 1);
    for (let n = 0; n < this.count; n++) {
      let i = this.hashes[n] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = n + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * FNV-1a over UTF-16 code units, with a final mix so the low bits (the slot) depend on every unit. Kept
 * to 30 bits: a small integer to the engine, which a full 32-bit hash would not always be.
 */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}
