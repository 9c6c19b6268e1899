//! Thin helpers over crates.io `verifiable` 0.4.1 (bandersnatch ring VRF) for the issue-19 spike.
//!
//! The on-chain shape mirrors polkadot-sdk's `pallet-people`: a ring is built incrementally
//! (`start_members` → `push_members`… → `finish_members`) from 32-byte member keys, with the
//! static SRS chunks served by a `lookup` closure (on chain: chunks stored at genesis); the
//! finished `Members` commitment (288 bytes) is what a verifier needs.

use std::sync::OnceLock;

pub use verifiable::ring::bandersnatch::BandersnatchVrfVerifiable as V;
pub use verifiable::ring::RingDomainSize;
use verifiable::{
	ring::{
		ark_vrf::{ring::SrsLookup, suites::bandersnatch::BandersnatchSha512Ell2 as Suite},
		ring_verifier_builder_params, StaticChunk,
	},
};
pub use verifiable::{Alias, Error, GenerateVerifiable};

pub type Member = <V as GenerateVerifiable>::Member;
pub type Secret = <V as GenerateVerifiable>::Secret;
pub type Members = <V as GenerateVerifiable>::Members;
pub type Intermediate = <V as GenerateVerifiable>::Intermediate;
pub type Proof = <V as GenerateVerifiable>::Proof;
pub type Chunk = <V as GenerateVerifiable>::StaticChunk;

/// Every domain the crate supports, with its ring capacity.
pub const DOMAINS: [RingDomainSize; 3] =
	[RingDomainSize::Domain11, RingDomainSize::Domain12, RingDomainSize::Domain16];

pub fn capacity(d: RingDomainSize) -> usize {
	d.max_ring_size::<Suite>()
}

/// The smallest domain whose ring holds `n` members.
pub fn domain_for(n: usize) -> Option<RingDomainSize> {
	DOMAINS.into_iter().find(|d| capacity(*d) >= n)
}

/// Deterministic entropy for test member `i` (a resident's app would use 32 random bytes).
pub fn entropy(i: u32) -> [u8; 32] {
	let mut e = [0x5au8; 32];
	e[..4].copy_from_slice(&i.to_le_bytes());
	e[31] = 0x19;
	e
}

pub fn secret(i: u32) -> Secret {
	V::new_secret(entropy(i))
}

pub fn member(s: &Secret) -> Member {
	V::member_from_secret(s)
}

pub fn members(n: u32) -> (Vec<Secret>, Vec<Member>) {
	let secrets: Vec<_> = (0..n).map(secret).collect();
	let keys = secrets.iter().map(member).collect();
	(secrets, keys)
}

fn builder_params(d: RingDomainSize) -> &'static verifiable::ring::ark_vrf::ring::RingBuilderPcsParams<Suite> {
	static CELLS: [OnceLock<verifiable::ring::ark_vrf::ring::RingBuilderPcsParams<Suite>>; 3] =
		[OnceLock::new(), OnceLock::new(), OnceLock::new()];
	let i = DOMAINS.iter().position(|x| *x == d).unwrap();
	CELLS[i].get_or_init(|| ring_verifier_builder_params::<Suite>(d))
}

/// The `lookup` a chain gives `push_members`: SRS points for a range of ring positions.
/// (pallet-people stores these chunks in storage at genesis; here they come from the crate.)
pub fn lookup(d: RingDomainSize) -> impl Fn(core::ops::Range<usize>) -> Result<Vec<Chunk>, ()> + Copy {
	let p = builder_params(d);
	move |range| p.lookup(range).map(|v| v.into_iter().map(StaticChunk).collect()).ok_or(())
}

/// Warm the crate's lazily-built caches for a domain (SRS decode, ring context, builder params).
pub fn warm(d: RingDomainSize) {
	let _ = builder_params(d);
	let (s, m) = members(1);
	let inter = start(d);
	let mut inter = inter;
	V::push_members(&mut inter, m.iter().copied(), lookup(d)).unwrap();
	let root = V::finish_members(inter);
	let (proof, _) = prove(d, &m, &s[0], b"warm", b"warm").unwrap();
	V::validate(d, &proof, &root, b"warm", b"warm").unwrap();
}

pub fn start(d: RingDomainSize) -> Intermediate {
	V::start_members(d)
}

/// Build a ring commitment from keys in one push.
pub fn build_ring(d: RingDomainSize, keys: &[Member]) -> Result<Members, Error> {
	let mut inter = V::start_members(d);
	V::push_members(&mut inter, keys.iter().copied(), lookup(d))?;
	Ok(V::finish_members(inter))
}

/// Build a ring the way a chain would if each registration pushed one key.
pub fn build_ring_incremental(d: RingDomainSize, keys: &[Member]) -> Result<Members, Error> {
	let mut inter = V::start_members(d);
	for k in keys {
		V::push_members(&mut inter, core::iter::once(*k), lookup(d))?;
	}
	Ok(V::finish_members(inter))
}

/// Resident side: open (needs every key of the ring, in ring order) then create.
pub fn prove(
	d: RingDomainSize,
	ring: &[Member],
	s: &Secret,
	context: &[u8],
	message: &[u8],
) -> Result<(Proof, Alias), Error> {
	let c = V::open(d, &member(s), ring.iter().copied())?;
	V::create(c, s, context, message)
}

pub fn verify(
	d: RingDomainSize,
	proof: &Proof,
	root: &Members,
	context: &[u8],
	message: &[u8],
) -> Result<Alias, Error> {
	V::validate(d, proof, root, context, message)
}

pub fn alias(s: &Secret, context: &[u8]) -> Alias {
	V::alias_in_context(s, context).unwrap()
}

pub fn hex(b: &[u8]) -> String {
	b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn unhex(s: &str) -> Vec<u8> {
	let s = s.trim().trim_start_matches("0x");
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}
