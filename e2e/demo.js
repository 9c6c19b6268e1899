#!/usr/bin/env node
// Gongzhi demo: one whole service cycle on a running dev chain, narrated — the same steps
// (lib/cycle.js) that the e2e lifecycle test runs and asserts.
//
//   node e2e/demo.js [ws://127.0.0.1:9944]        (or GONGZHI_WS=ws://…; scripts/demo.sh runs this)
//   node e2e/demo.js --stage [ws://…]              only opens what a resident can try in the app
//                                                   (scripts/dev-node.sh runs this): a survey, an
//                                                   open and a secret ballot, a voucher programme
//
// Needs a chain with the `development` preset's demo district (scripts/dev-node.sh). Every run
// opens a new survey, new projects and a new programme, so it may be run again on the same chain.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { gongzhiRpc, rpcJson } from './lib/gongzhi-rpc.js';
import {
  cycleContext, runCycle, stageForApp, bestNumber, utf8, yuan, DISTRICT, SURVEY, RESIDENTS
} from './lib/cycle.js';

const args = process.argv.slice(2);
const stageOnly = args.includes('--stage');
const url = args.find((a) => !a.startsWith('--')) ?? process.env.GONGZHI_WS ?? 'ws://127.0.0.1:9944';
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const yellow = paint('33');
const cyan = paint('36');

const out = (line = '') => console.log(line);
// Polkadot.js logs every refused RPC call; the one refusal the cycle provokes on purpose (an
// invalid free call by a resident with no tokens, code 1010) is narrated instead.
const consoleError = console.error.bind(console);
console.error = (...args) => {
  const text = args.map(String).join(' ');
  if (text.includes('RPC-CORE') && text.includes('1010')) return;
  consoleError(...args);
};
const started = Date.now();
const clock = () => dim(`[${String(Math.round((Date.now() - started) / 1000)).padStart(3)} s]`);

function say (who, text) {
  const tag = who.startsWith('resident') ? green : who.startsWith('provider') ? yellow : who.startsWith('office') || who.startsWith('officer') ? cyan : (s) => s;
  out(`${clock()} ${tag(who.padEnd(24))} ${text}`);
}

function bar (n, total, width = 20) {
  const filled = total ? Math.round((n / total) * width) : 0;
  return '█'.repeat(filled) + '·'.repeat(width - filled);
}

async function connect () {
  const provider = new WsProvider(url);
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`no node answers at ${url}`)), 15_000).unref());
  try {
    await Promise.race([provider.isReady, timeout]);
  } catch (e) {
    await provider.disconnect().catch(() => {});
    throw e;
  }
  return ApiPromise.create({ provider, rpc: gongzhiRpc, noInitWarn: true });
}

async function district (api, ctx) {
  const office = rpcJson(await api.rpc.gongzhi.office(DISTRICT.office));
  if (!office) throw new Error('this chain has no street office 0: start it with scripts/dev-node.sh (the development preset)');
  out(bold(`The district (from the development preset's genesis)`));
  out(`  street office #0 ${office.name}: admin ${ctx.label(office.admin)}, ${office.communities} communities, ${office.residents} residents`);
  for (const id of [DISTRICT.sunflower, DISTRICT.riverside]) {
    const c = rpcJson(await api.rpc.gongzhi.community(id));
    const residents = Object.entries(RESIDENTS).filter(([, r]) => r.community === id).map(([, r]) => r.uri).join(', ');
    out(`  community #${id} ${c.name}: officer ${c.officers.map((o) => ctx.label(o).replace('officer ', '')).join(', ')}; residents ${residents}`);
  }
  for (const name of ['eve', 'ferdie']) {
    const p = (await api.query.community.providers(ctx.who.providers[name].address)).unwrap();
    out(`  provider ${name === 'eve' ? 'Eve' : 'Ferdie'}: ${utf8(p.name.toU8a(true))}, approved by office #0`);
  }
  out(`  residents hold ${bold('no tokens')}: their calls are free exactly when they will succeed`);
  out(`  Alice holds tokens but is not a resident (she plays the outsider)`);
}

