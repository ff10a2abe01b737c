import { KIND_LABELS, stagesGrid } from '../../src/core/stage-grid';
import { kindOfWord, parseStages, StageLookup, stagesFromData } from '../../src/core/stage-model';
import { KIND_OF_WORD, KIND_WORDS, template } from '../../src/core/templates';
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

  test('a numbered value, a kind word with more after it, and cancelled or abandoned deals', () => {
    expect(kindOfWord('9 - Closed Won')).toBe('won');
    expect(kindOfWord('10 - Closed Lost')).toBe('lost');
    expect(kindOfWord('S7 On hold')).toBe('hold');
    expect(kindOfWord('Closed Lost - price')).toBe('lost');
    expect(kindOfWord('Lost to competitor')).toBe('lost');
    expect(kindOfWord('Closed Won (Signed)')).toBe('won');
    expect(kindOfWord('On hold: budget freeze')).toBe('hold');
    expect(kindOfWord('Hold - budget')).toBe('hold');
    expect(kindOfWord('Won/Lost review')).toBeNull(); // a slash joins words, it does not end one
    expect(kindOfWord('10 - Closed Lost - no budget')).toBe('lost');
    expect(kindOfWord('赢单（待回款）')).toBe('won');
    for (const word of ['Cancelled', 'Canceled', 'Abandoned', '已取消', '取消', '放弃', '已放弃', '作废'])
      expect([word, kindOfWord(word)]).toEqual([word, 'lost']);
    // The Chinese opportunity template's own status values.
    expect(kindOfWord('已赢单')).toBe('won');
    expect(kindOfWord('已搁置')).toBe('hold');
    // No separator after the word, or a word that is not unambiguous: not a kind.
    expect(kindOfWord("Won't proceed")).toBeNull();
    expect(kindOfWord('Lostwax casting')).toBeNull();
    expect(kindOfWord('Success planning')).toBeNull();
    expect(kindOfWord('2 - Proposal')).toBeNull();
  });

  test('no kind word is in two lists', () => {
    const all = Object.values(KIND_WORDS).flatMap((words) => words.trim().split(/\s+/));
    expect(all.length).toBeGreaterThan(40);
    expect(KIND_OF_WORD.size).toBe(all.length);
  });
});

describe('stagesFromData', () => {
  const order = (texts: [string, number][]) =>
    stagesFromData(texts.map(([text, milestones]) => ({ text, milestones }))).stages.map((s) => [
      s.order,
      s.name,
      s.kind,
    ]);

  test('open stages by number, known sequence, milestones, first seen; then won, lost, hold', () => {
    expect(
      order([
        ['On hold', 0],
        ['Closed Lost', 3],
        ['Negotiation/Review', 2],
        ['Custom B', 1],
        ['Closed Won', 3],
        ['Prospecting', 0],
        ['Custom A', 1],
        ['2 - Proposal', 0],
        ['Custom C', 2],
        ['Lost', 3],
        ['1 - Lead', 5],
        ['', 0],
        [' prospecting ', 4],
        ['Custom A', 1],
      ]),
    ).toEqual([
      [1, '1 - Lead', 'open'],
      [2, '2 - Proposal', 'open'],
      [3, 'Prospecting', 'open'],
      [4, 'Negotiation/Review', 'open'],
      [5, 'Custom B', 'open'],
      [6, 'Custom A', 'open'],
      [7, 'Custom C', 'open'],
      [8, 'Closed Won', 'won'],
      [9, 'Closed Lost', 'lost'],
      [10, 'Lost', 'lost'],
      [11, 'On hold', 'hold'],
    ]);
  });

  test('open stages follow their place in the known sequences, in Chinese and English', () => {
    // 报价 is 6th of 9 in one Chinese sequence and 3rd of 5 in another, 谈判 only in the second: places, not counts.
    const names = (texts: string[]) => order(texts.map((t): [string, number] => [t, 0])).map((s) => s[1]);
    expect(names(['谈判', '赢单', '报价', '商机', '线索'])).toEqual(['线索', '商机', '报价', '谈判', '赢单']);
    expect(names(['Negotiation', 'Closed Won', 'Proposal', 'Discovery', 'Qualified', 'Lead'])).toEqual([
      'Lead',
      'Qualified',
      'Discovery',
      'Proposal',
      'Negotiation',
      'Closed Won',
    ]);
    // A stage one sequence lacks falls between its neighbours by the sequences that hold it: Prospecting first
    // (Salesforce, Maven), 商机 before 方案 and 报价.
    expect(names(['Proposal', 'Prospecting', 'Qualification', 'Negotiation'])).toEqual([
      'Prospecting',
      'Qualification',
      'Proposal',
      'Negotiation',
    ]);
    expect(names(['报价', '方案', '商机', '线索'])).toEqual(['线索', '商机', '方案', '报价']);
    // A stage no sequence holds comes after those they do, by milestones and first appearance.
    expect(names(['Custom', 'Quote', 'Lead'])).toEqual(['Lead', 'Quote', 'Custom']);
  });

  test('numbered or explained won and lost values are terminal, not open stages (Salesforce numbering)', () => {
    expect(
      order([
        ['2 - Qualification', 1],
        ['9 - Closed Won', 3],
        ['10 - Closed Lost', 3],
        ['Closed Lost - price', 3],
        ['Cancelled', 2],
        ['5 - Proposal', 2],
      ]),
    ).toEqual([
      [1, '2 - Qualification', 'open'],
      [2, '5 - Proposal', 'open'],
      [3, '9 - Closed Won', 'won'],
      [4, '10 - Closed Lost', 'lost'],
      [5, 'Closed Lost - price', 'lost'],
      [6, 'Cancelled', 'lost'],
    ]);
  });
});

