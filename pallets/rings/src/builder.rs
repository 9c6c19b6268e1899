//! The ring builder: `verifiable` 0.4.1's bandersnatch ring VRF (`start_members`, `push_members`,
//! `finish_members`) on host-accelerated curves (`gongzhi_primitives::ring_suite`), fed with the
//! SRS points it looks up ("static chunks") from the builder parameters of domains 2^11 and 2^12,
//! embedded in the runtime.
//!
//! ## Why the parameters are embedded, and only these two
//! `push_members` asks its `lookup` for the SRS points of the positions it fills; wrong points
//! silently give a ring that no honest proof verifies against (or worse), so the points must be
//! authenticated where they enter the chain. Here they are part of the runtime's code, which only
//! governance changes: `data/ring-builder-params-domain1{1,2}.bin` are byte-for-byte the files
//! `verifiable` 0.4.1 ships (the test `embedded_parameters_are_the_crates` compares them with the
//! crate's, and `sha256sum` gives `583ad83e…0730` and `d8006bad…00e2`). They are 48 KiB and
//! 96 KiB; the crate's own `builder-params` feature would also embed the 1.5 MiB of domain 2^16,
//! which rings of at most 767 members (`MaxRingSize`) never use. Each file is an 8-byte
//! little-endian count followed by that many uncompressed BLS12-381 G1 points of 96 bytes, so a
//! lookup decodes only the points of the range it is asked for.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use core::ops::Range;
use gongzhi_primitives::anon::{RingDomain, RingRoot};
use gongzhi_primitives::ring_suite::HostedVrf;
use verifiable::{ring::RingDomainSize, DecodeUnchecked, GenerateVerifiable};

/// The suite rings are built and proofs verified with: the residents' bandersnatch ring VRF, its
/// curve arithmetic done by the node's host functions (`gongzhi_primitives::ring_suite`).
type V = HostedVrf;
type Chunk = <V as GenerateVerifiable>::StaticChunk;
type Intermediate = <V as GenerateVerifiable>::Intermediate;

/// The length of a ring under construction (`verifiable`'s `MembersSet`, SCALE-encoded).
pub const PARTIAL_LEN: usize = 848;

/// A ring under construction, SCALE-encoded: what is kept between two build steps.
pub type PartialRing = [u8; PARTIAL_LEN];

/// The builder parameters of domain 2^11 (`verifiable` 0.4.1's file).
const PARAMS_11: &[u8] = include_bytes!("../data/ring-builder-params-domain11.bin");
/// The builder parameters of domain 2^12 (`verifiable` 0.4.1's file).
const PARAMS_12: &[u8] = include_bytes!("../data/ring-builder-params-domain12.bin");
/// Bytes of the count that opens a parameters file.
const COUNT_LEN: usize = 8;
/// Bytes of one uncompressed G1 point.
const POINT_LEN: usize = 96;

/// Why a build step failed. None of these happens with the runtime's configuration and keys
/// checked at registration; the pallet turns any of them into a failed item, never a panic.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BuildError {
	/// The domain has no embedded parameters (2^16).
	UnsupportedDomain,
	/// A stored partial ring doesn't decode.
	CorruptPartial,
	/// The builder refused the keys: one isn't a valid member key, the ring is full, or a
	/// lookup failed.
	Refused,
}

/// `verifiable`'s name for `domain`.
pub fn domain_size(domain: RingDomain) -> RingDomainSize {
	match domain {
		RingDomain::Domain11 => RingDomainSize::Domain11,
		RingDomain::Domain12 => RingDomainSize::Domain12,
		RingDomain::Domain16 => RingDomainSize::Domain16,
	}
}

/// The embedded parameters of `domain`, if any.
fn params(domain: RingDomain) -> Option<&'static [u8]> {
	match domain {
		RingDomain::Domain11 => Some(PARAMS_11),
		RingDomain::Domain12 => Some(PARAMS_12),
		RingDomain::Domain16 => None,
	}
}

