//! The ring-VRF suite the chain verifies with: `verifiable` 0.4.1's bandersnatch ring VRF
//! (`BandersnatchSha512Ell2`, the suite residents prove with), computed on the curve types of
//! `sp-crypto-ec-utils`, whose expensive operations call the node's elliptic-curve host functions
//! (RFC-0163: `ext_host_calls_bls12_381_*` and `ext_host_calls_ed_on_bls12_381_bandersnatch_*`)
//! instead of running in wasm.
//!
//! ## Same suite, other arithmetic
//! Everything a proof commits to is taken from the reference suite, never restated: the suite id,
//! the transcript, hash-to-curve (delegated, then moved onto the hooked curve), the blinding,
//! accumulator and padding points, the VRF input domain and every encoded size. Only the curve
//! types differ — the same curves (bandersnatch in twisted Edwards form, BLS12-381) with the same
//! fields, whose multi-scalar multiplications, scalar multiplications and pairing steps are
//! computed by the host. Keys, ring roots, partial rings, proofs and aliases are byte-for-byte
//! the reference suite's; `tests` below check it on proofs and rings made by the reference prover.
//!
//! ## Where it runs
//! In a native build (the node's own code, every `cargo test`) a host call is a plain function
//! call. In the wasm runtime, the node must provide the host functions: `gongzhi-node` adds
//! [`sp_crypto_ec_utils::bls12_381::host_calls::HostFunctions`] and
//! [`sp_crypto_ec_utils::ed_on_bls12_381_bandersnatch::host_calls::HostFunctions`] to its
//! executor, and smoldot ≥ 3.4 implements them, so the residents' light clients run this runtime.
//! A node without them can't run it: ship the node before the runtime that imports them.

use alloc::borrow::Cow;
use spin::Once;
use verifiable::ring::{
	ark_vrf::{
		pedersen::PedersenSuite,
		ring::{PcsVerifierParams, RingContext, RingSuite},
		AffinePoint, Suite,
	},
	bandersnatch::BandersnatchSha512Ell2 as Reference,
	make_canonical_pcs_vk, make_empty_members_set, make_ring_context, Bls12_381Params, MembersSet,
	RingDomainSize, RingSuiteExt, RingVrfVerifiable, VerifierCache,
};

/// Bandersnatch ring VRF with host-accelerated curve arithmetic: the reference suite
/// (`BandersnatchSha512Ell2`) on `sp-crypto-ec-utils`' hooked curves.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub struct HostedBandersnatch;

/// `verifiable`'s `GenerateVerifiable` over [`HostedBandersnatch`]: what the chain checks member
/// keys, their proofs of possession and ring proofs with, and builds rings with.
pub type HostedVrf = RingVrfVerifiable<HostedBandersnatch>;

/// A point of the reference suite's curve, moved onto the hooked curve (same field, same
/// coordinates).
const fn hosted(point: AffinePoint<Reference>) -> AffinePoint<HostedBandersnatch> {
	AffinePoint::<HostedBandersnatch>::new_unchecked(point.x, point.y)
}

impl Suite for HostedBandersnatch {
	const SUITE_ID: &'static [u8] = <Reference as Suite>::SUITE_ID;
	type Affine = sp_crypto_ec_utils::ed_on_bls12_381_bandersnatch::EdwardsAffine;
	type Transcript = <Reference as Suite>::Transcript;

	fn data_to_point(data: &[u8]) -> Option<AffinePoint<Self>> {
		// Hash-to-curve is field arithmetic (no host call to gain); the reference computes it.
		Reference::data_to_point(data).map(hosted)
	}
}

impl PedersenSuite for HostedBandersnatch {
	const BLINDING_BASE: AffinePoint<Self> = hosted(<Reference as PedersenSuite>::BLINDING_BASE);
}

impl RingSuite for HostedBandersnatch {
	type Pairing = sp_crypto_ec_utils::bls12_381::Bls12_381;

	const ACCUMULATOR_BASE: AffinePoint<Self> = hosted(<Reference as RingSuite>::ACCUMULATOR_BASE);
	const PADDING: AffinePoint<Self> = hosted(<Reference as RingSuite>::PADDING);
}

