//! Anonymous items (issue 19; design in `docs/anonymous-ballots.md`): the rule that splits an
//! item's eligible residents into rings, and what a ring-VRF proof is made for (its context and
//! message). Everything here is a pure function of public chain state, so anyone — the runtime,
//! the resident app, an auditor — computes the same rings and the same bytes.
//!
//! ## The split rule (§3 of the design)
//! When an anonymous survey or project opens, its eligible residents (in scope, registered and
//! holding a member key before it opened) are sorted by [`ResidentId`](crate::ResidentId); call
//! their positions `0..eligible`. With `rings = ceil(eligible / max_ring_size)` rings, the
//! resident at position `i` belongs to ring `i mod rings`, at position `i / rings` within it. Ring
//! sizes differ by at most one, and each ring takes the smallest [`RingDomain`] that holds it.
//! The anonymity set of a vote is its ring: the larger the ring, the safer the resident, and the
//! dearer the proof.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_io::hashing::blake2_256;
use sp_runtime::DispatchResult;

/// The ring sizes `verifiable` 0.4.1's bandersnatch ring VRF supports: its domains, each with the
/// most members a ring of it holds. A proof's cost grows with the domain, not with the number of
/// members (measured: `docs/anonymous-ballots.md` §0).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum RingDomain {
	/// 2^11 points: up to 255 members.
	Domain11,
	/// 2^12 points: up to 767 members.
	Domain12,
	/// 2^16 points: up to 16,127 members.
	Domain16,
}

impl RingDomain {
	/// Every domain, smallest first.
	pub const ALL: [RingDomain; 3] =
		[RingDomain::Domain11, RingDomain::Domain12, RingDomain::Domain16];

	/// The most members a ring of this domain holds.
	pub const fn capacity(self) -> u32 {
		match self {
			RingDomain::Domain11 => 255,
			RingDomain::Domain12 => 767,
			RingDomain::Domain16 => 16_127,
		}
	}

	/// The smallest domain whose rings hold `members`, or `None` for more than the largest holds.
	pub fn smallest_for(members: u32) -> Option<RingDomain> {
		Self::ALL.into_iter().find(|d| members <= d.capacity())
	}
}

/// How an item's eligible residents are split into rings ([module docs](self)). Made only by
/// [`RingSplit::new`], so the number of rings always follows from the eligible count and the
/// maximum (never 0 rings for an eligible resident: no division by zero).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RingSplit {
	eligible: u32,
	rings: u32,
}

impl RingSplit {
	/// The split of `eligible` residents into rings of at most `max_ring_size` members. `None`
	/// when `max_ring_size` is 0 or larger than the largest domain holds (a misconfiguration).
	pub fn new(eligible: u32, max_ring_size: u32) -> Option<RingSplit> {
		if max_ring_size == 0 || RingDomain::smallest_for(max_ring_size).is_none() {
			return None;
		}
		Some(RingSplit { eligible, rings: eligible.div_ceil(max_ring_size) })
	}

	/// How many residents are eligible.
	pub fn eligible(&self) -> u32 {
		self.eligible
	}

	/// How many rings they are split into (`ceil(eligible / max_ring_size)`; 0 when nobody is).
	pub fn rings(&self) -> u32 {
		self.rings
	}

	/// The ring of the resident at `position` (in increasing resident id), with their place in
	/// that ring; `None` past the eligible.
	pub fn ring_of(&self, position: u32) -> Option<(u32, u32)> {
		(position < self.eligible).then(|| (position % self.rings, position / self.rings))
	}

	/// How many members ring `ring` has (0 for a ring that doesn't exist).
	pub fn size(&self, ring: u32) -> u32 {
		if ring >= self.rings {
			return 0;
		}
		self.eligible / self.rings + u32::from(ring < self.eligible % self.rings)
	}

	/// The position (in increasing resident id) of the `index`-th member of ring `ring`; `None`
	/// past that ring's size.
	pub fn position(&self, ring: u32, index: u32) -> Option<u32> {
		(index < self.size(ring)).then(|| index * self.rings + ring)
	}

	/// The domain ring `ring` is built in: the smallest that holds it.
	pub fn domain(&self, ring: u32) -> Option<RingDomain> {
		if ring >= self.rings {
			return None;
		}
		RingDomain::smallest_for(self.size(ring))
	}
}

/// The kind of item an anonymous action is about: its proofs' contexts never meet another kind's.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ItemKind {
	/// A procurement project's ballot.
	Procurement,
	/// A needs survey's response.
	Survey,
}

