// One anonymous action from this phone (匿名投票、匿名回答), whatever it is about: the ballots
// screen's anonymous ballot and the surveys screen's anonymous response both go through here.
// A tap finds the resident's ring in the item (a project or a survey) from pallet-rings' storage,
// checks the ring's keys against the chain's root, makes the alias and the proof on this device
// (in a worker, src/prover.ts), sends the call as a general transaction with no signer and
// watches it to finality; the receipt reads what the chain stored under the alias. The screens
// give the item, the choice, the message its proof signs and the call; the bytes are src/anon.ts.
// The member key itself is set up on the card below (on the ballots screen, and on the surveys
// screen while an anonymous survey is open and this device holds no registered key).

import { Enum, type Transaction } from 'polkadot-api';
import { h, card, note, activity, txButton } from './ui';
import { t, type MessageKey } from './i18n';
import { requireAccount, state, updateVault } from './state';
import { fromHex, toHex } from './bytes';
import { RING_EXPONENT, encodeKeys, generalTransaction, itemContext, possessionMessage, ringOf, type ItemKind } from './anon';
import { prover } from './prover';
import { describe, type TxState } from './tx';
import { explain, explainRejection, palletErrors, type PalletErrors } from './explain';
import type { Chain } from './chain';

/** The sentences that name the item: a project's ring, or a survey's. */
const WORDS: Record<ItemKind, { preparing: MessageKey; notReady: MessageKey; notMember: MessageKey; refused: MessageKey }> = {
  Procurement: { preparing: 'anon.preparing', notReady: 'anon.notReady', notMember: 'anon.notMember', refused: 'anon.refused' },
  Survey: { preparing: 'survey.anonPreparing', notReady: 'survey.anonNotReady', notMember: 'survey.anonNotMember', refused: 'survey.anonRefused' },
};

/** The pallet whose call an anonymous action of each kind is, and whose errors refuse it. */
const PALLET: Record<ItemKind, string> = { Procurement: 'Procurement', Survey: 'NeedsSurvey' };

/** `pallet`'s errors by index, from the metadata of the runtime the chain runs (finalized), for
 * naming a refusal; none if it can't be read. */
async function errorsOf(chain: Chain, pallet: string): Promise<PalletErrors | undefined> {
  try {
    return palletErrors(await chain.client.getMetadata((await chain.client.getFinalizedBlock()).hash), pallet);
  } catch {
    return undefined;
  }
}

/** pallet-rings' key of an item. */
const itemRef = (kind: ItemKind, id: number) => ({ kind: Enum(kind), id });

/** What a tap proved: the ring, the sequence number, the alias and the proof. */
export interface Proven {
  ring: number;
  seq: number;
  alias: `0x${string}`;
  proof: Uint8Array;
}

/** An anonymous action's alias and ring, as the vault remembers them per item. */
export interface AnonymousNote {
  alias: string;
  ring: number;
}

const fail = (reason: string): never => {
  throw new Error(reason);
};

/**
 * The proof, by one of this device's member keys, that its owner is in a ring of item `id` of
 * `kind`: the ring (the keys the chain lists, whose root must be the chain's), the alias in the
 * item, the sequence number `sequence(alias)` says, and a proof over `message(ring, seq)`.
 * `onProving` runs once the ring is read, before the few seconds of proving.
 */
export async function proveAnonymously(chain: Chain, o: {
  kind: ItemKind;
  id: number;
  sequence: (alias: `0x${string}`) => Promise<number>;
  message: (ring: number, seq: number) => Uint8Array;
  onProving: () => void;
}): Promise<Proven> {
  const words = WORDS[o.kind];
  const keys = state.contents?.memberKeys ?? [];
  if (!keys.length) fail(t('anon.noKey'));
  const item = itemRef(o.kind, o.id);
  const record = await chain.api.query.Rings.Items.getValue(item, { at: 'best' });
  if (!record || record.stage.type !== 'Ready') fail(t(words.notReady));
  const pages = await chain.api.query.Rings.Members.getEntries(item, { at: 'best' });
  const members = pages.sort((a, b) => a.keyArgs[1] - b.keyArgs[1]).flatMap((p) => p.value.map((k) => fromHex(k)));
  let mine: { ring: number; keys: Uint8Array[]; entropy: Uint8Array } | null = null;
  for (const k of [...keys].reverse()) {
    const found = ringOf(members, record!.rings, fromHex(k.key));
    if (found) { mine = { ...found, entropy: fromHex(k.entropy) }; break; }
  }
  if (!mine) fail(t(words.notMember));
  const { ring, entropy } = mine!;
  const stored = await chain.api.query.Rings.ItemRings.getValue(item, ring, { at: 'best' });
  if (!stored || stored.state.type !== 'Fixed') fail(t(words.notReady));
  const exponent = RING_EXPONENT[stored!.domain.type];
  const encoded = encodeKeys(mine!.keys);
  o.onProving();
  // The chain's root must be the root of the keys it lists: a ring is public, and checked.
  const root = await prover.root(exponent, encoded);
  if (toHex(root) !== (stored!.state.value as { root: string }).root.toLowerCase()) fail(t('anon.ringMismatch'));
  const context = itemContext(o.kind, fromHex(chain.genesis), o.id);
  const alias = toHex(await prover.alias(entropy, context));
  const seq = await o.sequence(alias);
  const proven = await prover.prove(exponent, entropy, encoded, context, o.message(ring, seq));
  return { ring, seq, alias: toHex(proven.alias), proof: proven.proof };
}

