// Spreadsheet files for the command line: read every tab of an .xlsx/.xlsm (or one .csv/.tsv/.txt) into
// grids of cell values, and write a copy of the input with the Inventory report tab added.
//
// Both directions work on the .xlsx package (a zip of XML parts) directly, with Node's zlib, instead
// of loading the whole workbook into exceljs:
// - Reading streams each worksheet part through a small XML scanner: a 100,000 x 25 sheet reads in a
//   few seconds and a few hundred MB, where exceljs' in-memory reader needs ~11 s and ~1.4 GB and its
//   streaming reader mishandles formula errors, sheet order and some part orders (see the report).
// - Writing copies every part of the input byte for byte (charts, pivot tables, macros, comments,
//   validation — everything exceljs would drop or rewrite survives) and adds or replaces one worksheet
//   part plus the few lines of workbook.xml, its relationships, [Content_Types].xml and styles.xml that
//   register it. An exceljs load+save of the same sheet took ~30 s and 3.4 GB.
// The report sheet is generated here: strings always go out as inline strings (`t="inlineStr"`), so a
// user's text that starts with '=' can never become a formula; no `<f>` element is ever written.
//
// No console output, no process.exit: failures are Errors with `cause: { code, path }` (FileErrorCode).
import { randomBytes } from 'node:crypto';
import { readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, posix, resolve } from 'node:path';
import zlib from 'node:zlib';
import type { Cell, Report, ReportCell, SheetData } from '../core/types';
import { fileError, readDelimitedFile } from './csv';

export type { FileErrorCode } from './csv';

const XLSX_EXTS = ['.xlsx', '.xlsm'];
const TEXT_EXTS = ['.csv', '.tsv', '.txt'];

type FileKind = 'xlsx' | 'text';

