// Delimited text files (.csv / .tsv / .txt) for the command line: decode the bytes the way Chinese and
// English Excel users actually save them, then split into a grid of strings. Every cell stays a string:
// core parses dates and money itself, with issues for what it cannot read.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { tabIdOf } from '../core/index';
import { columnLetter } from '../core/register';
import type { SheetData } from '../core/types';
import { type CliKey, cliTranslator } from '../i18n/cli-messages';
import type { Params } from '../i18n/translate';

/** `cause.code` of the errors the file readers and writers throw. */
export type FileErrorCode = 'unreadable' | 'unsupported' | 'same-file' | 'unwritable';

/** The `cause` of a file error: the CLI maps the code to an exit status and says the message in its language. */
export interface FileErrorCause {
  code: FileErrorCode;
  path: string;
  key: CliKey;
  params: Params;
}

/** An Error whose `cause` is a FileErrorCause; its own message is the English text. */
export function fileError(code: FileErrorCode, key: CliKey, params: Params & { path: string }): Error {
  const error = new Error(cliTranslator('en')(key, params)) as Error & { cause?: FileErrorCause };
  error.cause = { code, path: params.path, key, params };
  return error;
}

/** Reads a whole input file; a failure is an 'unreadable' error that says why in words. */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const key =
      code === 'ENOENT'
        ? 'file.notFound'
        : code === 'EISDIR'
          ? 'file.isFolder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'file.noPermission'
            : 'file.readFailed';
    throw fileError('unreadable', key, { path, why: String(code ?? e) });
  }
}

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/**
 * Bytes to text. A BOM decides (UTF-8, UTF-16LE as Excel's "Unicode text", UTF-16BE); without one the
 * bytes are UTF-8 when they decode strictly as UTF-8, else GB18030 (a superset of GBK/GB2312, what
 * Chinese Excel writes for "CSV (逗号分隔)") or Windows-1252 (what Western Excel writes for "CSV (Comma
 * delimited)"), whichever latinOrGb says.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return {
      text: iconv.decode(Buffer.from(b.buffer, b.byteOffset + 2, b.length - 2), 'utf-16le'),
      encoding: 'utf-16le',
    };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return {
      text: iconv.decode(Buffer.from(b.buffer, b.byteOffset + 2, b.length - 2), 'utf-16be'),
      encoding: 'utf-16be',
    };
  }
  const bom16 = utf16WithoutBom(b);
  if (bom16)
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.length), bom16), encoding: bom16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    const encoding = latinOrGb(b);
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.length), encoding), encoding };
  }
}

/**
 * GB18030 or Windows-1252 for bytes that are not UTF-8. Chinese text is pairs of bytes of 0x80 and up (GB2312's
 * characters and full-width signs both lie in 0xA1–0xFE); an accented Latin letter is one such byte between ASCII
 * ones ("José," "Müller"). Whichever the high bytes mostly are decides.
 */
function latinOrGb(b: Uint8Array): 'gb18030' | 'windows-1252' {
  let pairs = 0;
  let lone = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    if (i + 1 < b.length && b[i + 1] >= 0x80) {
      pairs++;
      i++;
    } else lone++;
  }
  return lone > pairs ? 'windows-1252' : 'gb18030';
}

/** UTF-16 saved without a BOM shows as NUL bytes in every other position (ASCII-heavy text). */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  if (n === 0) return undefined;
  if (odd > n / 6 && even === 0) return 'utf-16le';
  if (even > n / 6 && odd === 0) return 'utf-16be';
  return undefined;
}

/** How many non-blank lines at the start of a delimited file detectDelimiter compares. */
const DELIMITER_SAMPLE_LINES = 10;

/** The delimiters detectDelimiter chooses among, first to last on a tie. */
const DELIMITERS = ['\t', ',', ';'];

/**
 * The field delimiter: tab for .tsv; otherwise whichever of tab, comma and semicolon splits the most of the first
 * 10 non-blank lines into the same number of fields (counting outside quotes; a quoted line break does not end a
 * line), so that a title line above the table ("Pipeline export, Q4 2017" over semicolon-separated rows) does not
 * decide. Ties go to the delimiter that splits those lines into more fields, then to tab (Excel's "Unicode
 * text" is tab-separated even when saved as .txt or .csv), then comma; comma when no line has any.
 */
