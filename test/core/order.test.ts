// sortIndices must give exactly what the comparison sort it replaces gives, on every path.
import fc from 'fast-check';
import { IndexList, sortIndices } from '../../src/core/order';

describe('sortIndices', () => {
  test('matches the comparison sort: small integer keys, rows in order or not, fractional and wide keys', () => {
    const key = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer({ min: 0, max: 50 })), { maxLength: 200 }),
        fc.boolean(),
        (entries, rowsInOrder) => {
          // Indices of a longer list (every other one), with the key and row of each.
          const indices = entries.map((_, j) => 2 * j);
          const keys = entries.map(([k]) => k);
          const ties = rowsInOrder ? entries.map((_, j) => j + 2) : entries.map(([, t]) => t);
          const keyOf = (i: number): number => keys[i / 2];
          const tieOf = (i: number): number => ties[i / 2];
          const reference = [...indices].sort((a, b) => keyOf(a) - keyOf(b) || tieOf(a) - tieOf(b));
          expect(sortIndices(indices, keys, ties)).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('equal keys keep row order; the largest days first when the key is negated', () => {
    const days = [3, 10, 3, 0, 10];
    expect(
      sortIndices(
        [0, 1, 2, 3, 4],
        days.map((d) => -d),
        [2, 3, 4, 5, 6],
      ),
    ).toEqual([1, 4, 0, 2, 3]);
    expect(sortIndices([], [], [])).toEqual([]);
  });
});

describe('IndexList', () => {
  test.each([0, 3, 100])(
    'sorts what was added, whether it fits its capacity (%i) or grows past it, as a plain array',
    (capacity) => {
      const list = new IndexList(capacity);
      const entries = Array.from({ length: 40 }, (_, j) => [j * 3, -(j % 4), j + 2] as const);
      for (const [index, key, tie] of entries) list.add(index, key, tie);
      const reference = [...entries].sort((a, b) => a[1] - b[1] || a[2] - b[2]).map(([index]) => index);
      const sorted = list.sorted();
      expect(sorted).toEqual(reference);
      expect(Array.isArray(sorted)).toBe(true);
    },
  );

  test('one entry, or none, comes back as a plain array too', () => {
    const one = new IndexList(4);
    one.add(7, 0, 2);
    expect(one.sorted()).toEqual([7]);
    expect(Array.isArray(one.sorted())).toBe(true);
    expect(new IndexList(4).sorted()).toEqual([]);
  });
});