impl RingSuiteExt for HostedBandersnatch {
	const VRF_INPUT_DOMAIN: &[u8] = <Reference as RingSuiteExt>::VRF_INPUT_DOMAIN;
	const PUBLIC_KEY_SIZE: usize = <Reference as RingSuiteExt>::PUBLIC_KEY_SIZE;
	const MEMBERS_SET_SIZE: usize = <Reference as RingSuiteExt>::MEMBERS_SET_SIZE;
	const MEMBERS_COMMITMENT_SIZE: usize = <Reference as RingSuiteExt>::MEMBERS_COMMITMENT_SIZE;
	const STATIC_CHUNK_SIZE: usize = <Reference as RingSuiteExt>::STATIC_CHUNK_SIZE;
	const SIGNATURE_SIZE: usize = <Reference as RingSuiteExt>::SIGNATURE_SIZE;
	const RING_PROOF_SIZE: usize = <Reference as RingSuiteExt>::RING_PROOF_SIZE;
	const VRF_OUTPUT_SIZE: usize = <Reference as RingSuiteExt>::VRF_OUTPUT_SIZE;

	type CurveParams = Bls12_381Params;
	type PublicKeyBytes = [u8; 32];
	type SignatureBytes = [u8; 64];
	type VerifierCache = HostedCache;

	// Native builds only (`verifiable`'s `std` brings its prover): proofs are made by residents
	// with the reference suite; this one is never asked to prove, so nothing is cached for it.
	#[cfg(feature = "std")]
	type ProverCache = ();
}

/// The verifier's per-domain values, computed once per runtime instance (a block's execution, a
/// transaction's validation) rather than once per proof.
pub struct HostedCache;

impl VerifierCache<HostedBandersnatch> for HostedCache {
	fn ring_context(domain: RingDomainSize) -> Cow<'static, RingContext<HostedBandersnatch>> {
		static CONTEXTS: [Once<RingContext<HostedBandersnatch>>; RingDomainSize::VARIANTS.len()] =
			[const { Once::new() }; RingDomainSize::VARIANTS.len()];
		Cow::Borrowed(CONTEXTS[domain as usize].call_once(|| make_ring_context(domain)))
	}

	fn verifier_params() -> PcsVerifierParams<HostedBandersnatch> {
		static PARAMS: Once<PcsVerifierParams<HostedBandersnatch>> = Once::new();
		PARAMS.call_once(make_canonical_pcs_vk::<HostedBandersnatch>).clone()
	}

	fn empty_members_set(domain: RingDomainSize) -> MembersSet<HostedBandersnatch> {
		static EMPTY: [Once<MembersSet<HostedBandersnatch>>; RingDomainSize::VARIANTS.len()] =
			[const { Once::new() }; RingDomainSize::VARIANTS.len()];
		EMPTY[domain as usize].call_once(|| make_empty_members_set(domain)).clone()
	}
}

#[cfg(test)]
mod tests {
	//! Wire compatibility with the reference suite, on what residents make with it.
	use super::*;
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use verifiable::{
		ring::{ark_vrf::ring::SrsLookup, ring_verifier_builder_params, StaticChunk},
		GenerateVerifiable,
	};

	type Ref = verifiable::ring::bandersnatch::BandersnatchVrfVerifiable;
	type Hosted = HostedVrf;

	fn entropy(i: u8) -> [u8; 32] {
		[i.wrapping_add(7); 32]
	}

	fn secrets(n: u8) -> Vec<<Ref as GenerateVerifiable>::Secret> {
		(0..n).map(|i| Ref::new_secret(entropy(i))).collect()
	}

	/// `keys` pushed into an empty ring of `domain` through suite `S`, with the crate's builder
	/// parameters: the empty ring, the partial ring and the root, SCALE-encoded.
	fn ring<S: RingSuiteExt<PublicKeyBytes = [u8; 32]>>(
		domain: RingDomainSize,
		keys: &[[u8; 32]],
	) -> [Vec<u8>; 3] {
		let params = ring_verifier_builder_params::<S>(domain);
		let mut set = RingVrfVerifiable::<S>::start_members(domain);
		let empty = set.encode();
		RingVrfVerifiable::<S>::push_members(&mut set, keys.iter().copied(), |range| {
			(&params).lookup(range).map(|v| v.into_iter().map(StaticChunk).collect()).ok_or(())
		})
		.unwrap();
		let partial = set.encode();
		[empty, partial, RingVrfVerifiable::<S>::finish_members(set).encode()]
	}

