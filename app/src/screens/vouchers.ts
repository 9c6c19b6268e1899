// Service vouchers: programmes the resident may claim from; vouchers in hand with their state;
// an unused voucher is redeemed online with a provider the resident chooses among the
// programme's, or shown as a QR code the provider scans (signed here, for that provider only,
// until a deadline block); the provider then confirms (online) or submits it (offline).

import { h, card, note, txButton, blockDate, qr, text } from '../ui';
import { t, formatFen } from '../i18n';
import { requireAccount, state } from '../state';
import { encodeQr, offlineRedemptionMessage, type OfflineRedemptionQr } from '../payloads';
import { fromHex, toHex } from '../bytes';

export async function vouchersScreen(rerender: () => void): Promise<HTMLElement> {
  const chain = state.chain!;
  const account = requireAccount();
  const status = await chain.api.apis.GongzhiApi.resident_status(account.address);
  if (!status) return card(t('nav.vouchers'), note(t('home.notResident')));
  const names = new Map<string, string>();
  const providerName = async (who: string) => {
    if (!names.has(who)) {
      const p = await chain.api.query.Community.Providers.getValue(who);
      names.set(who, p ? text(p.name) : who);
    }
    return names.get(who)!;
  };

  const claimCards = await Promise.all(status.programmes_to_claim.map(async (id) => {
    const p = await chain.api.apis.GongzhiApi.programme(id);
    if (!p) return null;
    return h('li', { class: 'programme', 'data-testid': `programme-${id}` },
      h('strong', {}, p.service_name), ' · ', t('voucher.value', { amount: formatFen(p.unit_value) }),
      note(t('voucher.claimWindow', { from: blockDate(chain, p.claim_opens), to: blockDate(chain, p.claim_closes) })),
      txButton({ label: t('voucher.claim'), testid: `claim-${id}`, chain, account: requireAccount, build: () => chain.api.tx.Vouchers.claim({ programme: id }), after: () => setTimeout(rerender, 1500) }));
  }));

  const voucherRows = await Promise.all(status.vouchers.map(async ([id, vstate]) => {
    const record = await chain.api.query.Vouchers.Vouchers.getValue(id);
    const programme = record ? await chain.api.apis.GongzhiApi.programme(record.programme) : undefined;
    const title = `${t('voucher.number', { id: String(id) })}${programme ? ` · ${programme.service_name}` : ''}`;
    const line = h('li', { class: 'voucher', 'data-testid': `voucher-${id}`, 'data-state': vstate.type }, h('strong', {}, title));
    if (programme) line.append(note(t('voucher.expires', { date: blockDate(chain, programme.expires_at) })));
    if (vstate.type === 'Issued' && programme) {
      const select = h('select', { 'data-testid': `provider-${id}` }, ...(await Promise.all(programme.providers.map(async (p) => h('option', { value: p }, await providerName(p))))));
      const offline = h('div');
      line.append(
        h('span', { class: 'state' }, t('voucher.issued')),
        h('label', {}, t('voucher.chooseProvider'), select),
        txButton({ label: t('voucher.redeem'), testid: `redeem-${id}`, chain, account: requireAccount, build: () => chain.api.tx.Vouchers.redeem({ voucher: id, provider: select.value }), after: () => setTimeout(rerender, 1500) }),
        h('button', {
          class: 'secondary', 'data-testid': `offline-${id}`,
          onclick: async () => {
            const deadline = Math.min(programme.expires_at - 1, chain.sync.value.best + 300);
            const message = offlineRedemptionMessage(fromHex(chain.genesis), id, select.value, deadline);
            const payload: OfflineRedemptionQr = { kind: 'gongzhi/offline-redemption/v1', genesis: chain.genesis, voucher: String(id), provider: select.value, deadline, signature: toHex(requireAccount().sign(message)) };
            offline.replaceChildren(qr(encodeQr(payload), `offline-qr-${id}`), note(t('voucher.offlineNote', { provider: await providerName(select.value), deadline })));
          },
        }, t('voucher.offline')),
        offline,
      );
    } else {
      const key = ({ Redeemed: 'voucher.redeemed', Confirmed: 'voucher.confirmed', Settled: 'voucher.settled', Expired: 'voucher.expired' } as const)[vstate.type as 'Redeemed'] ?? 'voucher.issued';
      line.append(h('span', { class: 'state' }, t(key)));
      if ('value' in vstate && vstate.value && 'provider' in vstate.value) line.append(note(await providerName(vstate.value.provider)));
    }
    return line;
  }));

  return h('div', {},
    claimCards.some(Boolean) ? card(t('voucher.claimable'), h('ul', { class: 'list' }, ...claimCards)) : null,
    card(t('voucher.mine'), voucherRows.length ? h('ul', { class: 'list' }, ...voucherRows) : note(t('voucher.none'), { 'data-testid': 'no-vouchers' })),
  );
}
