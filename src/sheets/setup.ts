// "Set up sheets…": creates the Stages, Objections and Settings tabs (and a Customers tab when no
// customer tab is found) with frozen headers, dropdowns, date hints and conditional formats. A tab that
// already exists is never touched: it is reported as kept.

import { runInventory } from '../core/index';
import { columnLetter } from '../core/register';
import { KIND_LABELS, stagesGrid } from '../core/stage-grid';
import { detectHeader } from '../core/table';
import {
  headersOf,
  OBJECTION_COLUMNS,
  SETTINGS_COLUMNS,
  SETTINGS_KEYS,
  TAB_NAMES,
  type TabId,
} from '../core/tabs';
import { template } from '../core/templates';
import {
  type Lang,
  OBJECTION_STATUSES,
  OBJECTION_TYPES,
  RESOLUTIONS,
  type StageModel,
  type TemplateId,
} from '../core/types';
import { type MessageKey, translator } from '../i18n/messages';
import { forgetContexts } from './context-cache';
import { withDocumentLock } from './errors';
import { headOf, nameOf, readAll, readStart } from './read';
import { asSheetText } from './write-report';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const DATA_ROWS = 999;

/** Customer-tab headers for a new tab, in both languages (the role dictionary recognises each). */
const CUSTOMER_HEADERS: readonly (readonly [string, string])[] = [
  ['编号', 'ID'],
  ['客户名称', 'Customer'],
  ['销售代表', 'Rep'],
  ['销售阶段', 'Stage'],
  ['状态', 'Status'],
  ['预计金额', 'Amount'],
  ['创建日期', 'Created'],
  ['预计签约日期', 'Expected Close'],
  ['最近跟进', 'Last Contact'],
  ['下一步', 'Next Step'],
  ['下一步截止', 'Next Step Date'],
  ['进入阶段日期', 'Stage Entered'],
  ['最后更新', 'Last Updated'],
  ['恢复日期', 'Resume On'],
  ['需要支持', 'Support Needed'],
];

function pick(pair: readonly [string, string], lang: Lang): string {
  return lang === 'zh' ? pair[0] : pair[1];
}

function tabName(id: TabId, lang: Lang): string {
  return TAB_NAMES[id][lang === 'zh' ? 0 : 1];
}

function writeHeader(sheet: Sheet, rows: (string | number)[][]): void {
  const width = Math.max(...rows.map((r) => r.length));
  sheet
    .getRange(1, 1, rows.length, width)
    .setValues(rows.map((r) => [...r, ...new Array(width - r.length).fill('')]));
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#f1f3f4');
  sheet.setFrozenRows(1);
}

function listRule(values: string[], help: string): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList(values, true)
    .setAllowInvalid(true)
    .setHelpText(help)
    .build();
}

function dateRule(help: string): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(true).setHelpText(help).build();
}

function column(sheet: Sheet, index: number): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(2, index + 1, DATA_ROWS, 1);
}

function createObjections(sheet: Sheet, lang: Lang): void {
  const t = translator(lang);
  const headers = headersOf(OBJECTION_COLUMNS, lang);
  writeHeader(sheet, [headers]);
  const keys = Object.keys(OBJECTION_COLUMNS) as (keyof typeof OBJECTION_COLUMNS)[];
  const at = (k: (typeof keys)[number]): number => keys.indexOf(k);
  const words = (prefix: string, ids: readonly string[]): string[] =>
    ids.map((id) => t(`${prefix}.${id}` as MessageKey));
  const statuses = words('status', OBJECTION_STATUSES);
  column(sheet, at('type')).setDataValidation(listRule(words('type', OBJECTION_TYPES), t('setup.helpType')));
  column(sheet, at('status')).setDataValidation(listRule(statuses, t('setup.helpStatus')));
  column(sheet, at('resolution')).setDataValidation(
    listRule(words('resolution', RESOLUTIONS), t('setup.helpResolution')),
  );
  column(sheet, at('blocking')).setDataValidation(
    listRule(lang === 'zh' ? ['是', '否'] : ['yes', 'no'], t('setup.helpBlocking')),
  );
  for (const k of ['raised', 'due', 'resolved', 'reviewedOn'] as const)
    column(sheet, at(k)).setDataValidation(dateRule(t('setup.helpDate')));
  // Overdue: a due date in the past on an objection neither resolved nor accepted.
  const due = columnLetter(at('due'));
  const status = columnLetter(at('status'));
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(
      `=AND($${due}2<>"",$${due}2<TODAY(),$${status}2<>"${statuses[3]}",$${status}2<>"${statuses[4]}")`,
    )
    .setBackground('#fce8e6')
    .setRanges([sheet.getRange(2, 1, DATA_ROWS, headers.length)])
    .build();
  sheet.setConditionalFormatRules([rule]);
}

