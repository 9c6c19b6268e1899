// The office console (办事处工作台): the same light client as the resident app (smoldot in the
// page, every answer proven), for the people who run the service cycle — a street office's admin
// (often a multisig, or a proxy of one), a community's officer, a provider. Screens: identity,
// residents (batch import from a CSV), surveys, procurement, vouchers, ratings and cases, the
// provider's work, multisig approvals. Anything over time comes from the indexer.

import '../style.css';
import './console.css';
import { connect, chainSpecUrl, firstFinalized } from '../chain';
import { h, card, note, errorBox, showSync } from '../ui';
import { lang } from '../i18n';
import { chooseLang, initLang } from '../state';
import { accountFromSuri, DEV_ACCOUNTS, isValidSuri, type Account } from '../keys';
import { blake2b } from '@noble/hashes/blake2.js';
import { fromHex, toHex } from '../bytes';
import type { Chain } from '../chain';
import { ct, type ConsoleKey } from './i18n';
import { actingProblem, approve, multisigAddress, pendingOperations, roleAccount, type Acting } from './acting';
import { decodeCsvBytes, parseCsv } from './csv';
import { readRoster, toSend, type Roster } from './roster';
import { checkAgainstChain, loadReport, measureChunk, reportKey, runImport } from './importer';
import { newSalt } from './identity';
import { field, input, knownCall, messageOf, sendButton, table } from './kit';
import { casesView, programmeData, programmeForm, projectForm, projectView, providerView, scorecard, settleForm, surveyForm, surveyResults, surveyTurnout } from './views';
import { describe } from '../tx';

const SETTINGS = 'gongzhi.console.acting';
const page: { chain?: Chain; key?: Account; keyName?: string; settings: { multisig?: { threshold: number; signatories: string[] }; proxyOf?: string } } = {
  settings: JSON.parse(localStorage.getItem(SETTINGS) ?? '{}'),
};

const acting = (): Acting | null => (page.key ? { key: page.key, ...page.settings } : null);

const ROUTES: Record<string, ConsoleKey> = {
  '#/acting': 'nav.acting', '#/residents': 'nav.residents', '#/surveys': 'nav.surveys', '#/projects': 'nav.projects',
  '#/programmes': 'nav.programmes', '#/cases': 'nav.cases', '#/provider': 'nav.provider', '#/multisig': 'nav.multisig',
};

const root = document.getElementById('app')!;
const main = h('main', { 'data-testid': 'screen' });
const syncLine = h('p', { class: 'sync', 'data-testid': 'sync', role: 'status' });

function frame() {
  const route = ROUTES[location.hash] ? location.hash : '#/acting';
  root.replaceChildren(
    h('header', {}, h('div', { class: 'brand' }, h('h1', {}, ct('title')), h('p', { class: 'tagline' }, ct('tagline'))),
      h('button', { class: 'lang', 'data-testid': 'lang', onclick: () => { chooseLang(lang() === 'zh' ? 'en' : 'zh'); render(); } }, lang() === 'zh' ? 'English' : '中文')),
    syncLine,
    h('nav', {}, ...Object.entries(ROUTES).map(([href, key]) => h('a', { href, class: href === route ? 'active' : '', 'data-testid': `nav-${href.slice(2)}` }, ct(key)))),
    main,
  );
}

let renders = 0;
async function render() {
  frame();
  const mine = ++renders;
  main.dataset.ready = 'false';
  const route = ROUTES[location.hash] ? location.hash : '#/acting';
  if (!page.chain) return;
  let screen: HTMLElement;
  try {
    screen = await SCREENS[route](page.chain);
  } catch (error) {
    console.error(error);
    screen = errorBox(messageOf(error));
  }
  if (mine !== renders) return;
  main.replaceChildren(screen);
  main.dataset.route = route;
  main.dataset.render = String(mine);
  main.dataset.ready = 'true';
}

