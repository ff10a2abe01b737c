// The only formulas Pandian writes into a report tab are its in-cell bars: =SPARKLINE over report numbers
// of the bar's own row, left of it. Anything else in a report tab is a user string turned formula — a bug.

const BAR =
  /^=SPARKLINE\(([A-Z]+)(\d+):([A-Z]+)(\d+),\{"charttype","bar";"max",\d+(?:\.\d+)?(?:;"color[12]","#[0-9a-f]{6}")+\}\)$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Formulas of a report tab that are not one of Pandian's bars, as "row,col: formula" (0-based). */
export function strayFormulas(formulas: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  formulas.forEach((row, r) => {
    row.forEach((f, c) => {
      if (f === '') return;
      const m = BAR.exec(f);
      const ok =
        m !== null &&
        Number(m[2]) === r + 1 &&
        Number(m[4]) === r + 1 &&
        columnIndex(m[1]) <= columnIndex(m[3]) &&
        columnIndex(m[3]) < c;
      if (!ok) out.push(`${r},${c}: ${f}`);
    });
  });
  return out;
}

/** The bars of a report tab: formula cells that are Pandian's bars. */
export function barFormulas(formulas: readonly (readonly string[])[]): string[] {
  return formulas.flat().filter((f) => f !== '' && BAR.test(f));
}
