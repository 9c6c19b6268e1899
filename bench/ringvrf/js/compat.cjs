// Cross-checks npm verifiablejs 1.5.0 against crates.io verifiable 0.4.1 (the Rust side is
// `cargo run --release --bin compat`). Usage:
//   node compat.cjs make  > js-made.json        (JS keys, roots, proofs, aliases)
//   node compat.cjs check rust-made.json        (validate Rust-made proofs in JS)
//   node compat.cjs time                        (verifiablejs timings under node)
//   node compat.cjs sign  > js-signed.json      (member keys' signatures: proofs of possession)
// verifiablejs is loaded from ./node_modules or from $VJS_DIR/node_modules.
const path = require('path');
// The package exports only an ESM `import` condition; load its CommonJS nodejs build by path.
const root = process.env.VJS_DIR || __dirname;
const v = require(path.join(root, 'node_modules', 'verifiablejs', 'pkg-nodejs', 'verifiablejs.js'));

const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));
// Same as ringvrf_spike::entropy(i)
function entropy(i) {
  const e = new Uint8Array(32).fill(0x5a);
  e[0] = i & 0xff; e[1] = (i >> 8) & 0xff; e[2] = (i >> 16) & 0xff; e[3] = (i >>> 24) & 0xff;
  e[31] = 0x19;
  return e;
}
// SCALE Vec<[u8; 32]>: compact length + keys
function encodeMembers(keys) {
  const n = keys.length;
  let prefix;
  if (n < 64) prefix = [n << 2];
  else if (n < 16384) { const x = (n << 2) | 1; prefix = [x & 0xff, (x >> 8) & 0xff]; }
  else { const x = (n << 2) | 2; prefix = [x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, (x >>> 24) & 0xff]; }
  const out = new Uint8Array(prefix.length + 32 * n);
  out.set(prefix, 0);
  keys.forEach((k, i) => out.set(k, prefix.length + 32 * i));
  return out;
}
const EXPONENTS = { 11: 9, 12: 10, 16: 14 }; // verifiable domain -> verifiablejs ring_exponent
const ctx = new TextEncoder().encode('gongzhi/procurement/7');
const msg = new TextEncoder().encode('bid 2');

const mode = process.argv[2];
if (mode === 'make') {
  const out = { package: 'verifiablejs@1.5.0', cases: [] };
  for (const [domain, n] of [[11, 8], [12, 300], [16, 1000]]) {
    const keys = []; for (let i = 0; i < n; i++) keys.push(v.member_from_entropy(entropy(i)));
    const enc = encodeMembers(keys);
    const exp = EXPONENTS[domain];
    const t0 = process.hrtime.bigint();
    const root = v.members_root(exp, enc);
    const t1 = process.hrtime.bigint();
    const who = Math.floor(n / 2);
    const r = v.one_shot(exp, entropy(who), enc, ctx, msg);
    const t2 = process.hrtime.bigint();
    let selfOk = true, t3 = t2, t4 = t2;
    try { v.validate_with_commitment(exp, r.proof, root, ctx, msg); t3 = process.hrtime.bigint(); } catch (e) { selfOk = String(e); }
    out.cases.push({
      domain, n, who, ring_exponent: exp,
      keys: keys.slice(0, 3).map(hex), key_who: hex(keys[who]),
      root: hex(root), proof: hex(r.proof), alias: hex(r.alias),
      alias_in_context: hex(v.alias_in_context(entropy(who), ctx)),
      js_self_validates: selfOk,
      ms: { members_root: Number(t1 - t0) / 1e6, one_shot: Number(t2 - t1) / 1e6, validate_with_commitment: Number(t3 - t2) / 1e6 },
    });
  }
  console.log(JSON.stringify(out, null, 1));
} else if (mode === 'sign') {
  // Proofs of possession as pallet-community's set_member_key checks them: `sign(entropy, msg)`
  // with msg = blake2_256(b"gongzhi/member-key" ++ account); here msg is any 32 bytes (the Rust
  // side checks the signature, not how msg was made).
  const out = { package: 'verifiablejs@1.5.0', cases: [] };
  for (const i of [0, 1, 7]) {
    const msg = new Uint8Array(32).map((_, j) => (j * 7 + i) & 0xff);
    const key = v.member_from_entropy(entropy(i));
    const signature = v.sign(entropy(i), msg);
    out.cases.push({ i, key: hex(key), msg: hex(msg), signature: hex(signature), js_verifies: v.verify_signature(signature, msg, key) });
  }
  console.log(JSON.stringify(out, null, 1));
} else if (mode === 'time') {
  // node's wasm JIT timings of verifiablejs: first call (one-off setup inside) and then RUNS more
  const RUNS = Number(process.env.RUNS || 3);
  const ms = (a, b) => Number(b - a) / 1e6;
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const out = [];
  for (const [domain, n] of [[11, 255], [12, 767], [16, 1024]]) {
    if (process.env.DOMAINS && !process.env.DOMAINS.split(',').includes(String(domain))) continue;
    const exp = EXPONENTS[domain];
    const keys = []; for (let i = 0; i < n; i++) keys.push(v.member_from_entropy(entropy(i)));
    const enc = encodeMembers(keys);
    let t = process.hrtime.bigint();
    const root = v.members_root(exp, enc);
    const rootMs = ms(t, process.hrtime.bigint());
    const prove = [], val = [];
    for (let i = 0; i <= RUNS; i++) {
      t = process.hrtime.bigint();
      const r = v.one_shot(exp, entropy((i * 31) % n), enc, ctx, msg);
      const t1 = process.hrtime.bigint();
      v.validate_with_commitment(exp, r.proof, root, ctx, msg);
      prove.push(ms(t, t1)); val.push(ms(t1, process.hrtime.bigint()));
    }
    out.push({ domain, n, members_root_ms: rootMs, one_shot_first_ms: prove[0], one_shot_median_ms: med(prove.slice(1)),
      validate_first_ms: val[0], validate_median_ms: med(val.slice(1)), runs_after_first: RUNS });
  }
  console.log(JSON.stringify({ package: 'verifiablejs@1.5.0', node: process.version, results: out }, null, 1));
} else if (mode === 'check') {
  const rust = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
  const res = [];
  for (const c of rust.cases) {
    const exp = EXPONENTS[c.domain];
    let alias = null, err = null;
    try { alias = hex(v.validate_with_commitment(exp, unhex(c.proof), unhex(c.root), ctx, msg)); } catch (e) { err = String(e); }
    const keys = []; for (let i = 0; i < c.n; i++) keys.push(v.member_from_entropy(entropy(i)));
    const jsRoot = hex(v.members_root(exp, encodeMembers(keys)));
    res.push({ domain: c.domain, n: c.n, js_validates_rust_proof: err === null, alias_matches: alias === c.alias, err,
      same_member_keys: hex(keys[0]) === c.keys[0], same_root: jsRoot === c.root });
  }
  console.log(JSON.stringify(res, null, 1));
}
