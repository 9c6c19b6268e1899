//! Deterministic keys. The same derivation is used by node/lib/src/benchmarking.rs (`bench_resident`)
//! so that `benchmark extrinsic` can sign ballots for the residents this tool put in genesis.
//!
//! - resident `i`: sr25519 from the seed `blake2_256("gongzhi-bench/resident/{i}")`;
//! - transfer sender `i`: sr25519 from the seed `blake2_256("gongzhi-bench/sender/{i}")`;
//! - the person hash of resident `i`: `blake2_256("gongzhi-bench/person/{i}")`.
//!
//! Seeds rather than `//name` derivation paths: deriving 50,000 keys from the dev phrase would
//! run PBKDF2 50,000 times (minutes); from a seed it takes milliseconds.

use std::str::FromStr;
use subxt::{
	config::{substrate::BlakeTwo256, Hasher},
	utils::AccountId32,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

fn blake2_256(s: &str) -> [u8; 32] {
	BlakeTwo256.hash(s.as_bytes()).0
}

fn from_seed(seed: [u8; 32]) -> Keypair {
	Keypair::from_secret_key(seed).expect("every 32-byte seed is a mini secret key")
}

/// The key of bench resident `i`.
pub fn resident(i: u32) -> Keypair {
	from_seed(blake2_256(&format!("gongzhi-bench/resident/{i}")))
}

/// The key of transfer sender `i`.
pub fn sender(i: u32) -> Keypair {
	from_seed(blake2_256(&format!("gongzhi-bench/sender/{i}")))
}

/// The (stand-in) salted ID-document hash of bench resident `i`.
pub fn person_hash(i: u32) -> [u8; 32] {
	blake2_256(&format!("gongzhi-bench/person/{i}"))
}

/// A dev keyring account (`Alice`, `Bob`, …): `//{name}` from the dev phrase.
pub fn dev(name: &str) -> Keypair {
	let uri = SecretUri::from_str(&format!("//{name}")).expect("dev derivation paths are valid");
	Keypair::from_uri(&uri).expect("dev derivation paths are valid")
}

/// The 32-byte account id of a key.
pub fn account(pair: &Keypair) -> [u8; 32] {
	pair.public_key().0
}

/// An account's SS58 address with the generic prefix (42), as chain specs take it.
pub fn ss58(account: &[u8; 32]) -> String {
	AccountId32(*account).to_string()
}

/// `0x`-prefixed lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
	let mut s = String::with_capacity(2 + bytes.len() * 2);
	s.push_str("0x");
	for b in bytes {
		s.push_str(&format!("{b:02x}"));
	}
	s
}

/// Parses `0x`-prefixed (or bare) hex.
pub fn unhex(s: &str) -> Result<Vec<u8>, String> {
	let s = s.strip_prefix("0x").unwrap_or(s);
	if !s.len().is_multiple_of(2) {
		return Err(format!("odd-length hex: {s}"));
	}
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| format!("bad hex: {e}")))
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn derivation_is_deterministic_and_distinct() {
		assert_eq!(account(&resident(7)), account(&resident(7)));
		assert_ne!(account(&resident(7)), account(&resident(8)));
		assert_ne!(account(&resident(7)), account(&sender(7)));
	}

	#[test]
	fn residents_are_the_accounts_node_benchmarking_signs_for() {
		// As sp-core's `sr25519::Pair::from_seed` derives them (node/lib/src/benchmarking.rs's
		// `bench_resident`, and this tool before subxt): read from a chain spec it wrote.
		assert_eq!(
			ss58(&account(&resident(0))),
			"5CV5CjurHgV228Ljirnr89VR5eSEenHT4weZEsxyWJxfeC5B"
		);
		assert_eq!(
			hex(&person_hash(0)),
			"0x1f27d75669a85b9cccd1a707501856480483178e03f53d6215729eede8781183"
		);
	}

	#[test]
	fn alice_has_the_well_known_address() {
		assert_eq!(
			ss58(&account(&dev("Alice"))),
			"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
		);
	}

	#[test]
	fn hex_round_trips() {
		assert_eq!(unhex(&hex(&[0, 1, 0xab, 0xff])).unwrap(), vec![0, 1, 0xab, 0xff]);
	}
}
