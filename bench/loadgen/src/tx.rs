//! Signed extrinsics for the Gongzhi runtime, encoded by hand (see Cargo.toml for why there is no
//! runtime dependency). The layout mirrors `signed_extrinsic()` in node/src/benchmarking.rs and
//! the runtime's `TxExtension` (runtime/src/lib.rs), in this order:
//!
//! | extension | explicit (in the extrinsic) | implicit (signed only) |
//! |---|---|---|
//! | AuthorizeCall, CheckNonZeroSender | – | – |
//! | CheckSpecVersion, CheckTxVersion | – | `u32` spec / tx version |
//! | CheckGenesis | – | genesis hash |
//! | CheckEra | era (1 or 2 bytes) | hash of the era's birth block |
//! | CheckNonce | `Compact<u32>` nonce | – |
//! | CheckWeight | – | – |
//! | SkipCheckIfFeeless<ChargeTransactionPayment> | `Compact<u128>` tip | – |
//! | CheckMetadataHash | mode `u8` (0 = disabled) | `Option<[u8; 32]>` (None) |
//! | WeightReclaim | – | – |
//!
//! An extrinsic is `Compact(len) ++ 0x84 ++ MultiAddress::Id(0x00 ++ account) ++
//! MultiSignature::Sr25519(0x01 ++ sig) ++ explicit ++ call`; the signature is over
//! `call ++ explicit ++ implicit`, blake2-256-hashed first when longer than 256 bytes.

use codec::{Compact, Encode};
use sp_core::{sr25519, Pair};
use sp_crypto_hashing::blake2_256;

/// What every signature commits to about the chain.
#[derive(Clone, Debug)]
pub struct Chain {
	/// The genesis block hash.
	pub genesis: [u8; 32],
	/// The runtime's `spec_version`.
	pub spec_version: u32,
	/// The runtime's `transaction_version`.
	pub tx_version: u32,
}

/// A transaction's era: its encoding, and the hash of the block it is anchored to.
#[derive(Clone, Debug)]
pub struct Era {
	encoded: Vec<u8>,
	birth_hash: [u8; 32],
}

impl Era {
	/// Valid forever; anchored to genesis.
	#[cfg(test)]
	pub fn immortal(genesis: [u8; 32]) -> Self {
		Self { encoded: vec![0], birth_hash: genesis }
	}

	/// Valid for about `period` blocks from block `current` (whose hash is `current_hash`), as
	/// `sp_runtime::generic::Era::mortal(period, current)`. The birth block of such an era is
	/// `current` itself as long as `period <= 4096` (no phase quantization).
	pub fn mortal(period: u64, current: u64, current_hash: [u8; 32]) -> Self {
		let period = period.checked_next_power_of_two().unwrap_or(1 << 16).clamp(4, 1 << 16);
		let phase = current % period;
		let quantize_factor = (period >> 12).max(1);
		let quantized_phase = phase / quantize_factor * quantize_factor;
		let encoded = (period.trailing_zeros() - 1).clamp(1, 15) as u16
			| ((quantized_phase / quantize_factor) << 4) as u16;
		assert_eq!(quantize_factor, 1, "periods above 4096 would move the birth block");
		Self { encoded: encoded.to_le_bytes().to_vec(), birth_hash: current_hash }
	}

	/// The period `signed_extrinsic()` in node/src/benchmarking.rs uses:
	/// `BLOCK_HASH_COUNT.next_power_of_two() / 2` = 2048 for the runtime's 2400.
	pub const NODE_PERIOD: u64 = 2048;
}

/// Signs `call` by `pair` with `nonce` and a zero tip; returns the encoded extrinsic.
pub fn sign(chain: &Chain, era: &Era, pair: &sr25519::Pair, nonce: u32, call: &[u8]) -> Vec<u8> {
	// Explicit: era, nonce, tip, metadata-hash mode.
	let mut explicit = era.encoded.clone();
	Compact(nonce).encode_to(&mut explicit);
	Compact(0u128).encode_to(&mut explicit);
	explicit.push(0);

	let mut payload = Vec::with_capacity(call.len() + explicit.len() + 80);
	payload.extend_from_slice(call);
	payload.extend_from_slice(&explicit);
	payload.extend_from_slice(&chain.spec_version.to_le_bytes());
	payload.extend_from_slice(&chain.tx_version.to_le_bytes());
	payload.extend_from_slice(&chain.genesis);
	payload.extend_from_slice(&era.birth_hash);
	payload.push(0); // CheckMetadataHash: no metadata hash.
	let signature =
		if payload.len() > 256 { pair.sign(&blake2_256(&payload)) } else { pair.sign(&payload) };

	let mut body = Vec::with_capacity(1 + 33 + 65 + explicit.len() + call.len());
	body.push(0x84); // version 4, signed
	body.push(0x00); // MultiAddress::Id
	body.extend_from_slice(pair.public().as_ref());
	body.push(0x01); // MultiSignature::Sr25519
	body.extend_from_slice(signature.as_ref());
	body.extend_from_slice(&explicit);
	body.extend_from_slice(call);

	let mut ext = Compact(body.len() as u32).encode();
	ext.extend_from_slice(&body);
	ext
}

/// The hash the node reports for an extrinsic (`author_submitExtrinsic`): blake2-256 of its
/// encoding, length prefix included.
pub fn hash(ext: &[u8]) -> [u8; 32] {
	blake2_256(ext)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn mortal_era_matches_sp_runtime() {
		// sp_runtime's own test vector: Era::mortal(64, 42) encodes as [5 + 42 % 16 * 16, 42 / 16].
		let e = Era::mortal(64, 42, [0; 32]);
		assert_eq!(e.encoded, vec![5 + 42 % 16 * 16, 42 / 16]);
		// The node's period: 2048 = 2^11 → low nibble 10; phase 1000.
		let e = Era::mortal(Era::NODE_PERIOD, 1000, [0; 32]);
		assert_eq!(u16::from_le_bytes([e.encoded[0], e.encoded[1]]), 10 | (1000 << 4));
	}

	#[test]
	fn extrinsic_layout() {
		let chain = Chain { genesis: [1; 32], spec_version: 100, tx_version: 1 };
		let pair = sr25519::Pair::from_seed(&[7; 32]);
		let call = [22u8, 6, 0, 0, 0, 0, 1, 0, 0, 0];
		let ext = sign(&chain, &Era::immortal(chain.genesis), &pair, 0, &call);
		// 1 version + 33 address + 65 signature + 1 era + 1 nonce + 1 tip + 1 mode + 10 call =
		// 113, after a two-byte compact length.
		let mut input = &ext[..];
		let len = <Compact<u32> as codec::Decode>::decode(&mut input).unwrap().0;
		assert_eq!((len, ext.len()), (113, 115));
		assert_eq!(ext[2], 0x84);
		assert_eq!(&ext[ext.len() - call.len()..], &call);
	}
}
