// A pool's refusal of an anonymous action (`Invalid.Custom(i)`, `i` the index of its pallet's
// error) becomes that error's own sentence, the index named from the runtime's metadata.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ANONYMOUS_ERRORS, MODULE_ERRORS, OTHER_ERRORS } from '../src/i18n/errors';
import { explainRejection, palletErrors } from '../src/explain';

const metadata = readFileSync(new URL('../.papi/metadata/gongzhi.scale', import.meta.url));
const survey = palletErrors(metadata, 'NeedsSurvey');
const procurement = palletErrors(metadata, 'Procurement');
const indexOf = (errors: typeof survey, name: string) => [...errors.names].find(([, n]) => n === name)?.[0];
/** A refusal as PAPI's InvalidTxError carries it. */
const custom = (i: number) => ({ name: 'InvalidTxError', error: { type: 'Invalid', value: { type: 'Custom', value: i } } });

describe('refusals of anonymous actions', () => {
  it('names every error of both pallets by its index', () => {
    for (const errors of [survey, procurement]) {
      expect(errors.names.size).toBeGreaterThan(40);
      expect([...errors.names.keys()]).toEqual([...Array(errors.names.size).keys()]);
    }
    expect(palletErrors(metadata, 'NoSuchPallet').names.size).toBe(0);
  });

  it('finds the errors where the Rust enums put them', () => {
    // Counted by hand in the `#[pallet::error]` enums (from 0): pallets/needs-survey/src/lib.rs
    // and pallets/procurement/src/lib.rs.
    expect(indexOf(survey, 'StaleSequence')).toBe(43);
    expect(indexOf(procurement, 'UnchangedBallot')).toBe(37);
  });

  it('says the error\u2019s own sentence, in each language', () => {
    const stale = indexOf(survey, 'StaleSequence')!;
    const unchanged = indexOf(procurement, 'UnchangedBallot')!;
    for (const language of ['zh', 'en'] as const) {
      expect(explainRejection(custom(stale), language, survey)).toBe(MODULE_ERRORS['NeedsSurvey.StaleSequence'][language]);
      expect(explainRejection(custom(unchanged), language, procurement)).toBe(MODULE_ERRORS['Procurement.UnchangedBallot'][language]);
    }
    // The same index is another error in the other pallet.
    expect(procurement.names.get(stale)).not.toBe('StaleSequence');
    expect(explainRejection(custom(stale), 'en', procurement)).not.toBe(MODULE_ERRORS['NeedsSurvey.StaleSequence'].en);
  });

  it('words a sequence error for the anonymous path, not the relayed ballot\u2019s', () => {
    const stale = indexOf(procurement, 'StaleSequence')!;
    expect(explainRejection(custom(stale), 'zh', procurement)).toBe(ANONYMOUS_ERRORS['Procurement.StaleSequence'].zh);
    for (const key of Object.keys(ANONYMOUS_ERRORS)) expect(MODULE_ERRORS[key], key).toBeDefined();
  });

  it('falls back to the general sentence', () => {
    for (const language of ['zh', 'en'] as const) {
      // Not a pallet error; an index the pallet lacks; no pallet given.
      expect(explainRejection(custom(255), language, survey)).toBe(OTHER_ERRORS['Invalid.Custom'][language]);
      expect(explainRejection(custom(200), language, procurement)).toBe(OTHER_ERRORS['Invalid.Custom'][language]);
      expect(explainRejection(custom(indexOf(survey, 'StaleSequence')!), language)).toBe(OTHER_ERRORS['Invalid.Custom'][language]);
      // Other refusals and unknown shapes.
      expect(explainRejection({ error: { type: 'Invalid', value: { type: 'Stale' } } }, language, survey)).toBe(OTHER_ERRORS['Invalid.Stale'][language]);
      expect(explainRejection({ error: { type: 'Invalid', value: { type: 'Custom', value: 'x' } } }, language, survey)).toBe(OTHER_ERRORS['Invalid.Custom'][language]);
      expect(explainRejection({ error: { type: 'Unknown', value: { type: 'Custom', value: 43 } } }, language, survey)).toBe(OTHER_ERRORS['Unknown.Custom'][language]);
      expect(explainRejection(new Error('socket closed'), language, survey)).toBe(OTHER_ERRORS.Unknown[language]);
      expect(explainRejection(undefined, language, procurement)).toBe(OTHER_ERRORS.Unknown[language]);
    }
  });
});