/** What kind of file a path names, by extension; anything else is 'unsupported'. */
function fileKind(path: string): FileKind {
  const ext = extname(path).toLowerCase();
  if (XLSX_EXTS.includes(ext)) return 'xlsx';
  if (TEXT_EXTS.includes(ext)) return 'text';
  if (ext === '.xls' || ext === '.et') {
    throw fileError(
      'unsupported',
      path,
      `${path} is an old-format Excel file (${ext}). Open it in Excel or WPS and save it as .xlsx (or .csv), then run again.`,
    );
  }
  throw fileError(
    'unsupported',
    path,
    `Unsupported file type "${ext || '(none)'}" for ${path}: use an .xlsx, .xlsm, .csv, .tsv or .txt file.`,
  );
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : String(code ?? e);
    throw fileError('unreadable', path, `Cannot read ${path}: ${why}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading

/**
 * Every worksheet of an .xlsx/.xlsm (in tab order, hidden ones included), or the one sheet of a
 * .csv/.tsv/.txt (named after the file). Cells are values: numbers, strings, booleans, Dates (UTC) for
 * date-formatted numbers, a formula's cached result ('' if none), rich text as plain text, an error as
 * its text ('#N/A'); merged ranges keep the value in the top-left cell only. Rows are padded to one
 * width with ''; trailing blank rows and columns are dropped.
 */
export async function readWorkbook(path: string): Promise<SheetData[]> {
  const kind = fileKind(path);
  if (kind === 'text') return [await readDelimitedFile(path)];
  const bytes = await readBytes(path);
  return readXlsx(bytes, path);
}

/** The sheets of an .xlsx/.xlsm held in memory; `label` names the file in error messages. */
export async function readXlsx(bytes: Buffer, label: string): Promise<SheetData[]> {
  const pkg = Package.open(bytes, label);
  const book = pkg.workbook();
  const styles = book.stylesPart ? parseStyles(pkg.text(book.stylesPart)) : [];
  const strings = book.sharedStringsPart ? parseSharedStrings(pkg.text(book.sharedStringsPart)) : [];
  const out: SheetData[] = [];
  for (const sheet of book.sheets) {
    if (!sheet.isWorksheet) continue;
    if (!pkg.has(sheet.part)) {
      out.push({ name: sheet.name, values: [] });
      continue;
    }
    const parser = new SheetParser(strings, styles, book.date1904);
    await pkg.scan(sheet.part, parser);
    out.push({ name: sheet.name, values: parser.grid() });
  }
  return out;
}

// ---- the zip container ----------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  /** The stored (compressed) bytes: a view into the archive. */
  raw: Buffer;
}

function readZip(buf: Buffer, path: string): ZipEntry[] {
  const bad = (why: string) => fileError('unreadable', path, `Cannot read ${path}: ${why}`);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw bad(
      'it is a password-protected workbook or an old .xls file renamed to .xlsx — open it in Excel, remove the password or save it as .xlsx, and run again',
    );
  }
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw bad('it is not an Excel workbook (an .xlsx file is a zip package; this file is not one)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (
    (count === 0xffff || cdOffset === 0xffffffff) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === 0x07064b50
  ) {
    const z = Number(buf.readBigUInt64LE(eocd - 12));
    if (z + 56 <= buf.length && buf.readUInt32LE(z) === 0x06064b50) {
      count = Number(buf.readBigUInt64LE(z + 32));
      cdOffset = Number(buf.readBigUInt64LE(z + 48));
    }
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw bad('the file is damaged (zip directory)');
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let csize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    let local = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || csize === 0xffffffff || local === 0xffffffff) {
      for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
        const id = buf.readUInt16LE(x);
        const len = buf.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          const next = () => {
            const v = Number(buf.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (csize === 0xffffffff) csize = next();
          if (local === 0xffffffff) local = next();
        }
        x += 4 + len;
      }
    }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
      throw bad('the file is damaged (zip entry)');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) throw bad('the file is truncated');
    entries.push({
      name,
      flags,
      method: buf.readUInt16LE(p + 10),
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
      crc: buf.readUInt32LE(p + 16),
      size,
      raw: buf.subarray(start, start + csize),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** A zip archive of the parts; copied entries keep their compressed bytes. */
function writeZip(parts: { name: string; entry?: ZipEntry; data?: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    let method: number;
    let crc: number;
    let size: number;
    let raw: Buffer;
    let time = 0;
    let date = 0x21; // 1980-01-01: new parts carry a fixed time so output is reproducible
    if (part.data) {
      method = 8;
      crc = zlib.crc32(part.data);
      size = part.data.length;
      raw = zlib.deflateRawSync(part.data, { level: 6 });
    } else {
      const e = part.entry!;
      ({ method, crc, size, raw, time, date } = e);
    }
    const name = Buffer.from(part.name, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(part.name) ? 0 : 0x800;
    if (raw.length >= 0xffffffff || size >= 0xffffffff || offset >= 0xffffffff) {
      throw new Error('workbook part too large for a zip without zip64');
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(raw.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, raw);
    central.push(cd, name);
    offset += 30 + name.length + raw.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/**
 * The same zip package with every entry's timestamp set to 1980-01-01 (compressed bytes untouched), so
 * that a generated workbook is byte-for-byte reproducible (exceljs stamps entries with the current time).
 */
export function withFixedZipTimes(bytes: Buffer, label = 'workbook'): Buffer {
  return writeZip(
    readZip(bytes, label).map((entry) => ({ name: entry.name, entry: { ...entry, time: 0, date: 0x21 } })),
  );
}

// ---- the OPC package: parts by name, relationships, the workbook's sheet list ------------------------

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

interface Rel {
  id: string;
  type: string;
  /** Part name the target resolves to (no leading '/'), or the raw target when external. */
  part: string;
  external: boolean;
}

interface BookSheet {
  name: string;
  sheetId: number;
  relId: string;
  part: string;
  isWorksheet: boolean;
}

interface BookInfo {
  part: string;
  relsPart: string;
  rels: Rel[];
  sheets: BookSheet[];
  date1904: boolean;
  stylesPart?: string;
  sharedStringsPart?: string;
}

const keyOf = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

function relsPartOf(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const dir = posix.dirname(sourcePart);
  return posix.normalize(dir === '.' ? target : `${dir}/${target}`).replace(/^(\.\.\/)+/, '');
}

class Package {
  private readonly parts: { name: string; entry?: ZipEntry; data?: Buffer }[] = [];
  private readonly index = new Map<string, { name: string; entry?: ZipEntry; data?: Buffer }>();

  private constructor(
    /** The file, for messages. */
    readonly label: string,
  ) {}

  static open(bytes: Buffer, label: string): Package {
    const pkg = new Package(label);
    for (const entry of readZip(bytes, label)) {
      if (entry.name.endsWith('/')) continue;
      if (entry.flags & 1) throw fileError('unreadable', label, `Cannot read ${label}: it is encrypted`);
      pkg.add(entry.name, { entry });
    }
    return pkg;
  }

  static empty(label: string): Package {
    return new Package(label);
  }

  private add(name: string, content: { entry?: ZipEntry; data?: Buffer }): void {
    const part = { name, ...content };
    this.parts.push(part);
    this.index.set(keyOf(name), part);
  }

  has(name: string): boolean {
    return this.index.has(keyOf(name));
  }

  bytes(name: string): Buffer {
    const part = this.index.get(keyOf(name));
    if (!part)
      throw fileError('unreadable', this.label, `Cannot read ${this.label}: part ${name} is missing`);
    if (part.data) return part.data;
    const e = part.entry!;
    try {
      if (e.method === 0) return e.raw;
      if (e.method === 8) return zlib.inflateRawSync(e.raw);
    } catch {
      throw fileError('unreadable', this.label, `Cannot read ${this.label}: part ${name} is damaged`);
    }
    throw fileError(
      'unreadable',
      this.label,
      `Cannot read ${this.label}: unsupported compression in ${name}`,
    );
  }

  text(name: string): string {
    return decodeXmlBytes(this.bytes(name));
  }

  /** Feeds a part through the XML scanner in chunks, without holding the whole text. */
  async scan(name: string, sink: XmlSink): Promise<void> {
    const part = this.index.get(keyOf(name));
    const scanner = new XmlScanner(sink);
    const entry = part?.entry;
    if (entry?.method !== 8) {
      scanner.feed(this.text(name));
      return;
    }
    const inflater = zlib.createInflateRaw({ chunkSize: 1 << 20 });
    inflater.end(entry.raw);
    let decoder: TextDecoder | undefined;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        decoder ??= new TextDecoder(bomEncoding(chunk), { ignoreBOM: false });
        scanner.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      throw fileError('unreadable', this.label, `Cannot read ${this.label}: part ${name} is damaged`);
    }
    if (decoder) scanner.feed(decoder.decode());
  }

  set(name: string, data: Buffer | string): void {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const part = this.index.get(keyOf(name));
    if (part) {
      part.data = buf;
      part.entry = undefined;
    } else this.add(name, { data: buf });
  }

  delete(name: string): void {
    const key = keyOf(name);
    if (!this.index.delete(key)) return;
    const i = this.parts.findIndex((p) => keyOf(p.name) === key);
    if (i >= 0) this.parts.splice(i, 1);
  }

  names(): string[] {
    return this.parts.map((p) => p.name);
  }

  toZip(): Buffer {
    return writeZip(this.parts);
  }

  rels(sourcePart: string): Rel[] {
    const relsPart = relsPartOf(sourcePart);
    if (!this.has(relsPart)) return [];
    return elements(this.text(relsPart), ['Relationship']).map(({ attrs }) => {
      const external = (attrs.TargetMode ?? '').toLowerCase() === 'external';
      const target = attrs.Target ?? '';
      return {
        id: attrs.Id ?? '',
        type: attrs.Type ?? '',
        part: external ? target : resolveTarget(sourcePart, target),
        external,
      };
    });
  }

  workbook(): BookInfo {
    const notBook = () =>
      fileError(
        'unreadable',
        this.label,
        `Cannot read ${this.label}: it is a zip file but not an Excel workbook`,
      );
    const root = this.rels('');
    let part = root.find((r) => r.type.endsWith('/officeDocument'))?.part;
    if (!part && this.has('xl/workbook.xml')) part = 'xl/workbook.xml';
    if (!part || !this.has(part)) throw notBook();
    const rels = this.rels(part);
    const byId = new Map(rels.map((r) => [r.id, r]));
    let date1904 = false;
    const sheets: BookSheet[] = [];
    for (const { name, attrs } of elements(this.text(part), ['sheet', 'workbookPr'])) {
      if (name === 'workbookPr') {
        date1904 = ['1', 'true'].includes((attrs.date1904 ?? '').toLowerCase());
        continue;
      }
      const relId = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      const rel = byId.get(relId);
      sheets.push({
        name: attrs.name ?? '',
        sheetId: Number(attrs.sheetId) || 0,
        relId,
        part: rel?.part ?? '',
        isWorksheet: !!rel && rel.type.endsWith('/worksheet') && !rel.external,
      });
    }
    if (sheets.length === 0 && !/<(\w+:)?sheets[\s>/]/.test(this.text(part))) throw notBook();
    return {
      part,
      relsPart: relsPartOf(part),
      rels,
      sheets,
      date1904,
      stylesPart: rels.find((r) => r.type.endsWith('/styles'))?.part,
      sharedStringsPart: rels.find((r) => r.type.endsWith('/sharedStrings'))?.part,
    };
  }
}

function bomEncoding(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function decodeXmlBytes(b: Buffer): string {
  return new TextDecoder(bomEncoding(b)).decode(b);
}

// ---- a small streaming XML scanner ------------------------------------------------------------------

interface XmlSink {
  /** Whether text between tags should be reported now. */
  wantsText: boolean;
  /** `attrs` is the raw attribute text of the tag (decode with parseAttrs). Self-closing tags also close. */
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** Raw text (entities not decoded; CDATA already decoded via escaping). */
  text(raw: string): void;
}

/** Position of the '>' that ends a tag starting before `from`, skipping quoted attribute values. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let k = from; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 62) return k;
    else if (ch === 34 || ch === 39) quote = ch;
  }
  return -1;
}

/** The local name of the tag whose name starts at `from` (a namespace prefix such as `x:` is dropped). */
function tagName(s: string, from: number, end: number): [name: string, nameEnd: number] {
  let k = from;
  let colon = -1;
  for (; k < end; k++) {
    const ch = s.charCodeAt(k);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) break;
    if (ch === 58) colon = k;
  }
  return [s.slice(colon < 0 ? from : colon + 1, k), k];
}

class XmlScanner {
  private carry = '';

  constructor(private readonly sink: XmlSink) {}

  feed(chunk: string): void {
    const s = this.carry ? this.carry + chunk : chunk;
    const sink = this.sink;
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) break;
      if (lt + 1 >= s.length) {
        if (lt > i && sink.wantsText) sink.text(s.slice(i, lt));
        i = lt;
        break;
      }
      const c1 = s.charCodeAt(lt + 1);
      let next: number;
      if (c1 === 33 /* ! */) {
        if (s.length - lt < 9 && ('<![CDATA['.startsWith(s.slice(lt)) || '<!--'.startsWith(s.slice(lt))))
          break;
        if (lt > i && sink.wantsText) sink.text(s.slice(i, lt));
        if (s.startsWith('<!--', lt)) {
          const e = s.indexOf('-->', lt + 4);
          next = e < 0 ? -1 : e + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const e = s.indexOf(']]>', lt + 9);
          if (e >= 0 && sink.wantsText) sink.text(escapeXml(s.slice(lt + 9, e)));
          next = e < 0 ? -1 : e + 3;
        } else {
          const e = tagEnd(s, lt + 2);
          next = e < 0 ? -1 : e + 1;
        }
      } else if (c1 === 63 /* ? */) {
        if (lt > i && sink.wantsText) sink.text(s.slice(i, lt));
        const e = s.indexOf('?>', lt + 2);
        next = e < 0 ? -1 : e + 2;
      } else {
        const gt = tagEnd(s, lt + 1);
        if (gt < 0) {
          if (lt > i && sink.wantsText) sink.text(s.slice(i, lt));
          i = lt;
          break;
        }
        if (lt > i && sink.wantsText) sink.text(s.slice(i, lt));
        if (c1 === 47 /* / */) {
          sink.close(tagName(s, lt + 2, gt)[0]);
        } else {
          const selfClosing = s.charCodeAt(gt - 1) === 47;
          const [name, nameEnd] = tagName(s, lt + 1, selfClosing ? gt - 1 : gt);
          sink.open(name, s.slice(nameEnd, selfClosing ? gt - 1 : gt));
          if (selfClosing) sink.close(name);
        }
        next = gt + 1;
      }
      if (next < 0) {
        i = lt;
        break;
      }
      i = next;
    }
    this.carry = i === 0 ? s : s.slice(i);
  }
}

const ATTR_RE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  ATTR_RE.lastIndex = 0;
  for (let m = ATTR_RE.exec(raw); m; m = ATTR_RE.exec(raw)) out[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

const ENTITY_RE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(t: string): string {
  if (t.indexOf('&') < 0) return t;
  return t.replace(ENTITY_RE, (_, e: string) => {
    if (e[0] !== '#') return NAMED_ENTITIES[e];
    const code =
      e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Spreadsheet text: XML entities, then the `_xHHHH_` escapes Excel uses for control characters. */
function decodeXstring(raw: string): string {
  const t = decodeEntities(raw);
  if (t.indexOf('_x') < 0) return t;
  return t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** All elements with one of `names` (local names), with their attributes, in document order. */
function elements(xml: string, names: string[]): { name: string; attrs: Record<string, string> }[] {
  const out: { name: string; attrs: Record<string, string> }[] = [];
  const wanted = new Set(names);
  new XmlScanner({
    wantsText: false,
    open: (name, attrs) => {
      if (wanted.has(name)) out.push({ name, attrs: parseAttrs(attrs) });
    },
    close: () => {},
    text: () => {},
  }).feed(xml);
  return out;
}

// ---- styles, shared strings, worksheets -------------------------------------------------------------

/** Built-in number formats that show dates or times (incl. the CJK ones, 27-36 and 50-58). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a number format code displays a date or time (as exceljs decides, plus escapes removed). */
export function isDateFormat(code: string): boolean {
  const f = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/[\\_*]./g, '');
  if (/^general$/i.test(f.trim())) return false;
  return /[ymdhs]/i.test(f.replace(/E[+-]/gi, ''));
}

/** For each cell style (cellXfs index): whether it formats numbers as dates. */
function parseStyles(xml: string): boolean[] {
  const fmts = new Map<number, string>();
  const xfs: boolean[] = [];
  const xfFormatIds: number[] = [];
  let inCellXfs = false;
  new XmlScanner({
    wantsText: false,
    open: (name, raw) => {
      if (name === 'numFmt') {
        const a = parseAttrs(raw);
        fmts.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormatIds.push(Number(parseAttrs(raw).numFmtId ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => {},
  }).feed(xml);
  for (const id of xfFormatIds) {
    const code = fmts.get(id);
    xfs.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return xfs;
}

/** The shared string table as plain text (rich runs concatenated, phonetic runs skipped). */
function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current = '';
  let inPhonetic = 0;
  const sink: XmlSink = {
    wantsText: false,
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic++;
      else if (name === 't' && inPhonetic === 0) sink.wantsText = true;
    },
    close: (name) => {
      if (name === 't') sink.wantsText = false;
      else if (name === 'rPh') inPhonetic--;
      else if (name === 'si') out.push(decodeXstring(current));
    },
    text: (raw) => {
      current += raw;
    },
  };
  new XmlScanner(sink).feed(xml);
  return out;
}

/** Column index (0-based) and row index (0-based, -1 if absent) of an A1 reference. */
function decodeRef(ref: string): [col: number, row: number] {
  let col = 0;
  let k = 0;
  for (; k < ref.length; k++) {
    const ch = ref.charCodeAt(k);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else if (ch !== 36) break;
  }
  let row = 0;
  for (; k < ref.length; k++) {
    const ch = ref.charCodeAt(k);
    if (ch >= 48 && ch <= 57) row = row * 10 + (ch - 48);
  }
  return [col - 1, row - 1];
}

/** A date from an Excel serial, at UTC, as exceljs gives it. */
function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

class SheetParser implements XmlSink {
  wantsText = false;
  private readonly rows: Cell[][] = [];
  private readonly merges: string[] = [];
  private row = -1;
  private col = -1;
  // the cell being read
  private cellType = '';
  private cellStyle = 0;
  private value: string | undefined;
  private inInline = false;
  private inPhonetic = 0;

  constructor(
    private readonly strings: string[],
    private readonly dateStyles: boolean[],
    private readonly date1904: boolean,
  ) {}

  open(name: string, raw: string): void {
    switch (name) {
      case 'row': {
        const r = /\br="?(\d+)/.exec(raw);
        this.row = r ? Number(r[1]) - 1 : this.row + 1;
        this.col = -1;
        break;
      }
      case 'c': {
        const a = parseAttrs(raw);
        if (a.r) {
          const [c, r] = decodeRef(a.r);
          this.col = c;
          if (r >= 0) this.row = r;
        } else this.col++;
        this.cellType = a.t ?? 'n';
        this.cellStyle = a.s ? Number(a.s) : 0;
        this.value = undefined;
        this.inInline = false;
        break;
      }
      case 'v':
        this.value = '';
        this.wantsText = true;
        break;
      case 'is':
        this.inInline = true;
        this.value = '';
        break;
      case 'rPh':
        this.inPhonetic++;
        break;
      case 't':
        if (this.inInline && this.inPhonetic === 0) this.wantsText = true;
        break;
      case 'mergeCell': {
        const ref = parseAttrs(raw).ref;
        if (ref) this.merges.push(ref);
        break;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.wantsText = false;
        break;
      case 'rPh':
        this.inPhonetic--;
        break;
      case 'c':
        if (this.value !== undefined && this.row >= 0 && this.col >= 0) {
          let cells = this.rows[this.row];
          if (!cells) cells = this.rows[this.row] = [];
          cells[this.col] = this.cellValue(this.value);
        }
        this.value = undefined;
        break;
    }
  }

  text(raw: string): void {
    this.value += raw;
  }

  private cellValue(v: string): Cell {
    switch (this.cellType) {
      case 's': {
        const s = this.strings[Number(v)];
        return s ?? '';
      }
      case 'inlineStr':
      case 'str':
        return decodeXstring(v);
      case 'b':
        return v === '1' || v.toLowerCase() === 'true';
      case 'e':
        return decodeEntities(v);
      case 'd': {
        const t = v.trim();
        if (t === '') return '';
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !t.includes('T') ? t : `${t}Z`);
        return Number.isNaN(d.getTime()) ? t : d;
      }
      default: {
        if (v === '') return '';
        const n = Number(v);
        if (Number.isNaN(n)) return decodeEntities(v);
        return this.dateStyles[this.cellStyle] ? serialToDate(n, this.date1904) : n;
      }
    }
  }

  /** The dense grid: rows padded to one width, trailing blank rows and columns dropped, merges applied. */
  grid(): Cell[][] {
    const rows = this.rows;
    for (const ref of this.merges) {
      const [a, b] = ref.split(':');
      if (!b) continue;
      const [c0, r0] = decodeRef(a);
      const [c1, r1] = decodeRef(b);
      for (let r = Math.max(r0, 0); r <= Math.min(r1, rows.length - 1); r++) {
        const cells = rows[r];
        if (!cells) continue;
        for (let c = Math.max(c0, 0); c <= Math.min(c1, cells.length - 1); c++) {
          if ((r !== r0 || c !== c0) && cells[c] !== undefined) cells[c] = '';
        }
      }
    }
    let height = 0;
    let width = 0;
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r];
      if (!cells) continue;
      for (let c = cells.length - 1; c >= 0; c--) {
        const v = cells[c];
        if (v !== undefined && v !== '' && v !== null) {
          if (c + 1 > width) width = c + 1;
          height = r + 1;
          break;
        }
      }
    }
    const out: Cell[][] = new Array(height);
    for (let r = 0; r < height; r++) {
      const cells = rows[r];
      const row: Cell[] = new Array(width);
      for (let c = 0; c < width; c++) {
        const v = cells?.[c];
        row[c] = v === undefined || v === null ? '' : v;
      }
      out[r] = row;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing

export interface WriteReportOptions {
  /** The workbook the report was computed from: .xlsx/.xlsm, or .csv/.tsv/.txt. Never written. */
  inputPath: string;
  /** Where the copy goes: .xlsx (.xlsm when the input is .xlsm). Replaced if it exists. */
  outPath: string;
  /** The report tab's name; an existing tab of that name (any case) is regenerated in place. */
  sheetName: string;
  report: Report;
  /** Accepted for the shells' symmetry; unused: report dates are civil days, written as day serials. */
  timeZone?: string;
}

/**
 * Writes a copy of the input workbook with the report as one more tab (or replacing the old report tab).
 * For a CSV input the copy is a new workbook with the CSV's sheet (strings as read) and the report.
 * Formats, column widths and frozen rows are applied; chart specs are not drawn (see below).
 */
export async function writeWorkbookWithReport(opts: WriteReportOptions): Promise<void> {
  const { inputPath, outPath, sheetName, report } = opts;
  const kind = fileKind(inputPath);
  const inExt = extname(inputPath).toLowerCase();
  const outExt = extname(outPath).toLowerCase();
  const wantExt = inExt === '.xlsm' ? '.xlsm' : '.xlsx';
  if (outExt !== wantExt) {
    throw fileError('unsupported', outPath, `The output file ${outPath} must end in ${wantExt}.`);
  }
  checkSheetName(sheetName, outPath);
  await refuseSameFile(inputPath, outPath);

  let pkg: Package;
  if (kind === 'xlsx') {
    pkg = Package.open(await readBytes(inputPath), inputPath);
  } else {
    const sheet = await readDelimitedFile(inputPath);
    pkg = newWorkbookPackage(inputPath, safeSheetName(sheet.name, sheetName), sheet.values);
  }
  addReportSheet(pkg, sheetName, report);
  // Charts (report.charts): exceljs cannot draw charts and hand-written DrawingML is out of scope, so
  // the chart specs are not rendered; their data blocks are already part of the report grid.
  const bytes = pkg.toZip();

  const tmp = `${resolve(outPath)}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, outPath);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    throw fileError('unwritable', outPath, `Cannot write ${outPath}: ${code ?? (e as Error).message}`);
  }
}

