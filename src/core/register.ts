// Locating the header row and columns of the tabs Pandian defines (Stages, Objections, History,
// Settings), whose headers are known in both languages. The customer tab has its own detection (table.ts).
import { cellText, normalizeKey } from './normalize';
import type { Names } from './tabs';
import type { Cell, Grid, Issue } from './types';
import { isFailure, type ParseFailure } from './values';

export interface Located<K extends string> {
  /** 0-based index of the header row in the grid. */
  headerRow: number;
  /** Column index per known key (absent when the tab lacks that column). */
  cols: Partial<Record<K, number>>;
  headers: string[];
}

/** How many rows from the top may hold the header (title rows may sit above it). */
export const HEADER_SCAN_ROWS = 10;

/** The key of `spec` each name (as its normalized key) stands for; the first key to list a name keeps it. */
export function keysByName<K extends string>(spec: Record<K, Names>): Map<string, K> {
  const lookup = new Map<string, K>();
  for (const key of Object.keys(spec) as K[]) {
    for (const name of spec[key]) {
      const k = normalizeKey(name);
      if (!lookup.has(k)) lookup.set(k, key);
    }
  }
  return lookup;
}

/**
 * Finds the first row (within the first 10) where at least `minMatches` headers are known names.
 */
export function locateColumns<K extends string>(
  grid: Grid,
  spec: Record<K, Names>,
  minMatches = 2,
): Located<K> | null {
  const lookup = keysByName(spec);
  const scan = Math.min(grid.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const row = grid[r] ?? [];
    const cols: Partial<Record<K, number>> = {};
    let matches = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== 'string' || cell.trim() === '') continue;
      const key = lookup.get(normalizeKey(cell));
      if (key !== undefined && cols[key] === undefined) {
        cols[key] = c;
        matches++;
      }
    }
    if (matches >= minMatches) return { headerRow: r, cols, headers: row.map(textOf) };
  }
  return null;
}

/** The header text of a cell: trimmed (only strings can have white space at either end). */
function textOf(cell: Cell): string {
  return cell == null ? '' : String(cell).trim();
}

/** Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : columnLetter(Math.floor(index / 26) - 1) + letter;
}

/** Collects issues for one tab with sheet row numbers. */
export class IssueLog {
  readonly list: Issue[] = [];
  /** `headers`: the tab's header row, which labels the column of each cell's issue. */
  constructor(
    readonly sheet: string,
    private readonly headers: readonly string[] = [],
  ) {}

  /**
   * A parsed cell's value: a cell that does not parse is reported at its row and column, with the text the
   * user sees in it, and read as blank (null).
   */
  parsed<T>(gridRow: number, col: number, cell: Cell, result: T | ParseFailure): T | null {
    if (!isFailure(result)) return result;
    this.cell(gridRow, col, cellText(cell), result.fail, { expected: result.expected });
    return null;
  }

  /** An issue of one cell; its column is labelled as "E (Stage)", or "E" without a header. */
  cell(gridRow: number, col: number, value: string, code: Issue['code'], params?: Issue['params']): void {
    const letter = columnLetter(col);
    const header = this.headers[col];
    this.row(gridRow, code, value, params, header ? `${letter} (${header})` : letter);
  }

  /** An issue of a whole row; `column` is only given by cell(), with the column's label. */
  row(gridRow: number, code: Issue['code'], value = '', params?: Issue['params'], column = ''): void {
    this.list.push({ sheet: this.sheet, row: gridRow + 1, column, value, code, params });
  }
}

/** Splits a list cell: one item per line, or separated by ; ； 、 , ，. */
export function splitList(cell: Cell): string[] {
  if (cell == null) return [];
  return String(cell)
    .split(/[\n\r;；、,，]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
