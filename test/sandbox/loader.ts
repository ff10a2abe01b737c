// Runs the built Apps Script bundle offline: a fresh node:vm context whose only globals are the fake Apps Script
// services (plus the language built-ins), bound to an optional fake spreadsheet; and trigger event objects.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import vm from 'node:vm';
import { FakeSpreadsheetApp } from './app';
import { AuthMode, ChartType } from './enums';
import { ProjectState, type TriggerData } from './model';
import { adopt, type LogEntry, type Mode, type Realm, Runtime, type UiLog } from './runtime';
import { capturedConsole, FakeLogger, FakeScriptApp, FakeSession, FakeUser, FakeUtilities } from './script';
import { type FakeRange, type FakeSpreadsheet, rangeFromA1 } from './sheets';
import { FakeCacheService, FakeLockService, FakePropertiesService } from './storage';
import { FakeHtmlService } from './ui';

export interface LoadOptions {
  /** The document the script is bound to; without one, SpreadsheetApp.getActiveSpreadsheet() is null. */
  spreadsheet?: FakeSpreadsheet;
  /** The bundle to run, 'dist/Code.js' by default. */
  codePath?: string;
  /** Where HtmlService.createHtmlOutputFromFile looks: the bundle's folder by default. */
  distDir?: string;
  mode?: Mode;
  /** Session.getActiveUserLocale(), 'en' by default. */
  locale?: string;
  /** Session.getScriptTimeZone(): the spreadsheet's time zone by default. */
  timeZone?: string;
  /** The active and effective user's email, 'user@example.com' by default ('' as in simple triggers). */
  user?: string;
  /**
   * Pins the clock inside the bundle: `new Date()` and `Date.now()` give this instant (ISO string or ms);
   * Dates built from arguments are unchanged. Jest's fake timers do not reach the vm realm.
   */
  now?: string | number;
}

/** The service objects a sandbox installs as globals; a test may call them directly (counted like the bundle). */
export interface AppsScriptGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  HtmlService: FakeHtmlService;
  LockService: FakeLockService;
  PropertiesService: FakePropertiesService;
  CacheService: FakeCacheService;
  Session: FakeSession;
  ScriptApp: FakeScriptApp;
  Utilities: FakeUtilities;
  Logger: FakeLogger;
  Charts: { ChartType: typeof ChartType };
  console: ReturnType<typeof capturedConsole>;
}

export interface Sandbox {
  context: vm.Context;
  /** Runs a global function of the bundle as one execution; locks it still holds are released afterwards. */
  call(name: string, ...args: unknown[]): unknown;
  env: SandboxEnv;
}

/** The test's view of a sandbox: call counts, what the user saw, logs, locks and stored state. */
export class SandboxEnv {
  constructor(
    private readonly rt: Runtime,
    readonly globals: AppsScriptGlobals,
  ) {}

  get ui(): UiLog {
    return this.rt.ui;
  }

  get logs(): readonly LogEntry[] {
    return this.rt.logs;
  }

  get mode(): Mode {
    return this.rt.mode;
  }

  setMode(mode: Mode): void {
    this.rt.mode = mode;
  }

  /** Total of Utilities.sleep and failed lock waits, which return at once. */
  get sleptMilliseconds(): number {
    return this.rt.sleptMilliseconds;
  }

