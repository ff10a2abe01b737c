// The Setup view: create the Pandian tabs from a template in a language, and check or correct how the customer
// tab's columns are read (the mapping is saved to the Settings tab as "map:<role>" rows).
import { columnLetter } from '../core/register';
import { nameIn, TAB_NAMES } from '../core/tabs';
import { type Lang, ROLES, type Role, TEMPLATE_IDS, type TemplateId } from '../core/types';
import type { SidebarKey } from '../i18n/sidebar-messages';
import type { MappingChange, SetupView } from '../sheets/sidebar-api';
import { type Child, field, fill, h, option } from './dom';
import { call } from './rpc';
import { colon, paren, type Ui, whileBusy } from './ui';

const LANGS: readonly [Lang, string][] = [
  ['zh', '中文'],
  ['en', 'English'],
];

/** How one role is read: the header used (or the mapped header that was not found) and where it came from. */
interface RoleMapping {
  role: Role;
  required: boolean;
  header: string | null;
  column: string | null;
  source: 'mapped' | 'detected' | 'missing' | 'none';
}

function roleMappings(v: SetupView): RoleMapping[] {
  return ROLES.map((role) => {
    const col = v.columns[role];
    const mapped = v.mapping[role];
    return {
      role,
      required: role === 'customer' || role === 'rep',
      header: col !== undefined ? (v.header[col] ?? '') : (mapped ?? null),
      column: col !== undefined ? columnLetter(col) : null,
      source: mapped ? (col !== undefined ? 'mapped' : 'missing') : col !== undefined ? 'detected' : 'none',
    };
  });
}

