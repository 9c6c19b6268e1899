// Needs surveys: the open ones in the resident's scope, each question of its kind (one choice,
// several choices up to a maximum, a 1–5 rating), answered once and amended while open; the
// public results so far. `survey_results` carries the texts, kinds and tallies. An anonymous
// survey (匿名问卷) is answered with no signer: proved on this phone with the resident's member
// key and stored under the resident's alias in the survey (src/anonymous.ts); its receipt is
// what the chain holds under that alias.

import { Enum } from 'polkadot-api';
import { h, card, note, txButton, blockDate, errorBox } from '../ui';
import { t, formatPercent } from '../i18n';
import { requireAccount, state, updateVault } from '../state';
import { encodeAnswers, surveyMessage } from '../anon';
import { anonymousButton, anonymousReceipt, memberKeyCard, memberKeyStatus } from '../anonymous';
import { toHex } from '../bytes';
import { explain } from '../explain';

type Results = NonNullable<Awaited<ReturnType<NonNullable<typeof state.chain>['api']['apis']['GongzhiApi']['survey_results']>>>;
export type AnswerInput = { kind: 'Choice'; value: number } | { kind: 'Choices'; value: number[] } | { kind: 'Rating'; value: number };

/** Answers as the call takes them, checked against the questions' kinds; null if incomplete. */
export function toCallAnswers(questions: Results['questions'], answers: (AnswerInput | null)[]) {
  if (answers.length !== questions.length || answers.some((a) => a === null)) return null;
  const out = [];
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i];
    const a = answers[i]!;
    if (q.type === 'SingleChoice' && a.kind === 'Choice' && a.value < q.value.counts.length) out.push(Enum('Choice', a.value));
    else if (q.type === 'MultipleChoice' && a.kind === 'Choices' && a.value.length >= 1 && a.value.length <= q.value.max_choices) out.push(Enum('Choices', Uint8Array.from(a.value)));
    else if (q.type === 'Rating' && a.kind === 'Rating' && a.value >= 1 && a.value <= 5) out.push(Enum('Rating', a.value));
    else return null;
  }
  return out;
}

type Stored = { answers: any[]; amendments: number };

export async function surveysScreen(rerender: () => void): Promise<HTMLElement> {
  const chain = state.chain!;
  const account = requireAccount();
  const status = await chain.api.apis.GongzhiApi.resident_status(account.address);
  if (!status) return card(t('nav.surveys'), note(t('home.notResident')));
  const anonymousNotes = state.contents?.anonymousSurveys ?? {};
  const ids = [...new Set([...status.surveys_to_answer, ...(state.contents?.answered ?? []), ...Object.keys(anonymousNotes).map(Number).filter(Number.isInteger)])].sort((a, b) => b - a);
  const maxAmendments = await chain.api.constants.NeedsSurvey.MaxAmendments();
  const canProve = !!state.contents?.memberKeys?.length;
  const cards: HTMLElement[] = [];
  let anyAnonymous = false;
  for (const id of ids) {
    const [results, info] = await Promise.all([chain.api.apis.GongzhiApi.survey_results(id), chain.api.query.NeedsSurvey.Surveys.getValue(id)]);
    if (!results || results.phase.type !== 'Open') continue;
    if (info?.mode.type === 'Anonymous') {
      anyAnonymous = true;
      const note_ = anonymousNotes[String(id)];
      const mine = note_ ? await chain.api.query.NeedsSurvey.AnonymousResponses.getValue(id, note_.alias as `0x${string}`, { at: 'best' }) : undefined;
      cards.push(await anonymousSurveyCard(results, mine, maxAmendments, canProve, rerender));
      continue;
    }
    const mine = await chain.api.query.NeedsSurvey.Responses.getValue(id, status.resident.id);
    cards.push(surveyCard(results, mine, maxAmendments, rerender));
  }
  // A resident who can't answer anonymous surveys from this device is offered the key here.
  const key = anyAnonymous ? await memberKeyStatus(status.resident.id) : null;
  const keyCard = key && key.stateName !== 'registered' ? await memberKeyCard(status.resident.id, rerender, key) : null;
  return h('div', {}, keyCard, ...(cards.length ? cards : [card(t('nav.surveys'), note(t('survey.none'), { 'data-testid': 'no-surveys' }))]));
}

