// Session, ScriptApp (auth modes, triggers), Utilities and Logger fakes, plus the captured console.
import { format } from 'node:util';
import { AuthMode, EventType, TriggerSource } from './enums';
import type { TriggerData } from './model';
import { instrument, type Runtime, Service } from './runtime';
import type { FakeSpreadsheet } from './sheets';
import { formatDate, isDate } from './values';

/** Apps Script's limit of triggers per user per script. */
const TRIGGER_LIMIT = 20;

export class FakeSession extends Service {
  getActiveUser(): FakeUser {
    return new FakeUser(this.rt, this.rt.user);
  }

  getEffectiveUser(): FakeUser {
    return new FakeUser(this.rt, this.rt.user);
  }

  getActiveUserLocale(): string {
    return this.rt.locale;
  }

  getScriptTimeZone(): string {
    return this.rt.timeZone;
  }

  /** Stable per user, opaque. */
  getTemporaryActiveUserKey(): string {
    let hash = 0;
    for (const ch of this.rt.user) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return `temp-${hash.toString(36)}`;
  }
}

export class FakeUser extends Service {
  constructor(
    rt: Runtime,
    private readonly email: string,
  ) {
    super(rt);
  }

  getEmail(): string {
    return this.email;
  }
}

export class FakeScriptApp extends Service {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;

  /** This user's triggers in this project. */
  getProjectTriggers(): FakeTrigger[] {
    const mine = this.rt.project.triggers.filter((t) => t.user === this.rt.user);
    return this.rt.list(mine, (t) => new FakeTrigger(this.rt, t));
  }

  /** This user's triggers for one spreadsheet. */
  getUserTriggers(spreadsheet: FakeSpreadsheet): FakeTrigger[] {
    const id = spreadsheet.model.id;
    const mine = this.rt.project.triggers.filter((t) => t.user === this.rt.user && t.sourceId === id);
    return this.rt.list(mine, (t) => new FakeTrigger(this.rt, t));
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    return new FakeTriggerBuilder(this.rt, String(functionName));
  }

  deleteTrigger(trigger: FakeTrigger): void {
    const triggers = this.rt.project.triggers;
    const at = triggers.findIndex((t) => t.uniqueId === trigger.data.uniqueId);
    if (at >= 0) triggers.splice(at, 1);
  }
}

export class FakeTriggerBuilder extends Service {
  constructor(
    rt: Runtime,
    private readonly handler: string,
  ) {
    super(rt);
  }

  forSpreadsheet(spreadsheet: FakeSpreadsheet | string): FakeSpreadsheetTriggerBuilder {
    const id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.model.id;
    return new FakeSpreadsheetTriggerBuilder(this.rt, draft(this.rt, this.handler, 'SPREADSHEETS', id));
  }

  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.rt, draft(this.rt, this.handler, 'CLOCK', null));
  }
}

function draft(rt: Runtime, handler: string, source: string, sourceId: string | null): TriggerData {
  return { uniqueId: '', handler, eventType: null, source, sourceId, user: rt.user, schedule: {} };
}

/** Records the trigger; fails like Apps Script beyond 20 triggers per user. */
function install(rt: Runtime, data: TriggerData): FakeTrigger {
  const project = rt.project;
  if (project.triggers.filter((t) => t.user === rt.user).length >= TRIGGER_LIMIT) {
    throw rt.error(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  }
  const installed = { ...data, uniqueId: String(project.nextTriggerId++), schedule: { ...data.schedule } };
  project.triggers.push(installed);
  return new FakeTrigger(rt, installed);
}

export class FakeSpreadsheetTriggerBuilder extends Service {
  constructor(
    rt: Runtime,
    private readonly data: TriggerData,
  ) {
    super(rt);
  }

  onOpen(): FakeSpreadsheetTriggerBuilder {
    this.data.eventType = EventType.ON_OPEN;
    return this;
  }

  onEdit(): FakeSpreadsheetTriggerBuilder {
    this.data.eventType = EventType.ON_EDIT;
    return this;
  }

  onChange(): FakeSpreadsheetTriggerBuilder {
    this.data.eventType = EventType.ON_CHANGE;
    return this;
  }

  onFormSubmit(): FakeSpreadsheetTriggerBuilder {
    this.data.eventType = EventType.ON_FORM_SUBMIT;
    return this;
  }

  create(): FakeTrigger {
    return install(this.rt, this.data);
  }
}

/** Records each setting in the trigger's schedule ({ everyDays: 1, atHour: 6 }). */
export class FakeClockTriggerBuilder extends Service {
  constructor(
    rt: Runtime,
    private readonly data: TriggerData,
  ) {
    super(rt);
    data.eventType = EventType.CLOCK;
  }

  after(durationMilliseconds: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'after', durationMilliseconds);
  }

  at(date: Date): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'at', isDate(date) ? new Date(date.getTime()) : date);
  }

  atHour(hour: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'atHour', hour);
  }

  nearMinute(minute: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'nearMinute', minute);
  }

  everyMinutes(n: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'everyMinutes', n);
  }

  everyHours(n: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'everyHours', n);
  }

  everyDays(n: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'everyDays', n);
  }

  everyWeeks(n: number): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'everyWeeks', n);
  }

  onWeekDay(day: string): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'onWeekDay', String(day));
  }

  inTimezone(timezone: string): FakeClockTriggerBuilder {
    return schedule(this, this.data, 'inTimezone', timezone);
  }

  create(): FakeTrigger {
    return install(this.rt, this.data);
  }
}