async function refuseSameFile(inputPath: string, outPath: string): Promise<void> {
  const refuse = () =>
    fileError(
      'same-file',
      outPath,
      `Refusing to overwrite the input ${inputPath}: choose another output file.`,
    );
  const a = resolve(inputPath);
  const b = resolve(outPath);
  if (a === b) throw refuse();
  const real = async (p: string) => {
    try {
      return await realpath(p);
    } catch {
      try {
        return resolve(await realpath(dirname(p)), basename(p));
      } catch {
        return p;
      }
    }
  };
  if ((await real(a)) === (await real(b))) throw refuse();
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    if (sa.dev === sb.dev && sa.ino === sb.ino) throw refuse();
  } catch (e) {
    if ((e as { cause?: { code?: string } }).cause?.code === 'same-file') throw e;
  }
}

function checkSheetName(name: string, outPath: string): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw fileError(
      'unsupported',
      outPath,
      `"${name}" cannot be a sheet name: use 1-31 characters without [ ] : * ? / \\ or a leading/trailing '.`,
    );
  }
}

/** A valid sheet name for a CSV's sheet that differs from the report's. */
function safeSheetName(name: string, reportName: string): string {
  let s = name
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  if (!s) s = 'Sheet1';
  if (s.toLowerCase() === reportName.toLowerCase()) s = `${s.slice(0, 27)} (1)`;
  return s;
}

