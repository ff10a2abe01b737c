// A1 notation for the Sheets sandbox: column letters, parsing ('Sheet 1'!A1:B2, A:A, 2:2, A2:C) and printing.

/** 1 -> 'A', 26 -> 'Z', 27 -> 'AA'. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** 'A' -> 1, 'aa' -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed reference, 1-based; a null end means "to the sheet's edge" ('A:A', 'A2:C', '2:5'). */
export interface A1Ref {
  sheetName: string | null;
  row: number;
  column: number;
  endRow: number | null;
  endColumn: number | null;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/;

/** Splits an optional sheet prefix: "'My sheet'!A1" -> { sheetName: 'My sheet', ref: 'A1' }. */
function splitSheetName(a1: string): { sheetName: string | null; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { sheetName: null, ref: a1 };
  let name = a1.slice(0, bang);
  if (name.length >= 2 && name.startsWith("'") && name.endsWith("'"))
    name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: a1.slice(bang + 1) };
}

/** Parses A1 notation; null when it is not a reference Sheets would accept. */
export function parseA1(a1: string): A1Ref | null {
  const { sheetName, ref } = splitSheetName(a1.trim());
  const sides = ref.split(':');
  if (sides.length > 2) return null;
  const parts = sides.map((side) => PART.exec(side));
  if (parts.some((p) => p === null)) return null;
  const [[, colA, rowA], second] = parts as RegExpExecArray[];
  const c1 = colA ? columnNumber(colA) : 0;
  const r1 = rowA ? Number(rowA) : 0;
  if (!second) return c1 && r1 ? { sheetName, row: r1, column: c1, endRow: r1, endColumn: c1 } : null;
  const c2 = second[1] ? columnNumber(second[1]) : 0;
  const r2 = second[2] ? Number(second[2]) : 0;
  if (!c1 && !c2) {
    // Whole rows: '2:5'.
    return r1 && r2
      ? { sheetName, row: Math.min(r1, r2), column: 1, endRow: Math.max(r1, r2), endColumn: null }
      : null;
  }
  if (!c1 || !c2) return null;
  const column = Math.min(c1, c2);
  const endColumn = Math.max(c1, c2);
  if (r1 && r2) return { sheetName, row: Math.min(r1, r2), column, endRow: Math.max(r1, r2), endColumn };
  if (!r2) return { sheetName, row: r1 || 1, column, endRow: null, endColumn }; // 'A:C' or 'A2:C'
  return null;
}

/** Prints a range the way Range.getA1Notation does; open sides print as 'A:A', 'A2:A' or '2:2'. */
export function formatA1(
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  openRows = false,
  openColumns = false,
): string {
  const lastRow = row + numRows - 1;
  const lastColumn = column + numColumns - 1;
  if (openRows) return `${columnLetters(column)}${row === 1 ? '' : row}:${columnLetters(lastColumn)}`;
  if (openColumns) return `${row}:${lastRow}`;
  const start = `${columnLetters(column)}${row}`;
  return numRows === 1 && numColumns === 1 ? start : `${start}:${columnLetters(lastColumn)}${lastRow}`;
}

/** Quotes a sheet name for a qualified reference when Sheets would: "My sheet" -> "'My sheet'". */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
