// The Settings tab: two columns, setting and value, keys in either language. Mapping rows ("map:customer",
// "映射:客户") map a role to a header. Unreadable values are issues and fall back to the default.
import { cellText, isBlankGrid, normalizeKey, plainText } from './normalize';
import { IssueLog, keysByName, locateColumns } from './register';
import { matchRole } from './roles';
import { MAPPING_PREFIXES, SETTINGS_COLUMNS, SETTINGS_KEYS } from './tabs';
import { type Cell, type Grid, type Issue, ROLES, type Role, type Settings, type SheetData } from './types';
import { parseBoolean, parseNumber } from './values';

/**
 * The settings that name one of a few choices: each choice with its words in both languages (normalized),
 * separated by spaces.
 */
const CHOICES: {
  [S in 'lang' | 'period' | 'template']: Record<NonNullable<Settings[S]>, string>;
} = {
  lang: { zh: 'zh 中文 chinese zhcn', en: 'en english 英文 enus' },
  period: { month: 'month monthly 月 月度', quarter: 'quarter quarterly 季度 季' },
  template: {
    b2b: 'b2b b2bprojectsale 项目型销售 b2b项目销售',
    meddpicc: 'meddpicc',
    funnel: 'funnel 漏斗',
    data: 'data frommydata 按我的数据',
  },
};

/** The role a mapping row's key names: the role's own name ("expectedClose"), else any header name of it. */
function roleOf(word: string): Role | undefined {
  const key = normalizeKey(word);
  return ROLES.find((role) => normalizeKey(role) === key) ?? matchRole(word)?.role;
}

/**
 * The role a mapping row's key maps ("map:customer", "映射:客户" or "映射：客户"): undefined for a key that is no mapping
 * row, null for one whose role is unknown.
 */
export function mappingRole(key: string): Role | null | undefined {
  // Full-width as a Chinese input method types it: 映射：客户 is 映射:客户
  const plain = plainText(key).toLowerCase();
  const prefix = MAPPING_PREFIXES.find((p) => plain.startsWith(p));
  return prefix === undefined ? undefined : (roleOf(plain.slice(prefix.length)) ?? null);
}

/** Setting keys by normalized name, made on first use (parseSettings runs several times an execution). */
let settingsKeys: Map<string, keyof typeof SETTINGS_KEYS> | null = null;

/** The setting a Settings row's key names ("Watch changes", 监视变更: watchChanges), as parseSettings reads it. */
export function settingKeyOf(name: string): keyof typeof SETTINGS_KEYS | undefined {
  settingsKeys ??= keysByName(SETTINGS_KEYS);
  return settingsKeys.get(normalizeKey(name));
}

/**
 * Whether a tab under the Settings tab's name is Pandian's to write to: empty, headed Setting | Value, or
 * holding a setting or mapping row that reads (parseSettings counts them). A user's own tab of that name
 * (lists for drop-downs, say, even one headed Language | Period) is not, and Save mapping writes nothing into it.
 */
export function isOwnSettings(grid: Grid): boolean {
  return (
    locateColumns(grid, SETTINGS_COLUMNS) !== null ||
    parseSettings({ name: '', values: grid }).read > 0 ||
    isBlankGrid(grid)
  );
}

/**
 * Reads the Settings tab (any two-column key/value block; the header row is optional). `read`: how many rows
 * set a setting or a mapping (notes and unusable values set nothing).
 */
export function parseSettings(sheet: SheetData | null): {
  settings: Settings;
  issues: Issue[];
  read: number;
} {
  // The defaults, which the tab's rows overwrite: a new object each call, which callers may add to.
  const settings: Settings = {
    period: 'month',
    unplannedDays: 3,
    contactDays: 14,
    mapping: {},
    trackEdits: false,
    watchChanges: false,
  };
  if (!sheet) return { settings, issues: [], read: 0 };
  const log = new IssueLog(sheet.name);
  /** Sets what row r says; false when it says nothing Pandian can use. */
  const setFrom = (row: readonly Cell[], r: number): boolean => {
    const rawKey = cellText(row[0]);
    const cell = row[1];
    const value = cellText(cell);
    if (rawKey === '' || value === '') return false;
    /** An unusable value (or, for a mapping row, an unknown role in the key cell). */
    const bad = (c = 1, text = value): false => {
      log.cell(r, c, text, 'bad-setting', { setting: rawKey });
      return false;
    };

    const role = mappingRole(rawKey);
    if (role !== undefined) {
      if (!role) return bad(0, rawKey);
      settings.mapping[role] = value;
      return true;
    }
    const key = settingKeyOf(rawKey);
    if (!key) return false; // Notes and free text in the tab are the user's own.
    switch (key) {
      case 'lang':
      case 'period':
      case 'template': {
        const k = normalizeKey(value);
        const words: Record<string, string> = CHOICES[key];
        const choice = Object.keys(words).find((c) => words[c].split(' ').includes(k));
        if (!choice) return bad();
        settings[key] = choice as never;
        return true;
      }
      case 'customerSheet':
        settings.customerSheet = value;
        return true;
      case 'watchChanges':
      case 'trackEdits': {
        const b = parseBoolean(cell);
        if (typeof b !== 'boolean') return bad();
        settings[key] = b;
        return true;
      }
      default: {
        const n = parseNumber(cell);
        if (typeof n === 'number' && n >= 0) {
          settings[key] = n;
          return true;
        }
        return n !== null ? bad() : false; // unreadable, or below zero
      }
    }
  };
  let read = 0;
  sheet.values.forEach((row, r) => {
    if (setFrom(row, r)) read++;
  });
  return { settings, issues: log.list, read };
}