// ---- XML text helpers -------------------------------------------------------------------------------

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** Cell text for XML: escapes, `_x` escapes for control characters, Excel's 32,767-character limit. */
function cellText(s: string): string {
  let t = s.length > 32767 ? s.slice(0, 32767) : s;
  t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  t = t.replace(
    /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`,
  );
  t = t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return escapeXml(t);
}

function colLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---- a new workbook for a CSV input -------------------------------------------------------------------

function newWorkbookPackage(label: string, sheetName: string, values: readonly (readonly Cell[])[]): Package {
  const pkg = Package.empty(label);
  pkg.set(
    '[Content_Types].xml',
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT_WORKSHEET}"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/>` +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
  );
  pkg.set(
    '_rels/.rels',
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  pkg.set(
    'xl/workbook.xml',
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  pkg.set('xl/styles.xml', `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">${STYLE_DEFAULTS}</styleSheet>`);

  // The CSV sheet: every cell a shared string.
  const table = new Map<string, number>();
  const chunks: Buffer[] = [];
  let buf = `${XML_DECL}<worksheet xmlns="${MAIN_NS}"><sheetData>`;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === '' || v === null || v === undefined) continue;
      const s = v instanceof Date ? v.toISOString() : String(v);
      let id = table.get(s);
      if (id === undefined) {
        id = table.size;
        table.set(s, id);
      }
      cells += `<c r="${colLetters(c)}${r + 1}" t="s"><v>${id}</v></c>`;
    }
    if (cells) buf += `<row r="${r + 1}">${cells}</row>`;
    if (buf.length > 1 << 20) {
      chunks.push(Buffer.from(buf, 'utf8'));
      buf = '';
    }
  }
  chunks.push(Buffer.from(`${buf}</sheetData></worksheet>`, 'utf8'));
  pkg.set('xl/worksheets/sheet1.xml', Buffer.concat(chunks));

  const sst: Buffer[] = [
    Buffer.from(`${XML_DECL}<sst xmlns="${MAIN_NS}" count="${table.size}" uniqueCount="${table.size}">`),
  ];
  let part = '';
  for (const s of table.keys()) {
    part += `<si><t xml:space="preserve">${cellText(s)}</t></si>`;
    if (part.length > 1 << 20) {
      sst.push(Buffer.from(part, 'utf8'));
      part = '';
    }
  }
  sst.push(Buffer.from(`${part}</sst>`, 'utf8'));
  pkg.set('xl/sharedStrings.xml', Buffer.concat(sst));
  return pkg;
}

