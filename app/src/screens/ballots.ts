// Procurement ballots: the projects open to the resident, with their bids; an open ballot is one
// tap; a secret one commits `blake2_256(project, bid, salt, resident id)` — the salt is sealed
// in the vault (and its backup) *before* the commitment is sent — and offers the reveal when
// the reveal window opens. The receipt says what the chain holds, in which block, and whether
// it is final. The paper path: a ballot signed here, shown as a QR code an officer submits.
// An anonymous ballot (匿名投票) is proved on this phone with the resident's member key (set up
// once, sealed in the vault before it is registered) and sent with no signer (src/anonymous.ts).

import { h, card, note, txButton, blockDate, qr, text } from '../ui';
import { t, formatFen } from '../i18n';
import { requireAccount, state, updateVault } from '../state';
import { ballotCommitment, decodeStoredBallot, encodeQr, newSalt, relayedBallotMessage, type RelayedBallotQr } from '../payloads';
import { fromHex, toHex } from '../bytes';
import { ballotMessage } from '../anon';
import { anonymousButton, anonymousReceipt, memberKeyCard } from '../anonymous';

type Api = NonNullable<typeof state.chain>['api'];
type Info = NonNullable<Awaited<ReturnType<Api['apis']['GongzhiApi']['project_info']>>>;
type Tally = NonNullable<Awaited<ReturnType<Api['apis']['GongzhiApi']['project_tally']>>>;

/** Where a ballot of this device landed, remembered per project to show on the receipt. */
const landed = new Map<number, { block: number; hash: string }>();

export async function ballotsScreen(rerender: () => void): Promise<HTMLElement> {
  const chain = state.chain!;
  const account = requireAccount();
  const status = await chain.api.apis.GongzhiApi.resident_status(account.address);
  if (!status) return card(t('nav.ballots'), note(t('home.notResident')));
  const ids = [...new Set([...status.ballots_to_cast, ...Object.keys(state.contents?.salts ?? {}).map(Number).filter(Number.isInteger)])].sort((a, b) => b - a);
  const cards: HTMLElement[] = [];
  for (const id of ids) {
    const [info, tally] = await Promise.all([chain.api.apis.GongzhiApi.project_info(id), chain.api.apis.GongzhiApi.project_tally(id)]);
    if (!info || !tally) continue;
    if (!['Voting', 'Revealing'].includes(info.phase.type) && !status.ballots_to_cast.includes(id)) continue;
    cards.push(await projectCard(info, tally, status.resident.id, rerender));
  }
  return h('div', {}, await memberKeyCard(status.resident.id, rerender), ...(cards.length ? cards : [card(t('nav.ballots'), note(t('ballot.none'), { 'data-testid': 'no-ballots' }))]));
}

/** An anonymous ballot for `bid`: proved on this device and sent with no signer
 * (src/anonymous.ts); its sequence number is one more than the alias's stored ballot's. */
function anonymousVoteButton(info: Info, bid: number, rerender: () => void): HTMLElement {
  const chain = state.chain!;
  const project = info.project;
  return anonymousButton({
    label: t('anon.vote'), testid: `anon-vote-${project}-${bid}`, kind: 'Procurement', id: project,
    choice: () => bid,
    sequence: async (alias) => {
      const previous = await chain.api.query.Procurement.AnonymousBallots.getValue(project, alias, { at: 'best' });
      return previous ? previous.seq + 1 : 0;
    },
    message: (choice, ring, seq) => ballotMessage(project, ring, choice, seq),
    call: (choice, { ring, seq, alias, proof }) => chain.api.tx.Procurement.cast_anonymous_ballot({ project, ring, bid: choice, seq, alias, proof }),
    after: async (done, { alias, ring }) => {
      landed.set(project, { block: done.block, hash: done.blockHash });
      await updateVault((c) => { (c.anonymous ??= {})[String(project)] = { alias, ring }; });
      setTimeout(rerender, 1500);
    },
  });
}

/** The receipt of this device's anonymous ballot: the choice stored under its alias (never its
 * account), how often it was changed, the ring's anonymity set, and whether it is final. */
function anonymousReceiptView(project: number): Promise<HTMLElement> {
  const chain = state.chain!;
  const where = landed.get(project);
  return anonymousReceipt({
    testid: `receipt-${project}`, title: t('ballot.receipt'), none: t('ballot.receiptNone'),
    kind: 'Procurement', id: project, mine: state.contents?.anonymous?.[String(project)],
    read: (alias, best) => chain.api.query.Procurement.AnonymousBallots.getValue(project, alias, { at: best ? 'best' : 'finalized' }),
    changes: (ballot) => ballot.seq,
    same: (a, b) => a.seq === b.seq && a.bid === b.bid,
    details: (ballot) => [
      h('p', { 'data-testid': `receipt-${project}-choice` }, t('ballot.receiptBid', { bid: ballot.bid })),
      where ? note(t('ballot.inBlock', { n: where.block }), { 'data-testid': `receipt-${project}-block` }) : null,
    ],
  });
}