/** Identity: the signing key, the multisig and proxy settings, and the roles the chain gives the account. */
async function actingScreen(chain: Chain): Promise<HTMLElement> {
  const use = (name: string, suri: string) => { page.key = accountFromSuri(suri); page.keyName = name; render(); };
  const mnemonic = input('mnemonic', '', 'password');
  const isMultisig = h('input', { type: 'checkbox', 'data-testid': 'multisig-on', checked: Boolean(page.settings.multisig) });
  const threshold = input('multisig-threshold', page.settings.multisig?.threshold ?? 2, 'number', { min: '2' });
  const signatories = h('textarea', { 'data-testid': 'multisig-signatories', rows: 4 }, (page.settings.multisig?.signatories ?? []).join('\n'));
  const proxyOf = input('proxy-of', page.settings.proxyOf ?? '');
  const saved = h('p', { class: 'note', 'data-testid': 'acting-saved', role: 'status' });
  const save = h('button', { class: 'primary', 'data-testid': 'acting-save', onclick: () => {
    const settings = {
      multisig: isMultisig.checked ? { threshold: Number(threshold.value), signatories: signatories.value.split(/\s+/).filter(Boolean) } : undefined,
      proxyOf: proxyOf.value.trim() || undefined,
    };
    const problem = page.key ? actingProblem({ key: page.key, ...settings }) : null;
    if (problem) { saved.textContent = ct(problem === 'acting.threshold' ? 'acting.threshold.bad' : problem); saved.className = 'error'; return; }
    page.settings = settings;
    localStorage.setItem(SETTINGS, JSON.stringify(settings));
    render();
  } }, ct('acting.save'));
  const roles: HTMLElement[] = [];
  const who = acting();
  if (who) {
    const account = roleAccount(who);
    roles.push(note(ct('acting.role', { address: account }), { 'data-testid': 'role-account' }));
    const q = chain.api.query.Community;
    for (const { keyArgs: [id], value } of await q.Offices.getEntries()) if (value.admin === account) roles.push(h('p', { 'data-testid': `role-office-${id}` }, ct('acting.roleOffice', { name: new TextDecoder().decode(value.name), id })));
    for (const { keyArgs: [id], value } of await q.Communities.getEntries()) if (await q.Officers.getValue(id, account) !== undefined) roles.push(h('p', { 'data-testid': `role-officer-${id}` }, ct('acting.roleOfficer', { name: new TextDecoder().decode(value.name), id })));
    const provider = await q.Providers.getValue(account);
    if (provider) roles.push(h('p', { 'data-testid': 'role-provider' }, ct('acting.roleProvider', { name: new TextDecoder().decode(provider.name) })));
    if (roles.length === 1) roles.push(note(ct('acting.roleNone')));
  }
  return h('div', {},
    card(ct('acting.key'),
      page.key ? note(ct('acting.current', { address: page.key.address }), { 'data-testid': 'acting-current' }) : note(ct('acting.none')),
      chain.isDev ? h('p', {}, ct('acting.dev'), ...DEV_ACCOUNTS.map((a) => h('button', { class: 'secondary', 'data-testid': `key-${a.name}`, onclick: () => use(a.name, a.suri) }, a.name))) : '',
      field(ct('acting.mnemonic'), mnemonic),
      h('button', { class: 'secondary', 'data-testid': 'mnemonic-use', onclick: () => { if (isValidSuri(mnemonic.value)) use('', mnemonic.value); } }, ct('acting.use'))),
    card(ct('acting.roles'), field(ct('acting.multisig'), isMultisig), field(ct('acting.threshold'), threshold), field(ct('acting.signatories'), signatories),
      field(ct('acting.proxyOf'), proxyOf), save, saved, ...roles));
}

