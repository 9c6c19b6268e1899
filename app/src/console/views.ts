// The console's screens. Each screen is a function of the chain and the current identity; forms
// send through `sendButton`.

import { Enum } from 'polkadot-api';
import { h, card, note } from '../ui';
import { formatPercent, formatFen } from '../i18n';
import { toHex, utf8 } from '../bytes';
import { blake2b } from '@noble/hashes/blake2.js';
import type { Chain } from '../chain';
import { ct, isConsoleKey } from './i18n';
import { chart } from './charts';
import { blockHint, dateInput, fen, field, indexer, indexerRows, input, number, sendButton, table, textHash } from './kit';
import { roleAccount, type Acting } from './acting';
import { signals, DEFAULT_RULES } from './suspicious';

type Ctx = { chain: Chain; acting: () => Acting | null };

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** One survey question's editor: prompt, kind, options, maximum. */
function questionEditor(i: number) {
  const prompt = input(`q${i}-prompt`);
  const kind = h('select', { 'data-testid': `q${i}-kind` }, ...(['SingleChoice', 'MultipleChoice', 'Rating'] as const).map((k) => h('option', { value: k }, ct(`survey.kind.${k}`))));
  const options = h('textarea', { 'data-testid': `q${i}-options`, rows: 3 });
  const max = input(`q${i}-max`, 2, 'number', { min: '1' });
  const el = h('fieldset', { class: 'question' }, h('legend', {}, ct('survey.question', { n: i + 1 })),
    field(ct('survey.prompt'), prompt), field(ct('survey.kind'), kind), field(ct('survey.options'), options), field(ct('survey.maxChoices'), max));
  const value = () => {
    if (!prompt.value.trim()) throw new Error(ct('common.required', { field: ct('survey.prompt') }));
    const opts = options.value.split('\n').map((s) => s.trim()).filter(Boolean).map(utf8);
    const k = kind.value;
    const kindValue = k === 'Rating' ? Enum('Rating') : k === 'SingleChoice' ? Enum('SingleChoice', { options: opts }) : Enum('MultipleChoice', { options: opts, max_choices: number(max) });
    return { prompt: utf8(prompt.value.trim()), kind: kindValue };
  };
  return { el, value };
}

/** The office opens a survey: scope, title, questions of every kind, dates converted to blocks. */
export function surveyForm({ chain, acting }: Ctx): HTMLElement {
  const scopeKind = h('select', { 'data-testid': 'survey-scope' }, h('option', { value: 'Office' }, ct('survey.scopeOffice')), h('option', { value: 'Community' }, ct('survey.scopeCommunity')));
  const scopeId = input('survey-scope-id', 0, 'number', { min: '0' });
  const title = input('survey-title');
  const opens = dateInput(chain, 'survey-opens', minutes(1));
  const closes = dateInput(chain, 'survey-closes', minutes(60 * 24 * 7));
  const anonymous = h('input', { type: 'checkbox', 'data-testid': 'survey-anonymous' });
  const questions = [questionEditor(0)];
  const list = h('div', {}, questions[0].el);
  const add = h('button', { class: 'secondary', 'data-testid': 'survey-add-question', onclick: () => { const q = questionEditor(questions.length); questions.push(q); list.append(q.el); } }, ct('survey.addQuestion'));
  return card(ct('survey.new'),
    field(ct('survey.scope'), scopeKind), field('#', scopeId), field(ct('survey.titleField'), title),
    field(ct('survey.opens'), opens, blockHint(opens)), field(ct('survey.closes'), closes, blockHint(closes)),
    field(ct('survey.anonymous'), anonymous),
    list, add,
    sendButton({ chain, acting, label: ct('survey.create'), testid: 'survey-create', build: () => {
      const [from, to] = [opens.block(), closes.block()];
      if (to <= from) throw new Error(ct('common.dateOrder'));
      const args = {
        scope: Enum(scopeKind.value as 'Office', number(scopeId)) as any,
        title: utf8(title.value.trim()),
        questions: questions.map((q) => q.value()) as any,
        opens_at: from,
        closes_at: to,
      };
      // An anonymous survey: residents answer under an alias from their member key, with no
      // signer; its rings are fixed from the keys registered before it opens.
      return anonymous.checked ? chain.api.tx.NeedsSurvey.create_anonymous_survey(args) : chain.api.tx.NeedsSurvey.create_survey(args);
    } }));
}