// ---- styles -------------------------------------------------------------------------------------------

/** What one report cell looks like; the cell styles (xfs) added to the workbook are the distinct ones. */
interface Look {
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  border?: boolean;
  numFmt?: string;
}

const FILLS = {
  section: 'DDEBF7',
  header: 'D9D9D9',
  bad: 'FFC7CE',
  warn: 'FFEB9C',
  good: 'C6EFCE',
  heat: ['E2EFDA', 'C6E0B4', 'A9D08E'],
} as const;

const NUM_FMTS = { integer: '0', money: '#,##0', percent: '0%', decimal: '0.0', date: 'yyyy-mm-dd' } as const;
const BUILTIN_NUM_FMT_IDS: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9 };

/** The minimum content of each stylesheet section (Excel reserves the first two fills). */
const SECTION_DEFAULTS: Record<string, string[]> = {
  fonts: [
    '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  ],
  fills: [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ],
  borders: ['<border><left/><right/><top/><bottom/><diagonal/></border>'],
  cellStyleXfs: ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'],
  cellXfs: ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'],
  cellStyles: ['<cellStyle name="Normal" xfId="0" builtinId="0"/>'],
};

const STYLE_DEFAULTS = Object.entries(SECTION_DEFAULTS)
  .map(([section, items]) => `<${section} count="${items.length}">${items.join('')}</${section}>`)
  .join('');

/** The look of every report cell (undefined: default style). */
function reportLooks(report: Report): (Look | undefined)[][] {
  const looks: (Look | undefined)[][] = report.rows.map(() => []);
  const at = (r: number, c: number): Look => {
    const row = looks[r];
    let look = row[c];
    if (!look) look = row[c] = {};
    return look;
  };
  for (const { rect, kind } of report.formats) {
    const r0 = Math.max(0, rect.row);
    const c0 = Math.max(0, rect.col);
    const r1 = Math.min(report.rows.length, rect.row + rect.rows);
    const c1 = Math.min(report.width, rect.col + rect.cols);
    let max = 0;
    if (kind === 'heat') {
      for (let r = r0; r < r1; r++)
        for (let c = c0; c < c1; c++) {
          const v = report.rows[r][c];
          if (typeof v === 'number' && v > max) max = v;
        }
    }
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        if (kind === 'heat') {
          const v = report.rows[r][c];
          if (typeof v !== 'number' || !(v > 0) || max <= 0) continue;
          const ratio = v / max;
          at(r, c).fill = FILLS.heat[ratio <= 1 / 3 ? 0 : ratio <= 2 / 3 ? 1 : 2];
          continue;
        }
        const look = at(r, c);
        switch (kind) {
          case 'title':
            look.bold = true;
            look.size = 14;
            break;
          case 'section':
            look.bold = true;
            look.size = 12;
            look.fill = FILLS.section;
            break;
          case 'header':
            look.bold = true;
            look.fill = FILLS.header;
            look.border = true;
            break;
          case 'bad':
          case 'warn':
          case 'good':
            look.fill = FILLS[kind];
            break;
          case 'muted':
            look.color = '808080';
            break;
          default:
            look.numFmt = NUM_FMTS[kind];
        }
      }
    }
  }
  report.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== null && typeof v === 'object' && 'day' in v) at(r, c).numFmt = NUM_FMTS.date;
    });
  });
  return looks;
}