  /** Calls per 'Class.method' since the sandbox was made or last reset, keys sorted. */
  calls(): Record<string, number> {
    return Object.fromEntries([...this.rt.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  totalCalls(): number {
    let total = 0;
    for (const n of this.rt.counts.values()) total += n;
    return total;
  }

  resetCalls(): void {
    this.rt.counts.clear();
  }

  /** Takes the document lock as another execution would; returns its release. */
  holdDocumentLock(): () => void {
    if (!this.rt.model) throw new Error('holdDocumentLock: the sandbox has no spreadsheet');
    return holdLock(this.rt.project.documentLock);
  }

  holdScriptLock(): () => void {
    return holdLock(this.rt.project.scriptLock);
  }

  /** The live property store (null for 'document' without a spreadsheet), to preset or inspect. */
  propertyStore(kind: 'document' | 'script' | 'user'): Map<string, string> | null {
    const project = this.rt.project;
    if (kind === 'document') return this.rt.model ? project.documentProperties : null;
    return kind === 'script' ? project.scriptProperties : project.userPropertiesOf(this.rt.user);
  }

  /** Installed triggers of the project (all users), as recorded. */
  triggers(): TriggerData[] {
    return this.rt.project.triggers.map((t) => ({ ...t, schedule: { ...t.schedule } }));
  }
}

function holdLock(state: { holder: symbol | null }): () => void {
  if (state.holder !== null) throw new Error('The lock is already held');
  const holder = Symbol('held by the test');
  state.holder = holder;
  return () => {
    if (state.holder === holder) state.holder = null;
  };
}

/** Loads the bundle into a fresh vm context whose globals are only the Apps Script services. */
export function loadBundle(options: LoadOptions = {}): Sandbox {
  const codePath = resolve(options.codePath ?? 'dist/Code.js');
  const source = readFileSync(codePath, 'utf8');
  const context = vm.createContext({});
  const realm = vm.runInContext('({ Array, Date, Error, Object })', context) as Realm;
  const model = options.spreadsheet?.model ?? null;
  const rt = new Runtime({
    realm,
    mode: options.mode,
    model,
    project: model?.project ?? new ProjectState(),
    user: options.user,
    locale: options.locale,
    timeZone: options.timeZone,
    distDir: options.distDir ?? dirname(codePath),
  });
  const globals: AppsScriptGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(rt),
    HtmlService: new FakeHtmlService(rt),
    LockService: new FakeLockService(rt),
    PropertiesService: new FakePropertiesService(rt),
    CacheService: new FakeCacheService(rt),
    Session: new FakeSession(rt),
    ScriptApp: new FakeScriptApp(rt),
    Utilities: new FakeUtilities(rt),
    Logger: new FakeLogger(rt),
    Charts: { ChartType },
    console: capturedConsole(rt),
  };
  Object.assign(context, globals);
  if (options.now !== undefined)
    pinClock(context, typeof options.now === 'number' ? options.now : Date.parse(options.now));
  new vm.Script(source, { filename: codePath }).runInContext(context);

  const call = (name: string, ...args: unknown[]): unknown => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    try {
      return fn(...args.map((arg) => adopt(arg, rt)));
    } finally {
      releaseLocks(rt);
    }
  };
  return { context, call, env: new SandboxEnv(rt, globals) };
}

/** Replaces the realm's Date with one whose "now" is `instant`. */
function pinClock(context: vm.Context, instant: number): void {
  if (Number.isNaN(instant)) throw new Error('loadBundle: `now` is not a date');
  const install = vm.runInContext(
    `(function (instant) {
      var RealDate = Date;
      var Pinned = new Proxy(RealDate, {
        construct: function (target, args, newTarget) {
          return Reflect.construct(target, args.length ? args : [instant], newTarget === Pinned ? target : newTarget);
        },
        apply: function () { return new RealDate(instant).toString(); },
        get: function (target, key) { return key === 'now' ? function () { return instant; } : target[key]; },
      });
      globalThis.Date = Pinned;
    })`,
    context,
  ) as (t: number) => void;
  install(instant);
}

/** Apps Script releases an execution's locks when it ends. */
function releaseLocks(rt: Runtime): void {
  const project = rt.project;
  for (const state of [project.documentLock, project.scriptLock, project.userLockOf(rt.user)]) {
    if (state.holder === rt.execution) state.holder = null;
  }
}

export interface EditEvent {
  authMode: string;
  range: FakeRange;
  source: FakeSpreadsheet;
  user: FakeUser;
  value?: unknown;
  oldValue?: unknown;
}

/**
 * An onEdit event as Sheets builds it for a simple trigger (no triggerUid); value/oldValue only when given.
 * It describes an edit, it does not make it: write the cell first. `call` rebinds its objects to the sandbox.
 */
export function editEvent(
  spreadsheet: FakeSpreadsheet,
  target: string | FakeRange,
  options: { value?: unknown; oldValue?: unknown; authMode?: string; user?: string } = {},
): EditEvent {
  const model = spreadsheet.model;
  const base = typeof target === 'string' ? rangeFromA1(spreadsheet.rt, model, target, model.active) : target;
  // Sheets' event object also carries the block as plain numbers and the user's address as a property.
  const { row, column, numRows, numColumns } = base.ref;
  const range = Object.assign(Object.create(Object.getPrototypeOf(base)), base, {
    rowStart: row,
    columnStart: column,
    rowEnd: row + numRows - 1,
    columnEnd: column + numColumns - 1,
  }) as FakeRange;
  // A user edits the tab they have open: the edited block is the selection, its tab the active one.
  model.activeSheet = base.ref.sheet;
  model.activeRange = base.ref;
  const email = options.user ?? '';
  const event: EditEvent = {
    authMode: options.authMode ?? AuthMode.LIMITED,
    range,
    source: spreadsheet,
    user: Object.assign(new FakeUser(spreadsheet.rt, email), { email, nickname: email.split('@')[0] }),
  };
  if ('value' in options) event.value = options.value;
  if ('oldValue' in options) event.oldValue = options.oldValue;
  return event;
}

/** An onOpen event; `source` only when a spreadsheet is given. */
export function openEvent(
  authMode: string = AuthMode.LIMITED,
  spreadsheet?: FakeSpreadsheet,
): { authMode: string; source?: FakeSpreadsheet; user: FakeUser } {
  const rt = spreadsheet?.rt ?? new Runtime({ model: null, project: new ProjectState() });
  const user = new FakeUser(rt, '');
  return spreadsheet ? { authMode, source: spreadsheet, user } : { authMode, user };
}
