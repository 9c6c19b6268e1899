// Both languages complete; every module error the runtime can return has a sentence in both;
// the sentences never show raw error names.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { MESSAGES, t, formatFen, blockTime, formatDate } from '../src/i18n';
import { ANONYMOUS_ERRORS, MODULE_ERRORS, OTHER_ERRORS } from '../src/i18n/errors';
import { errorKey, explain, explainRejection } from '../src/explain';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has every key in both languages with the same placeholders', () => {
    const zh = MESSAGES.zh;
    const en = MESSAGES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].length, key).toBeGreaterThan(0);
      expect(en[key].length, key).toBeGreaterThan(0);
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });
  it('Chinese messages are in Chinese (simplified), English ones in English', () => {
    const traditional = /[們這來個說對時會從於後與為麼國過發樣經點還機與開關區務會員選؟]/;
    for (const [key, s] of Object.entries(MESSAGES.zh)) {
      if (key === 'lang.switch') continue;
      expect(/[\u4e00-\u9fff]/.test(s), key).toBe(true);
      expect(traditional.test(s), `${key}: ${s}`).toBe(false);
    }
    for (const [key, s] of Object.entries(MESSAGES.en)) if (key !== 'lang.switch' && key !== 'common.fen') expect(/[\u4e00-\u9fff]/.test(s), key).toBe(false);
  });
  it('fills placeholders, formats money and dates in each language', () => {
    expect(t('tx.inBlock', { n: 12 }, 'zh')).toBe('已打包进第 12 块，等待最终确认…');
    expect(t('tx.inBlock', { n: 12 }, 'en')).toBe('In block 12; waiting for finality…');
    expect(formatFen(450_000n, 'zh')).toBe('4500.00 元');
    expect(formatFen(5, 'en')).toBe('¥0.05');
    const d = blockTime(110, { number: 100, timestampMs: Date.UTC(2026, 11, 1, 6, 0, 0) });
    expect(d.toISOString()).toBe('2026-12-01T06:01:00.000Z');
    expect(formatDate(d, 'zh')).toMatch(/2026年12月1日/);
    expect(formatDate(d, 'en')).toMatch(/1 Dec 2026/);
  });
});

describe('errors as sentences', () => {
  const metadata = unifyMetadata(decAnyMetadata(readFileSync(new URL('../.papi/metadata/gongzhi.scale', import.meta.url))));
  const lookupErrors = (palletName: string): string[] => {
    const pallet = metadata.pallets.find((p: any) => p.name === palletName)!;
    if (pallet.errors === undefined) return [];
    const ty: any = metadata.lookup[pallet.errors.type];
    return ty.def.tag === 'variant' ? ty.def.value.map((v: any) => v.name) : [];
  };
  const USER_FACING = ['System', 'Balances', 'Utility', 'Multisig', 'Proxy', 'Community', 'NeedsSurvey', 'Procurement', 'Vouchers', 'Satisfaction', 'Rings'];

  it('covers every error of the runtime\u2019s user-facing pallets, in both languages', () => {
    const missing: string[] = [];
    for (const pallet of USER_FACING) {
      const names = lookupErrors(pallet);
      expect(names.length, pallet).toBeGreaterThan(0);
      for (const name of names) {
        const s = MODULE_ERRORS[`${pallet}.${name}`];
        if (!s || !s.zh || !s.en) missing.push(`${pallet}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
  it('never shows a raw error name', () => {
    for (const [key, s] of [...Object.entries(MODULE_ERRORS), ...Object.entries(ANONYMOUS_ERRORS), ...Object.entries(OTHER_ERRORS)]) {
      const name = key.split('.').pop()!;
      if (name.length < 6) continue;
      expect(s.zh.includes(name), key).toBe(false);
      expect(s.en.includes(name), key).toBe(false);
    }
  });
  it('turns PAPI\u2019s decoded errors into the catalogue\u2019s sentences', () => {
    const notEligible = { type: 'Module', value: { type: 'Procurement', value: { type: 'NotEligible', value: undefined } } };
    expect(errorKey(notEligible)).toBe('Procurement.NotEligible');
    expect(explain(notEligible, 'zh')).toBe(MODULE_ERRORS['Procurement.NotEligible'].zh);
    expect(explain(notEligible, 'en')).toBe(MODULE_ERRORS['Procurement.NotEligible'].en);
    expect(explain({ type: 'BadOrigin' }, 'en')).toBe(OTHER_ERRORS.BadOrigin.en);
    expect(explain({ type: 'Token', value: { type: 'FundsUnavailable' } }, 'zh')).toBe(OTHER_ERRORS['Token.FundsUnavailable'].zh);
    expect(explain({ type: 'Module', value: { type: 'Procurement', value: { type: 'NoSuchErrorEver' } } }, 'en')).toBe((OTHER_ERRORS.Module ?? OTHER_ERRORS.Unknown).en);
    expect(explain(null, 'en')).toBe(OTHER_ERRORS.Unknown.en);
    expect(explainRejection({ error: { type: 'Invalid', value: { type: 'Payment' } } }, 'zh')).toBe(OTHER_ERRORS['Invalid.Payment'].zh);
    expect(explainRejection(new Error('socket closed'), 'en')).toBe(OTHER_ERRORS.Unknown.en);
  });
});
