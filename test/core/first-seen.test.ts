// FirstSeen must answer as a Map<string, number> used with get-then-set does.
import fc from 'fast-check';
import { FirstSeen } from '../../src/core/first-seen';

function viaMap(keys: string[]): (number | undefined)[] {
  const map = new Map<string, number>();
  return keys.map((k, i) => {
    const first = map.get(k);
    if (first === undefined) map.set(k, i);
    return first;
  });
}

describe('FirstSeen', () => {
  test('same answers as a Map, through growth, for any texts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('C1', 'c1', '', '客户')), {
          maxLength: 3000,
        }),
        (keys) => {
          const seen = new FirstSeen();
          expect(keys.map((k, i) => seen.firstOr(k, i))).toEqual(viaMap(keys));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('100,000 distinct ids then each again', () => {
    const ids = Array.from({ length: 100000 }, (_, i) => `C${i + 1}`);
    const seen = new FirstSeen();
    expect(ids.every((id, i) => seen.firstOr(id, i + 2) === undefined)).toBe(true);
    expect(ids.every((id, i) => seen.firstOr(id, 0) === i + 2)).toBe(true);
  });
});