/** An anonymous survey's card: the questions, the anonymous submit (or, with no member key on
 * this device, why there is none), and the receipt of this device's response. */
async function anonymousSurveyCard(results: Results, mine: Stored | undefined, maxAmendments: number, canProve: boolean, rerender: () => void): Promise<HTMLElement> {
  const chain = state.chain!;
  const survey = results.survey;
  const receipt = await anonymousReceipt({
    testid: `survey-receipt-${survey}`, title: t('survey.receipt'), none: t('survey.receiptNone'),
    kind: 'Survey', id: survey, mine: state.contents?.anonymousSurveys?.[String(survey)],
    read: (alias, best) => chain.api.query.NeedsSurvey.AnonymousResponses.getValue(survey, alias, { at: best ? 'best' : 'finalized' }),
    changes: (response) => response.amendments,
    same: (a, b) => a.amendments === b.amendments,
  });
  const refused = (name: string): never => {
    throw new Error(explain({ type: 'Module', value: { type: 'NeedsSurvey', value: { type: name } } }));
  };
  return surveyCard(results, mine, maxAmendments, rerender, {
    notice: note(t('survey.anonymous'), { 'data-testid': `survey-${survey}-anonymous` }),
    receipt,
    submit: (collect) => !canProve
      ? h('p', { class: 'note warn', 'data-testid': `anon-answer-${survey}-nokey` }, t('survey.anonNoKey'))
      : anonymousButton({
        label: mine ? t('survey.amend') : t('survey.submit'), testid: `anon-answer-${survey}`, kind: 'Survey', id: survey,
        // What the chain would refuse is said before proving (the named path asks the chain).
        choice: () => {
          const answers = collect();
          if (mine && mine.amendments >= maxAmendments) refused('TooManyAmendments');
          if (mine && toHex(encodeAnswers(answers)) === toHex(encodeAnswers(mine.answers))) refused('AnswersUnchanged');
          return answers;
        },
        sequence: async (alias) => {
          const stored = await chain.api.query.NeedsSurvey.AnonymousResponses.getValue(survey, alias, { at: 'best' });
          return stored ? stored.amendments + 1 : 0;
        },
        message: (answers, ring, seq) => surveyMessage(survey, ring, answers, seq),
        call: (answers, { ring, seq, alias, proof }) => chain.api.tx.NeedsSurvey.respond_anonymously({ survey, ring, seq, alias, answers, proof }),
        after: async (_done, { alias, ring }) => {
          await updateVault((c) => { (c.anonymousSurveys ??= {})[String(survey)] = { alias, ring }; });
          setTimeout(rerender, 1500);
        },
      }),
  });
}

/** A survey's card. By default answered under the resident's number (`respond`, then `amend`);
 * `anonymous` replaces the submit (given the checked answers' reader), and adds a notice and a
 * receipt. */
