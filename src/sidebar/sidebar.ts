// The sidebar client: three views (Customer, Team, Setup) behind keyboard-usable tabs, an alert region for
// failures and a status region for what was done. The Customer view follows the selection by polling while the
// sidebar is visible. Cell text only ever reaches the page through text nodes, never as HTML.
import type { Lang } from '../core/types';
import { type SidebarKey, sidebarTranslator } from '../i18n/sidebar-messages';
import { CustomerPanel } from './customer-view';
import { button, fill, h } from './dom';
import { call } from './rpc';
import { SetupPanel } from './setup-view';
import { TeamPanel } from './team-view';
import { messageOf, type Ui } from './ui';

const POLL_MS = 2000;
type ViewId = 'customer' | 'team' | 'setup';
const VIEWS: readonly ViewId[] = ['customer', 'team', 'setup'];

function mount(app: HTMLElement, lang: Lang): void {
  const t = sidebarTranslator(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('sidebar.title');

  const alert = h('div', { id: 'alert', className: 'alert', attrs: { role: 'alert' } });
  const status = h('p', { id: 'status', className: 'status', attrs: { role: 'status' } });
  let alertText = '';
  const ui: Ui = {
    lang,
    t,
    fail(error) {
      const message = messageOf(error, t);
      if (message === alertText) return;
      alertText = message;
      fill(
        alert,
        h('p', null, message),
        button(t('sidebar.dismiss'), () => ui.clearAlert(), 'link', { id: 'alert-dismiss' }),
      );
    },
    say(message) {
      status.textContent = message;
    },
    clearAlert() {
      if (alertText === '') return;
      const hadFocus = alert.contains(document.activeElement);
      alertText = '';
      fill(alert);
      if (hadFocus) tabs.get(active)?.focus();
    },
  };

  const tabs = new Map<ViewId, HTMLButtonElement>();
  const panels = new Map<ViewId, HTMLElement>();
  for (const id of VIEWS) {
    tabs.set(
      id,
      h(
        'button',
        {
          id: `tab-${id}`,
          className: 'tab',
          attrs: {
            type: 'button',
            role: 'tab',
            'aria-controls': `panel-${id}`,
            'aria-selected': 'false',
            tabindex: -1,
          },
          on: { click: () => select(id, false) },
        },
        t(`sidebar.tab.${id}` as SidebarKey),
      ),
    );
    const panel = h('section', {
      id: `panel-${id}`,
      className: 'panel',
      attrs: { role: 'tabpanel', 'aria-labelledby': `tab-${id}` },
    });
    panel.hidden = true;
    panels.set(id, panel);
  }
  const tablist = h(
    'div',
    { className: 'tabs', attrs: { role: 'tablist', 'aria-label': t('sidebar.tabs') } },
    ...tabs.values(),
  );
  tablist.addEventListener('keydown', (e) => {
    const i = VIEWS.indexOf(active);
    const next =
      e.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : e.key === 'ArrowLeft'
          ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length]
          : e.key === 'Home'
            ? VIEWS[0]
            : e.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : null;
    if (!next) return;
    e.preventDefault();
    select(next, true);
  });
  fill(
    app,
    h('header', { className: 'top' }, h('h1', { className: 'sr-only' }, t('sidebar.title')), tablist),
    alert,
    status,
    ...panels.values(),
  );

  const customer = new CustomerPanel(panels.get('customer')!, ui);
  // A row that no longer holds the customer listed (the tab was sorted) is refused: the list is read again.
  const goTo = (row: number, name: string) => {
    call('sidebarGoTo', row, name)
      .then(() => {
        select('customer', true);
      })
      .catch((e) => {
        // Said once the list is read again (reading it clears the alert region).
        void team.load().then(() => ui.fail(e));
      });
  };
  const team = new TeamPanel(panels.get('team')!, ui, goTo);
  const setup = new SetupPanel(panels.get('setup')!, ui);

  let active: ViewId = 'customer';
  function select(id: ViewId, focus: boolean): void {
    active = id;
    for (const v of VIEWS) {
      const tab = tabs.get(v)!;
      tab.setAttribute('aria-selected', String(v === id));
      tab.tabIndex = v === id ? 0 : -1;
      panels.get(v)!.hidden = v !== id;
    }
    if (focus) tabs.get(id)!.focus();
    if (id === 'customer') void customer.refresh();
    // Read again each time they are opened: the sheet, and the sidebar's own writes, change them.
    if (id === 'team') void team.load();
    if (id === 'setup') void setup.load();
  }

  // Follow the selection while the Customer view is showing and the sidebar is visible.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    clearTimeout(timer);
    if (active === 'customer' && document.visibilityState === 'visible') await customer.refresh();
    timer = setTimeout(poll, POLL_MS);
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void poll();
  });
  select('customer', false);
  timer = setTimeout(poll, POLL_MS);
}

function start(): void {
  const app = document.getElementById('app');
  if (!app) return;
  fill(app, h('p', { className: 'empty' }, '加载中…… Loading…'));
  call('sidebarStart')
    .then((s) => mount(app, s.lang))
    .catch((e) => {
      const retry = button('重试 Try again', () => start(), 'secondary', { id: 'start-retry' });
      fill(
        app,
        h('div', { className: 'alert', attrs: { role: 'alert' } }, h('p', null, messageOf(e)), retry),
      );
    });
}

start();
