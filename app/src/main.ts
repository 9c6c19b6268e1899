// The resident app: the light client starts first; the account screen comes up until the
// resident has a key (and has unlocked it); then "my status" and the service cycle's screens.

import './style.css';
import { connect, chainSpecUrl, firstFinalized } from './chain';
import { h, errorBox, activity, showSync } from './ui';
import { lang, t } from './i18n';
import { chooseLang, initLang, loadVault, state } from './state';
import { keyScreen } from './screens/key';
import { homeScreen } from './screens/home';
import { surveysScreen } from './screens/surveys';
import { ballotsScreen } from './screens/ballots';
import { vouchersScreen } from './screens/vouchers';
import { ratingsScreen } from './screens/ratings';

const ROUTES: Record<string, { label: Parameters<typeof t>[0]; screen: (rerender: () => void) => HTMLElement | Promise<HTMLElement> }> = {
  '#/': { label: 'nav.home', screen: () => homeScreen() },
  '#/surveys': { label: 'nav.surveys', screen: surveysScreen },
  '#/ballots': { label: 'nav.ballots', screen: ballotsScreen },
  '#/vouchers': { label: 'nav.vouchers', screen: vouchersScreen },
  '#/ratings': { label: 'nav.ratings', screen: ratingsScreen },
  '#/key': { label: 'nav.key', screen: keyScreen },
};

const root = document.getElementById('app')!;
const syncLine = h('p', { class: 'sync', 'data-testid': 'sync', role: 'status' });
const main = h('main', { 'data-testid': 'screen' });
let renderCount = 0;


function frame() {
  const route = ROUTES[location.hash] ? location.hash : '#/';
  const nav = h('nav', {}, ...Object.entries(ROUTES).map(([href, r]) => h('a', { href, class: href === route ? 'active' : '', 'data-testid': `nav-${href.slice(2) || 'home'}`, onclick: () => { activity.lastOutcome = ''; if ((location.hash || '#/') === href) render(); } }, t(r.label))));
  const switcher = h('button', { class: 'lang', 'data-testid': 'lang', onclick: () => { chooseLang(lang() === 'zh' ? 'en' : 'zh'); render(); } }, t('lang.switch'));
  root.replaceChildren(
    h('header', {}, h('div', { class: 'brand' }, h('h1', {}, t('app.title')), h('p', { class: 'tagline' }, t('app.tagline'))), switcher),
    syncLine,
    state.account ? nav : '',
    activity.lastOutcome ? h('p', { class: 'flash ok', 'data-testid': 'flash', role: 'status' }, activity.lastOutcome) : '',
    main,
    h('footer', {}, h('p', { class: 'note' }, t('sync.note'))),
  );
  if (state.chain) showSync(syncLine, state.chain.sync.value);
  else syncLine.textContent = t('sync.starting');
}

/** Draws the current screen; a later call supersedes an earlier one still loading. */
export async function render() {
  main.dataset.ready = 'false';
  frame();
  const mine = ++renderCount;
  let route = ROUTES[location.hash] ? location.hash : '#/';
  if (!state.account || !state.chain) route = '#/key';
  if (!state.chain) {
    main.replaceChildren(h('p', { class: 'note' }, t('common.loading')));
    return;
  }
  main.replaceChildren(h('p', { class: 'note', 'data-testid': 'loading' }, t('common.loading')));
  // What a screen calls when a transaction of its own is final: redraw it with the new state,
  // unless the resident has moved on, or another transaction is on its way.
  const refresh = () => {
    if (activity.inFlight === 0 && (ROUTES[location.hash] ? location.hash : '#/') === route) render();
  };
  let screen: HTMLElement;
  try {
    screen = await ROUTES[route].screen(route === '#/key' ? render : refresh);
  } catch (error) {
    console.error(error);
    screen = errorBox((error as Error).message);
  }
  // A later render has started meanwhile: it draws the screen (and says when it is ready).
  if (mine !== renderCount) return;
  main.replaceChildren(screen);
  main.dataset.route = route;
  main.dataset.ready = 'true';
}

async function start() {
  initLang();
  loadVault();
  frame();
  window.addEventListener('hashchange', () => render());
  try {
    state.chain = await connect(chainSpecUrl(location));
  } catch (error) {
    main.replaceChildren(errorBox(String((error as Error).message)));
    return;
  }
  state.chain.sync.subscribe((s) => showSync(syncLine, s));
  // Screens read at the finalized block: wait for the first one before drawing them.
  await firstFinalized(state.chain);
  (window as any).gongzhi = { state };
  await render();
}

start();
