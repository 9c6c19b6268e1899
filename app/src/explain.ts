// Failures as sentences: a dispatch error (from `GongzhiApi.check_call` or a block's events) or a
// pool's refusal becomes the plain sentence errors.ts holds for it, in the current language.
// Raw error names never reach the page; an error this table lacks gets a general sentence.

import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { lang, type Lang } from './i18n';
import { ANONYMOUS_ERRORS, MODULE_ERRORS, OTHER_ERRORS, type Sentence } from './i18n/errors';

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

/** A pallet and the names of its errors by index, as a runtime's metadata lists them. */
export interface PalletErrors {
  pallet: string;
  names: ReadonlyMap<number, string>;
}

/**
 * The errors of `pallet` by their index (the byte a module error carries) in runtime metadata
 * `metadata` (its SCALE bytes: what `client.getMetadata` gives, or .papi/metadata). Nothing is
 * counted by hand here, so a reordered or extended `Error` enum can't shift the names.
 */
export function palletErrors(metadata: Uint8Array, pallet: string): PalletErrors {
  const { pallets, lookup } = unifyMetadata(decAnyMetadata(metadata));
  const type = pallets.find((p) => p.name === pallet)?.errors?.type;
  const def = lookup.find((entry) => entry.id === type)?.def;
  const variants = def?.tag === 'variant' ? def.value : [];
  return { pallet, names: new Map(variants.map((v) => [v.index, v.name])) };
}

/**
 * A pool's refusal as a sentence. PAPI reports an invalid transaction as an error whose
 * `error` is `{ type: 'Invalid' | 'Unknown', value: { type: 'Payment' | … } }`. An anonymous
 * action (no signer, authorized by its pallet's `#[pallet::authorize]`) is refused with
 * `Invalid.Custom(i)`, `i` the index of the pallet's error (`gongzhi_primitives::anon::refusal`;
 * 255 for anything else): given `errors`, its pallet's errors, that is the error's own sentence
 * (the anonymous path's wording first).
 */
export function explainRejection(error: unknown, language: Lang = lang(), errors?: PalletErrors): string {
  const inner = isTagged(error) ? error : isTagged((error as { error?: unknown })?.error) ? (error as { error: Tagged }).error : null;
  if (inner && (inner.type === 'Invalid' || inner.type === 'Unknown') && isTagged(inner.value)) {
    const { type, value } = inner.value;
    const name = errors && inner.type === 'Invalid' && type === 'Custom' && typeof value === 'number' ? errors.names.get(value) : undefined;
    const own = name && (ANONYMOUS_ERRORS[`${errors!.pallet}.${name}`] ?? MODULE_ERRORS[`${errors!.pallet}.${name}`]);
    return (own || sentenceFor(`${inner.type}.${type}`))[language];
  }
  return OTHER_ERRORS.Unknown[language];
}
