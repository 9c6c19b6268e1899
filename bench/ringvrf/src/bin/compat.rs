//! npm verifiablejs 1.5.0 <-> crates.io verifiable 0.4.1 compatibility.
//!   compat check <js-made.json>   verify JS-made keys/roots/proofs/aliases in Rust
//!   compat make                   print Rust-made cases for `node js/compat.cjs check`
use parity_scale_codec::{Decode, Encode};
use ringvrf_spike::*;
use serde_json::{json, Value};

const CTX: &[u8] = b"gongzhi/procurement/7";
const MSG: &[u8] = b"bid 2";

fn dom(d: u64) -> RingDomainSize {
	match d {
		11 => RingDomainSize::Domain11,
		12 => RingDomainSize::Domain12,
		_ => RingDomainSize::Domain16,
	}
}

fn main() {
	let args: Vec<String> = std::env::args().collect();
	match args.get(1).map(|s| s.as_str()) {
		Some("check") => {
			let js: Value = serde_json::from_str(&std::fs::read_to_string(&args[2]).unwrap()).unwrap();
			let mut out = vec![];
			for c in js["cases"].as_array().unwrap() {
				let d = dom(c["domain"].as_u64().unwrap());
				let n = c["n"].as_u64().unwrap() as u32;
				let who = c["who"].as_u64().unwrap() as u32;
				let (_, keys) = members(n);
				let same_keys = c["keys"].as_array().unwrap().iter().enumerate().all(|(i, k)| unhex(k.as_str().unwrap()) == keys[i].to_vec())
					&& unhex(c["key_who"].as_str().unwrap()) == keys[who as usize].to_vec();
				let root = build_ring(d, &keys).unwrap();
				let js_root = unhex(c["root"].as_str().unwrap());
				let same_root = js_root == root.encode();
				let proof: Proof = unhex(c["proof"].as_str().unwrap()).try_into().unwrap();
				// against the Rust-built root, and against the JS root decoded by Rust
				let v_rust_root = verify(d, &proof, &root, CTX, MSG);
				let v_js_root = Members::decode(&mut &js_root[..]).map_err(|_| Error::DecodeError).and_then(|r| verify(d, &proof, &r, CTX, MSG));
				let rust_alias = alias(&secret(who), CTX);
				out.push(json!({
					"domain": d.as_power(), "n": n,
					"same_member_keys": same_keys,
					"same_root": same_root,
					"rust_verifies_js_proof_with_rust_root": format!("{:?}", v_rust_root.map(|a| hex(&a))),
					"rust_verifies_js_proof_with_js_root": format!("{:?}", v_js_root.map(|a| hex(&a))),
					"js_alias": c["alias"], "rust_alias_in_context": hex(&rust_alias),
					"alias_matches": c["alias"].as_str().unwrap() == hex(&rust_alias),
				}));
			}
			println!("{}", serde_json::to_string_pretty(&out).unwrap());
		},
		Some("make") => {
			let mut cases = vec![];
			for (d, n) in [(RingDomainSize::Domain11, 8u32), (RingDomainSize::Domain12, 300), (RingDomainSize::Domain16, 1000)] {
				let (secrets, keys) = members(n);
				let root = build_ring(d, &keys).unwrap();
				let who = n / 2;
				let (p, a) = prove(d, &keys, &secrets[who as usize], CTX, MSG).unwrap();
				cases.push(json!({
					"domain": d.as_power(), "n": n, "who": who,
					"keys": keys[..3].iter().map(|k| hex(k)).collect::<Vec<_>>(),
					"root": hex(&root.encode()), "proof": hex(&p), "alias": hex(&a),
				}));
			}
			println!("{}", serde_json::to_string_pretty(&json!({ "crate": "verifiable@0.4.1", "cases": cases })).unwrap());
		},
		_ => eprintln!("usage: compat check <js.json> | compat make"),
	}
}
