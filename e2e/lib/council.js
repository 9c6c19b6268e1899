// The council (pallet-collective, `council`): a motion proposed by one member, voted by others,
// closed by anyone once the threshold is reached — how governance acts on a chain without sudo
// (runtime/src/configs/governance.rs).

import { send, eventFields } from './cycle.js';

/**
 * Proposes `call` (a transaction made with `api.tx`, unsigned) to the council with `threshold`,
 * has every key of `voters` vote aye, and `closer` close it. Resolves to { proposed, votes,
 * closed, executed } — `executed` the `council.Executed` event's fields ({ proposalHash, result })
 * — or { failed, stage } when a step fails. `weight`: the bound `close` is given (default: the
 * council's `MaxProposalWeight`, the most a motion may carry). `watchClose: false`: `close` is
 * submitted without watching it (resolves to { closeHash } once the pool took it) — for a motion
 * that upgrades the runtime, whose block the sending connection may decode with the new types.
 */
export async function councilMotion (api, call, { proposer, voters, closer, threshold = 2, weight, watchClose = true } = {}) {
  const length = call.method.encodedLength;
  const proposed = await send(api, api.tx.council.propose(threshold, call.method, length), proposer);
  if (proposed.failed) return { failed: proposed.failed, stage: 'propose', proposed };
  const { proposalIndex, proposalHash } = eventFields(proposed, 'council', 'Proposed');
  const votes = [];
  for (const voter of voters) {
    const vote = await send(api, api.tx.council.vote(proposalHash, proposalIndex, true), voter);
    if (vote.failed) return { failed: vote.failed, stage: 'vote', proposed, votes };
    votes.push(vote);
  }
  const bound = weight ?? api.consts.council.maxProposalWeight;
  const close = api.tx.council.close(proposalHash, proposalIndex, bound, length);
  if (!watchClose) {
    await close.signAsync(closer, { nonce: -1 });
    return { proposed, votes, proposalHash, proposalIndex, closeHash: (await api.rpc.author.submitExtrinsic(close)).toHex() };
  }
  const closed = await send(api, close, closer);
  if (closed.failed) return { failed: closed.failed, stage: 'close', proposed, votes, closed };
  return { proposed, votes, closed, proposalHash, proposalIndex, executed: eventFields(closed, 'council', 'Executed') };
}