export function detectDelimiter(text: string, ext = '.csv'): string {
  if (ext.toLowerCase() === '.tsv') return '\t';
  // Per non-blank line, how many of each delimiter it has outside quotes.
  const lines: number[][] = [];
  let counts = DELIMITERS.map(() => 0);
  let blank = true;
  let quoted = false;
  const sample = text.slice(0, 65536);
  for (let i = 0; i <= sample.length && lines.length < DELIMITER_SAMPLE_LINES; i++) {
    const ch = sample[i];
    if (ch === undefined || (!quoted && (ch === '\n' || ch === '\r'))) {
      if (!blank) lines.push(counts);
      counts = DELIMITERS.map(() => 0);
      blank = true;
      continue;
    }
    const d = DELIMITERS.indexOf(ch);
    if (ch === '"') quoted = !quoted;
    else if (!quoted && d >= 0) counts[d]++;
    if (ch.trim() !== '') blank = false;
  }
  let best = ',';
  let bestLines = 0;
  let bestCount = 0;
  DELIMITERS.forEach((delimiter, d) => {
    // The lines by how many of this delimiter they have: the largest group of lines that agree.
    const agreeing = new Map<number, number>();
    for (const line of lines) if (line[d] > 0) agreeing.set(line[d], (agreeing.get(line[d]) ?? 0) + 1);
    for (const [count, n] of agreeing) {
      if (n > bestLines || (n === bestLines && count > bestCount)) {
        best = delimiter;
        bestLines = n;
        bestCount = count;
      }
    }
  });
  return best;
}

/**
 * Text to rows of strings. Quotes, doubled quotes, embedded newlines, CRLF/LF/CR line ends, rows of
 * different lengths (padded with '') and blank lines (kept, so row numbers match a spreadsheet's) are
 * handled; trailing blank rows are dropped.
 */
export function parseDelimited(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    cast: false,
  }) as string[][];
  let height = records.length;
  while (height > 0 && records[height - 1].every((v) => v === '')) height--;
  let width = 0;
  for (let r = 0; r < height; r++) width = Math.max(width, records[r].length);
  const rows: string[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    const rec = records[r];
    if (rec.length < width) for (let c = rec.length; c < width; c++) rec.push('');
    rows[r] = rec;
  }
  return rows;
}

/**
 * A sheet name for a delimited file: its base name without the extension, or the whole file name when the base
 * name is one of Pandian's own tabs other than the customer tab (Inventory.csv, Stages.csv, Change log.csv,
 * 设置.csv…, any case or spacing; tabIdOf). The one tab of a delimited file is the customer tab: under such a
 * name core would skip it as that and read it as the Stages, Objections, Settings or History tab instead.
 */
export function sheetNameOf(path: string): string {
  const name = basename(path, extname(path));
  const id = tabIdOf(name);
  return id === null || id === 'customers' ? name : basename(path);
}

/**
 * One delimited file as one sheet named after the file. The caller has checked the extension; read
 * errors are thrown with `cause.code` 'unreadable'.
 */
export async function readDelimitedFile(path: string): Promise<SheetData> {
  const bytes = await readInputFile(path);
  const { text } = decodeText(bytes);
  if (text.includes('\u0000')) throw fileError('unreadable', 'file.notText', { path });
  let values: string[][];
  try {
    values = parseDelimited(text, detectDelimiter(text, extname(path)));
  } catch (e) {
    // csv-parse names the line where the file ends; the row the quote opens is the one after those it read.
    const { code, records, column } = e as { code?: string; records?: number; column?: number };
    throw code === 'CSV_QUOTE_NOT_CLOSED' && records !== undefined && column !== undefined
      ? fileError('unreadable', 'file.openQuote', { path, row: records + 1, column: columnLetter(column) })
      : fileError('unreadable', 'file.badCsv', { path, why: (e as Error).message });
  }
  return { name: sheetNameOf(path), values };
}