/** A survey's results, redrawn with every finalized block, as charts and an exportable table. */
export function surveyResults({ chain }: Ctx, survey: number): HTMLElement {
  const box = h('div', { 'data-testid': 'survey-results' }, note(ct('common.loading')));
  const draw = async (hash: string, block: number) => {
    const r = await chain.api.apis.GongzhiApi.survey_results(survey, { at: hash });
    if (!r) return;
    const rows: unknown[][] = [];
    const charts = r.questions.map((q, i) => {
      const t = r.texts[i];
      const labels = q.type === 'Rating' ? [1, 2, 3, 4, 5].map((n) => ct('rating.n', { n })) : t.options;
      const counts = q.type === 'Rating' ? [...q.value.histogram].map(Number) : [...q.value.counts].map(Number);
      labels.forEach((label, j) => rows.push([i + 1, t.prompt, label, counts[j] ?? 0]));
      return chart(`survey-chart-${i}`, t.prompt, labels, [{ name: r.title, values: counts }]);
    });
    box.dataset.block = String(block);
    box.dataset.responses = String(r.responses);
    box.replaceChildren(
      h('p', { class: 'note', 'data-testid': 'survey-live' }, ct('survey.live', { block, responses: r.responses, eligible: r.eligible, turnout: formatPercent(r.turnout_permill * 1000) })),
      ...charts,
      table('survey-table', `survey-${survey}.csv`, ['#', ct('survey.prompt'), ct('survey.options'), ct('signal.count')], rows, 'survey.export'),
    );
  };
  const sub = chain.client.finalizedBlock$.subscribe((b) => { draw(b.hash, b.number).catch(() => {}); });
  // Stops following when the element leaves the page.
  const watch = new MutationObserver(() => { if (!box.isConnected) { sub.unsubscribe(); watch.disconnect(); } });
  queueMicrotask(() => watch.observe(document.body, { childList: true, subtree: true }));
  return box;
}

/** Responses over time from the indexer, as a line chart. */
export async function surveyTurnout(survey: number): Promise<HTMLElement> {
  const data = await indexer<{ rows: { block_number: number; day: string; responses_total: number }[] }>(`surveys/${survey}/responses-over-time`);
  const rows = data.rows ?? [];
  return chart('survey-turnout', ct('survey.turnout'), rows.map((r) => String(r.block_number)), [{ name: ct('survey.turnout'), values: rows.map((r) => Number(r.responses_total)) }], { kind: 'line' });
}

/**
 * The office opens a procurement project: scope, title, description, the tender document (its
 * hash goes on chain; the file stays with the office), budget in yuan, the survey it answers,
 * bidding and voting windows as dates (voting opens when bidding closes), open or secret ballot
 * with its reveal deadline, quorum.
 */