/** Residents: a CSV in, a preview with every problem row, a chunked import with progress and a report. */
async function residentsScreen(chain: Chain): Promise<HTMLElement> {
  const who = acting();
  const communities = await chain.api.query.Community.Communities.getEntries();
  const community = h('select', { 'data-testid': 'import-community' }, ...communities.map(({ keyArgs: [id], value }) => h('option', { value: String(id) }, `${new TextDecoder().decode(value.name)} (#${id})`)));
  const salt = input('import-salt', sessionStorage.getItem('gongzhi.console.salt') ?? '', 'password');
  const file = h('input', { type: 'file', accept: '.csv,.txt,text/csv', 'data-testid': 'import-file' });
  const out = h('div', { 'data-testid': 'import-preview' });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen || !who) { out.replaceChildren(errorBox(ct('acting.none'))); return; }
    if (who.multisig) { out.replaceChildren(errorBox(ct('import.noMultisig'))); return; }
    sessionStorage.setItem('gongzhi.console.salt', salt.value);
    const id = Number(community.value);
    const name = new TextDecoder().decode(communities.find((c) => c.keyArgs[0] === id)!.value.name);
    // Cleared, so that choosing the same file again (after an interruption) reads it again.
    file.value = '';
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const { text, encoding } = decodeCsvBytes(bytes);
      const checking = note(ct('import.checking'), { 'data-testid': 'import-checking' });
      out.replaceChildren(note(ct('import.fileName', { name: chosen.name })), note(ct(`import.encoding.${encoding}`), { 'data-testid': 'import-encoding', 'data-encoding': encoding }), checking);
      const roster = readRoster(parseCsv(text), salt.value, { id, name });
      await checkAgainstChain(chain, roster, id, (checked, total) => { checking.textContent = ct('import.checked', { checked, total }); });
      const key = reportKey(chain.genesis, id, toHex(blake2b(bytes, { dkLen: 16 })));
      const report = loadReport(key);
      for (const row of roster.rows) if (row.registered && !row.registered.block && report[row.line]) row.registered.block = report[row.line];
      out.replaceChildren(note(ct('import.fileName', { name: chosen.name })), note(ct(`import.encoding.${encoding}`), { 'data-testid': 'import-encoding', 'data-encoding': encoding }), await preview(chain, who, id, roster, key));
    } catch (error) {
      out.replaceChildren(errorBox(messageOf(error)));
    }
  });
  return card(ct('import.title'), note(ct('import.note')), field(ct('import.community'), community),
    field(ct('import.salt'), salt), h('button', { class: 'secondary', 'data-testid': 'import-new-salt', onclick: () => { salt.value = newSalt(); salt.type = 'text'; } }, ct('import.newSalt')),
    field(ct('import.file'), file), out);
}