/// Whether rings of `domain` can be built here.
pub fn supports(domain: RingDomain) -> bool {
	params(domain).is_some()
}

/// The static chunks of positions `range` of `domain`'s parameters; `Err` past their end. The
/// shape is the one `push_members` asks its lookup for.
#[allow(clippy::result_unit_err)]
pub fn lookup(domain: RingDomain, range: Range<usize>) -> Result<Vec<Chunk>, ()> {
	let data = params(domain).ok_or(())?;
	let count = u64::from_le_bytes(data[..COUNT_LEN].try_into().map_err(|_| ())?) as usize;
	if range.end > count || range.start > range.end {
		return Err(());
	}
	range
		.map(|i| {
			let at = COUNT_LEN + i * POINT_LEN;
			let mut point = data.get(at..at + POINT_LEN).ok_or(())?;
			// The runtime's own constant data, compared with the crate's by a test.
			Chunk::decode_unchecked(&mut point).map_err(|_| ())
		})
		.collect()
}

/// An empty ring of `domain`.
pub fn start(domain: RingDomain) -> Result<PartialRing, BuildError> {
	if !supports(domain) {
		return Err(BuildError::UnsupportedDomain);
	}
	encode_partial(&V::start_members(domain_size(domain)))
}

/// `partial` with `keys` appended, in order.
pub fn push(
	domain: RingDomain,
	partial: &PartialRing,
	keys: impl Iterator<Item = [u8; 32]>,
) -> Result<PartialRing, BuildError> {
	let mut set = decode_partial(partial)?;
	V::push_members(&mut set, keys, |range| lookup(domain, range))
		.map_err(|_| BuildError::Refused)?;
	encode_partial(&set)
}

/// The root of the finished ring `partial`: what proofs are verified against.
pub fn finish(partial: &PartialRing) -> Result<RingRoot, BuildError> {
	let root = V::finish_members(decode_partial(partial)?).encode();
	root.try_into().map_err(|_| BuildError::CorruptPartial)
}

/// What a runtime instance computes before its first verification at `domain` and keeps for the
/// rest of its life (`ring_suite::HostedCache`): the verifier's ring context and the KZG
/// verifier key, computed afresh here for the benchmark that prices them.
#[cfg(feature = "runtime-benchmarks")]
pub fn fresh_verifier_context(domain: RingDomain) {
	use gongzhi_primitives::ring_suite::HostedBandersnatch as S;
	let context = verifiable::ring::make_ring_context::<S>(domain_size(domain));
	let key = verifiable::ring::make_canonical_pcs_vk::<S>();
	core::hint::black_box((context, key));
}

/// Decodes a partial ring this pallet stored (unchecked: it was built here).
fn decode_partial(partial: &PartialRing) -> Result<Intermediate, BuildError> {
	Intermediate::decode_unchecked(&mut &partial[..]).map_err(|_| BuildError::CorruptPartial)
}

fn encode_partial(set: &Intermediate) -> Result<PartialRing, BuildError> {
	set.encode().try_into().map_err(|_| BuildError::CorruptPartial)
}

/// The alias of a valid `proof` over `message`, by a member of the fixed ring `root` of `domain`,
/// in `context`; `None` if it doesn't verify (or isn't a proof, or `root` isn't a ring).
pub fn verify(
	domain: RingDomain,
	root: &RingRoot,
	context: &[u8; 32],
	proof: &[u8],
	message: &[u8; 32],
) -> Option<[u8; 32]> {
	// A root this pallet fixed; decoding it checks the points anyway (~1 ms in wasm, §0).
	let members = <V as GenerateVerifiable>::Members::decode(&mut &root[..]).ok()?;
	let proof = <V as GenerateVerifiable>::Proof::try_from(proof.to_vec()).ok()?;
	V::validate(domain_size(domain), &proof, &members, context, message).ok()
}
