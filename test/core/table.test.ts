// readCustomers reads the rows in one pass when it has a stage model and in two when it derives one
// from the data: both must give the same customers and the same issues in the same order.
import { readCustomers } from '../../src/core/table';
import { template } from '../../src/core/templates';
import type { Grid } from '../../src/core/types';

const GRID: Grid = [
  ['Pipeline 2026'],
  ['ID', 'Customer', 'Stage', 'Amount', 'Close Date'],
  ['A1', 'Acme', 'Lead', 'lots', '2026-02-30'],
  ['', '', '', '', ''],
  ['A2', 'Birch', 'Lead', 1200, '2026-05-01'],
  ['-', '-', '-', '-', '-'],
  ['A1', 'Acme again', 'Lead', 10, ''],
  ['Total', '', '', 1210, ''],
];

describe('readCustomers', () => {
  test('one pass with a model, two without: same customers, issues in the same order', () => {
    const withModel = readCustomers(
      { name: 'Customers', values: GRID },
      { timeZone: 'UTC', model: template('b2b', 'en') },
    );
    const derived = readCustomers({ name: 'Customers', values: GRID }, { timeZone: 'UTC', model: null });
    for (const table of [withModel, derived]) {
      expect(table?.customers.map((c) => [c.row, c.id, c.value])).toEqual([
        [3, 'A1', null],
        [5, 'A2', 1200],
        [7, 'A1', 10],
      ]);
      expect(table?.issues.map((i) => [i.code, i.row])).toEqual([
        ['title-row', 1],
        ['blank-row', 4],
        ['placeholder-row', 6],
        ['totals-row', 8],
        ['missing-rep', 2],
        ['bad-money', 3],
        ['impossible-date', 3],
        ['duplicate-id', 7],
      ]);
    }
  });
});
