// The sidebar's server functions called directly in the sandbox (no browser): the cells a write touches.
import { createSpreadsheet, type FakeSpreadsheet, loadBundle, type Sandbox } from '../sandbox';
import { fixtureSheets, NOW, TIME_ZONE } from './fixtures';

/** 2026-11-27 00:00 in Shanghai: what a date cell holds for "today". */
const TODAY_CELL = Date.UTC(2026, 10, 26, 16, 0, 0);
const NORTHERN = { sheet: 'Customers', row: 3, id: 'C-002', name: 'Northern Steel' };
const BUDGET = { row: 2, id: 'OBJ-001', text: 'No budget left this year' };
/** Columns of the fixture's Objections tab (0-based). */
const STATUS = 7;
const RESOLUTION = 10;
const RESOLVED = 11;

function world(): { ss: FakeSpreadsheet; sandbox: Sandbox } {
  const ss = createSpreadsheet({ sheets: fixtureSheets('en'), timeZone: TIME_ZONE });
  return { ss, sandbox: loadBundle({ spreadsheet: ss, now: NOW }) };
}

function objectionRow(ss: FakeSpreadsheet, row: number): unknown[] {
  return ss.getSheetByName('Objections')!.getDataRange().getValues()[row - 1];
}

function time(v: unknown): number | null {
  return Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : null;
}

describe('sidebarUpdateObjection', () => {
  it.each([
    ['resolved', 'Resolved'],
    ['accepted', 'Accepted'],
  ])('closing an objection as %s records today as its resolved date', (status, written) => {
    const { ss, sandbox } = world();
    sandbox.call('sidebarUpdateObjection', NORTHERN, BUDGET, { status });
    const row = objectionRow(ss, 2);
    expect(row[STATUS]).toBe(written);
    expect(time(row[RESOLVED])).toBe(TODAY_CELL);
  });

  it('leaves the resolved date blank when the status stays open, and keeps one already there', () => {
    const { ss, sandbox } = world();
    sandbox.call('sidebarUpdateObjection', NORTHERN, BUDGET, { status: 'acting' });
    expect(objectionRow(ss, 2)[STATUS]).toBe('Acting');
    expect(objectionRow(ss, 2)[RESOLVED]).toBe('');

    const pharma = { sheet: 'Customers', row: 5, id: 'C-004', name: 'Southern Pharma' };
    const price = { row: 3, id: 'OBJ-002', text: 'Price above the competitor' };
    const before = time(objectionRow(ss, 3)[RESOLVED]);
    expect(before).not.toBeNull();
    sandbox.call('sidebarUpdateObjection', pharma, price, { status: 'accepted', resolution: '' });
    expect(objectionRow(ss, 3)[STATUS]).toBe('Accepted');
    expect(objectionRow(ss, 3)[RESOLUTION]).toBe('');
    expect(time(objectionRow(ss, 3)[RESOLVED])).toBe(before);
  });
});
