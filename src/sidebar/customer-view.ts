// The Customer view: the card of the row the user has selected, refreshed by polling. A refresh that brings
// the same customer keeps what the user is typing; writes send the row and customer the card was drawn for.

import type { ObjectionStatus, ObjectionType, Resolution } from '../core/types';
import type { SidebarKey } from '../i18n/sidebar-messages';
import type {
  CustomerCard,
  CustomerView,
  ObjectionChange,
  ObjectionView,
  RowTarget,
  StageClock,
} from '../sheets/sidebar-api';
import { button, type Child, field, fill, h, option } from './dom';
import { call } from './rpc';
import { colon, paren, type Ui, whileBusy } from './ui';

const TYPES: Record<ObjectionType, true> = {
  budget: true,
  approval: true,
  procurement: true,
  legal: true,
  finance: true,
  product: true,
  price: true,
  competition: true,
  timing: true,
  relationship: true,
  other: true,
};
const STATUSES: Record<ObjectionStatus, true> = {
  raised: true,
  planned: true,
  acting: true,
  resolved: true,
  accepted: true,
};
const RESOLUTIONS: Record<Resolution, true> = {
  responded: true,
  removed: true,
  improved: true,
  bypassed: true,
  defeated: true,
};
const keysOf = <K extends string>(record: Record<K, true>): K[] => Object.keys(record) as K[];

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Kept {
  values: Map<string, string | boolean>;
  open: Set<string>;
  focus: string | null;
  /** The caret or selection in the focused text field. */
  selection: [number, number] | null;
}

interface LadderStep {
  name: string;
  declared: boolean;
  evidenced: boolean;
  /** Every exit criterion of the stages before it is met. */
  reached: boolean;
  current: boolean;
}

/** The ladder: each open stage with what the row says of it. */
function ladderOf(c: CustomerCard): LadderStep[] {
  return c.stages.map((name, pos) => ({
    name,
    declared: c.declared === pos,
    evidenced: c.evidenced === pos,
    reached: c.evidenced !== null && pos <= c.evidenced,
    current: c.current === pos,
  }));
}

interface ChecklistItem {
  name: string;
  kind: 'element' | 'commitment';
  stage: string;
  met: boolean;
  column: string | null;
}

/**
 * What stands between the customer and the next stage: the criteria of the stages up to the current one, less
 * those of earlier stages already met (empty for a customer that is not open).
 */
function checklistOf(c: CustomerCard): ChecklistItem[] {
  const current = c.current;
  if (current === null) return [];
  return c.criteria
    .filter((k) => k.stage >= 0 && k.stage <= current && !(k.met && k.stage < current))
    .map((k) => ({ name: k.name, kind: k.kind, stage: c.stages[k.stage], met: k.met, column: k.column }));
}

/**
 * A text field that keeps line breaks (an <input> drops them), holding `value` as text. No maxlength: the card
 * carries the cell's whole text, and a limit below it would stop the user typing into a long one.
 */
function textArea(id: string, value: string): HTMLTextAreaElement {
  const el = h('textarea', { id, attrs: { rows: 2 } });
  el.value = value;
  return el;
}

/** A control's value when it differs from the one it was shown with, else null: the server leaves that field. */
function changed(control: Control, shown: string): string | null {
  return control.value === shown ? null : control.value;
}

function targetKey(t: RowTarget): string {
  return JSON.stringify([t.sheet, t.row, t.id, t.name]);
}

/**
 * The name of an objection's fields: by its id (else its row and text), not by its row alone, so the plan a user
 * is typing stays with its objection when rows above it are deleted, and never lands in another one's box.
 */
