// Sparse 2D storage for one layer of a sheet (values, formulas, notes, one format...); 0-based rows and columns.

export class Grid<T> {
  private rows: (T[] | undefined)[] = [];

  constructor(readonly blank: T) {}

  get(row: number, column: number): T {
    const cells = this.rows[row];
    if (cells === undefined) return this.blank;
    const value = cells[column];
    return value === undefined ? this.blank : value;
  }

  set(row: number, column: number, value: T): void {
    let cells = this.rows[row];
    if (cells === undefined) {
      cells = [];
      this.rows[row] = cells;
    }
    cells[column] = value;
  }

  /** Rows that may hold something: an upper bound for scans. */
  get height(): number {
    return this.rows.length;
  }

  /** The stored cells of one row: may be shorter than the sheet and have holes (holes are blank). */
  rowCells(row: number): readonly (T | undefined)[] | undefined {
    return this.rows[row];
  }

  clear(row: number, column: number, numRows: number, numColumns: number): void {
    const end = Math.min(row + numRows, this.rows.length);
    for (let r = row; r < end; r++) {
      const cells = this.rows[r];
      if (cells === undefined) continue;
      if (column === 0 && numColumns >= cells.length) this.rows[r] = undefined;
      else cells.fill(this.blank, column, Math.min(column + numColumns, cells.length));
    }
  }

  insertRows(at: number, count: number): void {
    if (at < this.rows.length)
      this.rows = this.rows.slice(0, at).concat(new Array(count), this.rows.slice(at));
  }

  deleteRows(at: number, count: number): void {
    this.rows.splice(at, count);
  }

  insertColumns(at: number, count: number): void {
    for (const cells of this.rows)
      if (cells && cells.length > at) cells.splice(at, 0, ...new Array<T>(count));
  }

  deleteColumns(at: number, count: number): void {
    for (const cells of this.rows) cells?.splice(at, count);
  }

  /**
   * Reorders the rows start..start+order.length-1 so that new row i is old row order[i], within columns
   * [column, endColumn) only, or whole rows when endColumn is Infinity.
   */
  permuteRows(start: number, order: readonly number[], column: number, endColumn: number): void {
    if (column === 0 && endColumn === Number.POSITIVE_INFINITY) {
      const moved = order.map((i) => this.rows[start + i]);
      moved.forEach((cells, i) => {
        this.rows[start + i] = cells;
      });
      return;
    }
    for (let c = column; c < endColumn; c++) {
      const moved = order.map((i) => this.get(start + i, c));
      moved.forEach((value, i) => {
        this.set(start + i, c, value);
      });
    }
  }

  /** Visits every stored cell that is not blank. */
  forEachSet(visit: (row: number, column: number, value: T) => void): void {
    this.rows.forEach((cells, r) => {
      cells?.forEach((value, c) => {
        if (value !== undefined && value !== this.blank) visit(r, c, value);
      });
    });
  }
}
