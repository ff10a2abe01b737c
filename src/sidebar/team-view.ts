// The Team view: rep x stage concurrency with band flags, stalled customers, the objection summary and the
// same-stage cohort picker, all computed by core on one read of the spreadsheet; and the Customer inventory run.
import { BAND_MIN_CLOSES, OBJECTION_TYPES } from '../core/types';
import type { SidebarKey } from '../i18n/sidebar-messages';
import type { TeamView } from '../sheets/sidebar-api';
import { button, type Child, field, fill, h, option } from './dom';
import { call } from './rpc';
import { paren, type Ui, whileBusy } from './ui';

export class TeamPanel {
  private view: TeamView | null = null;
  private cohort = -1;
  private readonly controls: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly ui: Ui,
    private readonly goTo: (row: number, name: string) => void,
  ) {
    const t = ui.t;
    const refresh: HTMLButtonElement = button(
      t('sidebar.team.refresh'),
      () => this.load(refresh),
      'secondary',
      { id: 'team-refresh' },
    );
    const run: HTMLButtonElement = button(t('sidebar.team.run'), () => this.runInventory(run), 'action', {
      id: 'team-run',
    });
    this.controls = h('div', { className: 'buttons' }, run, refresh);
    this.progress = h('div', { className: 'progress' });
    this.body = h('div', null, h('p', { className: 'empty' }, t('sidebar.loading')));
    // The view's heading, so its sections' headings follow the page's h1 in order.
    root.replaceChildren(
      h('h2', { className: 'sr-only' }, t('sidebar.tab.team')),
      this.controls,
      this.progress,
      this.body,
    );
  }

  get loaded(): boolean {
    return this.view !== null;
  }

  async load(control: HTMLButtonElement | null = null): Promise<void> {
    const view = await whileBusy(this.ui, control, () => call('sidebarTeam'));
    if (!view) {
      if (!this.view) fill(this.body);
      return;
    }
    this.view = view;
    if (this.cohort < 0 || this.cohort >= view.cohorts.length) {
      const largest = view.cohorts.reduce(
        (best, c, i) => (c.size > (view.cohorts[best]?.size ?? -1) ? i : best),
        0,
      );
      this.cohort = view.cohorts.length > 0 ? largest : -1;
    }
    fill(this.body, ...this.render(view));
  }

  private async runInventory(control: HTMLButtonElement): Promise<void> {
    const t = this.ui.t;
    const started = Date.now();
    const label = h('span', null, t('sidebar.team.running', { seconds: 0 }));
    const bar = h('progress', { attrs: { 'aria-label': t('sidebar.team.run') } });
    fill(this.progress, bar, label);
    const tick = setInterval(() => {
      label.textContent = t('sidebar.team.running', { seconds: Math.round((Date.now() - started) / 1000) });
    }, 1000);
    this.ui.say(t('sidebar.team.started'));
    try {
      const run = await whileBusy(this.ui, control, () => call('sidebarRunInventory'));
      if (run) {
        this.ui.say(t('sidebar.team.ran', { tab: run.tab ?? '', seconds: run.seconds, issues: run.issues }));
        await this.load();
      }
    } finally {
      clearInterval(tick);
      fill(this.progress);
    }
  }

  private render(v: TeamView): Child[] {
    const t = this.ui.t;
    return [
      h('p', { className: 'meta' }, t('sidebar.team.asOf', { sheet: v.customerSheet, asOf: v.asOf })),
      this.heatmap(v),
      this.stalled(v),
      this.objections(v),
      this.cohorts(v),
    ];
  }

  private heatmap(v: TeamView): Child {
    const t = this.ui.t;
    const reps = v.reps.filter((r) => r.open > 0 || r.flags.length > 0);
    if (reps.length === 0 || v.stages.length === 0) {
      return h(
        'section',
        null,
        h('h3', null, t('sidebar.team.heatmap')),
        h('p', { className: 'note' }, t('sidebar.team.noReps')),
      );
    }
    const max = Math.max(1, ...reps.flatMap((r) => r.byStage));
    const level = (n: number) => (n === 0 ? 0 : Math.max(1, Math.ceil((n / max) * 4)));
    const head = h(
      'tr',
      null,
      h('th', { attrs: { scope: 'col' } }, t('report.rep')),
      ...v.stages.map((s, i) =>
        h(
          'th',
          { attrs: { scope: 'col', title: s } },
          h('span', { attrs: { 'aria-hidden': 'true' } }, String(i + 1)),
          h('span', { className: 'sr-only' }, s),
        ),
      ),
      h('th', { attrs: { scope: 'col' } }, t('sidebar.team.total')),
    );
    const rows = reps.map((r) => {
      const flags = r.flags.map((f) => t(`flag.${f}` as SidebarKey));
      const band = r.band ? t('sidebar.team.band', { low: r.band.low, high: r.band.high ?? '∞' }) : '';
      return h(
        'tr',
        null,
        h(
          'th',
          { attrs: { scope: 'row' } },
          h('span', { className: 'rep' }, r.rep || t('report.noRep')),
          (flags.length > 0 || band) &&
            h(
              'span',
              { className: flags.length > 0 ? 'flags bad' : 'flags' },
              [...flags, band].filter(Boolean).join(' · '),
            ),
        ),
        ...r.byStage.map((n) => h('td', { className: `heat-${level(n)}` }, n)),
        h('td', { className: 'total' }, r.open),
      );
    });
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'heat-h' } },
      h('h3', { id: 'heat-h' }, t('sidebar.team.heatmap')),
      h(
        'div',
        { className: 'scroll' },
        h('table', { className: 'heatmap' }, h('thead', null, head), h('tbody', null, ...rows)),
      ),
      h(
        'ol',
        { className: 'legend', attrs: { 'aria-label': t('sidebar.team.legend') } },
        ...v.stages.map((s) => h('li', null, s)),
      ),
      v.noBand && h('p', { className: 'note' }, t('report.noBand', { n: BAND_MIN_CLOSES })),
    );
  }

  private stalled(v: TeamView): HTMLElement {
    const t = this.ui.t;
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'stalled-h' } },
      h(
        'h3',
        { id: 'stalled-h' },
        t('sidebar.team.stalled'),
        v.stalledTotal > 0 ? paren(this.ui.lang, String(v.stalledTotal)) : '',
      ),
      // Without a stall limit "none stalled" is not known: the view says what to set, as the report does.
      v.noStallLimit && h('p', { className: 'note' }, t('report.noStallLimit')),
      v.stalled.length === 0
        ? !v.noStallLimit && h('p', { className: 'note' }, t('sidebar.team.stalledNone'))
        : h(
            'ul',
            { className: 'people' },
            ...v.stalled.map((s) =>
              h(
                'li',
                null,
                button(s.name, () => this.goTo(s.row, s.name), 'link', {
                  'aria-label': t('sidebar.team.goTo', { row: s.row, name: s.name }),
                }),
                h(
                  'span',
                  { className: 'meta' },
                  this.stalledItem(v, s),
                  s.maxDays !== null ? paren(this.ui.lang, t('sidebar.maxDays', { max: s.maxDays })) : '',
                ),
              ),
            ),
          ),
      v.stalled.length < v.stalledTotal &&
        h('p', { className: 'meta' }, t('sidebar.team.more', { n: v.stalledTotal - v.stalled.length })),
    );
  }

  /** Rep, stage (or why a hold is listed) and days in stage, when known. */
  private stalledItem(v: TeamView, s: TeamView['stalled'][number]): string {
    const t = this.ui.t;
    const rep = s.rep || t('sidebar.noRep');
    const stage = s.resumeDue
      ? t('report.resumeDue', { date: s.resumeDue })
      : s.stage < 0
        ? t('sidebar.team.onHold')
        : (v.stages[s.stage] ?? '');
    return s.days === null
      ? `${rep} · ${stage}`
      : t('sidebar.team.stalledItem', { rep, stage, days: s.days });
  }

  private objections(v: TeamView): HTMLElement {
    const t = this.ui.t;
    const o = v.objections;
    const byType = OBJECTION_TYPES.filter((type) => o.byType[type]).map((type) => ({
      type,
      ...o.byType[type]!,
    }));
    const counts: [SidebarKey, number][] = [
      ['report.unresolved', o.open],
      ['report.overdue', o.overdue],
      ['report.blocking', o.blocking],
      ['report.unplanned', o.unplanned],
      ['report.unsupervised', o.unsupervised],
    ];
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'team-obj-h' } },
      h('h3', { id: 'team-obj-h' }, t('sidebar.team.objections')),
      h(
        'dl',
        { className: 'counts' },
        ...counts.flatMap(([key, n]) => [
          h('dt', null, t(key)),
          h('dd', { className: n > 0 && key !== 'report.unresolved' ? 'bad' : '' }, n),
        ]),
      ),
      byType.length > 0 &&
        h(
          'table',
          { className: 'small' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { attrs: { scope: 'col' } }, t('report.objectionType')),
              h('th', { attrs: { scope: 'col' } }, t('report.unresolved')),
              h('th', { attrs: { scope: 'col' } }, t('report.overdue')),
              h('th', { attrs: { scope: 'col' } }, t('report.total')),
            ),
          ),
          h(
            'tbody',
            null,
            ...byType.map((row) =>
              h(
                'tr',
                null,
                h('th', { attrs: { scope: 'row' } }, t(`type.${row.type}` as SidebarKey)),
                h('td', null, row.open),
                h('td', null, row.overdue),
                h('td', null, row.total),
              ),
            ),
          ),
        ),
    );
  }

  private cohorts(v: TeamView): HTMLElement {
    const t = this.ui.t;
    const list = h('div', { attrs: { 'aria-live': 'polite' } });
    const select = h(
      'select',
      { id: 'cohort-stage' },
      ...v.cohorts.map((c, i) =>
        option(
          String(i),
          t('sidebar.team.cohortOption', { stage: v.stages[c.stage] ?? '', n: c.size }),
          i === this.cohort,
        ),
      ),
    );
    const draw = () => {
      const c = v.cohorts[this.cohort];
      if (!c) return fill(list);
      const criterion = v.criteria[c.criterion];
      if (c.size === 0) return fill(list, h('p', { className: 'note' }, t('sidebar.team.cohortEmpty')));
      fill(
        list,
        h(
          'p',
          { className: criterion ? 'warn' : 'good' },
          criterion
            ? t('sidebar.team.cohortLack', { n: c.lacking, size: c.size, criterion })
            : t('sidebar.team.cohortAllMet'),
        ),
        h(
          'ul',
          { className: 'people' },
          ...c.members.map((m) =>
            h(
              'li',
              null,
              button(m.name, () => this.goTo(m.row, m.name), 'link', {
                'aria-label': t('sidebar.team.goTo', { row: m.row, name: m.name }),
              }),
              h(
                'span',
                { className: 'meta' },
                t('sidebar.team.missing', {
                  rep: m.rep || t('sidebar.noRep'),
                  criterion: v.criteria[m.missing] ?? '—',
                }),
              ),
            ),
          ),
        ),
        c.size > c.members.length &&
          h('p', { className: 'meta' }, t('sidebar.team.more', { n: c.size - c.members.length })),
      );
    };
    select.addEventListener('change', () => {
      this.cohort = Number(select.value);
      draw();
    });
    draw();
    return h(
      'section',
      { attrs: { 'aria-labelledby': 'cohort-h' } },
      h('h3', { id: 'cohort-h' }, t('sidebar.team.cohort')),
      v.cohorts.length === 0
        ? h('p', { className: 'note' }, t('sidebar.team.noReps'))
        : field(t('sidebar.team.cohortStage'), select),
      list,
    );
  }
}
