// sortIndices must give exactly what the comparison sort it replaces gives, on every path.
import fc from 'fast-check';
import { sortIndices } from '../../src/core/order';

function reference(indices: number[], keys: number[], ties: number[]): number[] {
  return [...indices].sort((a, b) => keys[a] - keys[b] || ties[a] - ties[b]);
}

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
          const keys = entries.map(([k]) => k);
          const ties = rowsInOrder ? entries.map((_, i) => i + 2) : entries.map(([, t]) => t);
          const indices = entries.map((_, i) => i);
          expect(
            sortIndices(
              [...indices],
              (i) => keys[i],
              (i) => ties[i],
            ),
          ).toEqual(reference(indices, keys, ties));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('equal keys keep row order; the largest days first when the key is negated', () => {
    const days = [3, 10, 3, 0, 10];
    const rows = [2, 3, 4, 5, 6];
    expect(
      sortIndices(
        [0, 1, 2, 3, 4],
        (i) => -days[i],
        (i) => rows[i],
      ),
    ).toEqual([1, 4, 0, 2, 3]);
    expect(
      sortIndices(
        [],
        (i) => i,
        (i) => i,
      ),
    ).toEqual([]);
  });
});