const lookKey = (l: Look) =>
  `${l.bold ? 1 : 0}|${l.size ?? ''}|${l.color ?? ''}|${l.fill ?? ''}|${l.border ? 1 : 0}|${l.numFmt ?? ''}`;

const SECTION_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

/**
 * Adds `items` to a section of styles.xml (creating it in schema order if missing, padding it with
 * `defaults` if empty) and fixes its count. An item identical to an existing entry is not added again
 * (a regenerated report reuses the styles it added last time). Returns the XML and each item's index.
 */
function appendToSection(
  xml: string,
  P: string,
  section: string,
  child: string,
  items: string[],
  defaults: string[],
): { xml: string; ids: number[] } {
  const open = new RegExp(`<${P}${section}(\\s[^>]*?)?(/?)>`).exec(xml);
  let content = '';
  let before: string;
  let after: string;
  let attrs = '';
  if (!open || open[2] === '/') {
    let at = xml.lastIndexOf(`</${P}styleSheet>`);
    if (open) at = open.index;
    else {
      for (const later of SECTION_ORDER.slice(SECTION_ORDER.indexOf(section) + 1)) {
        const m = new RegExp(`<${P}${later}[\\s/>]`).exec(xml);
        if (m) {
          at = m.index;
          break;
        }
      }
    }
    before = xml.slice(0, at);
    after = xml.slice(open ? at + open[0].length : at);
  } else {
    const start = open.index + open[0].length;
    const end = xml.indexOf(`</${P}${section}>`, start);
    content = xml.slice(start, end);
    before = xml.slice(0, open.index);
    after = xml.slice(end + `</${P}${section}>`.length);
    attrs = open[1] ?? '';
  }
  // The existing entries, as text, by index.
  const starts = [...content.matchAll(new RegExp(`<${P}${child}[\\s/>]`, 'g'))].map((m) => m.index ?? 0);
  const known = new Map<string, number>();
  starts.forEach((from, i) => {
    const text = content.slice(from, starts[i + 1] ?? content.length).trim();
    if (!known.has(text)) known.set(text, i);
  });
  const added = defaults.slice(Math.min(starts.length, defaults.length));
  let count = starts.length + added.length;
  const ids = items.map((item) => {
    let id = known.get(item);
    if (id === undefined) {
      id = count++;
      known.set(item, id);
      added.push(item);
    }
    return id;
  });
  const newAttrs = /\scount\s*=\s*["'][^"']*["']/.test(attrs)
    ? attrs.replace(/(\scount\s*=\s*)["'][^"']*["']/, `$1"${count}"`)
    : `${attrs} count="${count}"`;
  return {
    xml: `${before}<${P}${section}${newAttrs}>${content}${added.join('')}</${P}${section}>${after}`,
    ids,
  };
}

