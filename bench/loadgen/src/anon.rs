//! Ring-VRF proofs for anonymous ballots (匿名投票, issue 19), made natively in Rust with
//! crates.io `verifiable` 0.4.1 — the crate the runtime verifies with — for tests and load runs
//! that need many proofs: `gongzhi-loadgen prove` (used by `e2e/tests/15-anonymous-scale`).
//!
//! A request names one ring (its domain, its keys in ring order, its root as the chain stores
//! it) and one context (the item's), and lists ballots: each a member's 32-byte entropy (its
//! secret, as the resident app keeps it) and the message to sign. The answer is one line per
//! ballot, in the order they finish: `{"index", "alias", "proof"}`. Every proof is checked
//! natively against the chain's root before it is written, so a proof that comes out is one the
//! runtime's verifier accepts (or the runtime disagrees with its own crate).
//!
//! Cost: opening a ring (`open`: the prover key for the ring, ~0.1 s at 500 keys) is the same
//! work for every member of it but the member's position, so it is done once per ring and the
//! position set per member ([`at_position`]); `create` (~0.2–0.3 s at 2^12) runs for every
//! ballot, ballots in parallel on every core.

use crate::keys::{hex, unhex};
use codec::{Decode, Encode};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{BufRead, Write};
use verifiable::{
	ring::{
		ark_vrf::{ring::SrsLookup, suites::bandersnatch::BandersnatchSha512Ell2 as Suite},
		bandersnatch::BandersnatchVrfVerifiable as V,
		ring_verifier_builder_params, RingDomainSize, StaticChunk,
	},
	GenerateVerifiable,
};

type Member = <V as GenerateVerifiable>::Member;
type Members = <V as GenerateVerifiable>::Members;
type Commitment = <V as GenerateVerifiable>::Commitment;
type Proof = <V as GenerateVerifiable>::Proof;

/// One ring and the ballots to prove in it (the JSON read from stdin).
#[derive(Deserialize)]
pub struct Request {
	/// The ring's domain as the chain names it: `Domain11`, `Domain12` or `Domain16`.
	pub domain: String,
	/// The ring's member keys (32 bytes each, hex), in ring order.
	pub keys: Vec<String>,
	/// The ring's root as stored on chain (288 bytes, hex).
	pub root: String,
	/// The item's ring-VRF context (hex).
	pub context: String,
	/// What to prove.
	pub ballots: Vec<BallotRequest>,
}

/// One ballot to prove.
#[derive(Deserialize)]
pub struct BallotRequest {
	/// The member's entropy (32 bytes, hex): its secret.
	pub entropy: String,
	/// The message the proof signs (hex).
	pub message: String,
}

/// A proof made and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proven {
	/// The ballot's index in the request.
	pub index: usize,
	/// The member's alias in the context (what the chain stores the ballot under).
	pub alias: [u8; 32],
	/// The SCALE-free proof bytes (785), as `cast_anonymous_ballot` takes them.
	pub proof: Vec<u8>,
}

impl Proven {
	/// The answer line: `{"index":…,"alias":"0x…","proof":"0x…"}`.
	pub fn json(&self) -> String {
		serde_json::json!({ "index": self.index, "alias": hex(&self.alias), "proof": hex(&self.proof) })
			.to_string()
	}
}

fn domain(name: &str) -> Result<RingDomainSize, String> {
	match name {
		"Domain11" => Ok(RingDomainSize::Domain11),
		"Domain12" => Ok(RingDomainSize::Domain12),
		"Domain16" => Ok(RingDomainSize::Domain16),
		other => Err(format!("unknown ring domain {other} (Domain11, Domain12 or Domain16)")),
	}
}

fn fixed<const N: usize>(what: &str, s: &str) -> Result<[u8; N], String> {
	unhex(s)?.try_into().map_err(|b: Vec<u8>| format!("{what}: {} bytes, expected {N}", b.len()))
}

/// The member key of `entropy` (as the resident app derives it).
pub fn member_of(entropy: [u8; 32]) -> Member {
	V::member_from_secret(&V::new_secret(entropy))
}

/// The root of a ring of `keys` (in ring order) in `domain`, built as the chain builds it.
pub fn root_of(domain: RingDomainSize, keys: &[Member]) -> Result<Members, String> {
	let params = &ring_verifier_builder_params::<Suite>(domain);
	let lookup =
		|range| params.lookup(range).map(|v| v.into_iter().map(StaticChunk).collect()).ok_or(());
	let mut ring = V::start_members(domain);
	V::push_members(&mut ring, keys.iter().copied(), lookup)
		.map_err(|e| format!("building the ring: {e:?}"))?;
	Ok(V::finish_members(ring))
}