function schedule(
  builder: FakeClockTriggerBuilder,
  data: TriggerData,
  key: string,
  value: unknown,
): FakeClockTriggerBuilder {
  data.schedule[key] = value;
  return builder;
}

export class FakeTrigger extends Service {
  constructor(
    rt: Runtime,
    readonly data: TriggerData,
  ) {
    super(rt);
  }

  getHandlerFunction(): string {
    return this.data.handler;
  }

  getEventType(): string | null {
    return this.data.eventType;
  }

  getTriggerSource(): string {
    return this.data.source;
  }

  getTriggerSourceId(): string | null {
    return this.data.sourceId;
  }

  getUniqueId(): string {
    return this.data.uniqueId;
  }
}

export class FakeUtilities extends Service {
  /** Java SimpleDateFormat patterns in a time zone (unknown zones act as GMT). */
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw this.rt.error('Invalid argument: date');
    try {
      return formatDate(date, String(timeZone), String(format));
    } catch (e) {
      throw this.rt.error(`Invalid argument: ${(e as Error).message}`);
    }
  }

  /** Does not wait; the sandbox adds the time to env.sleptMilliseconds. */
  sleep(milliseconds: number): void {
    this.rt.sleptMilliseconds += Math.max(0, Number(milliseconds) || 0);
  }

  /** Deterministic per sandbox: 00000000-0000-4000-8000-000000000001, ...02, ... */
  getUuid(): string {
    this.rt.uuids++;
    return `00000000-0000-4000-8000-${String(this.rt.uuids).padStart(12, '0')}`;
  }
}

export class FakeLogger extends Service {
  /** Logger.log(data) or Logger.log(format, ...values) with %s placeholders. */
  log(data: unknown, ...values: unknown[]): FakeLogger {
    this.rt.logs.push({ level: 'Logger', message: format(data, ...values) });
    return this;
  }

  getLog(): string {
    return this.rt.logs
      .filter((entry) => entry.level === 'Logger')
      .map((entry) => `${entry.message}\n`)
      .join('');
  }

  clear(): void {
    const kept = this.rt.logs.filter((entry) => entry.level !== 'Logger');
    this.rt.logs.length = 0;
    this.rt.logs.push(...kept);
  }
}

/** The script's console: each call is captured in the execution's logs (not printed, not counted). */
export function capturedConsole(rt: Runtime): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const capture =
    (level: 'log' | 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]) => {
      rt.logs.push({ level, message: format(...args) });
    };
  return {
    log: capture('log'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
    debug: capture('debug'),
  };
}

instrument(FakeSession, 'Session');
instrument(FakeUser, 'User');
instrument(FakeScriptApp, 'ScriptApp');
instrument(FakeTriggerBuilder, 'TriggerBuilder');
instrument(FakeSpreadsheetTriggerBuilder, 'SpreadsheetTriggerBuilder');
instrument(FakeClockTriggerBuilder, 'ClockTriggerBuilder');
instrument(FakeTrigger, 'Trigger');
instrument(FakeUtilities, 'Utilities');
instrument(FakeLogger, 'Logger', { writes: null });
