// The one catalogue of user-facing text, Chinese and English. Core speaks in codes; the shells (menu,
// report labels, sidebar, command line) turn codes into words here.
import type { Lang } from '../core/types';

type Entry = { en: string; zh: string };

const MESSAGES = {
  'menu.inventory': { en: 'Customer inventory', zh: '客户盘点' },
  'menu.sidebar': { en: 'Open sidebar', zh: '打开侧边栏' },
  'menu.setup': { en: 'Set up sheets…', zh: '创建表格…' },
  'menu.map': { en: 'Map columns…', zh: '映射列…' },
  'menu.settings': { en: 'Settings…', zh: '设置…' },
  'menu.refresh': { en: 'Refresh formulas', zh: '刷新公式' },
  'menu.help': { en: 'Help', zh: '帮助' },
  'help.title': { en: 'Pandian help', zh: '盘点帮助' },
  'help.body': {
    en: 'Pandian reads your customer tab and writes the Inventory report. Set up sheets creates the Stages, Objections and Settings tabs; Customer inventory writes the report; formulas such as =STAGE_GAP(A2:N2) show what a customer still lacks.',
    zh: '盘点读取客户表并生成盘点报告。“创建表格”会建立阶段定义、异议和设置表；“客户盘点”生成报告；=STAGE_GAP(A2:N2) 等公式显示客户还缺什么。',
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Chinese for zh* locales, English otherwise. */
export function langOfLocale(locale: string | undefined | null): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}

/** A translator for one language; `{name}` in a text is replaced by params.name. */
export function translator(lang: Lang): Translate {
  return (key, params) => {
    const text = MESSAGES[key][lang];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}
