// "My status": the resident's community, since when, and what they can do now — all from
// `GongzhiApi.resident_status` (and `community`/`office` for names) through the light client.

import { h, card, note, blockDate } from '../ui';
import { t } from '../i18n';
import { state } from '../state';

export async function homeScreen(): Promise<HTMLElement> {
  const chain = state.chain!;
  const account = state.account!;
  const status = await chain.api.apis.GongzhiApi.resident_status(account.address);
  const top = h('div', { class: 'me' }, h('code', { class: 'address small', 'data-testid': 'my-address' }, account.address));
  if (!status) {
    return card(t('nav.home'), top, h('p', { class: 'warn', 'data-testid': 'not-resident' }, t('home.notResident')));
  }
  const r = status.resident;
  const [community, office] = await Promise.all([chain.api.apis.GongzhiApi.community(r.community), chain.api.apis.GongzhiApi.office(r.office)]);
  const row = (label: string, value: string, testid?: string) => h('div', { class: 'row' }, h('span', { class: 'label' }, label), h('span', { class: 'value', 'data-testid': testid }, value));
  const todo: [string, number, string, string][] = [
    ['home.todoSurveys', status.surveys_to_answer.length, '#/surveys', 'todo-surveys'],
    ['home.todoBallots', status.ballots_to_cast.length, '#/ballots', 'todo-ballots'],
    ['home.todoClaims', status.programmes_to_claim.length, '#/vouchers', 'todo-claims'],
    ['home.todoVouchers', status.vouchers.length, '#/vouchers', 'todo-vouchers'],
    ['home.todoRate', status.redemptions_to_rate.length, '#/ratings', 'todo-rate'],
  ];
  const items = todo.filter(([, n]) => n > 0).map(([key, n, href, testid]) => h('li', {}, h('a', { href, 'data-testid': testid }, t(key as any, { n }))));
  return h(
    'div',
    {},
    card(
      t('nav.home'),
      top,
      row(t('home.community'), community?.name ?? `#${r.community}`, 'community'),
      row(t('home.office'), office?.name ?? `#${r.office}`),
      row(t('home.resident'), String(r.id), 'resident-id'),
      row(t('home.since'), `${t('home.block', { n: r.registered_at })} · ${blockDate(chain, r.registered_at)}`, 'registered-at'),
      row(t('home.household'), r.has_household ? t('home.householdYes') : t('home.householdNo')),
    ),
    card(t('home.todo'), items.length ? h('ul', { class: 'todo' }, ...items) : note(t('home.todoNone'))),
  );
}
