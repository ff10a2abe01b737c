// Invariants of the engine over random input (fast-check): reading never throws, evidence is monotone,
// the gap is empty exactly when the next stage is reached, concurrency sums to the open count.
import fc from 'fast-check';
import { runInventory } from '../../src/core/index';
import { evidenceReach } from '../../src/core/inventory';
import { buildReport } from '../../src/core/report';
import { stagesGrid } from '../../src/core/stage-grid';
import { template } from '../../src/core/templates';
import type { Cell } from '../../src/core/types';
import { issueMessage, reportText } from '../../src/i18n/messages';

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '-',
    'Won',
    'Lost',
    '赢单',
    'Lead',
    '2026-05-30',
    '#N/A',
    '✓',
    '合计',
    '必填',
    '1,2 万',
    '=1+1',
  ),
  fc.double({ noNaN: false }),
  fc.integer({ min: -100000, max: 100000 }),
  fc.boolean(),
  fc.date({ min: new Date(-1e13), max: new Date(1e13) }),
  fc.constant(null),
);
const grid = fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 25 });
const HEAD = [
  'Customer',
  'Rep',
  'Stage',
  'Amount',
  'Created',
  'Close Date',
  'Status',
  'Inquiry',
  'Need confirmed',
  'Budget confirmed',
];
const B2B = stagesGrid(template('b2b', 'en'), 'en');

describe('engine invariants', () => {
  it('never throws on any grid, with or without a recognisable header, and always builds a report', () => {
    fc.assert(
      fc.property(grid, fc.boolean(), (rows, withHeader) => {
        const values = withHeader ? [HEAD, ...rows] : rows;
        const out = runInventory({
          sheets: [
            { name: 'Any', values },
            { name: 'Stages', values: B2B },
          ],
          asOf: '2026-06-30',
          timeZone: 'Asia/Shanghai',
          lang: 'zh',
        });
        if (out.ok) {
          const report = buildReport(out.inventory, reportText('zh'), (i) => issueMessage(i, 'zh'));
          expect(report.rows.every((r) => r.length === report.width)).toBe(true);
          for (const issue of out.inventory.issues) expect(issue.row).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same inventory for the same input', () => {
    fc.assert(
      fc.property(grid, (rows) => {
        const request = {
          sheets: [{ name: 'Deals', values: [HEAD, ...rows] }],
          asOf: '2026-06-30',
          timeZone: 'UTC',
          lang: 'en' as const,
        };
        const a = runInventory(request);
        const b = runInventory(request);
        expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
      }),
      { numRuns: 100 },
    );
  });

  const metSets = fc.array(fc.boolean(), { minLength: 9, maxLength: 9 });
  const byPos = [[0], [1, 2], [3, 4], [5, 6], [7, 8]];

  it('never lowers the evidenced stage when a criterion is added', () => {
    fc.assert(
      fc.property(metSets, fc.nat(8), (met, add) => {
        const before = Uint8Array.from(met.map(Number));
        const after = Uint8Array.from(before);
        after[add] = 1;
        expect(evidenceReach(after, byPos)).toBeGreaterThanOrEqual(evidenceReach(before, byPos));
      }),
    );
  });

  const CRITERIA = [
    'Inquiry',
    'Need confirmed',
    'Decision process mapped',
    'Budget confirmed',
    'Budget-approval path',
    'Solution accepted',
    'Procurement or tender path',
    'Purchase-approval commitment',
    'Contract terms agreed',
  ];
  const customerRow = fc.record({
    rep: fc.constantFrom('Ann', 'Bob', '', 'Chen'),
    stage: fc.constantFrom(
      '',
      'Lead',
      'Discovery',
      'Budget',
      'Solution & tender',
      'Negotiation & approval',
      'Won',
      'Lost',
      'On hold',
      'Nonsense',
    ),
    met: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
  });

  it('has an empty gap exactly when the evidence reaches the stage after the current one, and concurrency sums to open', () => {
    fc.assert(
      fc.property(fc.array(customerRow, { minLength: 1, maxLength: 30 }), (rows) => {
        const values = [
          ['Customer', 'Rep', 'Stage', ...CRITERIA],
          ...rows.map((r, i) => [`C${i}`, r.rep, r.stage, ...r.met.map((m) => (m ? 'yes' : ''))]),
        ];
        const out = runInventory({
          sheets: [
            { name: 'Customers', values },
            { name: 'Stages', values: B2B },
          ],
          asOf: '2026-06-30',
          timeZone: 'UTC',
          lang: 'en',
        });
        if (!out.ok) throw new Error('no inventory');
        const inv = out.inventory;
        inv.table.customers.forEach((c, i) => {
          const s = inv.states[i];
          if (c.status !== 'open') expect(s.gap).toEqual([]);
          else expect(s.gap.length === 0).toBe(s.reach > s.current);
        });
        const sum = inv.reps.reduce((n, r) => n + r.byStage.reduce((a, b) => a + b, 0), 0);
        expect(sum).toBe(inv.totals.open);
        expect(inv.reps.reduce((n, r) => n + r.open, 0)).toBe(inv.totals.open);
      }),
      { numRuns: 200 },
    );
  });
});
