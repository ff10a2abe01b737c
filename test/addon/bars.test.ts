// The Inventory tab's charts as in-cell bars (withBars): one SPARKLINE per data row, on the chart's common
// scale, stacked for the rep chart, nothing for a chart with nothing to draw, and no change to the grid.

import { columnLetter } from '../../src/core/register';
import type { Report } from '../../src/core/types';
import { withBars } from '../../src/sheets/write-report';
import { strayFormulas } from '../support/report-formulas';

function report(): Report {
  return {
    rows: [
      ['Stage', 'Customers', null],
      ['Lead', 4, null],
      ['Proposal', 10, null],
      ['Rep', 'Lead', 'Proposal'],
      [{ text: '=ann' }, 3, 2],
      [{ text: 'bob' }, 0, 1],
      ['Period', 'Wins', null],
      ['2026-10', 0, null],
    ],
    width: 3,
    formats: [],
    charts: [
      {
        id: 'funnel',
        kind: 'bar',
        data: { row: 0, col: 0, rows: 3, cols: 2 },
      },
      {
        id: 'concurrency',
        kind: 'stacked-bar',
        data: { row: 3, col: 0, rows: 3, cols: 3 },
      },
      {
        id: 'wins',
        kind: 'column',
        data: { row: 6, col: 0, rows: 2, cols: 2 },
      },
    ],
    columnWidths: [180, 110, 110],
    frozenRows: 1,
  };
}

describe('columnLetter (the bars’ references)', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i is %s', (col, letters) => {
    expect(columnLetter(col)).toBe(letters);
  });
});

describe('withBars', () => {
  const input = report();
  const out = withBars(input);

  it('adds one column and leaves every report cell as it was', () => {
    expect(out.width).toBe(4);
    expect(out.rows.map((r) => r.slice(0, 3))).toEqual(input.rows);
    expect(out.columnWidths).toEqual([180, 110, 110, 240]);
    expect(input.rows[0]).toHaveLength(3); // the core report is not modified
  });

  it('draws a funnel bar per stage on the scale of the largest stage', () => {
    expect(out.rows[1][3]).toBe('=SPARKLINE(B2:B2,{"charttype","bar";"max",10;"color1","#1a73e8"})');
    expect(out.rows[2][3]).toBe('=SPARKLINE(B3:B3,{"charttype","bar";"max",10;"color1","#1a73e8"})');
  });

  it('stacks a rep’s stage columns, on the scale of the busiest rep', () => {
    expect(out.rows[4][3]).toBe(
      '=SPARKLINE(B5:C5,{"charttype","bar";"max",5;"color1","#1a73e8";"color2","#8ab4f8"})',
    );
    expect(out.rows[5][3]).toMatch(/^=SPARKLINE\(B6:C6,.*"max",5;/);
  });

  it('draws nothing for a chart whose figures are all zero, and nothing on header rows', () => {
    expect(out.rows[7][3]).toBeNull();
    expect([out.rows[0][3], out.rows[3][3], out.rows[6][3]]).toEqual([null, null, null]);
    expect(out.formats.filter((f) => f.rect.col === 3).map((f) => [f.rect.row, f.kind])).toEqual([
      [0, 'header'],
      [3, 'header'],
    ]);
  });

  it('writes only bars of their own row as formulas', () => {
    const formulas = out.rows.map((r) => r.map((c) => (typeof c === 'string' && c.startsWith('=') ? c : '')));
    expect(strayFormulas(formulas)).toEqual([]);
    expect(formulas.flat().filter((f) => f !== '')).toHaveLength(4);
  });

  it('returns a report without charts unchanged', () => {
    const plain = { ...report(), charts: [] };
    expect(withBars(plain)).toBe(plain);
  });
});
