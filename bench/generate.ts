// Deterministic customer sheets of any size for benchmarks: a B2B team with elements and commitments,
// 25 columns, dates as real Dates (as Apps Script's getValues gives them).
import { template } from '../src/core/templates';
import type { Cell } from '../src/core/types';
import { mulberry32 } from '../test/support/random';

export const MODEL = template('b2b', 'en');
const CRITERIA = MODEL.stages.flatMap((s) => s.criteria.map((c) => c.name));
const STAGES = MODEL.stages.map((s) => s.name);

export const HEADER: string[] = [
  'ID',
  'Customer',
  'Rep',
  'Stage',
  'Status',
  'Amount',
  'Created',
  'Close Date',
  'Last Contact',
  'Next Step',
  'Next Step Date',
  'Stage Entered',
  'Last Updated',
  'Resume On',
  'Support Needed',
  'Probability',
  ...CRITERIA,
];

/** Header + `rows` customer rows, 25 columns. */
export function customerGrid(rows: number, seed = 7): Cell[][] {
  const rnd = mulberry32(seed);
  const day = (offset: number): Date => new Date(Date.UTC(2026, 0, 1 + Math.floor(offset)));
  const grid: Cell[][] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const k = Math.floor(rnd() * STAGES.length);
    grid.push([
      `C${i + 1}`,
      `Customer ${i + 1}`,
      `Rep ${(i % 40) + 1}`,
      STAGES[k],
      '',
      Math.round(rnd() * 100000),
      day(rnd() * 200),
      day(200 + rnd() * 100),
      day(rnd() * 300),
      rnd() < 0.8 ? 'Call back' : '',
      rnd() < 0.8 ? day(280 + rnd() * 60) : '',
      day(rnd() * 300),
      day(rnd() * 300),
      '',
      rnd() < 0.2 ? 'Legal, Finance' : '',
      '',
      ...CRITERIA.map((_, j) => (j < k * 2 && rnd() < 0.9 ? day(rnd() * 300) : '')),
    ]);
  }
  return grid;
}
