// The Sheets sandbox (test-only, never shipped): an in-memory Apps Script world to run dist/Code.js offline.
export type { FakeProtection } from './builders';
export {
  type AppsScriptGlobals,
  type EditEvent,
  editEvent,
  type LoadOptions,
  loadBundle,
  openEvent,
  type Sandbox,
  type SandboxEnv,
} from './loader';
export type { BorderSpec, Formats, TriggerData } from './model';
export type { LogEntry, MenuEntry, MenuRecord, Mode, UiEvent, UiLog } from './runtime';
export {
  createSpreadsheet,
  type FakeRange,
  type FakeSheet,
  type FakeSpreadsheet,
  type SheetSnapshot,
  type SpreadsheetOptions,
} from './sheets';
export type { CellValue } from './values';