/**
 * Sends `tx`, an anonymous action of `kind`, as a general transaction with no signer and follows
 * it to finality, reporting each state. Rejects with a sentence: the pool's refusal (the
 * sentence of the kind's pallet's error it names), the dispatch error of a block that holds it,
 * or `refused`.
 */
export async function sendUnsigned(chain: Chain, kind: ItemKind, tx: Transaction<any, any>, report: (s: TxState) => void, refused: string): Promise<TxState & { phase: 'finalized' }> {
  const xt = generalTransaction(await tx.getEncodedData());
  return new Promise((resolve, reject) => {
    const sub = chain.client.submitAndWatch(xt).subscribe({
      next: (event) => {
        if (event.type === 'broadcasted') report({ phase: 'submitted', txHash: event.txHash });
        else if (event.type === 'txBestBlocksState' && event.found) {
          if (!event.ok) { sub.unsubscribe(); reject(new Error(event.dispatchError ? explain(event.dispatchError) : refused)); } else report({ phase: 'inBlock', block: event.block.number, blockHash: event.block.hash });
        } else if (event.type === 'finalized') {
          if (!event.ok) reject(new Error(event.dispatchError ? explain(event.dispatchError) : refused));
          else resolve({ phase: 'finalized', block: event.block.number, blockHash: event.block.hash, events: event.events });
        }
      },
      error: async (error) => reject(new Error(t('tx.dropped', { reason: explainRejection(error, undefined, await errorsOf(chain, PALLET[kind])) }))),
    });
  });
}

/**
 * A button for one anonymous action in item `id` of `kind`, and under it a live line in plain
 * words: reading the ring → proving → submitted → in block → finalized (or why it failed). At a
 * tap, `choice()` reads what the resident chose (it throws a sentence when that can't be sent),
 * then the proof is made over `message(choice, ring, seq)` and `call(choice, proven)` sent with
 * no signer; `after` runs once it is final.
 */
export function anonymousButton<C>(o: {
  label: string;
  testid: string;
  kind: ItemKind;
  id: number;
  choice: () => C;
  sequence: (alias: `0x${string}`) => Promise<number>;
  message: (choice: C, ring: number, seq: number) => Uint8Array;
  call: (choice: C, proven: Proven) => Transaction<any, any>;
  after: (done: TxState & { phase: 'finalized' }, proven: Proven) => Promise<void> | void;
}): HTMLElement {
  const chain = state.chain!;
  const status = h('p', { class: 'tx-status', 'data-testid': `${o.testid}-status`, role: 'status', 'aria-live': 'polite' });
  const button = h('button', { class: 'primary', 'data-testid': o.testid }, o.label);
  const show = (text: string, phase: string) => {
    status.textContent = text;
    status.dataset.phase = phase;
    status.className = phase === 'failed' ? 'tx-status error' : phase === 'finalized' ? 'tx-status ok' : 'tx-status';
  };
  const report = (s: TxState) => show(describe(s), s.phase);
  button.addEventListener('click', async () => {
    button.disabled = true;
    // As a signed transaction's button: no redraw in the middle, and the outcome kept above the
    // redrawn screen.
    activity.inFlight++;
    try {
      const choice = o.choice();
      show(t(WORDS[o.kind].preparing), 'checking');
      const proven = await proveAnonymously(chain, {
        kind: o.kind, id: o.id, sequence: o.sequence,
        message: (ring, seq) => o.message(choice, ring, seq),
        onProving: () => show(t('anon.proving'), 'signing'),
      });
      const done = await sendUnsigned(chain, o.kind, o.call(choice, proven), report, t(WORDS[o.kind].refused));
      report(done);
      activity.lastOutcome = `${o.label} · ${describe(done)}`;
      await o.after(done, proven);
    } catch (error) {
      show(t('tx.failed', { reason: (error as Error).message }), 'failed');
    } finally {
      button.disabled = false;
      activity.inFlight--;
    }
  });
  return h('div', { class: 'tx' }, button, status);
}