/// `open`'s prover state for the member at `position` of the ring `base` was opened for.
///
/// The state is `(domain size: u32, position: u32, ring prover key)`, serialized (SCALE through
/// ark, uncompressed) in that order; the prover key depends on the ring alone. A wrong layout
/// gives a proof that fails the native check in [`prove`], never a wrong proof accepted.
pub fn at_position(base: &[u8], position: u32) -> Result<Commitment, String> {
	let mut bytes = base.to_vec();
	bytes.get_mut(4..8).ok_or("prover state too short")?.copy_from_slice(&position.to_le_bytes());
	Commitment::decode(&mut &bytes[..]).map_err(|e| format!("prover state: {e}"))
}

/// Proves every ballot of `request`, calling `out` with each proof as it is made and checked
/// (from several threads, in the order they finish).
pub fn prove(request: &Request, out: impl Fn(Proven) + Sync) -> Result<(), String> {
	let domain = domain(&request.domain)?;
	let keys =
		request.keys.iter().map(|k| fixed::<32>("member key", k)).collect::<Result<Vec<_>, _>>()?;
	let root =
		Members::decode(&mut &unhex(&request.root)?[..]).map_err(|e| format!("ring root: {e}"))?;
	if root_of(domain, &keys)? != root {
		return Err(
			"the keys given do not make the ring's root (wrong order, or not this ring)".into()
		);
	}
	let context = unhex(&request.context)?;
	let Some(first) = keys.first() else { return Err("an empty ring".into()) };
	let base = V::open(domain, first, keys.iter().copied())
		.map_err(|e| format!("opening the ring: {e:?}"))?
		.encode();
	// Proving at 2^12 recurses deeper than rayon's default 2 MiB worker stacks allow.
	let pool = rayon::ThreadPoolBuilder::new()
		.stack_size(PROVER_STACK)
		.build()
		.map_err(|e| format!("prover threads: {e}"))?;
	pool.install(|| prove_all(request, domain, &keys, &root, &context, &base, &out))
}

/// Each worker's stack (the crate's prover needs more than 2 MiB at 2^12).
const PROVER_STACK: usize = 64 << 20;

fn prove_all(
	request: &Request,
	domain: RingDomainSize,
	keys: &[Member],
	root: &Members,
	context: &[u8],
	base: &[u8],
	out: &(impl Fn(Proven) + Sync),
) -> Result<(), String> {
	request.ballots.par_iter().enumerate().try_for_each(|(index, ballot)| {
		let entropy = fixed::<32>("entropy", &ballot.entropy)?;
		let message = unhex(&ballot.message)?;
		let member = member_of(entropy);
		let position = keys
			.iter()
			.position(|k| *k == member)
			.ok_or_else(|| format!("ballot {index}: its member key is not in the ring"))?;
		let commitment = at_position(base, position as u32)?;
		let (proof, alias) = V::create(commitment, &V::new_secret(entropy), context, &message)
			.map_err(|e| format!("ballot {index}: {e:?}"))?;
		match V::validate(domain, &proof, root, context, &message) {
			Ok(checked) if checked == alias => {},
			_ => return Err(format!("ballot {index}: the proof does not verify against the root")),
		}
		out(Proven { index, alias, proof: proof_bytes(&proof) });
		Ok(())
	})
}

/// A proof's bytes as the call takes them (the `BoundedVec`'s content, without its length).
fn proof_bytes(proof: &Proof) -> Vec<u8> {
	proof.to_vec()
}

/// `gongzhi-loadgen prove`: a [`Request`] as JSON on stdin, one answer line per ballot on stdout.
pub fn run() -> Result<(), String> {
	let mut input = String::new();
	for line in std::io::stdin().lock().lines() {
		input.push_str(&line.map_err(|e| format!("stdin: {e}"))?);
		input.push('\n');
	}
	let request: Request = serde_json::from_str(&input).map_err(|e| format!("request: {e}"))?;
	let stdout = std::sync::Mutex::new(std::io::stdout());
	prove(&request, |proven| {
		let mut out = stdout.lock().expect("no writer panics while holding stdout");
		// A closed pipe ends the run at the next write; nothing else to do with the error here.
		let _ = writeln!(out, "{}", proven.json()).and_then(|_| out.flush());
	})
}