/** Adds one cell style per distinct look to styles.xml; returns the XML and each look's xf index. */
function mergeStyles(xml: string, looks: Look[]): { xml: string; xfIds: number[] } {
  const P = /<(\w+:)?styleSheet[\s>]/.exec(xml)?.[1] ?? '';
  const t = (name: string) => `${P}${name}`;
  const defaults = (section: string) =>
    SECTION_DEFAULTS[section].map((x) => x.replace(/<(\/?)(\w)/g, `<$1${P}$2`));

  // Base font: the workbook's default font, so report text matches the rest of the workbook.
  const fontsOpen = new RegExp(`<${P}fonts[\\s>]`).exec(xml);
  let baseFont = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
  let baseSize = 11;
  if (fontsOpen) {
    const m = new RegExp(`<${P}font(?:\\s[^>]*)?>([\\s\\S]*?)</${P}font>`).exec(xml.slice(fontsOpen.index));
    if (m) {
      baseSize = Number(/<(?:\w+:)?sz\s+val="([\d.]+)"/.exec(m[1])?.[1] ?? 11) || 11;
      baseFont = m[1].replace(/<(?:\w+:)?(b|i|u|strike|sz|color)(\s[^>]*)?\/>/g, '');
    }
  }

  // Number formats: built-ins by id, the others reused when present, else added after the highest id.
  const fmtIds = new Map<string, number>(Object.entries(BUILTIN_NUM_FMT_IDS));
  let maxFmt = 163;
  for (const { attrs: a } of elements(xml, ['numFmt'])) {
    const id = Number(a.numFmtId);
    if (id > maxFmt) maxFmt = id;
    if (a.formatCode && !fmtIds.has(a.formatCode)) fmtIds.set(a.formatCode, id);
  }
  const newFmts: string[] = [];
  for (const l of looks) {
    if (l.numFmt && !fmtIds.has(l.numFmt)) {
      fmtIds.set(l.numFmt, ++maxFmt);
      newFmts.push(`<${t('numFmt')} numFmtId="${maxFmt}" formatCode="${escapeXml(l.numFmt)}"/>`);
    }
  }
  if (newFmts.length) xml = appendToSection(xml, P, 'numFmts', 'numFmt', newFmts, []).xml;

  const fontKeys = new Map<string, number>();
  const fontItems: string[] = [];
  const fillKeys = new Map<string, number>();
  const fillItems: string[] = [];
  for (const l of looks) {
    if (l.bold || l.size || l.color) {
      const k = `${l.bold ? 1 : 0}|${l.size ?? ''}|${l.color ?? ''}`;
      if (!fontKeys.has(k)) {
        fontKeys.set(k, fontItems.length);
        fontItems.push(
          `<${t('font')}>${l.bold ? `<${t('b')}/>` : ''}<${t('sz')} val="${l.size ?? baseSize}"/>` +
            (l.color ? `<${t('color')} rgb="FF${l.color}"/>` : '') +
            `${baseFont}</${t('font')}>`,
        );
      }
    }
    if (l.fill && !fillKeys.has(l.fill)) {
      fillKeys.set(l.fill, fillItems.length);
      fillItems.push(
        `<${t('fill')}><${t('patternFill')} patternType="solid"><${t('fgColor')} rgb="FF${l.fill}"/>` +
          `<${t('bgColor')} indexed="64"/></${t('patternFill')}></${t('fill')}>`,
      );
    }
  }
  const border =
    `<${t('border')}><${t('left')}/><${t('right')}/><${t('top')}/>` +
    `<${t('bottom')} style="thin"><${t('color')} rgb="FF808080"/></${t('bottom')}><${t('diagonal')}/></${t('border')}>`;
  const needBorder = looks.some((l) => l.border);

  const fonts = appendToSection(xml, P, 'fonts', 'font', fontItems, defaults('fonts'));
  const fills = appendToSection(fonts.xml, P, 'fills', 'fill', fillItems, defaults('fills'));
  const borders = appendToSection(
    fills.xml,
    P,
    'borders',
    'border',
    needBorder ? [border] : [],
    defaults('borders'),
  );
  const styleXfs = appendToSection(borders.xml, P, 'cellStyleXfs', 'xf', [], defaults('cellStyleXfs'));

  const xfs = looks.map((l) => {
    const fontId =
      l.bold || l.size || l.color
        ? fonts.ids[fontKeys.get(`${l.bold ? 1 : 0}|${l.size ?? ''}|${l.color ?? ''}`)!]
        : 0;
    const fillId = l.fill ? fills.ids[fillKeys.get(l.fill)!] : 0;
    const borderId = l.border ? borders.ids[0] : 0;
    const numFmtId = l.numFmt ? fmtIds.get(l.numFmt)! : 0;
    return (
      `<${t('xf')} numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}` +
      `${borderId ? ' applyBorder="1"' : ''}/>`
    );
  });
  const cellXfs = appendToSection(styleXfs.xml, P, 'cellXfs', 'xf', xfs, defaults('cellXfs'));
  return { xml: cellXfs.xml, xfIds: cellXfs.ids };
}

// ---- the report sheet -------------------------------------------------------------------------------