async function projectCard(info: Info, tally: Tally, residentId: number, rerender: () => void): Promise<HTMLElement> {
  const chain = state.chain!;
  const account = requireAccount();
  const secret = info.method.type === 'Secret';
  const anonymous = info.method.type === 'Anonymous';
  const revealEnd = info.method.type === 'Secret' ? info.method.value.reveal_end : 0;
  const bids = await Promise.all(
    tally.bids.map(async (line) => {
      const bid = await chain.api.query.Procurement.Bids.getValue(info.project, line.bid);
      const provider = bid ? await chain.api.query.Community.Providers.getValue(bid.provider) : undefined;
      return { line, bid, name: provider ? text(provider.name) : bid?.provider ?? '' };
    }),
  );
  const standing = bids.filter((b) => b.line.state.type === 'Active');
  const project = info.project;
  const note_ = state.contents?.salts[String(project)];

  const bidRows = standing.map(({ line, bid, name }) => {
    const label = h('div', { class: 'bid-text' }, h('strong', {}, t('ballot.bid', { provider: name, price: formatFen(line.price) })), bid ? h('p', { class: 'note' }, text(bid.summary)) : null, line.votes !== undefined ? h('span', { class: 'votes' }, t('survey.votes', { n: line.votes })) : null);
    const actions: HTMLElement[] = [];
    if (info.phase.type === 'Voting' && anonymous) actions.push(anonymousVoteButton(info, line.bid, rerender));
    if (info.phase.type === 'Voting' && !secret && !anonymous) {
      actions.push(txButton({
        label: t('ballot.vote'), testid: `vote-${project}-${line.bid}`, chain, account: requireAccount,
        build: () => chain.api.tx.Procurement.vote({ project, bid: line.bid }),
        after: (done) => { landed.set(project, { block: done.block, hash: done.blockHash }); setTimeout(rerender, 1500); },
      }));
    }
    if (info.phase.type === 'Voting' && secret) {
      let pending: { salt: Uint8Array; commitment: Uint8Array } | null = null;
      actions.push(txButton({
        label: t('ballot.commit'), testid: `commit-${project}-${line.bid}`, chain, account: requireAccount,
        build: () => {
          const salt = newSalt();
          const commitment = ballotCommitment(project, line.bid, salt, residentId);
          pending = { salt, commitment };
          return chain.api.tx.Procurement.commit_vote({ project, commitment: toHex(commitment) });
        },
        // The salt is sealed into the vault before the commitment leaves the page.
        before: () => updateVault((c) => { c.salts[String(project)] = { bid: line.bid, salt: toHex(pending!.salt), commitment: toHex(pending!.commitment), residentId }; }),
        after: (done) => { landed.set(project, { block: done.block, hash: done.blockHash }); setTimeout(rerender, 1500); },
      }));
    }
    if (info.phase.type === 'Voting' && !anonymous) actions.push(paperButton(info, line.bid, residentId));
    return h('li', { class: 'bid', 'data-testid': `bid-${project}-${line.bid}` }, label, ...actions);
  });

  const reveal: HTMLElement[] = [];
  if (secret && note_ && !note_.revealed) {
    if (info.phase.type === 'Revealing') {
      reveal.push(txButton({
        label: t('ballot.revealNow'), testid: `reveal-${project}`, chain, account: requireAccount,
        build: () => chain.api.tx.Procurement.reveal_vote({ project, bid: note_.bid, salt: note_.salt as `0x${string}` }),
        after: async (done) => {
          landed.set(project, { block: done.block, hash: done.blockHash });
          await updateVault((c) => { c.salts[String(project)].revealed = true; });
          setTimeout(rerender, 1500);
        },
      }));
    } else if (info.phase.type === 'Voting') {
      reveal.push(h('p', { class: 'note warn', 'data-testid': `reveal-wait-${project}` }, t('ballot.revealWait', { from: blockDate(chain, info.voting.end) })));
    }
  } else if (secret && note_?.revealed) reveal.push(h('p', { class: 'ok' }, t('ballot.revealed')));

  return card(
    info.title,
    h('p', {}, info.description),
    note(`${secret ? t('ballot.secret') : anonymous ? t('ballot.anonymous') : t('ballot.open')} · ${t('ballot.budget', { amount: formatFen(info.budget) })}`),
    note(t('ballot.voting', { from: blockDate(chain, info.voting.start), to: blockDate(chain, info.voting.end) })),
    secret ? note(t('ballot.reveal', { from: blockDate(chain, info.voting.end), to: blockDate(chain, revealEnd) })) : null,
    secret && tally.counted === undefined ? note(t('ballot.hidden')) : null,
    h('ul', { class: 'bids' }, ...bidRows),
    ...reveal,
    anonymous ? await anonymousReceiptView(project) : await receiptView(project, account.address),
  );
}

