// The fast paths of the text helpers must answer as the plain String methods do.
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { errorValue, isBlank, isDateObject, trimmed } from '../../src/core/normalize';

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(' #N/A', '#N/A ', '\u00a0#REF!', '\u3000', '\ufeffx', ' x ', '#', '#ref!', 'abc', '\t'),
);

describe('text fast paths', () => {
  test('trimmed is trim, isBlank is "trims to nothing"', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(trimmed(s)).toBe(s.trim());
        expect(isBlank(s)).toBe(s.trim().length === 0);
      }),
      { numRuns: 2000 },
    );
  });

  test('errorValue: text starting with a visible character other than # is never an error value', () => {
    fc.assert(
      fc.property(text, (s) => {
        const c = s.charCodeAt(0);
        if (c > 32 && c < 127 && c !== 35) expect(errorValue(s)).toBeNull();
        if (errorValue(s) !== null) expect(s.trim().startsWith('#')).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(errorValue('\u00a0#REF!')).toBe('#REF!');
  });
});

describe('isDateObject', () => {
  test('Dates of this realm and of another (Apps Script hands over its own) are Dates', () => {
    expect(isDateObject(new Date(0))).toBe(true);
    expect(isDateObject(new Date(Number.NaN))).toBe(true);
    const foreign: unknown = runInNewContext('new Date(0)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDateObject(foreign)).toBe(true);
  });

  test('nothing else is', () => {
    for (const v of [null, undefined, 0, '2026-01-01', {}, [], runInNewContext('({})'), Date])
      expect(isDateObject(v)).toBe(false);
  });
});