function reportCellXml(ref: string, v: ReportCell, s: number, date1904: boolean): string {
  const style = s ? ` s="${s}"` : '';
  if (v === null || v === undefined) return s ? `<c r="${ref}"${style}/>` : '';
  if (typeof v === 'string' || (typeof v === 'object' && 'text' in v)) {
    const text = typeof v === 'string' ? v : v.text;
    if (text === '') return s ? `<c r="${ref}"${style}/>` : '';
    return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${cellText(text)}</t></is></c>`;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return s ? `<c r="${ref}"${style}/>` : '';
    return `<c r="${ref}"${style}><v>${v}</v></c>`;
  }
  if (typeof v === 'boolean') return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'object' && 'day' in v && Number.isFinite(v.day)) {
    return `<c r="${ref}"${style}><v>${v.day + 25569 - (date1904 ? 1462 : 0)}</v></c>`;
  }
  return s ? `<c r="${ref}"${style}/>` : '';
}

function reportSheetXml(
  report: Report,
  styleOf: (r: number, c: number) => number,
  date1904: boolean,
): string {
  const width = Math.max(report.width, ...report.rows.map((r) => r.length), 1);
  const height = report.rows.length;
  const parts: string[] = [
    `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    `<dimension ref="A1:${colLetters(width - 1)}${Math.max(height, 1)}"/>`,
  ];
  const frozen = Math.max(0, Math.floor(report.frozenRows || 0));
  parts.push(
    frozen > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
          `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  const cols = report.columnWidths
    .map((px, c) =>
      Number.isFinite(px) && px > 0
        ? `<col min="${c + 1}" max="${c + 1}" width="${Math.round((px / 7) * 100) / 100}" customWidth="1"/>`
        : '',
    )
    .join('');
  if (cols) parts.push(`<cols>${cols}</cols>`);
  parts.push('<sheetData>');
  for (let r = 0; r < height; r++) {
    const row = report.rows[r];
    let cells = '';
    for (let c = 0; c < row.length; c++)
      cells += reportCellXml(`${colLetters(c)}${r + 1}`, row[c], styleOf(r, c), date1904);
    if (cells) parts.push(`<row r="${r + 1}">${cells}</row>`);
  }
  parts.push('</sheetData>');
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  parts.push('</worksheet>');
  return parts.join('');
}

/** Inserts `xml` before the closing tag `</(prefix:)?name>` (the last one). */
function insertBeforeClose(doc: string, name: string, xml: string): string {
  const re = new RegExp(`</(\\w+:)?${name}>`, 'g');
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(doc); m; m = re.exec(doc)) last = m;
  if (!last) throw new Error(`malformed part: no </${name}>`);
  return doc.slice(0, last.index) + xml + doc.slice(last.index);
}

/** Adds the report as a worksheet of the package, or regenerates the existing sheet of that name. */
function addReportSheet(pkg: Package, sheetName: string, report: Report): void {
  const book = pkg.workbook();
  const label = pkg.label;

  // Styles: add the report's cell styles to the workbook's stylesheet.
  const looks = reportLooks(report);
  const distinct = new Map<string, number>();
  const lookList: Look[] = [];
  const lookIndex: number[][] = looks.map((row) =>
    row.map((l) => {
      if (!l) return -1;
      const k = lookKey(l);
      let i = distinct.get(k);
      if (i === undefined) {
        i = lookList.length;
        distinct.set(k, i);
        lookList.push(l);
      }
      return i;
    }),
  );
  let stylesPart = book.stylesPart;
  let relsXml = pkg.has(book.relsPart)
    ? pkg.text(book.relsPart)
    : `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let typesXml = pkg.text('[Content_Types].xml');
  const relIds = new Set(book.rels.map((r) => r.id));
  const newRelId = () => {
    let n = relIds.size + 1;
    while (relIds.has(`rId${n}`)) n++;
    relIds.add(`rId${n}`);
    return `rId${n}`;
  };
  const wbDir = posix.dirname(book.part) === '.' ? '' : `${posix.dirname(book.part)}/`;
  const relTarget = (part: string) =>
    wbDir && part.startsWith(wbDir) ? part.slice(wbDir.length) : `/${part}`;
  const relType = (suffix: string) => {
    const sample = book.rels.find((r) => /\/(worksheet|styles|sharedStrings|theme)$/.test(r.type))?.type;
    return sample ? sample.replace(/[^/]+$/, suffix) : `${REL_NS}/${suffix}`;
  };

  if (!stylesPart || !pkg.has(stylesPart)) {
    stylesPart = `${wbDir}styles.xml`;
    pkg.set(stylesPart, `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">${STYLE_DEFAULTS}</styleSheet>`);
    if (!book.stylesPart) {
      relsXml = insertBeforeClose(
        relsXml,
        'Relationships',
        `<Relationship Id="${newRelId()}" Type="${relType('styles')}" Target="${relTarget(stylesPart)}"/>`,
      );
    }
    typesXml = insertBeforeClose(
      typesXml,
      'Types',
      `<Override PartName="/${stylesPart}" ContentType="${CT_STYLES}"/>`,
    );
  }
  const merged = mergeStyles(pkg.text(stylesPart), lookList);
  pkg.set(stylesPart, merged.xml);
  const styleOf = (r: number, c: number) => {
    const i = lookIndex[r]?.[c] ?? -1;
    return i < 0 ? 0 : merged.xfIds[i];
  };
  const sheetXml = reportSheetXml(report, styleOf, book.date1904);

  const existing = book.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  if (existing) {
    if (!existing.isWorksheet || !existing.part) {
      throw fileError(
        'unsupported',
        label,
        `${label} has a tab named "${sheetName}" that is not a worksheet; rename it and run again.`,
      );
    }
    // Ours, regenerated in place: same position, same relationship, new content, no old attachments.
    pkg.set(existing.part, sheetXml);
    pkg.delete(relsPartOf(existing.part));
    // A calculation chain may list formula cells of the old tab; Excel rebuilds it when absent.
    const calc = book.rels.find((r) => r.type.endsWith('/calcChain'));
    if (calc) {
      pkg.delete(calc.part);
      relsXml = relsXml.replace(new RegExp(`<(\\w+:)?Relationship\\s[^>]*Id="${calc.id}"[^>]*?/>`), '');
      typesXml = typesXml.replace(/<(\w+:)?Override\s[^>]*PartName="[^"]*calcChain[^"]*"[^>]*?\/>/i, '');
    }
  } else {
    let n = book.sheets.length + 1;
    while (pkg.has(`${wbDir}worksheets/sheet${n}.xml`)) n++;
    const part = `${wbDir}worksheets/sheet${n}.xml`;
    pkg.set(part, sheetXml);
    const relId = newRelId();
    relsXml = insertBeforeClose(
      relsXml,
      'Relationships',
      `<Relationship Id="${relId}" Type="${relType('worksheet')}" Target="${relTarget(part)}"/>`,
    );
    typesXml = insertBeforeClose(
      typesXml,
      'Types',
      `<Override PartName="/${part}" ContentType="${CT_WORKSHEET}"/>`,
    );
    let wb = pkg.text(book.part);
    const P = /<(\w+:)?workbook[\s>]/.exec(wb)?.[1] ?? '';
    const sheetId = Math.max(0, ...book.sheets.map((s) => s.sheetId)) + 1;
    // The relationships prefix is declared on the element itself: writers such as openpyxl declare it
    // per <sheet> rather than on the root, so no prefix can be assumed to be in scope.
    const idAttr = `xmlns:r="${REL_NS}" r:id="${relId}"`;
    const sheetEl = `<${P}sheet name="${escapeXml(sheetName)}" sheetId="${sheetId}" ${idAttr}/>`;
    if (new RegExp(`<${P}sheets\\s*/>`).test(wb)) {
      wb = wb.replace(new RegExp(`<${P}sheets\\s*/>`), `<${P}sheets>${sheetEl}</${P}sheets>`);
    } else {
      wb = insertBeforeClose(wb, 'sheets', sheetEl);
    }
    pkg.set(book.part, wb);
  }
  pkg.set(book.relsPart, relsXml);
  pkg.set('[Content_Types].xml', typesXml);
}
