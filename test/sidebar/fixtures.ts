// A small customer spreadsheet for the sidebar tests (and the preview when no sample workbook is given):
// B2B stages, a customer tab whose criteria columns match them, objections, in English or Chinese.
import { stagesGrid } from '../../src/core/stage-grid';
import { headersOf, OBJECTION_COLUMNS } from '../../src/core/tabs';
import { template } from '../../src/core/templates';
import type { Lang } from '../../src/core/types';

/** The tests' "today": 2026-11-27, 17:00 in Shanghai. */
export const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
export const TODAY = '2026-11-27';
export const TIME_ZONE = 'Asia/Shanghai';
export const XSS_NAME = '<img src=x onerror="alert(1)">';

const CUSTOMER_HEADERS: Record<Lang, string[]> = {
  en: [
    'ID',
    'Customer',
    'Rep',
    'Stage',
    'Amount',
    'Created',
    'Stage Entered',
    'Last Contact',
    'Next Step',
    'Next Step Date',
    'Inquiry',
    'Need confirmed',
    'Decision process mapped',
    'Budget confirmed',
    'Budget-approval path',
    'Solution accepted',
    'Procurement or tender path',
    'Notes',
  ],
  zh: [
    '编号',
    '客户名称',
    '销售代表',
    '销售阶段',
    '预计金额',
    '创建日期',
    '进入阶段日期',
    '最近跟进',
    '下一步',
    '下一步截止',
    '询价',
    '需求确认',
    '决策流程',
    '预算确认',
    '预算审批承诺',
    '方案认可',
    '采购/招标流程确认',
    '备注',
  ],
};

type Row = (string | number)[];

/** [id, name, rep, stage (b2b position or terminal), amount, created, entered, contact, next, due, ...criteria (7), notes] */
function customers(lang: Lang): Row[] {
  const stage = (i: number) => template('b2b', lang).stages[i].name;
  const yes = lang === 'zh' ? '是' : 'yes';
  return [
    [
      'C-001',
      lang === 'zh' ? '华东电力' : 'Acme Power',
      'Ann',
      stage(1),
      120000,
      '2026-08-01',
      '2026-10-01',
      '2026-11-20',
      lang === 'zh' ? '安排需求调研' : 'Run the needs workshop',
      '2026-12-03',
      '2026-08-02',
      '',
      '',
      '',
      '',
      '',
      '',
      'key account',
    ],
    [
      'C-002',
      lang === 'zh' ? '北方钢铁' : 'Northern Steel',
      'Ann',
      stage(2),
      80000,
      '2026-07-10',
      '2026-09-01',
      '2026-11-01',
      '',
      '',
      '2026-07-11',
      '2026-08-01',
      yes,
      '',
      '',
      '',
      '',
      '',
    ],
    [
      'C-003',
      XSS_NAME,
      'Bo',
      stage(0),
      5000,
      '2026-11-01',
      '2026-11-01',
      '2026-11-25',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    [
      'C-004',
      lang === 'zh' ? '南方医药' : 'Southern Pharma',
      'Bo',
      stage(3),
      300000,
      '2026-05-01',
      '2026-10-15',
      '2026-11-26',
      '',
      '2026-11-20',
      '2026-05-02',
      '2026-05-20',
      '2026-06-01',
      '2026-07-01',
      '2026-07-15',
      '',
      '',
      '',
    ],
    [
      'C-005',
      lang === 'zh' ? '西部水务' : 'Western Water',
      'Cy',
      stage(0),
      20000,
      '2026-10-20',
      '2026-10-20',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    [
      'C-006',
      lang === 'zh' ? '东方航运' : 'Eastern Shipping',
      'Cy',
      stage(5),
      150000,
      '2026-03-01',
      '2026-09-30',
      '2026-09-30',
      '',
      '',
      '2026-03-02',
      '2026-03-20',
      '2026-04-01',
      '2026-05-01',
      '2026-05-10',
      '2026-06-01',
      '2026-07-01',
      '',
    ],
  ];
}

/** The sheets of the fixture, tab name -> rows (as if typed: ISO dates become dates). */
export function fixtureSheets(lang: Lang): Record<string, unknown[][]> {
  const customerTab = lang === 'zh' ? '客户盘点' : 'Customers';
  const objections = headersOf(OBJECTION_COLUMNS, lang);
  const objectionRow = (values: Partial<Record<keyof typeof OBJECTION_COLUMNS, string>>) =>
    (Object.keys(OBJECTION_COLUMNS) as (keyof typeof OBJECTION_COLUMNS)[]).map((k) => values[k] ?? '');
  return {
    [customerTab]: [CUSTOMER_HEADERS[lang], ...customers(lang)],
    [lang === 'zh' ? '阶段定义' : 'Stages']: stagesGrid(template('b2b', lang), lang),
    [lang === 'zh' ? '异议' : 'Objections']: [
      objections,
      objectionRow({
        id: 'OBJ-001',
        customer: 'C-002',
        type: lang === 'zh' ? '预算' : 'Budget',
        objection: lang === 'zh' ? '今年预算已用完' : 'No budget left this year',
        owner: 'Ann',
        raised: '2026-11-01',
        status: lang === 'zh' ? '已计划' : 'Planned',
        plan: lang === 'zh' ? '争取明年一季度预算' : 'Aim for Q1 budget',
        due: '2026-11-20',
        blocking: lang === 'zh' ? '是' : 'yes',
      }),
      objectionRow({
        id: 'OBJ-002',
        customer: 'C-004',
        type: lang === 'zh' ? '价格' : 'Price',
        objection: lang === 'zh' ? '价格比竞品高' : 'Price above the competitor',
        owner: 'Bo',
        raised: '2026-10-01',
        status: lang === 'zh' ? '已解决' : 'Resolved',
        resolution: lang === 'zh' ? '应对' : 'Responded',
        resolved: '2026-10-20',
      }),
    ],
  };
}

export function customerTabName(lang: Lang): string {
  return lang === 'zh' ? '客户盘点' : 'Customers';
}