export function projectForm({ chain, acting }: Ctx): HTMLElement {
  const scopeKind = h('select', { 'data-testid': 'project-scope' }, h('option', { value: 'Office' }, ct('survey.scopeOffice')), h('option', { value: 'Community' }, ct('survey.scopeCommunity')));
  const scopeId = input('project-scope-id', 0, 'number', { min: '0' });
  const title = input('project-title');
  const description = h('textarea', { 'data-testid': 'project-description', rows: 3 });
  const documentFile = h('input', { type: 'file', 'data-testid': 'project-document' });
  const documentHash = note('', { 'data-testid': 'project-document-hash' });
  let docHash: `0x${string}` | null = null;
  documentFile.addEventListener('change', async () => {
    const file = documentFile.files?.[0];
    docHash = file ? toHex(blake2b(new Uint8Array(await file.arrayBuffer()), { dkLen: 32 })) : null;
    documentHash.textContent = docHash ? ct('project.documentHash', { hash: docHash }) : '';
    documentHash.dataset.hash = docHash ?? '';
  });
  const budget = input('project-budget', '', 'number', { min: '0', step: '0.01' });
  const survey = input('project-survey', '', 'number', { min: '0' });
  const biddingOpens = dateInput(chain, 'project-bidding-opens', minutes(10));
  const biddingCloses = dateInput(chain, 'project-bidding-closes', minutes(60 * 24 * 3));
  const votingCloses = dateInput(chain, 'project-voting-closes', minutes(60 * 24 * 10));
  const secret = h('input', { type: 'checkbox', 'data-testid': 'project-secret' });
  const revealCloses = dateInput(chain, 'project-reveal-closes', minutes(60 * 24 * 12));
  const quorum = input('project-quorum', 30, 'number', { min: '0', max: '100' });
  return card(ct('project.new'),
    field(ct('survey.scope'), scopeKind), field('#', scopeId), field(ct('project.titleField'), title),
    field(ct('project.description'), description), field(ct('project.document'), documentFile), documentHash,
    field(ct('project.budget'), budget), field(ct('project.survey'), survey),
    field(ct('project.biddingStart'), biddingOpens, blockHint(biddingOpens)),
    field(ct('project.biddingEnd'), biddingCloses, blockHint(biddingCloses)),
    field(ct('project.votingEnd'), votingCloses, blockHint(votingCloses)),
    field(ct('project.secret'), secret), field(ct('project.revealEnd'), revealCloses, blockHint(revealCloses)),
    field(ct('project.quorum'), quorum),
    sendButton({ chain, acting, label: ct('project.create'), testid: 'project-create', build: () => {
      if (!title.value.trim()) throw new Error(ct('common.required', { field: ct('project.titleField') }));
      if (!docHash) throw new Error(ct('common.required', { field: ct('project.document') }));
      const [bidFrom, bidTo, voteTo, revealTo] = [biddingOpens.block(), biddingCloses.block(), votingCloses.block(), revealCloses.block()];
      if (bidTo <= bidFrom || voteTo <= bidTo || (secret.checked && revealTo <= voteTo)) throw new Error(ct('common.dateOrder'));
      return chain.api.tx.Procurement.create_project({
        title: utf8(title.value.trim()),
        description: utf8(description.value.trim()),
        document: docHash,
        budget: fen(budget),
        survey: survey.value.trim() === '' ? undefined : number(survey),
        rules: {
          scope: Enum(scopeKind.value as 'Office', number(scopeId)) as any,
          bidding: { start: bidFrom, end: bidTo },
          voting: { start: bidTo, end: voteTo },
          method: secret.checked ? Enum('Secret', { reveal_end: revealTo }) : Enum('Open'),
          quorum_percent: number(quorum),
        },
      });
    } }));
}

/** A project's bids and tally, the office's disqualify and close buttons, the votes chart. */
export async function projectView({ chain, acting }: Ctx, project: number): Promise<HTMLElement> {
  const tally = await chain.api.apis.GongzhiApi.project_tally(project);
  if (!tally) return note(ct('common.empty'));
  const rows = tally.bids.map((b) => [b.bid, formatFen(b.price), b.state.type, b.votes ?? '']);
  const reason = input('disqualify-reason');
  const bid = input('disqualify-bid', 0, 'number', { min: '0' });
  return h('div', {},
    note(ct('project.tally', { ballots: tally.ballots, eligible: tally.eligible, phase: tally.phase.type }), { 'data-testid': 'project-tally' }),
    chart('project-chart', ct('project.votes'), tally.bids.map((b) => `#${b.bid}`), [{ name: ct('project.votes'), values: tally.bids.map((b) => b.votes ?? 0) }]),
    table('project-table', `project-${project}.csv`, [ct('project.bid'), ct('project.price'), ct('project.state'), ct('project.votes')], rows, 'project.export'),
    field(ct('project.bid'), bid), field(ct('project.reason'), reason),
    sendButton({ chain, acting, label: ct('project.disqualify'), testid: 'disqualify', build: () => chain.api.tx.Procurement.disqualify_bid({ project, bid: number(bid), reason: utf8(reason.value.trim()) }) }),
    sendButton({ chain, acting, label: ct('project.close'), testid: 'project-close', build: () => chain.api.tx.Procurement.close({ project }) }),
  );
}