function objectionKey(o: ObjectionView): string {
  const identity = o.id !== '' ? o.id : `${o.row}\u0000${o.text}`;
  let hash = 5381;
  for (let i = 0; i < identity.length; i++) hash = (Math.imul(hash, 33) ^ identity.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

/** What History's stage clock of a card holds for: the row's customer, its stage and status, and the day. */
function clockKey(c: CustomerCard): string {
  return JSON.stringify([targetKey(c.target), c.stageText, c.status, c.today]);
}

export class CustomerPanel {
  private shown = '';
  private shownKey = '';
  private polling = false;
  /** The alert region shows a failed poll (not a failed write, which stays until the user acts). */
  private pollFailed = false;
  /** A write is on its way: polls wait, so they cannot redraw the card under the user's click. */
  private writing = 0;
  /** Writes sent so far: a poll sent before a write answers with the card before it, which is not drawn. */
  private writes = 0;
  /** The user is composing text with an input method (Chinese, say): a poll does not redraw under it. */
  private composing = false;
  /** The last view the server sent, before History's stage clock is put in it. */
  private view: CustomerView | null = null;
  /** History's stage clock of the last card that needed one (see withClock), under its clockKey. */
  private clock: { key: string; value: StageClock | null } | null = null;
  /** The clockKey asked for and not answered yet. */
  private clocking = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly ui: Ui,
  ) {
    // Remember which inputs the user has touched, so a refresh of the same customer keeps them.
    const mark = (e: Event) => {
      const el = e.target as HTMLElement;
      if (el.id) el.dataset.dirty = '1';
    };
    root.addEventListener('input', mark);
    root.addEventListener('change', mark);
    root.addEventListener('compositionstart', () => {
      this.composing = true;
    });
    root.addEventListener('compositionend', () => {
      this.composing = false;
    });
  }

  /** Fetches the view for the current selection (skipped while another fetch or a write is running). */
  async refresh(): Promise<void> {
    if (this.polling || this.writing > 0) return;
    this.polling = true;
    const writes = this.writes;
    try {
      const view = await call('sidebarCustomer', this.ui.lang);
      if (this.pollFailed) this.ui.clearAlert(); // the server answers again: its earlier failure is over
      this.pollFailed = false;
      if (this.writing === 0 && this.writes === writes && !this.composing) this.show(view);
    } catch (e) {
      this.pollFailed = true;
      this.ui.fail(e);
    } finally {
      this.polling = false;
    }
  }

  /**
   * Draws a view. `written`: it answers a write, so the inputs of the form it saved (`saved`: their ids) start
   * clean, and focus goes to `focus`; what the user typed elsewhere on the card is kept.
   */
  show(
    sent: CustomerView,
    options: { written?: boolean; focus?: string; saved?: ReadonlySet<string> } = {},
  ): void {
    this.view = sent;
    const view = this.withClock(sent);
    const json = JSON.stringify(view);
    if (!options.written && json === this.shown) return;
    this.shown = json;
    const key = view.kind === 'customer' ? targetKey(view.card.target) : view.kind;
    const kept = key === this.shownKey ? this.keep(options.saved) : null;
    this.shownKey = key;
    fill(this.root, ...this.render(view));
    if (kept) this.restore(kept, options.focus);
    else if (options.focus) document.getElementById(options.focus)?.focus();
  }

  /**
   * The view with History's days in stage when its card needs them (a poll does not read History): known for
   * this customer, stage and day, else asked for once, and the card drawn again when they come.
   */
  private withClock(view: CustomerView): CustomerView {
    if (view.kind !== 'customer' || !view.card.historyClock) return view;
    const key = clockKey(view.card);
    if (this.clock?.key !== key) {
      void this.askClock(view.card.target, key);
      return view;
    }
    const value = this.clock.value;
    return value ? { kind: 'customer', card: { ...view.card, ...value } } : view;
  }

  private async askClock(target: RowTarget, key: string): Promise<void> {
    if (this.clocking === key) return;
    this.clocking = key;
    let value: StageClock | null = null;
    try {
      value = await call('sidebarStageClock', target, this.ui.lang);
    } catch (e) {
      // Shown as a failed poll is (the next poll that answers clears it); not asked again for this key.
      this.pollFailed = true;
      this.ui.fail(e);
    } finally {
      if (this.clocking === key) this.clocking = '';
    }
    this.clock = { key, value };
    // Not while a write is on its way or the user is composing: the next poll draws it.
    if (this.writing === 0 && !this.composing && this.view) this.show(this.view);
  }

  /** What the user has touched on the card: typed values (but those of `saved`), open sections, focus, caret. */
  private keep(saved?: ReadonlySet<string>): Kept {
    const kept: Kept = { values: new Map(), open: new Set(), focus: null, selection: null };
    this.root.querySelectorAll<Control>('input[id], select[id], textarea[id]').forEach((el) => {
      if (el.dataset.dirty !== '1' || saved?.has(el.id)) return;
      kept.values.set(
        el.id,
        el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value,
      );
    });
    this.root.querySelectorAll('details[id]').forEach((d) => {
      if ((d as HTMLDetailsElement).open) kept.open.add(d.id);
    });
    const active = document.activeElement;
    if (active?.id && this.root.contains(active)) {
      kept.focus = active.id;
      const field = active as HTMLInputElement | HTMLTextAreaElement;
      // Inputs without a caret (dates, checkboxes) have a null selectionStart.
      if (typeof field.selectionStart === 'number' && typeof field.selectionEnd === 'number')
        kept.selection = [field.selectionStart, field.selectionEnd];
    }
    return kept;
  }

  private restore(kept: Kept, fallbackFocus?: string): void {
    for (const [id, value] of kept.values) {
      const el = document.getElementById(id) as Control | null;
      if (!el) continue;
      if (typeof value === 'boolean') (el as HTMLInputElement).checked = value;
      else el.value = value;
      el.dataset.dirty = '1';
    }
    for (const id of kept.open) {
      const d = document.getElementById(id);
      if (d instanceof HTMLDetailsElement) d.open = true;
    }
    const target =
      (kept.focus && document.getElementById(kept.focus)) ||
      (fallbackFocus && document.getElementById(fallbackFocus));
    if (target && (!(target instanceof HTMLButtonElement) || !target.disabled)) target.focus();
    if (target && target.id === kept.focus && kept.selection) {
      const field = target as HTMLInputElement | HTMLTextAreaElement;
      if (typeof field.selectionStart === 'number') field.setSelectionRange(...kept.selection);
    }
  }

  private render(view: CustomerView): Child[] {
    const t = this.ui.t;
    switch (view.kind) {
      case 'no-sheet':
        return [h('p', { className: 'empty' }, view.why ?? t('error.noCustomerSheet'))];
      case 'elsewhere':
        return [h('p', { className: 'empty' }, t('sidebar.select.elsewhere', { sheet: view.customerSheet }))];
      case 'header':
        return [h('p', { className: 'empty' }, t('sidebar.select.header', { sheet: view.customerSheet }))];
      case 'not-customer':
        return [h('p', { className: 'empty' }, t('sidebar.select.notCustomer', { row: view.row }))];
      case 'customer':
        return this.card(view.card);
    }
  }

  private card(c: CustomerCard): Child[] {
    const t = this.ui.t;
    const meta = [c.rep || t('sidebar.noRep'), t('sidebar.row', { row: c.target.row })];
    if (c.target.id && c.target.name) meta.push(c.target.id);
    return [
      h(
        'h2',
        { id: 'card-title', className: 'card-title', attrs: { tabindex: -1 } },
        c.target.name || c.target.id,
      ),
      h('p', { className: 'meta' }, meta.join(' · ')),
      this.ladder(c),
      this.checklist(c),
      this.guidance(c),
      this.nextAction(c),
      this.objections(c),
      c.issues.length > 0 &&
        h(
          'details',
          { id: 'row-issues', className: 'issues' },
          h('summary', null, `${t('sidebar.issues')}${paren(this.ui.lang, String(c.issues.length))}`),
          h(
            'ul',
            null,
            ...c.issues.map((i) =>
              h(
                'li',
                null,
                `${i.column}${colon(this.ui.lang)}${i.message}`,
                i.value ? ` — “${i.value}”` : '',
              ),
            ),
          ),
        ),
    ];
  }

  private ladder(c: CustomerCard): HTMLElement {
    const t = this.ui.t;
    const clock: string[] = [];
    if (c.daysInStage !== null) {
      clock.push(
        t(c.daysInStage === 1 ? 'sidebar.daysInStageOne' : 'sidebar.daysInStage', { days: c.daysInStage }) +
          (c.maxDays !== null ? paren(this.ui.lang, t('sidebar.maxDays', { max: c.maxDays })) : ''),
      );
    }
    const contact = c.daysSinceContact;
    if (contact !== null)
      clock.push(t(contact === 1 ? 'sidebar.lastContactOne' : 'sidebar.lastContact', { days: contact }));
    const flags = [c.stalled && t('sidebar.stalled'), c.outOfTouch && t('sidebar.outOfTouch')].filter(
      (f): f is string => typeof f === 'string',
    );
    const ladder = ladderOf(c);
    const declaredOutside = c.stageText !== '' && !ladder.some((s) => s.declared);
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'ladder-h' } },
      h('h3', { id: 'ladder-h' }, t('sidebar.stages')),
      c.status !== 'open' &&
        h(
          'p',
          { className: 'note' },
          t('sidebar.closedStatus', { status: t(`report.${c.status}` as SidebarKey) }),
        ),
      ladder.length > 0 &&
        h(
          'ol',
          { className: 'ladder' },
          ...ladder.map((step) =>
            h(
              'li',
              {
                className: ['step', step.reached ? 'reached' : '', step.current ? 'current' : '']
                  .filter(Boolean)
                  .join(' '),
                attrs: { 'aria-current': step.current ? 'step' : undefined },
              },
              h('span', { className: 'dot', attrs: { 'aria-hidden': 'true' } }),
              h('span', { className: 'step-name' }, step.name),
              step.reached && h('span', { className: 'sr-only' }, paren(this.ui.lang, t('sidebar.reached'))),
              step.declared && h('span', { className: 'tag declared' }, t('sidebar.declared')),
              step.evidenced && h('span', { className: 'tag evidenced' }, t('sidebar.evidenced')),
            ),
          ),
        ),
      declaredOutside && h('p', { className: 'note' }, t('sidebar.declaredAs', { stage: c.stageText })),
      (c.check === 'ahead' || c.check === 'behind') && h('p', { className: 'warn' }, t(`check.${c.check}`)),
      (clock.length > 0 || flags.length > 0) &&
        h(
          'p',
          { className: 'meta' },
          clock.join(' · '),
          ...flags.flatMap((flag, k) => [
            (clock.length > 0 || k > 0) && ' · ',
            h('strong', { className: 'bad' }, flag),
          ]),
        ),
    );
  }

  private checklist(c: CustomerCard): HTMLElement | null {
    const t = this.ui.t;
    if (c.nextStage === null) return null;
    const checklist = checklistOf(c);
    const open = checklist.filter((i) => !i.met).length;
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'checklist-h' } },
      h('h3', { id: 'checklist-h', attrs: { tabindex: -1 } }, t('sidebar.checklist', { stage: c.nextStage })),
      checklist.length === 0
        ? h('p', { className: 'note' }, t('sidebar.checklistNone'))
        : h('ul', { className: 'checklist' }, ...checklist.map((item, i) => this.checklistItem(c, item, i))),
      checklist.length > 0 && open === 0 && h('p', { className: 'good' }, t('sidebar.allMet')),
    );
  }

  private checklistItem(c: CustomerCard, item: ChecklistItem, index: number): HTMLElement {
    const t = this.ui.t;
    let control: Child = null;
    if (!item.met && item.column !== null) {
      const btn: HTMLButtonElement = button(
        t('sidebar.metToday'),
        () => this.markMet(c, item, btn),
        'action small',
        {
          id: `met-${index}`,
          'aria-label': t('sidebar.metTodayLabel', { name: item.name }),
        },
      );
      control = btn;
    } else if (!item.met) {
      control = h('span', { className: 'hint' }, t('sidebar.noColumnFor', { name: item.name }));
    }
    return h(
      'li',
      { className: item.met ? 'met' : 'unmet' },
      h('span', { className: 'mark', attrs: { 'aria-hidden': 'true' } }, item.met ? '✓' : '○'),
      h(
        'span',
        { className: 'criterion' },
        h('span', { className: 'criterion-name' }, item.name),
        h(
          'span',
          { className: 'sr-only' },
          paren(this.ui.lang, item.met ? t('sidebar.met') : t('sidebar.notMet')),
        ),
        h(
          'span',
          { className: 'criterion-kind' },
          `${t(`sidebar.kind.${item.kind}` as SidebarKey)} · ${item.stage}`,
        ),
      ),
      control,
    );
  }

  private guidance(c: CustomerCard): Child {
    const t = this.ui.t;
    if (c.actions.length === 0 && c.guidance === '' && c.support.length === 0) return null;
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'actions-h' } },
      h('h3', { id: 'actions-h' }, t('sidebar.actions')),
      c.actions.length > 0 && h('ul', { className: 'plain' }, ...c.actions.map((a) => h('li', null, a))),
      c.guidance !== '' &&
        h(
          'p',
          { className: 'guidance' },
          h('span', { className: 'label' }, `${t('sidebar.guidance')}${colon(this.ui.lang)}`),
          c.guidance,
        ),
      c.support.length > 0 &&
        h(
          'p',
          { className: 'meta' },
          `${t('sidebar.support')}${colon(this.ui.lang)}${c.support.join(t('word.list'))}`,
        ),
    );
  }

  private nextAction(c: CustomerCard): HTMLElement {
    const t = this.ui.t;
    const na = c.nextAction;
    const heading = h('h3', { id: 'next-h', attrs: { tabindex: -1 } }, t('sidebar.nextAction'));
    if (!na.hasText && !na.hasDue) {
      return h(
        'section',
        { attrs: { 'aria-labelledby': 'next-h' } },
        heading,
        h('p', { className: 'note' }, t('sidebar.nextActionNoColumn')),
      );
    }
    const textInput = textArea('na-text', na.text);
    textInput.disabled = !na.hasText;
    const dueInput = h('input', { id: 'na-due', attrs: { type: 'date' } });
    dueInput.value = na.due ?? '';
    dueInput.disabled = !na.hasDue;
    // Only what the user changed is sent: a field sent back as shown could still differ from its cell.
    const shown = [textInput.value, dueInput.value];
    const save = h(
      'button',
      { id: 'na-save', className: 'action', attrs: { type: 'submit' } },
      t('sidebar.save'),
    );
    const form = h(
      'form',
      {
        className: 'stack',
        on: {
          submit: (e) => {
            e.preventDefault();
            this.write(
              save,
              'next-h',
              () =>
                call('sidebarSetNextAction', c.target, {
                  text: changed(textInput, shown[0]),
                  due: changed(dueInput, shown[1]),
                }),
              t('sidebar.saved'),
            );
          },
        },
      },
      field(t('sidebar.nextAction'), textInput),
      field(t('sidebar.nextActionDue'), dueInput),
      h('div', { className: 'buttons' }, save),
    );
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'next-h' } },
      heading,
      na.state === 'overdue' && h('p', { className: 'bad' }, t('sidebar.nextActionOverdue')),
      na.state === 'missing' && h('p', { className: 'warn' }, t('sidebar.nextActionMissing')),
      form,
    );
  }

  private objections(c: CustomerCard): HTMLElement {
    const t = this.ui.t;
    const open = c.objections.filter((o) => o.open);
    const closed = c.objections.filter((o) => !o.open);
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'objections-h' } },
      h('h3', { id: 'objections-h', attrs: { tabindex: -1 } }, t('sidebar.objections')),
      open.length === 0
        ? h('p', { className: 'note' }, t('sidebar.objectionsNone'))
        : h('ul', { className: 'objections' }, ...open.map((o) => this.objection(c, o))),
      closed.length > 0 &&
        h(
          'details',
          { id: 'closed-objections' },
          h('summary', null, t('sidebar.objectionsClosed', { n: closed.length })),
          h(
            'ul',
            { className: 'plain' },
            ...closed.map((o) =>
              h(
                'li',
                null,
                `${t(`type.${o.type}` as SidebarKey)}${colon(this.ui.lang)}`,
                o.text,
                ` — ${t(`status.${o.status}` as SidebarKey)}`,
                o.resolution ? ` · ${t(`resolution.${o.resolution}` as SidebarKey)}` : '',
                o.unsupervised && this.review(c, o),
              ),
            ),
          ),
        ),
      this.addObjection(c),
    );
  }

  /** The supervision step of a closed objection nobody has reviewed: one click signs it off. */
  private review(c: CustomerCard, o: ObjectionView): HTMLElement {
    const t = this.ui.t;
    const button = h(
      'button',
      {
        id: `obj-${objectionKey(o)}-review`,
        className: 'secondary',
        attrs: { type: 'button', 'aria-label': t('sidebar.objection.reviewLabel', { text: o.text }) },
        on: {
          click: () =>
            this.write(
              button,
              'objections-h',
              () =>
                call(
                  'sidebarUpdateObjection',
                  c.target,
                  { row: o.row, id: o.id, text: o.text },
                  { reviewed: true },
                ),
              t('sidebar.objection.reviewed'),
            ),
        },
      },
      t('sidebar.objection.review'),
    );
    return h(
      'span',
      null,
      ' · ',
      h('strong', { className: 'warn' }, t('sidebar.objection.unsupervised')),
      ' ',
      button,
    );
  }

  private objection(c: CustomerCard, o: ObjectionView): HTMLElement {
    const t = this.ui.t;
    const id = (part: string) => `obj-${objectionKey(o)}-${part}`;
    const status = h(
      'select',
      { id: id('status') },
      ...keysOf(STATUSES).map((s) => option(s, t(`status.${s}` as SidebarKey), s === o.status)),
    );
    const resolution = h(
      'select',
      { id: id('resolution') },
      option('', t('sidebar.objection.noResolution'), o.resolution === null),
      ...keysOf(RESOLUTIONS).map((r) => option(r, t(`resolution.${r}` as SidebarKey), r === o.resolution)),
    );
    const plan = textArea(id('plan'), o.plan);
    const shownPlan = plan.value;
    const due = h('input', { id: id('due'), attrs: { type: 'date' } });
    due.value = o.due ?? '';
    const update = h(
      'button',
      {
        id: id('update'),
        className: 'secondary',
        attrs: { type: 'submit', 'aria-label': t('sidebar.objection.updateLabel', { text: o.text }) },
      },
      t('sidebar.objection.update'),
    );
    const facts: Child[] = [];
    facts.push(
      o.plan
        ? `${t('sidebar.objection.plan')}${colon(this.ui.lang)}${o.plan}`
        : t('sidebar.objection.noPlan'),
    );
    if (o.due) facts.push(` · ${t('sidebar.objection.due')} ${o.due}`);
    if (o.overdue) facts.push(' ', h('strong', { className: 'bad' }, t('sidebar.objection.overdue')));
    if (o.blocking) facts.push(' ', h('strong', { className: 'warn' }, t('sidebar.objection.blockingTag')));
    const form = h(
      'form',
      {
        className: 'stack compact',
        on: {
          submit: (e) => {
            e.preventDefault();
            const change: ObjectionChange = {
              status: changed(status, o.status) as ObjectionStatus | null,
              resolution: changed(resolution, o.resolution ?? '') as Resolution | '' | null,
              plan: changed(plan, shownPlan),
              due: changed(due, o.due ?? ''),
            };
            this.write(
              update,
              'objections-h',
              () => call('sidebarUpdateObjection', c.target, { row: o.row, id: o.id, text: o.text }, change),
              t('sidebar.objection.updated'),
            );
          },
        },
      },
      h(
        'div',
        { className: 'row2' },
        field(t('sidebar.objection.status'), status),
        field(t('sidebar.objection.resolution'), resolution),
      ),
      field(t('sidebar.objection.plan'), plan),
      h(
        'div',
        { className: 'row2' },
        field(t('sidebar.objection.due'), due),
        h('div', { className: 'buttons end' }, update),
      ),
    );
    return h(
      'li',
      { className: 'objection' },
      h(
        'p',
        { className: 'objection-title' },
        h('span', { className: 'tag' }, t(`type.${o.type}` as SidebarKey)),
        ' ',
        o.text,
      ),
      h('p', { className: 'meta' }, ...facts),
      form,
    );
  }

  private addObjection(c: CustomerCard): HTMLElement {
    const t = this.ui.t;
    const type = h(
      'select',
      { id: 'add-type' },
      ...keysOf(TYPES).map((k) => option(k, t(`type.${k}` as SidebarKey), k === 'budget')),
    );
    const text = h('textarea', { id: 'add-text', attrs: { rows: 2, maxlength: 1000, required: true } });
    const plan = textArea('add-plan', '');
    const due = h('input', { id: 'add-due', attrs: { type: 'date' } });
    const blocking = h('input', { id: 'add-blocking', attrs: { type: 'checkbox' } });
    const add = h(
      'button',
      { id: 'add-submit', className: 'action', attrs: { type: 'submit' } },
      t('sidebar.objection.addButton'),
    );
    const form = h(
      'form',
      {
        className: 'stack',
        on: {
          submit: (e) => {
            e.preventDefault();
            this.write(
              add,
              'objections-h',
              () =>
                call('sidebarAddObjection', c.target, {
                  type: type.value as ObjectionType,
                  text: text.value,
                  plan: plan.value,
                  due: due.value,
                  blocking: blocking.checked,
                }),
              t('sidebar.objection.added'),
            );
          },
        },
      },
      field(t('sidebar.objection.type'), type),
      field(t('sidebar.objection.text'), text),
      field(t('sidebar.objection.plan'), plan),
      field(t('sidebar.objection.due'), due),
      h(
        'div',
        { className: 'check' },
        blocking,
        h('label', { attrs: { for: 'add-blocking' } }, t('sidebar.objection.blocking')),
      ),
      h('div', { className: 'buttons' }, add),
    );
    return h(
      'details',
      { id: 'add-objection', className: 'add' },
      h('summary', null, t('sidebar.objection.add')),
      form,
    );
  }

  private markMet(c: CustomerCard, item: ChecklistItem, btn: HTMLButtonElement): void {
    this.write(
      btn,
      'checklist-h',
      () => call('sidebarMarkMet', c.target, item.name),
      this.ui.t('sidebar.marked', { name: item.name, date: c.today }),
    );
  }

  /**
   * Sends a write; its answer is the card read afresh. On failure (the row changed, a lock timeout…) the message
   * stays in the alert region and the card is fetched again for whatever the selection now holds.
   */
  private async write(
    control: HTMLButtonElement,
    focus: string,
    send: () => Promise<CustomerView>,
    done: string,
  ): Promise<void> {
    this.writing++;
    this.writes++;
    let view: CustomerView | undefined;
    try {
      view = await whileBusy(this.ui, control, send);
    } finally {
      this.writing--;
    }
    if (view) {
      // The fields of the form it saved show what was saved; what the user typed elsewhere stays.
      const saved = new Set(Array.from(control.form?.elements ?? [], (el) => (el as HTMLElement).id));
      this.show(view, { written: true, focus, saved });
      this.ui.say(done);
    } else {
      this.shown = '';
      this.pollFailed = false; // the alert now shows the write's failure: keep it
      await this.refresh();
    }
  }
}
