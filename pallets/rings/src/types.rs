//! The records this pallet stores.

use crate::builder::PartialRing;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	anon::{RingDomain, RingRoot},
	KeyCursor, Scope,
};
use scale_info::TypeInfo;

/// How many member keys a page of [`Members`](crate::Members) holds (2 KiB).
pub const MEMBERS_PAGE: u32 = 64;

/// Where an item's rings stand.
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
pub enum Stage {
	/// Its members are being collected; the next page starts after `after` (`None`: from the
	/// start).
	Collecting {
		/// The last resident read so far.
		after: Option<KeyCursor>,
	},
	/// Ring `ring` is being built; the rings before it are fixed.
	Building {
		/// The ring being built.
		ring: u32,
	},
	/// Every ring is fixed.
	Ready,
	/// A ring could not be built: the item takes no anonymous action.
	Failed,
	/// Its pallet reaped its anonymous actions; its records are being removed, last first:
	/// `rings` ring records and `pages` member pages remain. It takes no anonymous action.
	Forgetting {
		/// Ring records left (rings `0..rings`).
		rings: u32,
		/// Member pages left (pages `0..pages`).
		pages: u32,
	},
	/// Its records are gone; this summary (scope, opening block, counts) is what remains.
	Forgotten,
}

/// An anonymous item's rings ([`Items`](crate::Items)).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ItemRecord<BlockNumber> {
	/// Whose residents are its members.
	pub scope: Scope,
	/// The block it opened: members were registered, with a key, before it.
	pub opened_at: BlockNumber,
	/// Where its rings stand.
	pub stage: Stage,
	/// How many members it has (so far, while collecting).
	pub eligible: u32,
	/// How many rings they are split into (0 until every member is collected).
	pub rings: u32,
}

/// [`ItemRecord`] with the runtime's block number.
pub type ItemRecordOf<T> = ItemRecord<BlockNumberFor<T>>;

/// A ring's commitment: being built, or fixed.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum RingState {
	/// The first `included` members are in; `partial` is the ring so far.
	Building {
		/// How many of the ring's members are in.
		included: u32,
		/// The ring so far (`verifiable`'s `MembersSet`, 848 bytes).
		partial: PartialRing,
	},
	/// Every member is in: proofs are verified against `root`.
	Fixed {
		/// The ring's commitment (`verifiable`'s `MembersCommitment`, 288 bytes).
		root: RingRoot,
	},
}

/// One ring of an item ([`ItemRings`](crate::ItemRings)).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct RingRecord {
	/// The smallest domain that holds it.
	pub domain: RingDomain,
	/// How many members it has: its anonymity set.
	pub size: u32,
	/// Its commitment.
	pub state: RingState,
}