/** The office turns an award into vouchers. */
export function programmeForm({ chain, acting }: Ctx): HTMLElement {
  const project = input('programme-project', 0, 'number', { min: '0' });
  const name = input('programme-name');
  const unit = input('programme-unit', 30, 'number', { min: '0', step: '0.01' });
  const per = input('programme-per', 2, 'number', { min: '1' });
  const supply = input('programme-supply', 100, 'number', { min: '1' });
  const opens = dateInput(chain, 'programme-opens', minutes(1));
  const closes = dateInput(chain, 'programme-closes', minutes(60 * 24 * 30));
  const expires = dateInput(chain, 'programme-expires', minutes(60 * 24 * 90));
  return card(ct('programme.new'),
    field(ct('programme.project'), project), field(ct('programme.name'), name), field(ct('programme.unit'), unit),
    field(ct('programme.perResident'), per), field(ct('programme.supply'), supply),
    field(ct('programme.claimOpens'), opens, blockHint(opens)), field(ct('programme.claimCloses'), closes, blockHint(closes)), field(ct('programme.expires'), expires, blockHint(expires)),
    sendButton({ chain, acting, label: ct('programme.create'), testid: 'programme-create', build: () => chain.api.tx.Vouchers.create_programme({
      terms: {
        basis: Enum('Award', { project: number(project) }) as any,
        service_name: utf8(name.value.trim()),
        unit_value: fen(unit),
        limit: Enum('PerResident', number(per)) as any,
        allocation: Enum('Entitlement') as any,
        supply: number(supply),
        claim_opens: opens.block(),
        claim_closes: closes.block(),
        expires_at: expires.block(),
      },
    }) }));
}

/** Claims per day, redemptions per provider per day and the cash-out signals of a programme, from the indexer. */
export async function programmeData(programme: number, capacityText: string): Promise<HTMLElement> {
  const [rows, claims] = await Promise.all([indexerRows(`redemptions?programme=${programme}`), indexerRows(`claims?programme=${programme}`)]);
  const claimDays = [...new Set(claims.map((c) => c.day).filter(Boolean))].sort() as string[];
  const days = [...new Set(rows.map((r) => r.day).filter(Boolean))].sort() as string[];
  const providers = [...new Set(rows.map((r) => r.provider))] as string[];
  const series = providers.map((p) => ({ name: `${p.slice(0, 6)}…`, values: days.map((d) => rows.filter((r) => r.provider === p && r.day === d).length) }));
  const capacity = Object.fromEntries(capacityText.split('\n').map((l) => l.split('=').map((s) => s.trim())).filter(([a, n]) => a && Number(n) > 0).map(([a, n]) => [a, Number(n)]));
  const found = signals(rows, { ...DEFAULT_RULES, capacity });
  return h('div', {},
    chart('programme-claims-chart', ct('programme.claimsPerDay'), claimDays, (['claimed', 'issued'] as const).map((kind) => ({
      name: ct(kind === 'claimed' ? 'programme.claims' : 'programme.issued'),
      values: claimDays.map((d) => claims.filter((c) => c.day === d && c.kind === kind).length),
    })), { stack: true }),
    chart('programme-chart', ct('programme.perDay'), days, series, { stack: true }),
    card(ct('programme.suspicious'), found.length
      ? table('signals', `programme-${programme}-signals.csv`, [ct('signal.kind'), ct('project.provider'), ct('signal.day'), ct('signal.count'), ct('signal.ids')],
        found.map((s) => [ct(`signal.${s.kind}`, { limit: s.limit ?? '' }), s.provider, s.day, s.count, s.redemptions.join(' ')]))
      : note(ct('programme.noSignals'), { 'data-testid': 'signals' })));
}

/** The office settles confirmed redemptions with a provider. */
export function settleForm({ chain, acting }: Ctx): HTMLElement {
  const provider = input('settle-provider');
  const ids = input('settle-ids');
  const amount = input('settle-amount', '', 'number', { step: '0.01' });
  const reference = input('settle-reference');
  return card(ct('settle.title'), field(ct('settle.provider'), provider), field(ct('settle.ids'), ids), field(ct('settle.amount'), amount), field(ct('settle.reference'), reference),
    sendButton({ chain, acting, label: ct('settle.submit'), testid: 'settle', build: () => chain.api.tx.Vouchers.settle({
      provider: provider.value.trim(),
      redemptions: ids.value.split(/[,，\s]+/).filter(Boolean).map((s) => BigInt(s)),
      amount: fen(amount),
      payment_reference: textHash(reference.value.trim()),
    }) }));
}