async function preview(chain: Chain, who: Acting, community: number, roster: Roster, key: string): Promise<HTMLElement> {
  const problems = roster.rows.filter((r) => r.problems.length);
  const registered = roster.rows.filter((r) => r.registered);
  const ready = toSend(roster);
  const reportRows = () => roster.rows.map((r) => [r.line, r.address, r.problems.length ? r.problems.map((p) => ct(`row.${p}` as ConsoleKey)).join('；') : r.registered ? ct(r.registered.earlier ? 'import.registeredEarlier' : 'import.registeredNow') : ct('import.ready'), r.registered?.block ?? '']);
  const header = [ct('import.line'), ct('import.address'), ct('import.status'), ct('import.block')];
  const bar = h('progress', { 'data-testid': 'import-progress', max: String(Math.max(1, ready.length)), value: '0' });
  const status = h('p', { class: 'tx-status', 'data-testid': 'import-status', role: 'status' });
  const reportBox = h('div', {});
  const box = h('div', {},
    note(ct('import.summary', { total: roster.rows.length, ready: ready.length, registered: registered.length, problems: problems.length }), { 'data-testid': 'import-summary', 'data-ready': ready.length, 'data-registered': registered.length, 'data-problems': problems.length }),
    problems.length ? h('h3', {}, ct('import.problems')) : '',
    problems.length ? table('import-problems', 'import-problems.csv', [ct('import.line'), ct('import.address'), ct('import.problem')], problems.map((r) => [r.line, r.address, r.problems.map((p) => ct(`row.${p}` as ConsoleKey)).join('；')]), 'import.report') : '',
  );
  if (!ready.length) { box.append(note(ct('import.nothing'), { 'data-testid': 'import-nothing' }), table('import-report', 'import-report.csv', header, reportRows(), 'import.report')); return box; }
  const most = await measureChunk(chain, who, community, ready.slice(0, 2));
  // The clerk may send smaller batches than fit a block (less to send again if one fails).
  const sizeInput = input('import-chunk-size', most, 'number', { min: '1', max: String(most) });
  const sizeNote = note('', { 'data-testid': 'import-chunk', 'data-size': most });
  const chosenSize = () => Math.min(most, Math.max(1, Math.floor(Number(sizeInput.value)) || most));
  const showSize = () => {
    sizeNote.textContent = ct('import.chunk', { n: chosenSize(), chunks: Math.ceil(ready.length / chosenSize()), most });
    sizeNote.dataset.size = String(chosenSize());
  };
  sizeInput.addEventListener('input', showSize);
  showSize();
  const start = h('button', { class: 'primary', 'data-testid': 'import-start' }, ct(registered.length ? 'import.resume' : 'import.start', { n: ready.length }));
  start.addEventListener('click', async () => {
    start.disabled = true;
    sizeInput.disabled = true;
    const size = chosenSize();
    try {
      const final = await runImport(chain, who, community, roster, size, key, (p) => {
        bar.value = p.finalized;
        status.textContent = `${ct('import.progress', p as any)}${p.state ? ` · ${describe(p.state)}` : ''}`;
        status.dataset.finalized = String(p.finalized);
      });
      status.textContent = final.conflicts
        ? ct('import.doneWithConflicts', { n: final.finalized, conflicts: final.conflicts })
        : ct('import.done', { n: final.finalized });
      status.dataset.phase = 'finalized';
      status.dataset.conflicts = String(final.conflicts);
    } catch (error) {
      status.textContent = ct('import.failed', { chunk: Math.ceil((Number(status.dataset.finalized ?? 0) + 1) / size), reason: messageOf(error) });
      status.dataset.phase = 'failed';
    }
    reportBox.replaceChildren(table('import-report', 'import-report.csv', header, reportRows(), 'import.report'));
  });
  box.append(field(ct('import.chunkSize'), sizeInput), sizeNote, start, bar, status, reportBox);
  return box;
}

function idPicker(testid: string, label: ConsoleKey, show: (id: number) => Promise<HTMLElement> | HTMLElement): HTMLElement {
  const id = input(testid, '', 'number', { min: '0' });
  const out = h('div', {});
  const go = h('button', { class: 'secondary', 'data-testid': `${testid}-show`, onclick: async () => {
    out.replaceChildren(note(ct('common.loading')));
    try { out.replaceChildren(await show(Number(id.value))); } catch (error) { out.replaceChildren(errorBox(messageOf(error))); }
  } }, ct('survey.show'));
  return h('div', {}, field(ct(label), id), go, out);
}

