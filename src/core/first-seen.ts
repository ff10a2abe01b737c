// The first row of each text, for finding duplicate ids over 100,000 rows.

/**
 * Remembers the first value given with each text. Does what a Map<string, number> with get-then-set
 * does, in one probe: an open-addressing table of 32-bit hashes and entry numbers in one typed array.
 * A Map compares against keys scattered over the heap on every look-up; here two texts are compared
 * only when their hashes are equal, which for distinct ids is almost never.
 */
export class FirstSeen {
  /** Per slot: hash, then entry number + 1 (0 = empty slot). */
  private slots: Int32Array;
  private mask: number;
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  /** `expected`: how many texts are likely, so the table need not grow on the way. */
  constructor(expected = 0) {
    let size = 1024;
    while (size <= 2 * expected) size *= 2;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
  }

  /** The value first given with key; undefined (and value is remembered) when key is new. */
  firstOr(key: string, value: number): number | undefined {
    const h = hashOf(key);
    let i = h & this.mask;
    for (;;) {
      const entry = this.slots[2 * i + 1];
      if (entry === 0) break;
      if (this.slots[2 * i] === h && this.keys[entry - 1] === key) return this.values[entry - 1];
      i = (i + 1) & this.mask;
    }
    this.keys.push(key);
    this.values.push(value);
    this.slots[2 * i] = h;
    this.slots[2 * i + 1] = this.keys.length;
    // At most half full, so probes stay short.
    if (this.keys.length * 2 > this.mask) this.grow();
    return undefined;
  }

  private grow(): void {
    const old = this.slots;
    const mask = this.mask * 2 + 1;
    const slots = new Int32Array(2 * (mask + 1));
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      let i = old[j] & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[j];
      slots[2 * i + 1] = old[j + 1];
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
