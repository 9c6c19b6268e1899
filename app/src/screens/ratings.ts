// Satisfaction: rate a confirmed service (only the resident who was served can), and follow
// the follow-up case a bad rating (1 or 2) opens, until the office closes it.

import { h, card, note, txButton, blockDate } from '../ui';
import { t } from '../i18n';
import { requireAccount, state, updateVault } from '../state';

export async function ratingsScreen(rerender: () => void): Promise<HTMLElement> {
  const chain = state.chain!;
  const account = requireAccount();
  const status = await chain.api.apis.GongzhiApi.resident_status(account.address);
  if (!status) return card(t('nav.ratings'), note(t('home.notResident')));

  const toRate = status.redemptions_to_rate.map((id) => {
    let score = 0;
    const stars = h('div', { class: 'options stars' }, ...[1, 2, 3, 4, 5].map((v) => {
      const radio = h('input', { type: 'radio', name: `rate-${id}`, value: v, 'data-testid': `rate-${id}-${v}` });
      radio.addEventListener('change', () => (score = v));
      return h('label', { class: 'option star' }, radio, String(v));
    }));
    return h('li', { 'data-testid': `to-rate-${id}` },
      h('strong', {}, t('rate.service', { id: String(id) })),
      h('p', {}, t('rate.score')), stars, note(t('rate.badNote')),
      txButton({
        label: t('rate.submit'), testid: `rate-${id}-send`, chain, account: requireAccount,
        build: () => {
          if (!score) throw new Error(t('rate.score'));
          return chain.api.tx.Satisfaction.rate({ redemption: id, score, comment: undefined });
        },
        before: () => updateVault((c) => { if (!c.rated.includes(String(id))) c.rated.push(String(id)); }),
        after: () => setTimeout(rerender, 1500),
      }));
  });

  const rated = await Promise.all((state.contents?.rated ?? []).map(async (idText) => {
    const id = BigInt(idText);
    const [rating, kase] = await Promise.all([chain.api.query.Satisfaction.Ratings.getValue(id), chain.api.query.Satisfaction.Cases.getValue(id)]);
    if (!rating) return null;
    let caseLine: string;
    if (!kase) caseLine = t('case.none');
    else if (kase.state.type === 'Open') caseLine = t('case.open', { deadline: blockDate(chain, kase.deadline), block: kase.deadline });
    else if (kase.state.type === 'Responded') caseLine = t('case.responded', { at: blockDate(chain, kase.state.value.response.at), block: kase.state.value.response.at });
    else if (kase.state.type === 'Overdue') caseLine = t('case.overdue');
    else if (kase.state.type === 'Rectified') caseLine = t('case.closed');
    else caseLine = t('case.dismissed');
    return h('li', { 'data-testid': `rated-${idText}` },
      h('strong', {}, t('rate.service', { id: idText })), ' · ', t('rate.scoreShown', { score: rating.score }),
      h('p', { class: 'note', 'data-testid': `case-${idText}`, 'data-case': kase?.state.type ?? 'None' }, caseLine));
  }));

  return h('div', {},
    card(t('nav.ratings'), toRate.length ? h('ul', { class: 'list' }, ...toRate) : note(t('rate.none'), { 'data-testid': 'nothing-to-rate' })),
    rated.some(Boolean) ? card(t('rate.cases'), h('ul', { class: 'list' }, ...rated)) : null,
  );
}
