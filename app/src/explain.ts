// Failures as sentences: a dispatch error (from `GongzhiApi.check_call` or a block's events) or a
// pool's refusal becomes the plain sentence errors.ts holds for it, in the current language.
// Raw error names never reach the page; an error this table lacks gets a general sentence.

import { lang, type Lang } from './i18n';
import { MODULE_ERRORS, OTHER_ERRORS, type Sentence } from './i18n/errors';

type Tagged = { type: string; value?: unknown };

const isTagged = (v: unknown): v is Tagged => typeof v === 'object' && v !== null && typeof (v as Tagged).type === 'string';

/** The catalogue key of a dispatch error as PAPI decodes it: `Procurement.UnknownBid`, `BadOrigin`, `Token.FundsUnavailable`. */
export function errorKey(error: unknown): string {
  if (!isTagged(error)) return 'Unknown';
  if (error.type === 'Module' && isTagged(error.value)) {
    const pallet = error.value;
    return isTagged(pallet.value) ? `${pallet.type}.${pallet.value.type}` : `${pallet.type}.Unknown`;
  }
  return isTagged(error.value) ? `${error.type}.${error.value.type}` : error.type;
}

/** The sentence for a catalogue key, falling back to the kind, then to the general sentence. */
export function sentenceFor(key: string): Sentence {
  return MODULE_ERRORS[key] ?? OTHER_ERRORS[key] ?? OTHER_ERRORS[key.split('.')[0]] ?? OTHER_ERRORS.Unknown;
}

/** A dispatch error as a sentence in `language`. */
export function explain(error: unknown, language: Lang = lang()): string {
  const key = errorKey(error);
  const isModule = isTagged(error) && error.type === 'Module';
  const sentence = isModule ? MODULE_ERRORS[key] ?? OTHER_ERRORS.Module ?? OTHER_ERRORS.Unknown : sentenceFor(key);
  return sentence[language];
}

/**
 * A pool's refusal as a sentence. PAPI reports an invalid transaction as an error whose
 * `error` is `{ type: 'Invalid' | 'Unknown', value: { type: 'Payment' | … } }`.
 */
export function explainRejection(error: unknown, language: Lang = lang()): string {
  const inner = isTagged(error) ? error : isTagged((error as { error?: unknown })?.error) ? (error as { error: Tagged }).error : null;
  if (inner && (inner.type === 'Invalid' || inner.type === 'Unknown') && isTagged(inner.value)) {
    return sentenceFor(`${inner.type}.${inner.value.type}`)[language];
  }
  return OTHER_ERRORS.Unknown[language];
}