function createSettings(sheet: Sheet, lang: Lang, templateId: TemplateId): void {
  const key = (k: keyof typeof SETTINGS_KEYS): string =>
    pick(SETTINGS_KEYS[k] as unknown as [string, string], lang);
  const no = lang === 'zh' ? '否' : 'no';
  writeHeader(sheet, [
    headersOf(SETTINGS_COLUMNS, lang),
    [key('lang'), lang],
    [key('template'), templateId],
    [key('period'), 'month'],
    [key('wipLow'), ''],
    [key('wipHigh'), ''],
    [key('winsTarget'), ''],
    [key('valueTarget'), ''],
    [key('unplannedDays'), 3],
    [key('stallDays'), ''],
    [key('contactDays'), 14],
    [key('trackEdits'), no],
    [key('watchChanges'), no],
    [key('customerSheet'), ''],
  ]);
}

function createCustomers(sheet: Sheet, lang: Lang, model: StageModel | null): void {
  const t = translator(lang);
  const criteria = model ? model.stages.flatMap((s) => s.criteria.map((c) => c.name)) : [];
  const headers = [...CUSTOMER_HEADERS.map((h) => pick(h, lang)), ...criteria];
  writeHeader(sheet, [headers]);
  const stageCol = 3;
  if (model)
    column(sheet, stageCol).setDataValidation(
      listRule(
        model.stages.map((s) => s.name),
        t('setup.helpStage'),
      ),
    );
  column(sheet, 4).setDataValidation(
    listRule(
      (['open', 'won', 'lost', 'hold'] as const).map((k) => pick(KIND_LABELS[k], lang)),
      t('setup.helpStatus'),
    ),
  );
  for (const c of [6, 7, 8, 10, 11, 12, 13])
    column(sheet, c).setDataValidation(dateRule(t('setup.helpDate')));
  if (criteria.length) {
    sheet
      .getRange(2, CUSTOMER_HEADERS.length + 1, DATA_ROWS, criteria.length)
      .setDataValidation(dateRule(t('setup.helpCriterion')));
  }
  const next = columnLetter(10);
  const entered = columnLetter(11);
  const all = sheet.getRange(2, 1, DATA_ROWS, headers.length);
  sheet.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND($${next}2<>"",$${next}2<TODAY())`)
      .setBackground('#fce8e6')
      .setRanges([all])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND($${entered}2<>"",TODAY()-$${entered}2>30)`)
      .setBackground('#fef7e0')
      .setRanges([all])
      .build(),
  ]);
}

/** Creates the missing Pandian tabs; returns the names created and the names kept as they were. */
export function setupSheets(templateId: TemplateId, lang: Lang): { created: string[]; kept: string[] } {
  return withDocumentLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { layout, settings, chosen } = readStart(ss);
    const existingName = (id: TabId): string | undefined => {
      const sheet = layout.tabs[id];
      return sheet ? nameOf(layout.handles, sheet) : undefined;
    };
    const created: string[] = [];
    const kept: string[] = [];
    const make = (id: TabId, fill: (sheet: Sheet) => void): void => {
      const have = existingName(id);
      if (have) {
        kept.push(have);
        return;
      }
      const name = tabName(id, lang);
      const sheet = ss.insertSheet(name);
      fill(sheet);
      created.push(name);
    };

    let model: StageModel | null = templateId === 'data' ? null : template(templateId, lang);
    // The customer tab as every reader chooses it, counted only when its header is recognised.
    const customerName = chosen && detectHeader(headOf(chosen).values, settings.mapping) ? chosen.name : null;
    if (!model && chosen && customerName) {
      // "From my data": the distinct stage values of the customer tab become the Stages tab.
      const data = [readAll(chosen.sheet, chosen.name)];
      const outcome = runInventory({ sheets: data, asOf: '2000-01-01', timeZone: 'UTC', lang });
      if (outcome.ok && outcome.inventory.table.model.stages.length > 0)
        model = outcome.inventory.table.model;
    }
    // "From my data" stage names are the user's own values: written as text, never as formulas.
    const stageRows = stagesGrid(model ?? { source: 'data', stages: [] }, lang).map((row) =>
      row.map((cell) => (typeof cell === 'string' ? asSheetText(cell) : cell)),
    );
    make('stages', (sheet) => writeHeader(sheet, stageRows));
    make('objections', (sheet) => createObjections(sheet, lang));
    make('settings', (sheet) => createSettings(sheet, lang, templateId));
    if (customerName) kept.push(customerName);
    else make('customers', (sheet) => createCustomers(sheet, lang, model));
    forgetContexts();
    return { created, kept };
  });
}