export class SetupPanel {
  private view: SetupView | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly ui: Ui,
  ) {
    fill(root, h('p', { className: 'empty' }, ui.t('sidebar.loading')));
    root.addEventListener('change', (e) => {
      (e.target as HTMLElement).dataset.dirty = '1';
    });
  }

  /**
   * Reads the view again (each time it is opened: headers, tabs and Settings may have changed since). A choice
   * the user made and has not saved stays chosen while the view still offers it.
   */
  async load(): Promise<void> {
    const chosen = Array.from(
      this.root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-dirty]'),
    );
    const view = await whileBusy(this.ui, null, () => call('sidebarSetup'));
    if (!view) {
      if (!this.view) fill(this.root);
      return;
    }
    this.show(view);
    for (const el of chosen) {
      const now = document.getElementById(el.id) as HTMLInputElement | HTMLSelectElement | null;
      if (now instanceof HTMLSelectElement && Array.from(now.options).some((o) => o.value === el.value)) {
        now.value = el.value;
        now.dataset.dirty = '1';
      } else if (now instanceof HTMLInputElement && el instanceof HTMLInputElement && el.checked) {
        now.checked = true;
        now.dataset.dirty = '1';
      }
    }
  }

  private show(view: SetupView, focus?: string): void {
    this.view = view;
    // The view's heading (as the Team view's), so its sections' headings follow the page's h1 in order.
    fill(
      this.root,
      h('h2', { className: 'sr-only' }, this.ui.t('sidebar.tab.setup')),
      this.templates(view),
      this.mapping(view),
    );
    if (focus) document.getElementById(focus)?.focus();
  }

  private radios(
    name: string,
    legend: string,
    items: readonly [string, string][],
    checked: string,
  ): HTMLFieldSetElement {
    return h(
      'fieldset',
      null,
      h('legend', null, legend),
      ...items.map(([value, label]) => {
        const input = h('input', { id: `${name}-${value}`, attrs: { type: 'radio', name, value } });
        input.checked = value === checked;
        return h('div', { className: 'check' }, input, h('label', { attrs: { for: input.id } }, label));
      }),
    );
  }

  private templates(v: SetupView): HTMLElement {
    const t = this.ui.t;
    const current =
      v.template === 'sheet'
        ? t('sidebar.setup.fromSheet')
        : v.template
          ? t(`sidebar.template.${v.template}` as SidebarKey)
          : t('sidebar.setup.noTemplate');
    const chosen = v.template && v.template !== 'sheet' ? v.template : 'b2b';
    const run = h(
      'button',
      { id: 'setup-run', className: 'action', attrs: { type: 'submit' } },
      t('sidebar.setup.run'),
    );
    const form = h(
      'form',
      {
        className: 'stack',
        on: {
          submit: (e) => {
            e.preventDefault();
            const data = new FormData(form);
            this.setup(
              run,
              String(data.get('template') ?? 'b2b') as TemplateId,
              String(data.get('lang') ?? this.ui.lang) as Lang,
            );
          },
        },
      },
      this.radios(
        'template',
        t('sidebar.setup.template'),
        TEMPLATE_IDS.map((id) => [id, t(`sidebar.template.${id}` as SidebarKey)]),
        chosen,
      ),
      this.radios('lang', t('sidebar.setup.lang'), LANGS, v.lang),
      h('div', { className: 'buttons' }, run),
    );
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'setup-h' } },
      h('h3', { id: 'setup-h', attrs: { tabindex: -1 } }, t('sidebar.setup.heading')),
      h('p', { className: 'meta' }, t('sidebar.setup.current', { template: current })),
      form,
      h(
        'details',
        { id: 'setup-tabs' },
        h('summary', null, t('sidebar.setup.tabs')),
        h(
          'ul',
          { className: 'plain' },
          ...v.tabs.map((tab) =>
            h(
              'li',
              null,
              tab.name ?? nameIn(TAB_NAMES[tab.id], this.ui.lang),
              ' — ',
              tab.name ? '✓' : t('sidebar.setup.missingTab'),
            ),
          ),
        ),
      ),
    );
  }

  private mapping(v: SetupView): HTMLElement {
    const t = this.ui.t;
    const heading = h('h3', { id: 'mapping-h', attrs: { tabindex: -1 } }, t('sidebar.setup.mapping'));
    if (!v.customerSheet) {
      return h(
        'section',
        { attrs: { 'aria-labelledby': 'mapping-h' } },
        heading,
        h('p', { className: 'note' }, t('sidebar.setup.noSheet')),
      );
    }
    const headers = [...new Set(v.header.filter((header) => header !== ''))];
    const selects = new Map<Role, { select: HTMLSelectElement; initial: string }>();
    const rows: Child[] = roleMappings(v).map((r) => {
      const initial = r.source === 'mapped' || r.source === 'detected' ? (r.header ?? '') : '';
      const select = h(
        'select',
        { id: `map-${r.role}` },
        option('', t('sidebar.setup.auto'), initial === ''),
        ...headers.map((header) => option(header, header, header === initial)),
      );
      selects.set(r.role, { select, initial });
      const label =
        t(`sidebar.role.${r.role}` as SidebarKey) +
        (r.required ? paren(this.ui.lang, t('sidebar.setup.required')) : '');
      const hint =
        r.source === 'mapped'
          ? `${t('sidebar.setup.mapped')} · ${r.column}`
          : r.source === 'detected'
            ? `${t('sidebar.setup.detected')} · ${r.column}`
            : r.source === 'missing'
              ? `${t('sidebar.setup.missingHeader')}${colon(this.ui.lang)}${r.header}`
              : undefined;
      return field(label, select, hint);
    });
    const save = h(
      'button',
      { id: 'mapping-save', className: 'action', attrs: { type: 'submit' } },
      t('sidebar.setup.saveMapping'),
    );
    const form = h(
      'form',
      {
        className: 'stack mapping',
        on: {
          submit: (e) => {
            e.preventDefault();
            const changes: MappingChange[] = [];
            for (const [role, { select, initial }] of selects)
              if (select.value !== initial) changes.push({ role, header: select.value });
            this.saveMapping(save, changes);
          },
        },
      },
      ...rows,
      h('div', { className: 'buttons' }, save),
    );
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'mapping-h' } },
      heading,
      h(
        'p',
        { className: 'meta' },
        t('sidebar.setup.source', { sheet: v.customerSheet, row: v.headerRow ?? '' }),
      ),
      form,
      v.criteria.length > 0 &&
        h(
          'details',
          { id: 'setup-criteria' },
          h('summary', null, t('sidebar.setup.criteria')),
          h(
            'ul',
            { className: 'plain' },
            ...v.criteria.map((c) =>
              h(
                'li',
                null,
                `${c.stage} · ${c.name}${colon(this.ui.lang)}`,
                c.col >= 0
                  ? `${columnLetter(c.col)}${paren(this.ui.lang, v.header[c.col])}`
                  : h('span', { className: 'warn' }, t('sidebar.setup.noCriterionColumn')),
              ),
            ),
          ),
        ),
    );
  }

  private async setup(control: HTMLButtonElement, template: TemplateId, lang: Lang): Promise<void> {
    const t = this.ui.t;
    const result = await whileBusy(this.ui, control, () => call('sidebarSetupSheets', template, lang));
    if (!result) return;
    const list = (names: string[]) =>
      names.length > 0 ? names.join(t('word.list')) : t('sidebar.setup.nothing');
    const done = t('sidebar.setup.done', { created: list(result.created), kept: list(result.kept) });
    // Sentences follow one another after a space in English, straight after the full stop (。) in Chinese.
    const gap = this.ui.lang === 'zh' ? '' : ' ';
    const mine = result.notOurs ? gap + t('sidebar.setup.settingsNotOurs', { sheet: result.notOurs }) : '';
    this.ui.say(done + mine);
    const view = await whileBusy(this.ui, null, () => call('sidebarSetup'));
    if (view) this.show(view, 'setup-h');
  }

  private async saveMapping(control: HTMLButtonElement, changes: MappingChange[]): Promise<void> {
    const t = this.ui.t;
    if (changes.length === 0) {
      this.ui.say(t('sidebar.setup.noChanges'));
      return;
    }
    const view = await whileBusy(this.ui, control, () => call('sidebarSaveMapping', changes));
    if (!view) return;
    this.show(view, 'mapping-h');
    this.ui.say(t('sidebar.setup.mappingSaved'));
  }
}