impl ItemKind {
	/// The domain tag hashed into a context.
	const fn tag(self) -> &'static [u8] {
		match self {
			ItemKind::Procurement => b"gongzhi/v1/procurement",
			ItemKind::Survey => b"gongzhi/v1/survey",
		}
	}
}

/// An anonymous item: its kind and its id in that kind's pallet (a project, a survey).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ItemRef {
	/// Procurement or survey.
	pub kind: ItemKind,
	/// The project's or survey's id.
	pub id: u32,
}

impl ItemRef {
	/// A procurement project's ballot.
	pub const fn procurement(id: u32) -> ItemRef {
		ItemRef { kind: ItemKind::Procurement, id }
	}

	/// A needs survey's responses.
	pub const fn survey(id: u32) -> ItemRef {
		ItemRef { kind: ItemKind::Survey, id }
	}

	/// This item's ring-VRF [`context`] on the chain with genesis hash `genesis`.
	pub fn context(&self, genesis: &[u8; 32]) -> [u8; 32] {
		context(self.kind, genesis, self.id)
	}
}

/// A fixed ring's commitment (`verifiable`'s `MembersCommitment`, SCALE-encoded): what a proof
/// is verified against.
pub type RingRoot = [u8; RING_ROOT_LEN];

/// The length of a [`RingRoot`].
pub const RING_ROOT_LEN: usize = 288;

/// The rings of anonymous items (pallet-rings), as the items' pallets see them.
pub trait AnonymousRings<BlockNumber> {
	/// Opens the rings of `item`: its members are the residents of `scope` registered there,
	/// with a member key, before block `at` (the block the item opens), each with the key in
	/// force then. They are collected and the rings built over the following blocks; until
	/// then [`AnonymousRings::rings_ready`] says `None`.
	fn open(item: ItemRef, scope: crate::Scope, at: BlockNumber) -> DispatchResult;

	/// What [`AnonymousRings::open`] weighs, for the call that opens an item.
	fn open_weight() -> sp_weights::Weight;

	/// `Some(rings)` once every ring of `item` is fixed (0 rings when nobody was eligible);
	/// `None` while they are being built, or for an item never opened.
	fn rings_ready(item: ItemRef) -> Option<u32>;

	/// The domain and root of ring `ring` of `item`, once that ring is fixed.
	fn ring_root(item: ItemRef, ring: u32) -> Option<(RingDomain, RingRoot)>;

	/// Verifies `proof`: a ring-VRF proof, over `message`, by a member of ring `ring` of `item`,
	/// in the item's context on this chain ([`ItemRef::context`] with the genesis hash). Returns
	/// the prover's alias in the item.
	fn verify(
		item: ItemRef,
		ring: u32,
		proof: &[u8],
		message: &[u8; 32],
	) -> Result<Alias, ProofError>;

	/// What [`AnonymousRings::verify`] weighs at most (a cold verification in the largest domain).
	fn verify_weight() -> sp_weights::Weight;

	/// Removes up to `limit` of `item`'s stored records (its member pages and rings), once its
	/// pallet needs them no more: it has reaped the item's anonymous actions. Call again until
	/// [`Forgetting::done`]; the item's summary (scope, opening block, members and rings
	/// counted) stays, and it takes no anonymous action again. Nothing to do (`done`, nothing
	/// removed) for an item never opened, or forgotten already.
	fn forget(item: ItemRef, limit: u32) -> Forgetting;

	/// What [`AnonymousRings::forget`] weighs when it removes `removed` records.
	fn forget_weight(removed: u32) -> sp_weights::Weight;

	/// Whether any of `item`'s records remain to be forgotten (false for an item never opened).
	fn remembers(item: ItemRef) -> bool;
}

/// What one [`AnonymousRings::forget`] did.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Forgetting {
	/// How many records it removed.
	pub removed: u32,
	/// Whether every record of the item is gone.
	pub done: bool,
}

impl Forgetting {
	/// Nothing removed, nothing left.
	pub fn done() -> Self {
		Forgetting { removed: 0, done: true }
	}
}

/// A resident's alias in one item: the output of their ring-VRF proofs for it. The same for every
/// proof they make for that item — the nullifier (one ballot, one response) — and unlinkable to
/// their member key and to their aliases in other items.
pub type Alias = [u8; 32];

/// The most bytes a ring-VRF proof takes (`verifiable` 0.4.1's bandersnatch proofs: 785).
pub const MAX_PROOF_LEN: u32 = 785;