/**
 * The receipt of this device's anonymous action in item `id` of `kind`, remembered as `mine`:
 * the record the chain stores under the alias (never the account; `read` fetches it at the
 * finalized or the best block), how often it was changed, the ring's anonymity set, and whether
 * it is final. `details` adds lines about the record (what was chosen, where it landed).
 */
export async function anonymousReceipt<R>(o: {
  testid: string;
  title: string;
  none: string;
  kind: ItemKind;
  id: number;
  mine: AnonymousNote | undefined;
  read: (alias: `0x${string}`, best: boolean) => Promise<R | undefined>;
  changes: (record: R) => number;
  same: (a: R, b: R) => boolean;
  details?: (record: R) => (HTMLElement | null)[];
}): Promise<HTMLElement> {
  const chain = state.chain!;
  const box = h('div', { class: 'receipt', 'data-testid': o.testid }, h('h3', {}, o.title));
  const mine = o.mine;
  if (!mine) return (box.append(note(o.none)), box);
  const alias = mine.alias as `0x${string}`;
  const [final, best, ring] = await Promise.all([
    o.read(alias, false),
    o.read(alias, true),
    chain.api.query.Rings.ItemRings.getValue(itemRef(o.kind, o.id), mine.ring),
  ]);
  const record = best ?? final;
  if (!record) return (box.append(note(o.none)), box);
  const isFinal = !!final && o.same(final, record);
  box.append(...[
    ...(o.details?.(record) ?? []),
    note(t('anon.receipt', { changes: o.changes(record), size: ring?.size ?? 0, alias: `${mine.alias.slice(0, 10)}…` }), { 'data-testid': `${o.testid}-anonymous` }),
    h('p', { class: isFinal ? 'ok' : 'warn', 'data-testid': `${o.testid}-final`, 'data-final': String(isFinal) }, isFinal ? t('ballot.finalized') : t('ballot.notFinalized')),
  ].filter((n) => n !== null) as HTMLElement[]);
  return box;
}

/** The resident's anonymous-ballot key (also the key of anonymous surveys): registered or not,
 * and a button to register one. The secret is made here and sealed in the vault before its
 * public key is sent. `known`: the key's status, if already read. */
export async function memberKeyCard(residentId: number, rerender: () => void, known?: Awaited<ReturnType<typeof memberKeyStatus>>): Promise<HTMLElement> {
  const chain = state.chain!;
  const { current, stateName } = known ?? await memberKeyStatus(residentId);
  const registered = stateName === 'registered';
  let pending: { entropy: Uint8Array; key: Uint8Array } | null = null;
  const button = txButton({
    label: registered ? t('anon.keyChange') : t('anon.keySet'), testid: 'anon-key-set', chain, account: requireAccount, kind: registered ? 'secondary' : 'primary',
    build: async () => {
      const entropy = crypto.getRandomValues(new Uint8Array(32));
      const key = await prover.memberKey(entropy);
      const proof = await prover.sign(entropy, possessionMessage(requireAccount().publicKey));
      pending = { entropy, key };
      return chain.api.tx.Community.set_member_key({ key: toHex(key), proof: toHex(proof) });
    },
    // The secret is in the vault (and so in the next backup) before its key leaves the page.
    before: () => updateVault((c) => { (c.memberKeys ??= []).push({ entropy: toHex(pending!.entropy), key: toHex(pending!.key) }); }),
    after: () => setTimeout(rerender, 1500),
  });
  return card(
    t('anon.title'),
    h('p', { 'data-testid': 'anon-key-status', 'data-state': stateName }, registered ? t('anon.keyRegistered', { n: current!.since }) : current ? t('anon.keyOther') : t('anon.keyNone')),
    registered ? null : note(t('anon.keyBackup')),
    button,
  );
}

/** The resident's member key on chain (the one in force) and whether this device holds its
 * secret: `registered` (it does), `other` (a key this device doesn't hold), `none`. */
export async function memberKeyStatus(residentId: number) {
  const history = await state.chain!.api.query.Community.MemberKeys.getValue(residentId, { at: 'best' });
  const current = history?.[history.length - 1];
  const mine = state.contents?.memberKeys ?? [];
  const registered = !!current && mine.some((k) => k.key.toLowerCase() === current.key.toLowerCase());
  return { current, stateName: registered ? 'registered' : current ? 'other' : 'none' } as const;
}
