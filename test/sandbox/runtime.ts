// One Apps Script "execution" as the fakes see it: the JavaScript realm values are handed to, the mode (normal or
// custom function), the per-method call counter, and what the user would have seen (menus, alerts, toasts...).
// `instrument` turns a fake class into one whose every method call is counted and, in custom-function mode,
// refused when it writes.
import type { ProjectState, SpreadsheetModel } from './model';
import { isDate } from './values';

export type Mode = 'normal' | 'custom-function';

/** Constructors of the realm that receives values: the vm context's, or Node's own for direct use. */
export interface Realm {
  Array: ArrayConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  Object: ObjectConstructor;
}

const HOST_REALM: Realm = { Array, Date, Error, Object };

export type MenuEntry =
  | { caption: string; functionName: string }
  | { separator: true }
  | { caption: string; items: MenuEntry[] };

export interface MenuRecord {
  /** null for the add-on menu, whose caption is the add-on's name. */
  caption: string | null;
  addon: boolean;
  items: MenuEntry[];
}

export type UiEvent =
  | { type: 'menu'; menu: MenuRecord }
  | { type: 'alert'; title: string; prompt: string; buttons: string; response: string }
  | { type: 'prompt'; title: string; prompt: string; buttons: string; response: string; text: string }
  | { type: 'toast'; message: string; title: string; timeoutSeconds: number }
  | { type: 'sidebar'; title: string; content: string }
  | { type: 'dialog'; modal: boolean; title: string; content: string; width: number; height: number };

/** What the user saw, in order, and the answers the test scripted for dialogs. */
export class UiLog {
  readonly log: UiEvent[] = [];
  private readonly alertAnswers: string[] = [];
  private readonly promptAnswers: { text: string; button: string }[] = [];

  /** Queues the button the next alert returns (default: the first button of its set, OK or YES). */
  answerAlert(button: string): void {
    this.alertAnswers.push(button);
  }

  /** Queues what the next prompt returns (default: empty text, OK or YES). */
  answerPrompt(text: string, button = 'OK'): void {
    this.promptAnswers.push({ text, button });
  }

  get menus(): MenuRecord[] {
    return this.log.flatMap((e) => (e.type === 'menu' ? [e.menu] : []));
  }

  get toasts(): Extract<UiEvent, { type: 'toast' }>[] {
    return this.log.flatMap((e) => (e.type === 'toast' ? [e] : []));
  }

  nextAlertAnswer(fallback: string): string {
    return this.alertAnswers.shift() ?? fallback;
  }

  nextPromptAnswer(fallback: string): { text: string; button: string } {
    return this.promptAnswers.shift() ?? { text: '', button: fallback };
  }
}

export interface LogEntry {
  level: 'Logger' | 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

export interface RuntimeOptions {
  realm?: Realm;
  mode?: Mode;
  model: SpreadsheetModel | null;
  project: ProjectState;
  user?: string;
  locale?: string;
  timeZone?: string;
  distDir?: string;
}

export class Runtime {
  readonly realm: Realm;
  mode: Mode;
  readonly model: SpreadsheetModel | null;
  readonly project: ProjectState;
  readonly user: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly distDir: string;
  readonly counts = new Map<string, number>();
  readonly ui = new UiLog();
  readonly logs: LogEntry[] = [];
  /** This execution's identity as a lock holder. */
  readonly execution = Symbol('execution');
  sleptMilliseconds = 0;
  uuids = 0;

  constructor(options: RuntimeOptions) {
    this.realm = options.realm ?? HOST_REALM;
    this.mode = options.mode ?? 'normal';
    this.model = options.model;
    this.project = options.project;
    this.user = options.user ?? 'user@example.com';
    this.locale = options.locale ?? 'en';
    this.timeZone = options.timeZone ?? options.model?.timeZone ?? 'UTC';
    this.distDir = options.distDir ?? 'dist';
  }

  /** An error as Apps Script services throw them: message 'Exception: ...', of the receiving realm. */
  error(message: string): Error {
    return new this.realm.Error(`Exception: ${message}`);
  }

  date(time: number): Date {
    return new this.realm.Date(time);
  }

  array<T>(length: number): T[] {
    return new this.realm.Array<T>(length);
  }

  /** An array of this realm holding items, each passed through `make` when given (one copy, as Apps Script makes). */
  list<T, U = T>(items: readonly T[], make?: (item: T) => U): U[] {
    const out = this.array<U>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = make ? make(items[i]) : (items[i] as unknown as U);
    return out;
  }

  object<T>(): Record<string, T> {
    return new this.realm.Object() as Record<string, T>;
  }
}

/** Hands a fake service object to another execution (a symbol, so it is neither counted nor seen by scripts). */
const REBIND = Symbol('rebind');

/** Base of every fake Apps Script object: it belongs to one execution. */
export abstract class Service {
  constructor(readonly rt: Runtime) {}

  [REBIND](rt: Runtime): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this, { rt });
  }
}

/** Names of methods that change something: refused in custom functions (`writes` below). */
const WRITES =
  /^(set|insert|delete|clear|append|remove|hide|show|protect|sort|merge|activate|autoResize|toast|getUi|update|add|rename|create)/;

/**
 * Wraps every method of a fake class so that a call counts as `${className}.${method}` in its execution, and,
 * in custom-function mode, a method whose name matches `writes` throws Apps Script's
 * "Exception: You do not have permission to call X". Methods listed in `uncounted` (inspection helpers for
 * tests) are left alone.
 */
export function instrument(
  cls: { prototype: Service },
  className: string,
  options: { writes?: RegExp | null; uncounted?: readonly string[] } = {},
): void {
  const writes = options.writes === undefined ? WRITES : options.writes;
  const proto = cls.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const impl = descriptor?.value;
    if (name === 'constructor' || typeof impl !== 'function' || options.uncounted?.includes(name)) continue;
    const key = `${className}.${name}`;
    const refusedInCustomFunctions = writes?.test(name) ?? false;
    proto[name] = function counted(this: Service, ...args: unknown[]): unknown {
      const rt = this.rt;
      rt.counts.set(key, (rt.counts.get(key) ?? 0) + 1);
      if (refusedInCustomFunctions && rt.mode === 'custom-function') {
        throw rt.error(`You do not have permission to call ${name}`);
      }
      return impl.apply(this, args);
    };
  }
}

/**
 * Moves a value into an execution: fake service objects are rebound to it, Dates, arrays and plain objects are
 * rebuilt with its realm's constructors (recursively); anything else passes through.
 */
export function adopt(value: unknown, rt: Runtime): unknown {
  if (value instanceof Service) return value[REBIND](rt);
  if (isDate(value)) return rt.date(value.getTime());
  if (Array.isArray(value)) return rt.list(value, (item) => adopt(item, rt));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = rt.object<unknown>();
    for (const [key, item] of Object.entries(value)) out[key] = adopt(item, rt);
    return out;
  }
  return value;
}