/** The resident's receipt: what the chain holds for them, where, and whether it is final. */
export async function receiptView(project: number, address: string): Promise<HTMLElement> {
  const chain = state.chain!;
  const [final, best] = await Promise.all([
    chain.api.apis.GongzhiApi.ballot_receipt(project, address),
    chain.api.apis.GongzhiApi.ballot_receipt(project, address, { at: 'best' }),
  ]);
  const receipt = best ?? final;
  const box = h('div', { class: 'receipt', 'data-testid': `receipt-${project}` }, h('h3', {}, t('ballot.receipt')));
  if (!receipt) return (box.append(note(t('ballot.receiptNone'))), box);
  const c = receipt.choice;
  const what = c.type === 'Bid' ? t('ballot.receiptBid', { bid: c.value }) : c.type === 'Revealed' ? t('ballot.receiptRevealed', { bid: c.value }) : t('ballot.receiptCommitted');
  const isFinal = !!final && final.next_sequence === receipt.next_sequence && final.choice.type === receipt.choice.type;
  // The stored ballot itself, read by its key: smoldot returns it only with a proof checked
  // against the finalized block's state root. Verified when those proven bytes say what the
  // receipt says (the same choice, the same number of changes).
  let verified = false;
  if (isFinal) {
    try {
      const raw = await chain.client.rawQuery(toHex(receipt.storage_key));
      const stored = typeof raw === 'string' ? decodeStoredBallot(fromHex(raw)) : null;
      verified = !!stored && stored.changes === receipt.changes && stored.choice.type === c.type
        && (c.type === 'Committed' ? stored.choice.value === String(c.value).toLowerCase() : stored.choice.value === c.value);
    } catch { /* shown as unverified */ }
  }
  const where = landed.get(project);
  box.append(...[
    h('p', { 'data-testid': `receipt-${project}-choice` }, what),
    note(`${receipt.counted ? t('ballot.counted') : t('ballot.notCounted')} · ${t('ballot.changes', { n: receipt.changes })}`),
    where ? note(t('ballot.inBlock', { n: where.block }), { 'data-testid': `receipt-${project}-block` }) : null,
    h('p', { class: isFinal ? 'ok' : 'warn', 'data-testid': `receipt-${project}-final`, 'data-final': String(isFinal) }, isFinal ? t('ballot.finalized') : t('ballot.notFinalized')),
    verified ? note(t('ballot.verified'), { 'data-testid': `receipt-${project}-verified` }) : null,
  ].filter((n) => n !== null) as HTMLElement[]);
  return box;
}

/** The paper path: the resident signs an open ballot here; an officer scans and relays it. */
function paperButton(info: Info, bid: number, residentId: number): HTMLElement {
  const chain = state.chain!;
  const out = h('div');
  const button = h('button', { class: 'secondary', 'data-testid': `paper-${info.project}-${bid}` }, t('ballot.paper'));
  button.addEventListener('click', async () => {
    const account = requireAccount();
    const receipt = await chain.api.apis.GongzhiApi.ballot_receipt(info.project, account.address, { at: 'best' });
    const sequence = receipt?.next_sequence ?? 0;
    const now = chain.sync.value.best;
    const deadline = Math.min(info.voting.end - 1, now + 600);
    let choice: RelayedBallotQr['choice'];
    let relay: Parameters<typeof relayedBallotMessage>[2];
    if (info.method.type === 'Secret') {
      const salt = newSalt();
      const commitment = ballotCommitment(info.project, bid, salt, residentId);
      // Never replace the salt of a commitment already sent from this page: a second note for
      // the paper ballot is kept beside it, keyed by its commitment.
      await updateVault((c) => {
        const key = c.salts[String(info.project)] ? `${info.project}:${toHex(commitment)}` : String(info.project);
        c.salts[key] = { bid, salt: toHex(salt), commitment: toHex(commitment), residentId };
      });
      choice = { Commitment: toHex(commitment) };
      relay = { type: 'Commitment', value: commitment };
    } else {
      choice = { Bid: bid };
      relay = { type: 'Bid', value: bid };
    }
    const message = relayedBallotMessage(fromHex(chain.genesis), info.project, relay, sequence, deadline);
    const payload: RelayedBallotQr = { kind: 'gongzhi/relayed-ballot/v1', genesis: chain.genesis, project: info.project, resident: account.address, choice, sequence, deadline, signature: toHex(account.sign(message)) };
    out.replaceChildren(qr(encodeQr(payload), `paper-qr-${info.project}`), note(t('ballot.paperNote', { deadline })));
  });
  return h('div', { class: 'paper' }, button, out);
}
