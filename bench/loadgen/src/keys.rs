//! Deterministic keys. The same derivation is used by node/src/benchmarking.rs (`bench_resident`)
//! so that `benchmark extrinsic` can sign ballots for the residents this tool put in genesis.
//!
//! - resident `i`: sr25519 from the seed `blake2_256("gongzhi-bench/resident/{i}")`;
//! - transfer sender `i`: sr25519 from the seed `blake2_256("gongzhi-bench/sender/{i}")`;
//! - the person hash of resident `i`: `blake2_256("gongzhi-bench/person/{i}")`.
//!
//! Seeds rather than `//name` derivation paths: deriving 50,000 keys from the dev phrase would
//! run PBKDF2 50,000 times (minutes); from a seed it takes milliseconds.

use sp_core::{
	crypto::{AccountId32, Ss58AddressFormat, Ss58Codec},
	sr25519, Pair,
};
use sp_crypto_hashing::blake2_256;

/// The key of bench resident `i`.
pub fn resident(i: u32) -> sr25519::Pair {
	sr25519::Pair::from_seed(&blake2_256(format!("gongzhi-bench/resident/{i}").as_bytes()))
}

/// The key of transfer sender `i`.
pub fn sender(i: u32) -> sr25519::Pair {
	sr25519::Pair::from_seed(&blake2_256(format!("gongzhi-bench/sender/{i}").as_bytes()))
}

/// The (stand-in) salted ID-document hash of bench resident `i`.
pub fn person_hash(i: u32) -> [u8; 32] {
	blake2_256(format!("gongzhi-bench/person/{i}").as_bytes())
}

/// A dev keyring account (`Alice`, `Bob`, …).
pub fn dev(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{name}"), None).expect("dev derivation paths are valid")
}

/// The 32-byte account id of a key.
pub fn account(pair: &sr25519::Pair) -> [u8; 32] {
	let id: AccountId32 = pair.public().into();
	*id.as_ref()
}

/// An account's SS58 address with the chain's prefix (42), as chain specs and RPCs take it.
pub fn ss58(account: &[u8; 32]) -> String {
	AccountId32::from(*account).to_ss58check_with_version(Ss58AddressFormat::custom(42))
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

/// Parses a 32-byte hash from hex.
pub fn unhex32(s: &str) -> Result<[u8; 32], String> {
	unhex(s)?.try_into().map_err(|_| format!("not 32 bytes: {s}"))
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
