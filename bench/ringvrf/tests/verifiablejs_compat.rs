//! Proof compatibility with npm `verifiablejs` 1.5.0 (built on ark-vrf 0.5.1), checked against
//! crates.io `verifiable` 0.4.1 (ark-vrf 0.6.1) without needing npm at test time: the fixture
//! was made by `node js/compat.cjs make` (keys from the same entropy as `ringvrf_spike::entropy`,
//! ring roots, one proof per domain, aliases). The other direction (JS validating Rust proofs)
//! is `cargo run --release --bin compat make > r.json && node js/compat.cjs check r.json`.
use parity_scale_codec::{Decode, Encode};
use ringvrf_spike::*;

const CTX: &[u8] = b"gongzhi/procurement/7";
const MSG: &[u8] = b"bid 2";

#[test]
fn proofs_made_by_verifiablejs_verify_in_rust() {
	let js: serde_json::Value =
		serde_json::from_str(include_str!("fixtures/verifiablejs-1.5.0-made.json")).unwrap();
	let cases = js["cases"].as_array().unwrap();
	assert_eq!(cases.len(), 3);
	for c in cases {
		let d = match c["domain"].as_u64().unwrap() {
			11 => RingDomainSize::Domain11,
			12 => RingDomainSize::Domain12,
			_ => RingDomainSize::Domain16,
		};
		let n = c["n"].as_u64().unwrap() as u32;
		let who = c["who"].as_u64().unwrap() as u32;
		let (secrets, keys) = members(n);
		// same member key from the same entropy
		assert_eq!(unhex(c["key_who"].as_str().unwrap()), keys[who as usize].to_vec());
		// same ring commitment from the same keys
		let root = build_ring(d, &keys).unwrap();
		let js_root = unhex(c["root"].as_str().unwrap());
		assert_eq!(js_root, root.encode());
		assert!(Members::decode(&mut &js_root[..]).is_ok());
		// the JS proof verifies here and yields the alias Rust derives for that member
		let proof: Proof = unhex(c["proof"].as_str().unwrap()).try_into().unwrap();
		assert_eq!(proof.len(), 785);
		let a = verify(d, &proof, &root, CTX, MSG).expect("JS-made proof verifies in Rust");
		assert_eq!(a, alias(&secrets[who as usize], CTX));
		assert_eq!(hex(&a), c["alias"].as_str().unwrap());
		// and is bound to its message and context here too
		assert!(verify(d, &proof, &root, CTX, b"bid 3").is_err());
		assert!(verify(d, &proof, &root, b"gongzhi/procurement/8", MSG).is_err());
	}
}

/// Proofs of possession (pallet-community's `set_member_key`): a signature made by verifiablejs's
/// `sign(entropy, message)` verifies with verifiable 0.4.1's `verify_signature` for the key both
/// derive from that entropy, and only for its message and key. Fixture: `node js/compat.cjs sign`.
#[test]
fn signatures_made_by_verifiablejs_verify_in_rust() {
	let js: serde_json::Value =
		serde_json::from_str(include_str!("fixtures/verifiablejs-1.5.0-signed.json")).unwrap();
	let cases = js["cases"].as_array().unwrap();
	assert_eq!(cases.len(), 3);
	for c in cases {
		let i = c["i"].as_u64().unwrap() as u32;
		let key: Member = unhex(c["key"].as_str().unwrap()).try_into().unwrap();
		assert_eq!(key, member(&secret(i)), "same member key from the same entropy");
		let msg = unhex(c["msg"].as_str().unwrap());
		let signature: <V as GenerateVerifiable>::Signature =
			unhex(c["signature"].as_str().unwrap()).try_into().unwrap();
		assert!(V::verify_signature(&signature, &msg, &key), "JS-made signature verifies in Rust");
		let mut other = msg.clone();
		other[0] ^= 1;
		assert!(!V::verify_signature(&signature, &other, &key), "bound to its message");
		assert!(!V::verify_signature(&signature, &msg, &member(&secret(i + 100))), "and to its key");
		// Rust's own signature over the same message verifies too (JS side: `compat.cjs check`).
		let ours = V::sign(&secret(i), &msg).unwrap();
		assert!(V::verify_signature(&ours, &msg, &key));
	}
}