/** Cases waiting for the office (responded or overdue) and a provider's scorecard. */
export async function casesView({ chain, acting }: Ctx): Promise<HTMLElement> {
  const cases = (await indexerRows('cases')).filter((c) => c.status !== 'closed');
  return card(ct('cases.title'), ...cases.map((c) => {
    const outcome = h('select', { 'data-testid': `case-${c.case_id}-outcome` }, ...(['Rectified', 'Dismissed'] as const).map((o) => h('option', { value: o }, ct(`cases.outcome.${o}`))));
    return h('div', { class: 'row' }, `#${c.case_id} · ${c.provider.slice(0, 8)}… · ${c.status}`, outcome,
      sendButton({ chain, acting, label: ct('cases.close'), testid: `case-${c.case_id}-close`, build: () => chain.api.tx.Satisfaction.close_case({ case: BigInt(c.case_id), outcome: Enum(outcome.value as 'Rectified') as any }) }));
  }), cases.length ? '' : note(ct('common.empty')));
}

/** A scorecard column's name for people (the indexer's column name if the console has none). */
const scoreLabel = (column: string) => {
  const key = `score.${column}`;
  return isConsoleKey(key) ? ct(key) : column;
};

/** A provider's scorecard from the indexer: the all-time figures as a table, the daily average as a line. */
export async function scorecard(provider: string): Promise<HTMLElement> {
  const data = await indexer<{ scorecard: Record<string, unknown> | null; rows: any[] }>(`providers/${provider}/scorecard`);
  const card_ = data.scorecard ?? {};
  const daily = (data.rows ?? []) as { day: string; average_score: number | null; redemptions: number }[];
  return h('div', {},
    table('scorecard', `scorecard-${provider}.csv`, Object.keys(card_).map(scoreLabel), [Object.values(card_)], 'cases.export'),
    chart('scorecard-chart', ct('cases.scorecard'), daily.map((d) => d.day), [{ name: ct('cases.scorecard'), values: daily.map((d) => Number(d.average_score ?? 0)) }], { kind: 'line' }));
}

/** The provider's work: bid, confirm services, answer cases. */
export async function providerView({ chain, acting }: Ctx): Promise<HTMLElement> {
  const who = acting();
  if (!who) return note(ct('acting.none'));
  const me = roleAccount(who);
  const project = input('bid-project', 0, 'number', { min: '0' });
  const price = input('bid-price', '', 'number', { step: '0.01' });
  const summary = input('bid-summary');
  const proposal = h('textarea', { 'data-testid': 'bid-proposal', rows: 3 });
  const toConfirm = (await indexerRows(`redemptions?provider=${me}&status=redeemed`)).map((r) => {
    const record = input(`confirm-${r.redemption}-record`);
    return h('div', { class: 'row' }, `#${r.redemption} · ${r.day ?? ''} ${r.hour ?? ''}:00`, record,
      sendButton({ chain, acting, label: ct('provider.confirm'), testid: `confirm-${r.redemption}`, build: () => chain.api.tx.Vouchers.confirm({ redemption: BigInt(r.redemption), service_record: textHash(record.value) }) }));
  });
  const toAnswer = (await indexerRows(`cases?provider=${me}&status=open`)).map((c) => {
    const response = input(`respond-${c.case_id}-text`);
    return h('div', { class: 'row' }, `#${c.case_id}`, response,
      sendButton({ chain, acting, label: ct('provider.respond'), testid: `respond-${c.case_id}`, build: () => chain.api.tx.Satisfaction.respond_case({ case: BigInt(c.case_id), response: textHash(response.value) }) }));
  });
  return h('div', {},
    card(ct('provider.bid'), field(ct('project.pick'), project), field(ct('project.price'), price), field(ct('provider.summary'), summary), field(ct('provider.proposal'), proposal),
      sendButton({ chain, acting, label: ct('provider.submitBid'), testid: 'bid-submit', build: () => chain.api.tx.Procurement.submit_bid({ project: number(project), price: fen(price), summary: utf8(summary.value.trim()), proposal: textHash(proposal.value) }) })),
    card(ct('provider.toConfirm'), ...toConfirm, toConfirm.length ? '' : note(ct('common.empty'))),
    card(ct('provider.cases'), ...toAnswer, toAnswer.length ? '' : note(ct('common.empty'))),
  );
}

