// LockService, PropertiesService and CacheService over the project state shared by every sandbox on the same
// spreadsheet, with Apps Script's limits (9 KB property values, 500 KB per property store, 100 KB cache values).
import type { CacheEntry, LockState } from './model';
import { instrument, type Runtime, Service } from './runtime';

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;
const CACHE_VALUE_LIMIT = 100 * 1024;
const CACHE_KEY_LIMIT = 250;
const CACHE_DEFAULT_SECONDS = 600;
const CACHE_MAX_SECONDS = 21600;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class FakeLockService extends Service {
  /** null when the script is not bound to a document. */
  getDocumentLock(): FakeLock | null {
    return this.rt.model ? new FakeLock(this.rt, this.rt.project.documentLock) : null;
  }

  getScriptLock(): FakeLock {
    return new FakeLock(this.rt, this.rt.project.scriptLock);
  }

  getUserLock(): FakeLock {
    return new FakeLock(this.rt, this.rt.project.userLockOf(this.rt.user));
  }
}

/**
 * A lock is held by an execution (a sandbox) until released or until the sandbox's call ends. Nothing else runs
 * while a script waits, so a lock held elsewhere is never freed during tryLock/waitLock: they fail at once.
 */
export class FakeLock extends Service {
  constructor(
    rt: Runtime,
    private readonly state: LockState,
  ) {
    super(rt);
  }

  tryLock(timeoutInMillis: number): boolean {
    if (this.state.holder !== null && this.state.holder !== this.rt.execution) {
      this.rt.sleptMilliseconds += Math.max(0, Number(timeoutInMillis) || 0);
      return false;
    }
    this.state.holder = this.rt.execution;
    return true;
  }

  waitLock(timeoutInMillis: number): void {
    if (this.state.holder !== null && this.state.holder !== this.rt.execution) {
      this.rt.sleptMilliseconds += Math.max(0, Number(timeoutInMillis) || 0);
      throw this.rt.error('Lock timeout: another process was holding the lock for too long.');
    }
    this.state.holder = this.rt.execution;
  }

  releaseLock(): void {
    if (this.state.holder === this.rt.execution) this.state.holder = null;
  }

  hasLock(): boolean {
    return this.state.holder === this.rt.execution;
  }
}

export class FakePropertiesService extends Service {
  /** null when the script is not bound to a document. */
  getDocumentProperties(): FakeProperties | null {
    return this.rt.model ? new FakeProperties(this.rt, this.rt.project.documentProperties) : null;
  }

  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.rt, this.rt.project.scriptProperties);
  }

  getUserProperties(): FakeProperties {
    return new FakeProperties(this.rt, this.rt.project.userPropertiesOf(this.rt.user));
  }
}

export class FakeProperties extends Service {
  constructor(
    rt: Runtime,
    private readonly store: Map<string, string>,
  ) {
    super(rt);
  }

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }

  /** Values are stored as strings. */
  setProperty(key: string, value: unknown): FakeProperties {
    putProperties(this.rt, this.store, [[String(key), String(value)]], false);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): FakeProperties {
    const entries = Object.entries(properties).map(([k, v]): [string, string] => [k, String(v)]);
    putProperties(this.rt, this.store, entries, deleteAllOthers);
    return this;
  }

  getProperties(): Record<string, string> {
    const out = this.rt.object<string>();
    for (const [key, value] of this.store) out[key] = value;
    return out;
  }

  getKeys(): string[] {
    return this.rt.list([...this.store.keys()]);
  }

  deleteProperty(key: string): FakeProperties {
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): FakeProperties {
    this.store.clear();
    return this;
  }
}

function putProperties(
  rt: Runtime,
  store: Map<string, string>,
  entries: [string, string][],
  replace: boolean,
): void {
  for (const [, value] of entries) {
    if (bytes(value) > PROPERTY_VALUE_LIMIT) throw rt.error('Argument too large: value');
  }
  const next = new Map(replace ? [] : store);
  for (const [key, value] of entries) next.set(key, value);
  let total = 0;
  for (const [key, value] of next) total += bytes(key) + bytes(value);
  if (total > PROPERTY_STORE_LIMIT) {
    throw rt.error(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  }
  store.clear();
  for (const [key, value] of next) store.set(key, value);
}

export class FakeCacheService extends Service {
  /** null when the script is not bound to a document. */
  getDocumentCache(): FakeCache | null {
    return this.rt.model ? new FakeCache(this.rt, this.rt.project.documentCache) : null;
  }

  getScriptCache(): FakeCache {
    return new FakeCache(this.rt, this.rt.project.scriptCache);
  }

  getUserCache(): FakeCache {
    return new FakeCache(this.rt, this.rt.project.userCacheOf(this.rt.user));
  }
}

/** Entries expire by Date.now() (so jest's fake timers move them); default 600 s, at most 6 hours. */
export class FakeCache extends Service {
  constructor(
    rt: Runtime,
    private readonly store: Map<string, CacheEntry>,
  ) {
    super(rt);
  }

  get(key: string): string | null {
    const entry = this.store.get(String(key));
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.store.delete(String(key));
      return null;
    }
    return entry.value;
  }

  getAll(keys: string[]): Record<string, string> {
    const out = this.rt.object<string>();
    for (const key of keys) {
      const entry = this.store.get(String(key));
      if (entry && entry.expires > Date.now()) out[key] = entry.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    putCache(this.rt, this.store, [[String(key), String(value)]], expirationInSeconds);
  }

  putAll(values: Record<string, string>, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    const entries = Object.entries(values).map(([k, v]): [string, string] => [k, String(v)]);
    putCache(this.rt, this.store, entries, expirationInSeconds);
  }

  remove(key: string): void {
    this.store.delete(String(key));
  }

  removeAll(keys: string[]): void {
    for (const key of keys) this.store.delete(String(key));
  }
}

function putCache(
  rt: Runtime,
  store: Map<string, CacheEntry>,
  entries: [string, string][],
  seconds: number,
): void {
  for (const [key, value] of entries) {
    if (key.length > CACHE_KEY_LIMIT) throw rt.error('Argument too large: key');
    if (bytes(value) > CACHE_VALUE_LIMIT) throw rt.error('Argument too large: value');
  }
  const expires = Date.now() + Math.min(Math.max(1, seconds), CACHE_MAX_SECONDS) * 1000;
  for (const [key, value] of entries) store.set(key, { value, expires });
}

instrument(FakeLockService, 'LockService');
instrument(FakeLock, 'Lock');
instrument(FakePropertiesService, 'PropertiesService');
instrument(FakeProperties, 'Properties');
instrument(FakeCacheService, 'CacheService');
// The cache works in custom functions.
instrument(FakeCache, 'Cache', { writes: null });
