// Bad input over RPC and p2p (issue 17): malformed, oversized and wrongly typed requests to every
// `gongzhi_*` method and to `author_submitExtrinsic` get a clear JSON-RPC error (code and message),
// garbage on the p2p port is dropped, and the node keeps serving and finalizing throughout.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { startNode, rpc, finalizedNumber, waitFor } from '../lib/node.js';

let node;

/** POSTs `body` (a string) to the node's RPC port; the HTTP status and the parsed answer. */
async function post (body) {
  let res;
  try {
    res = await fetch(`http://127.0.0.1:${node.rpcPort}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  } catch (error) {
    // The server closed the connection before reading all of it (an oversized request).
    return { status: 0, json: null, text: String(error.cause?.code ?? error.message) };
  }
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON: the status tells */ }
  return { status: res.status, json, text };
}

/** One call; the JSON-RPC error it must give (code and a message). */
async function refused (method, params) {
  const { status, json } = await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }));
  assert.equal(status, 200, `${method}(${JSON.stringify(params).slice(0, 80)}): HTTP ${status}`);
  assert.ok(json?.error, `${method}(${JSON.stringify(params).slice(0, 80)}) was answered ${JSON.stringify(json).slice(0, 200)}`);
  assert.equal(typeof json.error.code, 'number');
  assert.ok(json.error.message.length > 0, 'the error has a message');
  assert.equal(json.id, 7, 'the error answers the request');
  return json.error;
}

/** The node still answers and its chain still moves. */
async function stillServing () {
  const health = await rpc(node.rpcPort, 'system_health');
  assert.equal(health.isSyncing, false);
  const before = await finalizedNumber(node.rpcPort);
  await waitFor('finality to move on', async () => (await finalizedNumber(node.rpcPort)) > before, { timeoutMs: 60_000 });
}

const ACCOUNT = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
// Each method's good arguments, to be spoiled one way at a time.
const GOOD = {
  gongzhi_surveyResults: [0], gongzhi_projectInfo: [0], gongzhi_projectTally: [0], gongzhi_projectOutcome: [0],
  gongzhi_ballotReceipt: [0, ACCOUNT], gongzhi_programme: [0], gongzhi_programmeScorecard: [0],
  gongzhi_providerReport: [ACCOUNT], gongzhi_residentStatus: [ACCOUNT], gongzhi_office: [0], gongzhi_community: [0],
};

before(async () => {
  node = await startNode({ name: 'dev-bad-input' });
  await waitFor('the node to finalize block 1', async () => (await finalizedNumber(node.rpcPort)) >= 1, { timeoutMs: 90_000 });
});

after(async () => {
  await node?.stop();
});

test('every gongzhi_* method refuses missing, extra, wrongly typed and out-of-range arguments with invalid-params errors', async () => {
  const { methods } = await rpc(node.rpcPort, 'rpc_methods');
  const served = methods.filter((m) => m.startsWith('gongzhi_')).sort();
  assert.deepEqual(served, Object.keys(GOOD).sort(), 'the test covers every gongzhi_* method');
  for (const [method, good] of Object.entries(GOOD)) {
    // The good call works (an answer, possibly null).
    assert.ok('result' in (await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: good }))).json, `${method} answers good arguments`);
    // Extra positional arguments are ignored by jsonrpsee (the server library): answered as the good call.
    const extra = (await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [...good, null, 'extra'] }))).json;
    assert.ok('result' in extra, `${method} with extra arguments: ${JSON.stringify(extra).slice(0, 200)}`);
    const spoiled = [
      [],                                             // missing
      good.map((a) => (typeof a === 'number' ? 'seven' : 12345)), // wrong types
      good.map((a) => (typeof a === 'number' ? 2 ** 40 : 'not-an-address')), // out of range / not an address
      good.map((a) => (typeof a === 'number' ? -1 : ACCOUNT.slice(0, 20))),
      [...good, '0x1234'],                            // a block hash of the wrong length
      { nothing: 0 },                                 // named parameters that are not this method's
    ];
    for (const params of spoiled) {
      const error = await refused(method, params);
      assert.equal(error.code, -32602, `${method}(${JSON.stringify(params)}): ${JSON.stringify(error)}`);
    }
    // A well-formed hash of a block that doesn't exist: an error naming it, not a crash.
    const unknown = await refused(method, [...good, '0x' + '11'.repeat(32)]);
    assert.equal(unknown.code, 2, JSON.stringify(unknown));
    assert.match(unknown.message, /unknown block 0x1111/, JSON.stringify(unknown));
  }
  await stillServing();
});

test('author_submitExtrinsic refuses bytes that are not a valid extrinsic, and unknown methods get method-not-found', async () => {
  const bad = [
    ['0x'],                                   // nothing
    ['0x00'],                                 // a length prefix and no extrinsic
    ['0x' + randomBytes(100).toString('hex')], // noise
    ['0x' + 'ff'.repeat(64)],                 // a length claiming far more than is there
    ['not hex at all'],
    [12345],
    [],
  ];
  for (const params of bad) {
    const error = await refused('author_submitExtrinsic', params);
    // -32602 invalid params (not bytes), 1040 bytes that don't decode as an extrinsic, or the
    // pool's 1002 verification error (decodes, but is no valid transaction).
    assert.ok([-32602, 1002, 1040].includes(error.code), `author_submitExtrinsic(${JSON.stringify(params).slice(0, 40)}): ${JSON.stringify(error)}`);
  }
  const unknown = await refused('gongzhi_noSuchMethod', []);
  assert.equal(unknown.code, -32601);
  await stillServing();
});

test('malformed and oversized requests are refused and the server goes on', async () => {
  // Not JSON: a parse error.
  const parse = await post('{"jsonrpc":"2.0","id":1,"method":');
  assert.equal(parse.json?.error?.code, -32700, parse.text);
  // JSON but not a request.
  const notRequest = await post('[1, 2, 3]');
  assert.ok(Array.isArray(notRequest.json) ? notRequest.json.every((r) => r.error) : notRequest.json?.error, notRequest.text);
  const noMethod = await post(JSON.stringify({ jsonrpc: '2.0', id: 1 }));
  assert.equal(noMethod.json?.error?.code, -32600, noMethod.text);
  // Larger than the node accepts (--rpc-max-request-size, 15 MiB by default): refused whole.
  const huge = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'author_submitExtrinsic', params: ['0x' + 'ab'.repeat(8 * 1024 * 1024)] }));
  assert.ok(huge.status !== 200, `a 16 MiB request: HTTP ${huge.status} ${huge.text.slice(0, 200)}`);
  // Just under the limit but not an extrinsic: a clear error, not a hang.
  const big = await refused('author_submitExtrinsic', ['0x' + 'ab'.repeat(5 * 1024 * 1024)]);
  assert.ok([-32602, 1002, 1040].includes(big.code), JSON.stringify(big).slice(0, 200));
  await stillServing();
});

test('garbage on the p2p port is dropped and the node keeps authoring and finalizing', async () => {
  const connectAndSend = (bytes) => new Promise((resolve) => {
    const socket = net.connect(node.p2pPort, '127.0.0.1', () => socket.end(bytes));
    socket.on('error', () => resolve('error'));
    socket.on('close', () => resolve('closed'));
    socket.setTimeout(10_000, () => { socket.destroy(); resolve('timeout'); });
    socket.resume();
  });
  const payloads = [
    randomBytes(1024),
    Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    // A multistream-select header, then noise where the security protocol should be.
    Buffer.concat([Buffer.from([19]), Buffer.from('/multistream/1.0.0\n'), Buffer.from([7]), Buffer.from('/noise\n'), randomBytes(4096)]),
    randomBytes(256 * 1024),
  ];
  const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => connectAndSend(payloads[i % payloads.length])));
  assert.equal(outcomes.length, 40);
  assert.ok(outcomes.every((o) => o !== 'timeout'), `every bad connection is closed by the node: ${outcomes.join(',')}`);
  await stillServing();
  const header = await rpc(node.rpcPort, 'chain_getHeader');
  assert.ok(parseInt(header.number, 16) > 1);
});