	#[test]
	fn member_keys_and_signatures_check_alike() {
		for secret in secrets(4) {
			let key = Ref::member_from_secret(&secret);
			assert!(Hosted::is_member_valid(&key));
			let signature = Ref::sign(&secret, b"gongzhi").unwrap();
			assert!(Hosted::verify_signature(&signature, b"gongzhi", &key));
			assert!(!Hosted::verify_signature(&signature, b"gongzhj", &key));
		}
		assert!(!Hosted::is_member_valid(&[0u8; 32]));
		let mut identity = [0u8; 32];
		identity[0] = 1;
		assert!(!Hosted::is_member_valid(&identity));
	}

	/// A point of the curve outside the prime-order subgroup decodes, and only the subgroup
	/// check — a scalar multiplication, done by the host here — tells it from a key.
	#[test]
	fn a_point_outside_the_subgroup_is_no_key() {
		use verifiable::ring::ark_vrf::reexports::ark_serialize::{
			CanonicalDeserialize, CanonicalSerialize, Validate,
		};
		let key = Ref::member_from_secret(&secrets(1)[0]);
		let point = AffinePoint::<Reference>::deserialize_compressed(&key[..]).unwrap();
		// P + (0, -1), the point of order 2: (-x, -y), on the curve, not in the subgroup.
		let shifted = AffinePoint::<Reference>::new_unchecked(-point.x, -point.y);
		let mut bytes = [0u8; 32];
		shifted.serialize_compressed(&mut bytes[..]).unwrap();
		assert!(AffinePoint::<Reference>::deserialize_with_mode(
			&bytes[..],
			verifiable::ring::ark_vrf::reexports::ark_serialize::Compress::Yes,
			Validate::No
		)
		.is_ok_and(|p| p.is_on_curve() && !p.is_in_correct_subgroup_assuming_on_curve()));
		assert!(!Ref::is_member_valid(&bytes));
		assert!(!Hosted::is_member_valid(&bytes));
	}

	#[test]
	fn rings_are_built_to_the_same_bytes() {
		let keys: Vec<_> = secrets(9).iter().map(Ref::member_from_secret).collect();
		for domain in [RingDomainSize::Domain11, RingDomainSize::Domain12] {
			assert_eq!(ring::<Reference>(domain, &keys), ring::<HostedBandersnatch>(domain, &keys));
		}
	}

	#[test]
	fn reference_proofs_verify_to_the_same_alias() {
		let secrets = secrets(5);
		let keys: Vec<_> = secrets.iter().map(Ref::member_from_secret).collect();
		let domain = RingDomainSize::Domain11;
		let [_, _, root] = ring::<Reference>(domain, &keys);
		let reference_root = <Ref as GenerateVerifiable>::Members::decode(&mut &root[..]).unwrap();
		let hosted_root = <Hosted as GenerateVerifiable>::Members::decode(&mut &root[..]).unwrap();
		let commitment = Ref::open(domain, &keys[3], keys.iter().copied()).unwrap();
		let (made, alias) = Ref::create(commitment, &secrets[3], b"item", b"ballot").unwrap();
		assert_eq!(Ref::validate(domain, &made, &reference_root, b"item", b"ballot"), Ok(alias));
		let proof = <Hosted as GenerateVerifiable>::Proof::try_from(made.into_inner()).unwrap();
		assert_eq!(Hosted::validate(domain, &proof, &hosted_root, b"item", b"ballot"), Ok(alias));
		// What the reference refuses, the hosted suite refuses.
		assert!(Hosted::validate(domain, &proof, &hosted_root, b"item", b"ballos").is_err());
		assert!(Hosted::validate(domain, &proof, &hosted_root, b"other", b"ballot").is_err());
		let mut bent = proof.into_inner();
		bent[40] ^= 1;
		let bent = <Hosted as GenerateVerifiable>::Proof::try_from(bent).unwrap();
		assert!(Hosted::validate(domain, &bent, &hosted_root, b"item", b"ballot").is_err());
		// The alias is the VRF output of the context alone, from the same secret.
		assert_eq!(Hosted::alias_in_context(&Hosted::new_secret(entropy(3)), b"item"), Ok(alias));
	}
}