/// Why [`AnonymousRings::verify`] refused a proof.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProofError {
	/// The item's rings are not fixed yet (or it has none, or they failed).
	RingsNotReady,
	/// The item has no such ring.
	UnknownRing,
	/// The proof doesn't verify: not by a member of that ring, not for that item, chain or
	/// message, or not a proof at all.
	BadProof,
}

/// The ring-VRF context of one item on one chain: `blake2_256(SCALE((tag, genesis, item)))`. A
/// resident's alias is a function of their key and the context, so they have one alias per item
/// (the nullifier: one ballot, one response) and aliases in different items, or on different
/// chains, cannot be linked.
pub fn context(kind: ItemKind, genesis: &[u8; 32], item: u32) -> [u8; 32] {
	blake2_256(&(kind.tag(), genesis, item).encode())
}

/// The message an anonymous action's proof signs: `blake2_256(SCALE((item, ring, choice, seq)))`.
/// `choice` is the call's payload (a bid index; a survey's encoded answers), `seq` the alias's
/// sequence number (0 for its first action, one more for each change), so a proof can't be moved
/// to another item, ring or choice, and a replayed earlier proof is stale.
pub fn message<C: Encode>(item: u32, ring: u32, choice: &C, seq: u32) -> [u8; 32] {
	blake2_256(&(item, ring, choice, seq).encode())
}

/// A pallet's error as the transaction pool reports a refused anonymous action:
/// `InvalidTransaction::Custom(i)`, `i` the index of the error in its pallet's `Error` enum (an
/// app turns it back into the error's name from the metadata). Anything but a pallet error is
/// `Custom(255)`.
pub fn refusal(
	error: sp_runtime::DispatchError,
) -> sp_runtime::transaction_validity::TransactionValidityError {
	let index = match error {
		sp_runtime::DispatchError::Module(module) => module.error[0],
		_ => u8::MAX,
	};
	sp_runtime::transaction_validity::InvalidTransaction::Custom(index).into()
}

/// An anonymous action whose checks against its item have passed, waiting for its proof to be
/// verified by [`authorize`]: what it claims and how long the pool may keep it.
pub struct Claim<'a, BlockNumber> {
	/// The item the action is about.
	pub item: ItemRef,
	/// The ring the prover claims to be a member of.
	pub ring: u32,
	/// The alias the action claims (its nullifier in the item).
	pub alias: &'a Alias,
	/// The alias's sequence number the action carries.
	pub seq: u32,
	/// The [`message`] the proof must sign.
	pub message: [u8; 32],
	/// The transaction pool's tag prefix for this kind of action.
	pub tag: &'static str,
	/// For how many more blocks its item takes it (the pool keeps it at least one).
	pub valid_for: BlockNumber,
}