function surveyCard(results: Results, mine: Stored | undefined, maxAmendments: number, rerender: () => void, anonymous?: {
  notice: HTMLElement;
  receipt: HTMLElement;
  submit: (collect: () => NonNullable<ReturnType<typeof toCallAnswers>>) => HTMLElement;
}): HTMLElement {
  const chain = state.chain!;
  const answers: (AnswerInput | null)[] = results.questions.map(() => null);
  const err = h('div');
  const questionNodes = results.questions.map((q, i) => {
    const text = results.texts[i];
    const prev = mine?.answers[i];
    const name = `s${results.survey}-q${i}`;
    let input: HTMLElement;
    if (q.type === 'SingleChoice') {
      if (prev?.type === 'Choice') answers[i] = { kind: 'Choice', value: prev.value };
      input = h('div', { class: 'options' }, note(t('survey.pick')), ...text.options.map((label, o) => {
        const radio = h('input', { type: 'radio', name, value: o, 'data-testid': `${name}-o${o}`, checked: prev?.type === 'Choice' && prev.value === o });
        radio.addEventListener('change', () => (answers[i] = { kind: 'Choice', value: o }));
        return h('label', { class: 'option' }, radio, label);
      }));
    } else if (q.type === 'MultipleChoice') {
      const picked = new Set<number>(prev?.type === 'Choices' ? Array.from(prev.value as Uint8Array) : []);
      if (picked.size) answers[i] = { kind: 'Choices', value: [...picked] };
      input = h('div', { class: 'options' }, note(t('survey.pickMany', { n: q.value.max_choices })), ...text.options.map((label, o) => {
        const box = h('input', { type: 'checkbox', value: o, 'data-testid': `${name}-o${o}`, checked: picked.has(o) });
        box.addEventListener('change', () => {
          if (box.checked) picked.add(o); else picked.delete(o);
          answers[i] = picked.size ? { kind: 'Choices', value: [...picked].sort((a, b) => a - b) } : null;
        });
        return h('label', { class: 'option' }, box, label);
      }));
    } else {
      if (prev?.type === 'Rating') answers[i] = { kind: 'Rating', value: prev.value };
      input = h('div', { class: 'options stars' }, note(t('survey.rate')), ...[1, 2, 3, 4, 5].map((v) => {
        const radio = h('input', { type: 'radio', name, value: v, 'data-testid': `${name}-r${v}`, checked: prev?.type === 'Rating' && prev.value === v });
        radio.addEventListener('change', () => (answers[i] = { kind: 'Rating', value: v }));
        return h('label', { class: 'option star' }, radio, String(v));
      }));
    }
    return h('fieldset', { class: 'question' }, h('legend', {}, `${i + 1}. ${text.prompt}`), input);
  });
  /** The answers as the call takes them; an incomplete form is said under it, and throws. */
  const collect = () => {
    err.replaceChildren();
    const callAnswers = toCallAnswers(results.questions, answers);
    if (!callAnswers) {
      err.append(errorBox(t('survey.incomplete')));
      throw new Error(t('survey.incomplete'));
    }
    return callAnswers;
  };
  const build = () => {
    const callAnswers = collect();
    return mine
      ? chain.api.tx.NeedsSurvey.amend({ survey: results.survey, answers: callAnswers })
      : chain.api.tx.NeedsSurvey.respond({ survey: results.survey, answers: callAnswers });
  };
  return card(
    results.title,
    anonymous?.notice ?? null,
    note(t('survey.open', { from: blockDate(chain, results.opens_at), to: blockDate(chain, results.closes_at) })),
    h('p', { class: 'note', 'data-testid': `survey-${results.survey}-turnout` }, t('survey.responses', { n: results.responses, pct: formatPercent(results.turnout_permill) })),
    mine ? h('p', { class: 'ok', 'data-testid': `survey-${results.survey}-answered` }, t('survey.answered', { n: maxAmendments })) : null,
    h('div', { 'data-testid': `survey-${results.survey}` }, ...questionNodes),
    err,
    anonymous ? anonymous.submit(collect) : txButton({
      label: mine ? t('survey.amend') : t('survey.submit'),
      testid: `survey-${results.survey}-send`,
      chain,
      account: requireAccount,
      build,
      before: () => updateVault((c) => { if (!c.answered.includes(results.survey)) c.answered.push(results.survey); }),
      after: () => setTimeout(rerender, 1500),
    }),
    anonymous?.receipt ?? null,
    resultsView(results),
  );
}

function resultsView(results: Results): HTMLElement {
  const rows = results.questions.map((q, i) => {
    const text = results.texts[i];
    if (q.type === 'Rating') {
      const avg = q.value.count ? (Number(q.value.sum) / q.value.count).toFixed(1) : '–';
      return h('li', {}, `${text.prompt}: ${t('survey.average', { avg, n: q.value.count })}`);
    }
    return h('li', {}, text.prompt, h('ul', {}, ...text.options.map((label, o) => h('li', {}, `${label}: ${t('survey.votes', { n: q.value.counts[o] ?? 0 })}`))));
  });
  return h('details', { class: 'results' }, h('summary', {}, t('survey.results')), h('ul', {}, ...rows));
}

