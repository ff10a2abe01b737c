import { KIND_LABELS } from '../../src/core/stage-grid';
import { kindOfWord } from '../../src/core/stage-model';
import { KIND_OF_WORD, KIND_WORDS } from '../../src/core/templates';
import type { StageKind } from '../../src/core/types';

describe('kindOfWord', () => {
  test('every kind label stagesGrid writes reads back as its kind', () => {
    for (const kind of Object.keys(KIND_LABELS) as StageKind[]) {
      for (const label of KIND_LABELS[kind]) {
        expect(kindOfWord(label)).toBe(kind);
        expect(kindOfWord(` ${label.toUpperCase()} `)).toBe(kind);
      }
    }
  });

  test('synonyms, and nothing for blank or unknown words', () => {
    expect(kindOfWord('Closed Won')).toBe('won');
    expect(kindOfWord('已丢单')).toBe('lost');
    expect(kindOfWord('On hold')).toBe('hold');
    expect(kindOfWord('In progress')).toBe('open');
    expect(kindOfWord('')).toBeNull();
    expect(kindOfWord('  ')).toBeNull();
    expect(kindOfWord('Proposal')).toBeNull();
  });

  test('no kind word is in two lists', () => {
    const all = Object.values(KIND_WORDS).flatMap((words) => words.trim().split(/\s+/));
    expect(all.length).toBeGreaterThan(40);
    expect(KIND_OF_WORD.size).toBe(all.length);
  });
});