describe('StageLookup', () => {
  const model = stagesFromData(
    ['Lead', 'Proposal', 'Closed Won', 'Lost', 'Won'].map((text) => ({ text, milestones: 0 })),
  );
  model.stages[1].aliases = ['Quote'];
  const lookup = new StageLookup(model);

  test.each([
    ['lead', 0],
    [' PROPOSAL ', 1],
    ['quote', 1],
    ['2 - Proposal', 1],
    ['S1 Lead', 0],
    ['Won', 3],
    ['closed won', 2],
    ['签约', 2],
    ['Dropped', 4],
    ['On hold', -1],
    ['In progress', -1],
    ['Negotiation', -1],
    ['', -1],
  ])('%s', (text, index) => {
    expect(lookup.find(text)).toBe(index);
    expect(lookup.find(text)).toBe(index);
  });

  test('names', () => {
    expect(lookup.names()).toEqual(['Lead', 'Proposal', 'Closed Won', 'Won', 'Lost']);
  });
});

describe('parseStages', () => {
  test('a stage named twice names the row of the first; an alias naming another stage is dropped', () => {
    const parsed = parseStages({
      name: 'Stages',
      values: [
        ['Order', 'Stage', 'Aliases'],
        [2, 'Proposal', 'Quote | Lead'],
        [1, 'Lead', ''],
        [3, ' LEAD ', ''],
        [4, 'Won', 'Signed | quote'],
      ],
    });
    expect(parsed?.model.stages.map((s) => [s.name, s.aliases, s.row])).toEqual([
      ['Lead', [], 3],
      ['Proposal', ['Quote'], 2],
      ['Won', ['Signed'], 5],
    ]);
    expect(parsed?.issues.map((i) => [i.code, i.row, i.column, i.value, i.params])).toEqual([
      ['stage-duplicate', 4, 'B (Stage)', 'LEAD', { first: 3 }],
      ['stage-alias-conflict', 2, 'C (Aliases)', 'Lead', { stage: 'Lead' }],
      ['stage-alias-conflict', 5, 'C (Aliases)', 'quote', { stage: 'Proposal' }],
    ]);
  });
});

describe('parseStages probability', () => {
  const probabilities = (column: (string | number)[]) =>
    parseStages({
      name: 'Stages',
      values: [['Stage', 'Probability'], ...column.map((p, i) => [`S${i}`, p])],
    })?.model.stages.map((s) => s.probability);

  test('a column that writes percents reads a bare 1 as 1%; a column of fractions as 100%', () => {
    expect(probabilities([10, '25', 1, 100])).toEqual([0.1, 0.25, 0.01, 1]);
    expect(probabilities([1, '0.5%'])).toEqual([0.01, 0.005]);
    expect(probabilities([0.1, 0.5, 1])).toEqual([0.1, 0.5, 1]);
  });
});

describe('the Chinese templates', () => {
  it.each(['b2b', 'meddpicc', 'funnel'] as const)('%s: quotes in Chinese text are full-width', (id) => {
    const cells = stagesGrid(template(id, 'zh'), 'zh').flat().map(String);
    expect(cells.filter((c) => /[\u4e00-\u9fa5]/.test(c) && c.includes('"'))).toEqual([]);
  });
});
