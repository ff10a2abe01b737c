// What the formulas, the edit trigger and the sidebar need besides their input (header, stage model,
// settings) is read once and kept in the document cache. One place builds, caches and forgets it.

const NAMES = ['formula', 'edit', 'sidebar'] as const;
type ContextName = (typeof NAMES)[number];

/**
 * The cache key of a context ('pandian.sidebar-context.v11'). The version changes with a context's shape, so a
 * new deployment never reads one cached by the old code (v11: the edit context's configMissing).
 */
const keyOf = (name: ContextName): string => `pandian.${name}-context.v11`;

/** Cache values are limited to 100 KB; a larger context is simply rebuilt each time. */
const MAX_CACHED = 90000;

function documentCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getDocumentCache();
  } catch {
    return null;
  }
}

/**
 * The cached context `name`, or `build()` (cached for `seconds`). `fresh` skips the cache: writes
 * always read afresh, since columns may have moved.
 */
export function cachedContext<T>(name: ContextName, seconds: number, build: () => T, fresh = false): T {
  const cache = documentCache();
  const hit = fresh ? null : cache?.get(keyOf(name));
  if (hit) return JSON.parse(hit) as T;
  const value = build();
  const json = JSON.stringify(value);
  if (cache && json.length < MAX_CACHED) cache.put(keyOf(name), json, seconds);
  return value;
}

/** Forgets one cached context, or all of them (after setup, settings, mapping or Stages changes). */
export function forgetContexts(name?: ContextName): void {
  const cache = documentCache();
  if (!cache) return;
  if (name) cache.remove(keyOf(name));
  else cache.removeAll(NAMES.map(keyOf));
}
