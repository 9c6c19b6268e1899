// The Polkadot.js `rpc:` definitions of the node's `gongzhi_*` JSON-RPC methods (the same object
// the README shows). Each method reads the GongzhiApi runtime API at block `at` (default: the best
// block) and returns JSON with camelCase fields, or `null` when there is no such item.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { gongzhiRpc, rpcJson } from './lib/gongzhi-rpc.js';
//   const api = await ApiPromise.create({ provider: new WsProvider('ws://127.0.0.1:9944'), rpc: gongzhiRpc });
//   const results = rpcJson(await api.rpc.gongzhi.surveyResults(0));
//
// A 'Json' result decodes `null` to an empty object: `rpcJson` turns it back into `null`.

const at = { name: 'at', type: 'Hash', isOptional: true };

const method = (description, params) => ({ description, params: [...params, at], type: 'Json' });

export const gongzhiRpc = {
  gongzhi: {
    surveyResults: method('Results of a needs survey: per-question tallies, responses, eligible residents, turnout, phase', [
      { name: 'survey', type: 'u32' }
    ]),
    projectInfo: method("A procurement project's rules (scope, windows, method, quorum) and phase", [
      { name: 'project', type: 'u32' }
    ]),
    projectTally: method("A project's ballot count per bid (hidden in secret mode until revealing ends)", [
      { name: 'project', type: 'u32' }
    ]),
    projectOutcome: method("A project's outcome: pending (with phase), awarded, failed or cancelled", [
      { name: 'project', type: 'u32' }
    ]),
    ballotReceipt: method("A resident's own ballot in a project (the receipt, with its storage key)", [
      { name: 'project', type: 'u32' },
      { name: 'resident', type: 'AccountId' }
    ]),
    programme: method('A voucher programme with its terms and statistics', [
      { name: 'programme', type: 'u32' }
    ]),
    programmeScorecard: method("Ratings and follow-up cases of one programme's services", [
      { name: 'programme', type: 'u32' }
    ]),
    providerReport: method("A provider's voucher statistics, scorecard and standing", [
      { name: 'provider', type: 'AccountId' }
    ]),
    residentStatus: method("A resident's record and what they may still do now", [
      { name: 'who', type: 'AccountId' }
    ]),
    office: method('A street office with its counts', [
      { name: 'office', type: 'u32' }
    ]),
    community: method('A community with its officers and counts', [
      { name: 'community', type: 'u32' }
    ])
  }
};

/** The plain JSON value of a `gongzhi_*` result (`null` for "no such item"). */
export function rpcJson (result) {
  if (result === null || result === undefined) return null;
  const json = typeof result.toJSON === 'function' ? result.toJSON() : result;
  return json && typeof json === 'object' && !Array.isArray(json) && Object.keys(json).length === 0 ? null : json;
}

/**
 * Calls `gongzhi_<method>` through the api's `rpc.gongzhi` (created with `gongzhiRpc`) and returns
 * plain JSON (`null` for "no such item"). A trailing `at` that is `undefined` is left out, since
 * Polkadot.js would otherwise send it as the zero hash.
 */
export async function gongzhi (api, method, ...args) {
  while (args.length && (args[args.length - 1] === undefined || args[args.length - 1] === null)) args.pop();
  return rpcJson(await api.rpc.gongzhi[method](...args));
}
