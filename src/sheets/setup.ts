// "Set up sheets…": creates the Stages, Objections and Settings tabs (and a Customers tab when no
// customer tab is found) with frozen headers, dropdowns, date hints and conditional formats. A tab that
// already exists is never touched: it is reported as kept.

import { cellText } from '../core/normalize';
import { columnLetter } from '../core/register';
import { isOwnSettings } from '../core/settings';
import { KIND_LABELS, stagesGrid } from '../core/stage-grid';
import {
  headersOf,
  nameIn,
  namesOf,
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
import { customerHeader, modelFromData, nameOf, readStart } from './read';
import { asSheetText, writeRowsAt } from './write-report';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const DATA_ROWS = 999;

/** Customer-tab columns for a new tab by role, in order, 'zh|en' (the role dictionary recognises each header). */
const CUSTOMER_COLUMNS = namesOf({
  id: '编号|ID',
  customer: '客户名称|Customer',
  rep: '销售代表|Rep',
  stage: '销售阶段|Stage',
  status: '状态|Status',
  value: '预计金额|Amount',
  created: '创建日期|Created',
  expectedClose: '预计签约日期|Expected Close',
  lastContact: '最近跟进|Last Contact',
  nextAction: '下一步|Next Step',
  nextActionDue: '下一步截止|Next Step Date',
  stageEntered: '进入阶段日期|Stage Entered',
  lastUpdated: '最后更新|Last Updated',
  resumeOn: '恢复日期|Resume On',
  support: '需要支持|Support Needed',
});

/** The 0-based column of each key of a table of columns written in order. */
function positions<K extends string>(table: Record<K, unknown>): (key: K) => number {
  const keys = Object.keys(table);
  return (key) => keys.indexOf(key);
}

/** Writes `rows` (all as wide as the first: a header and its rows) at the top of a new tab, header frozen. */
function writeHeader(sheet: Sheet, rows: (string | number)[][]): void {
  const width = rows[0].length;
  // Grown first: a Stages tab made from the data has a row per distinct stage value, past 1,000 if need be.
  writeRowsAt(sheet, 1, rows);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#f1f3f4');
  sheet.setFrozenRows(1);
}

/**
 * Sets a rule on the data rows of `width` columns from `index` (0-based): a dropdown of `values` (a date
 * picker without them) that warns, never rejects.
 */
function validate(sheet: Sheet, index: number, help: string, values?: string[], width = 1): void {
  const builder = SpreadsheetApp.newDataValidation();
  const rule = (values ? builder.requireValueInList(values, true) : builder.requireDate())
    .setAllowInvalid(true)
    .setHelpText(help)
    .build();
  sheet.getRange(2, index + 1, DATA_ROWS, width).setDataValidation(rule);
}

/** A conditional format: the data rows of `sheet` for which `formula` holds get `color`. */
function highlight(
  sheet: Sheet,
  width: number,
  formula: string,
  color: string,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  return SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(color)
    .setRanges([sheet.getRange(2, 1, DATA_ROWS, width)])
    .build();
}

function createObjections(sheet: Sheet, lang: Lang): void {
  const t = translator(lang);
  const headers = headersOf(OBJECTION_COLUMNS, lang);
  writeHeader(sheet, [headers]);
  const at = positions(OBJECTION_COLUMNS);
  const words = (prefix: string, ids: readonly string[]): string[] =>
    ids.map((id) => t(`${prefix}.${id}` as MessageKey));
  const statuses = words('status', OBJECTION_STATUSES);
  validate(sheet, at('type'), t('setup.helpType'), words('type', OBJECTION_TYPES));
  validate(sheet, at('status'), t('setup.helpStatus'), statuses);
  validate(sheet, at('resolution'), t('setup.helpResolution'), words('resolution', RESOLUTIONS));
  validate(sheet, at('blocking'), t('setup.helpBlocking'), [t('word.yes'), t('word.no')]);
  for (const k of ['raised', 'due', 'resolved', 'reviewedOn'] as const)
    validate(sheet, at(k), t('setup.helpDate'));
  // Overdue: a due date in the past on an objection neither resolved nor accepted.
  const due = columnLetter(at('due'));
  const status = columnLetter(at('status'));
  const overdue = `=AND($${due}2<>"",$${due}2<TODAY(),$${status}2<>"${statuses[3]}",$${status}2<>"${statuses[4]}")`;
  sheet.setConditionalFormatRules([highlight(sheet, headers.length, overdue, '#fce8e6')]);
}

function createSettings(sheet: Sheet, lang: Lang, templateId: TemplateId): void {
  const no = translator(lang)('word.no');
  // The rows in this order; a setting without a default is left blank.
  const rows: Partial<Record<keyof typeof SETTINGS_KEYS, string | number>> = {
    lang,
    template: templateId,
    period: 'month',
    wipLow: '',
    wipHigh: '',
    winsTarget: '',
    valueTarget: '',
    unplannedDays: 3,
    stallDays: '',
    contactDays: 14,
    trackEdits: no,
    watchChanges: no,
    customerSheet: '',
  };
  writeHeader(sheet, [
    headersOf(SETTINGS_COLUMNS, lang),
    ...Object.entries(rows).map(([key, value]) => [
      nameIn(SETTINGS_KEYS[key as keyof typeof SETTINGS_KEYS], lang),
      value,
    ]),
  ]);
}

function createCustomers(sheet: Sheet, lang: Lang, model: StageModel | null): void {
  const t = translator(lang);
  const criteria = model ? model.stages.flatMap((s) => s.criteria.map((c) => c.name)) : [];
  const columns = headersOf(CUSTOMER_COLUMNS, lang);
  const headers = [...columns, ...criteria];
  writeHeader(sheet, [headers]);
  const at = positions(CUSTOMER_COLUMNS);
  if (model)
    validate(
      sheet,
      at('stage'),
      t('setup.helpStage'),
      model.stages.map((s) => s.name),
    );
  validate(sheet, at('status'), t('setup.helpStatus'), headersOf(KIND_LABELS, lang));
  const dates: (keyof typeof CUSTOMER_COLUMNS)[] = [
    'created',
    'expectedClose',
    'lastContact',
    'nextActionDue',
    'stageEntered',
    'lastUpdated',
    'resumeOn',
  ];
  for (const role of dates) validate(sheet, at(role), t('setup.helpDate'));
  if (criteria.length) validate(sheet, columns.length, t('setup.helpCriterion'), undefined, criteria.length);
  const next = columnLetter(at('nextActionDue'));
  const entered = columnLetter(at('stageEntered'));
  sheet.setConditionalFormatRules([
    highlight(sheet, headers.length, `=AND($${next}2<>"",$${next}2<TODAY())`, '#fce8e6'),
    highlight(sheet, headers.length, `=AND($${entered}2<>"",TODAY()-$${entered}2>30)`, '#fef7e0'),
  ]);
}

/** Creates the missing Pandian tabs; returns the names created and the names kept as they were. */
export function setupSheets(
  templateId: TemplateId,
  lang: Lang,
): { created: string[]; kept: string[]; notOurs?: string } {
  return withDocumentLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const start = readStart(ss);
    const { layout, chosen } = start;
    const created: string[] = [];
    const kept: string[] = [];
    let notOurs: string | undefined;
    const make = (id: TabId, fill: (sheet: Sheet) => void): void => {
      const have = layout.tabs[id];
      // A tab under the name that holds nothing (made beforehand, as the guide names them) is filled: nothing
      // of the user's is in it to keep. One that holds anything is kept as it is.
      if (have && have.getLastRow() > 0) {
        const name = nameOf(layout.handles, have);
        kept.push(name);
        // A Settings tab of the user's own (lists for drop-downs…) keeps its name, so Pandian has none: said.
        // Read whole by readStart already, as every reader starts.
        if (id === 'settings' && !isOwnSettings(start.settingsData?.values ?? [])) notOurs = name;
        return;
      }
      const name = have ? nameOf(layout.handles, have) : nameIn(TAB_NAMES[id], lang);
      fill(have ?? ss.insertSheet(name));
      created.push(name);
    };

    let model: StageModel | null = templateId === 'data' ? null : template(templateId, lang);
    // The customer tab as every reader chooses it, counted only when its header is recognised.
    const found = customerHeader(start);
    const customer = found ? chosen : null;
    if (!model && customer && found) {
      // "From my data": the distinct stage values of the customer tab become the Stages tab (by the mapping).
      const header = found.cells.map((c) => cellText(c));
      const row = found.header.row + 1;
      model = modelFromData(customer.sheet, customer.name, row, header, start.settings.mapping, 'UTC');
    }
    // "From my data" stage names are the user's own values: written as text, never as formulas.
    const stageRows = stagesGrid(model ?? { source: 'data', stages: [] }, lang).map((row) =>
      row.map((cell) => (typeof cell === 'string' ? asSheetText(cell) : cell)),
    );
    make('stages', (sheet) => writeHeader(sheet, stageRows));
    make('objections', (sheet) => createObjections(sheet, lang));
    make('settings', (sheet) => createSettings(sheet, lang, templateId));
    if (customer) kept.push(customer.name);
    else make('customers', (sheet) => createCustomers(sheet, lang, model));
    forgetContexts();
    return notOurs === undefined ? { created, kept } : { created, kept, notOurs };
  });
}