/** Multisig approvals: what waits, with the call decoded when its data is known, and approve. */
async function multisigScreen(chain: Chain): Promise<HTMLElement> {
  const who = acting();
  if (!who?.multisig) return note(ct('multisig.notMultisig'));
  const pending = await pendingOperations(chain, who);
  const items = pending.map((op) => {
    const data = h('textarea', { 'data-testid': `pending-${op.callHash}-data`, rows: 3 }, knownCall(op.callHash) ?? '');
    const decoded = h('p', { class: 'note', 'data-testid': `pending-${op.callHash}-decoded` });
    const check = async () => {
      const hex = data.value.trim();
      if (!hex) { decoded.textContent = ''; return null; }
      if (toHex(blake2b(fromHex(hex), { dkLen: 32 })) !== op.callHash) { decoded.textContent = ct('multisig.mismatch'); return null; }
      const tx = await chain.api.txFromCallData(fromHex(hex));
      decoded.textContent = ct('multisig.decoded', { call: `${tx.decodedCall.type}.${(tx.decodedCall.value as any).type}` });
      return hex as `0x${string}`;
    };
    data.addEventListener('input', () => { check(); });
    check();
    return h('div', { class: 'card', 'data-testid': `pending-${op.callHash}` },
      h('p', {}, `${ct('multisig.hash')}: ${op.callHash}`),
      note(ct('multisig.approvals', { n: op.approvals.length, threshold: who.multisig!.threshold })),
      field(ct('multisig.callData'), data), decoded,
      sendButton({ chain, acting: () => ({ ...who, proxyOf: undefined, multisig: undefined }), label: ct('multisig.approve'), testid: `approve-${op.callHash}`, build: async () => approve(chain, who, op, await check()) }));
  });
  return card(ct('multisig.pending'), note(multisigAddress(who.multisig.threshold, who.multisig.signatories), { 'data-testid': 'multisig-address' }), ...items, items.length ? '' : note(ct('multisig.none'), { 'data-testid': 'multisig-none' }));
}

const ctx = (chain: Chain) => ({ chain, acting });

const SCREENS: Record<string, (chain: Chain) => Promise<HTMLElement> | HTMLElement> = {
  '#/acting': actingScreen,
  '#/residents': residentsScreen,
  '#/surveys': (chain) => h('div', {}, surveyForm(ctx(chain)), card(ct('survey.results'),
    idPicker('survey-pick', 'survey.pick', async (id) => h('div', {}, surveyResults(ctx(chain), id), await surveyTurnout(id).catch((e) => errorBox(messageOf(e))),
      sendButton({ chain, acting, label: ct('survey.close'), testid: 'survey-close', build: () => chain.api.tx.NeedsSurvey.close({ survey: id }) }))))),
  '#/projects': (chain) => h('div', {}, projectForm(ctx(chain)), card(ct('project.pick'), idPicker('project-pick', 'project.pick', (id) => projectView(ctx(chain), id)))),
  '#/programmes': (chain) => {
    const capacity = h('textarea', { 'data-testid': 'capacity', rows: 3 }, localStorage.getItem('gongzhi.console.capacity') ?? '');
    capacity.addEventListener('change', () => localStorage.setItem('gongzhi.console.capacity', capacity.value));
    return h('div', {}, programmeForm(ctx(chain)), card(ct('programme.pick'), field(ct('programme.capacity'), capacity), idPicker('programme-pick', 'programme.pick', (id) => programmeData(id, capacity.value))), settleForm(ctx(chain)));
  },
  '#/cases': async (chain) => {
    const provider = input('scorecard-provider');
    const out = h('div', {});
    return h('div', {}, await casesView(ctx(chain)), card(ct('cases.scorecard'), field(ct('cases.scorecardPick'), provider),
      h('button', { class: 'secondary', 'data-testid': 'scorecard-show', onclick: async () => { try { out.replaceChildren(await scorecard(provider.value.trim())); } catch (e) { out.replaceChildren(errorBox(messageOf(e))); } } }, ct('survey.show')), out));
  },
  '#/provider': (chain) => providerView(ctx(chain)),
  '#/multisig': multisigScreen,
};

async function start() {
  initLang();
  frame();
  window.addEventListener('hashchange', () => render());
  try {
    page.chain = await connect(chainSpecUrl(location));
  } catch (error) {
    main.replaceChildren(errorBox(String((error as Error).message)));
    return;
  }
  page.chain.sync.subscribe((s) => showSync(syncLine, s));
  await firstFinalized(page.chain);
  await render();
}

start();