function printSurvey (results) {
  out(`  ${bold('Results')} of survey #${results.survey} (${results.phase}): ${results.responses} of ${results.eligible} residents answered, turnout ${(results.turnoutPermill / 10_000).toFixed(1)}%`);
  results.questions.forEach((q, i) => {
    const question = SURVEY.questions[i];
    out(`    Q${i + 1} ${question.prompt}`);
    const [kind, data] = Object.entries(q)[0];
    if (kind === 'rating') {
      out(`       average ${data.count ? (data.sum / data.count).toFixed(2) : '-'} over ${data.count} ratings; 1..5: ${data.histogram.join(' / ')}`);
    } else {
      const options = Object.values(question.kind)[0].options;
      data.counts.forEach((n, j) => out(`       ${bar(n, results.responses)} ${String(n).padStart(2)}  ${options[j]}`));
    }
  });
}

function printTally (label, tally) {
  if (tally.counted === null) {
    out(`  ${bold(label)}: ${tally.ballots} ballots cast, ${yellow('counts hidden')} (${tally.phase})`);
    return;
  }
  out(`  ${bold(label)} (${tally.phase}): ${tally.counted} counted of ${tally.ballots} cast, quorum ${tally.quorumPercent}% of ${tally.eligible}`);
  for (const b of tally.bids) out(`    bid #${b.bid} ${yuan(b.price).padStart(10)}  ${bar(b.votes ?? 0, tally.counted)} ${b.votes}`);
}

