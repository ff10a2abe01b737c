// What every catalogue shares: the entry shape, the one lookup and the way a catalogue is written (by
// section). The text itself lives in three catalogues, one per bundle that shows it, so dist/Code.js (loaded by
// every custom-function cell and trigger) carries only what the server says: messages.ts (menu, report, issues,
// errors, setup), sidebar-messages.ts (the sidebar page) and cli-messages.ts (the command line). Each key is in
// exactly one of them.
import type { Lang } from '../core/types';

/** One text as a [Chinese, English] pair: the order of every bilingual pair in the project (see nameIn). */
export type Entry = [zh: string, en: string];
export type Params = Record<string, string | number>;

/**
 * A lookup of one table in one language; `{name}` in a text is replaced by params.name, and `{name:one|other}`
 * by `one` when params.name is 1, else `other` ("{n} {n:row|rows}"). A key the table lacks
 * (only possible through a cast or the report's key strings) shows as itself, so a missing text is visible and
 * a test fails, rather than the command throwing.
 */
export function lookup<K extends string>(
  table: Record<K, Entry>,
  lang: Lang,
): (key: K, params?: Params) => string {
  const index = lang === 'zh' ? 0 : 1;
  return (key, params) => {
    const text = table[key]?.[index] ?? key;
    return params
      ? text.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (m, name: string, one = '', other?: string) =>
          !(name in params)
            ? m
            : other === undefined
              ? String(params[name])
              : params[name] === 1
                ? one
                : other,
        )
      : text;
  };
}

/** The keys of a catalogue written by section: section `report` with entry `title` is 'report.title'. */
export type SectionKeys<T> = { [S in keyof T & string]: `${S}.${keyof T[S] & string}` }[keyof T & string];

/** A catalogue written by section, as the flat table of 'section.entry' keys that lookup reads. */
export function sections<T extends Record<string, Record<string, Entry>>>(
  table: T,
): Record<SectionKeys<T>, Entry> {
  const flat: Record<string, Entry> = {};
  for (const section in table)
    for (const key in table[section]) flat[`${section}.${key}`] = table[section][key];
  return flat as Record<SectionKeys<T>, Entry>;
}