/// The second half of a pallet's `#[pallet::authorize]` for an anonymous action, once the action
/// has passed the pallet's own checks (the first half, whose refusal is [`refusal`]): verifies
/// `proof` through `Rings`, checks that it gives the claimed alias, and returns the action's
/// validity: no priority of its own, it provides `(item id, alias, seq)` (so the pool keeps one
/// transaction per alias and step) under `claim.tag`, valid for `claim.valid_for` blocks, and
/// propagated. A refusal is the pallet's error `E` made from the [`ProofError`] (`BadProof` for a
/// proof that verifies but gives another alias), as [`refusal`] reports it.
pub fn authorize<BlockNumber, Rings, E>(
	claim: Claim<'_, BlockNumber>,
	proof: &[u8],
) -> sp_runtime::transaction_validity::TransactionValidity
where
	BlockNumber: TryInto<u64>,
	Rings: AnonymousRings<BlockNumber>,
	E: From<ProofError> + Into<sp_runtime::DispatchError>,
{
	let refuse = |e: ProofError| refusal(E::from(e).into());
	let proven = Rings::verify(claim.item, claim.ring, proof, &claim.message).map_err(refuse)?;
	if proven != *claim.alias {
		return Err(refuse(ProofError::BadProof));
	}
	sp_runtime::transaction_validity::ValidTransaction::with_tag_prefix(claim.tag)
		.and_provides((claim.item.id, claim.alias, claim.seq))
		.longevity(claim.valid_for.try_into().unwrap_or(u64::MAX).max(1))
		.propagate(true)
		.into()
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec::Vec;

	/// Rebuilds every ring by hand from the rule's words and checks the helpers against it.
	fn rings_by_hand(eligible: u32, max: u32) -> Vec<Vec<u32>> {
		let k = eligible.div_ceil(max) as usize;
		let mut rings = alloc::vec![Vec::new(); k];
		for i in 0..eligible {
			rings[i as usize % k].push(i);
		}
		rings
	}

	#[test]
	fn domains_and_their_capacities() {
		assert_eq!(RingDomain::smallest_for(0), Some(RingDomain::Domain11));
		assert_eq!(RingDomain::smallest_for(255), Some(RingDomain::Domain11));
		assert_eq!(RingDomain::smallest_for(256), Some(RingDomain::Domain12));
		assert_eq!(RingDomain::smallest_for(767), Some(RingDomain::Domain12));
		assert_eq!(RingDomain::smallest_for(768), Some(RingDomain::Domain16));
		assert_eq!(RingDomain::smallest_for(16_127), Some(RingDomain::Domain16));
		assert_eq!(RingDomain::smallest_for(16_128), None);
	}

	#[test]
	fn the_split_matches_the_rule_in_words() {
		for (eligible, max) in [
			(0, 767),
			(1, 767),
			(767, 767),
			(768, 767),
			(1_000, 767),
			(1_534, 767),
			(1_535, 767),
			(50_000, 767),
			(10, 3),
			(9, 3),
		] {
			let split = RingSplit::new(eligible, max).unwrap();
			let by_hand = rings_by_hand(eligible, max);
			assert_eq!(split.eligible(), eligible);
			assert_eq!(split.rings() as usize, by_hand.len(), "{eligible}/{max}");
			for (j, ring) in by_hand.iter().enumerate() {
				let j = j as u32;
				assert_eq!(split.size(j) as usize, ring.len());
				assert!(split.size(j) <= max, "no ring over the maximum");
				assert_eq!(split.domain(j), RingDomain::smallest_for(ring.len() as u32));
				for (index, &position) in ring.iter().enumerate() {
					assert_eq!(split.position(j, index as u32), Some(position));
					assert_eq!(split.ring_of(position), Some((j, index as u32)));
				}
				assert_eq!(split.position(j, ring.len() as u32), None);
			}
			// Sizes differ by at most one, and every eligible resident is in exactly one ring.
			let sizes: Vec<u32> = (0..split.rings()).map(|j| split.size(j)).collect();
			assert!(sizes.iter().max().unwrap_or(&0) - sizes.iter().min().unwrap_or(&0) <= 1);
			assert_eq!(sizes.iter().sum::<u32>(), eligible);
			assert_eq!(split.ring_of(eligible), None);
			assert_eq!(split.size(split.rings()), 0);
			assert_eq!(split.domain(split.rings()), None);
		}
	}

	#[test]
	fn a_thousand_residents_make_two_rings_of_five_hundred() {
		let split = RingSplit::new(1_000, 767).unwrap();
		assert_eq!((split.rings(), split.size(0), split.size(1)), (2, 500, 500));
		assert_eq!(split.domain(0), Some(RingDomain::Domain12));
	}

	#[test]
	fn a_misconfigured_maximum_is_refused() {
		assert_eq!(RingSplit::new(10, 0), None);
		assert_eq!(RingSplit::new(10, 16_128), None);
		assert!(RingSplit::new(10, 16_127).is_some());
	}

	#[test]
	fn contexts_and_messages_separate_items_kinds_chains_choices_and_sequence() {
		let genesis = [7u8; 32];
		let c = context(ItemKind::Procurement, &genesis, 1);
		assert_ne!(c, context(ItemKind::Procurement, &genesis, 2));
		assert_ne!(c, context(ItemKind::Survey, &genesis, 1));
		assert_ne!(c, context(ItemKind::Procurement, &[8u8; 32], 1));
		assert_eq!(c, context(ItemKind::Procurement, &genesis, 1));
		let m = message(1, 0, &3u32, 0);
		assert_ne!(m, message(2, 0, &3u32, 0));
		assert_ne!(m, message(1, 1, &3u32, 0));
		assert_ne!(m, message(1, 0, &4u32, 0));
		assert_ne!(m, message(1, 0, &3u32, 1));
		// The exact bytes, so the app's implementation can be checked against them.
		assert_eq!(
			c,
			blake2_256(
				&[&[88u8][..], b"gongzhi/v1/procurement", &genesis, &1u32.to_le_bytes()].concat()
			)
		);
	}
}