function printStatus (ctx, name, status, when) {
  out(`  ${bold(`What ${RESIDENTS[name].uri} may still do ${when}`)} (gongzhi_residentStatus): surveys ${JSON.stringify(status.surveysToAnswer)}, ballots ${JSON.stringify(status.ballotsToCast)}, programmes ${JSON.stringify(status.programmesToClaim)}, vouchers ${JSON.stringify(status.vouchers.map(([id, s]) => `#${id} ${typeof s === 'string' ? s : Object.keys(s)[0]}`))}, to rate ${JSON.stringify(status.redemptionsToRate)}`);
}

function printScorecard (label, card) {
  out(`  ${bold(label)}: ${card.count} ratings, average ${(card.averageX100 / 100).toFixed(2)}, 1..5: ${card.histogram.join(' / ')}, bad ratings ${card.badRatings}; cases open ${card.casesOpen}, responded ${card.casesResponded}, overdue ${card.casesOverdue}, rectified ${card.casesRectified} (avg ${card.averageRectifyBlocks} blocks), dismissed ${card.casesDismissed}${card.inGoodStanding === null ? '' : `; may bid: ${card.inGoodStanding ? green('yes') : yellow('no')}`}`);
}

function onResult (ctx) {
  return (name, x, r) => {
    switch (name) {
      case 'responses':
        out(`  ${bold('What they may still do')} (gongzhi_residentStatus → surveysToAnswer): //Alice//stash ${JSON.stringify(x.before.alice.status.surveysToAnswer)} → ${JSON.stringify(x.after.alice.status.surveysToAnswer)}, //Ferdie//stash (who did not answer) ${JSON.stringify(x.before.ferdie.status.surveysToAnswer)} → ${JSON.stringify(x.after.ferdie.status.surveysToAnswer)}`);
        break;
      case 'surveyClosed': printSurvey(x.viaRpc); break;
      case 'ballots':
        printTally(`Open ballot, project #${r.projects.open.project}`, x.openTally);
        printTally(`Secret ballot, project #${r.projects.secret.project}`, x.secretTally);
        out(`  ${bold('Receipt')} of //Charlie//stash (gongzhi_ballotReceipt): ${JSON.stringify(x.receipts.charlie.choice)}, counted ${x.receipts.charlie.counted}, next relayed sequence ${x.receipts.charlie.nextSequence}`);
        break;
      case 'openClosed':
      case 'secretClosed':
        out(`  ${bold('Outcome')} (gongzhi_projectOutcome): ${JSON.stringify(x.viaRpc)}`);
        break;
      case 'reveal': printTally(`Secret ballot after revealing, project #${r.projects.secret.project}`, x.tallyAfterReveal); break;
      case 'claims': printStatus(ctx, 'alice', x.after.alice.status, 'after claiming'); break;
      case 'redemptions': printStatus(ctx, 'alice', x.statusConfirmed, 'after being served'); break;
      case 'ratings': printStatus(ctx, 'alice', x.statusRated, 'after rating'); break;
      case 'reports': {
        const s = x.programme.stats;
        out(`  ${bold(`Programme #${x.programme.id}`)} ${utf8(x.programme.serviceName)} (gongzhi_programme): supply ${x.programme.supply}; claimed ${s.claimed}, issued ${s.issued}, redeemed ${s.redeemed}, confirmed ${s.confirmed}, settled ${s.settled} (${yuan(s.settledAmount)}), expired ${s.expired}, cancelled ${s.cancelled}`);
        printScorecard(`Programme #${x.programme.id} scorecard (gongzhi_programmeScorecard)`, x.programmeScorecard);
        for (const [p, report] of Object.entries(x.providers)) {
          const v = report.vouchers;
          out(`  ${bold(`Provider ${p === 'eve' ? 'Eve' : 'Ferdie'}`)} (gongzhi_providerReport): ${v.redemptions} redemptions, ${v.confirmations} confirmed, ${v.cancelled} cancelled, ${v.settled} settled for ${yuan(v.settledAmount)}`);
          printScorecard('    scorecard', report.scorecard);
        }
        break;
      }
      default: break;
    }
  };
}

async function main () {
  out(bold(`Gongzhi (共治) demo — one service cycle on ${url}`));
  let api;
  try {
    api = await connect();
  } catch (e) {
    console.error(`\n${e.message}. Start a dev chain first:  scripts/dev-node.sh   (then run this again)`);
    process.exit(1);
  }
  if (!api.tx.community || !api.tx.procurement || !api.call.gongzhiApi) {
    console.error('This node has no Gongzhi pallets (an older build?): rebuild it with scripts/dev-node.sh.');
    process.exit(1);
  }
  const chain = await api.rpc.system.chain();
  out(dim(`chain "${chain}", spec ${api.runtimeVersion.specName} v${api.runtimeVersion.specVersion}, best block #${await bestNumber(api)}; blocks every 6 s`));
  out();
  const ctx = await cycleContext(api, { say });
  await district(api, ctx);
  if (stageOnly) return stage(api, ctx);

  const results = await runCycle(ctx, {
    onStep: (title) => { out(); out(bold(`── ${title} ${'─'.repeat(Math.max(0, 90 - title.length))}`)); },
    onResult: onResult(ctx)
  });

  // A clean run: everything succeeded except what was meant to fail.
  const unexpected = ctx.outcomes.filter((o) => o.failed !== o.expect);
  if (!results.ballots.invalid.rejected) unexpected.push({ call: 'procurement.vote (unknown bid, no tokens)', failed: 'was not rejected by the pool' });
  out();
  out(bold('── What you just saw ' + '─'.repeat(70)));
  out(`  ${ctx.outcomes.length} transactions in ${Math.round((Date.now() - started) / 1000)} s; residents paid nothing for ${ctx.outcomes.filter((o) => Object.values(ctx.who.residents).some((p) => p.address === o.signer)).length} of them.`);
  out(`  Every number above is public: Polkadot.js apps https://polkadot.js.org/apps/?rpc=${encodeURIComponent(url)}#/explorer,`);
  out(`  the runtime API (api.call.gongzhiApi.*) or JSON-RPC, e.g.`);
  out(dim(`    curl -s -H 'content-type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"gongzhi_providerReport","params":["${ctx.who.providers.eve.address}"]}' ${url.replace(/^ws/, 'http')}`));
  await api.disconnect();
  if (unexpected.length) {
    console.error(`\nUNEXPECTED: ${unexpected.map((o) => `${o.call} → ${o.failed} (expected ${o.expect ?? 'success'})`).join('; ')}`);
    process.exit(1);
  }
  out(green('  The cycle ran clean.'));
  process.exit(0);
}

/** `--stage`: open what a resident can try in the app, with windows of hours, and stop. */
async function stage (api, ctx) {
  out();
  out(bold('── Opening what residents can try in the app (windows of about 4 hours) ' + '─'.repeat(20)));
  const staged = await stageForApp(ctx, { window: 2_400, secretVoting: 1_200, reveal: 1_200, programmeBlocks: 2_400 });
  await api.disconnect();
  const failed = ctx.outcomes.filter((o) => o.failed !== o.expect);
  if (failed.length) {
    console.error(`\nUNEXPECTED: ${failed.map((o) => `${o.call} → ${o.failed}`).join('; ')}`);
    process.exit(1);
  }
  out(green(`  Ready: survey #${staged.survey.survey}, open ballot #${staged.projects.open.project}, secret ballot #${staged.projects.secret.project}, voucher programme #${staged.programme} (Riverside residents, e.g. Dave//stash).`));
  process.exit(0);
}

main().catch((e) => {
  console.error(`\ndemo failed: ${e.stack ?? e}`);
  process.exit(1);
});
