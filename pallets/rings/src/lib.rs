//! # Anonymity rings (匿名环)
//!
//! An anonymous ballot or survey answer (issue 19; design in `docs/anonymous-ballots.md`) is a
//! ring-VRF proof that its sender holds one of the member keys of a **ring**, without saying
//! which. This pallet fixes those rings: when an anonymous item (a procurement project, a needs
//! survey) opens, its pallet calls [`AnonymousRings::open`](gongzhi_primitives::anon::AnonymousRings::open)
//! and this pallet
//! 1. **collects** the item's members: the residents of its scope registered there, with a member
//!    key, before the block it opened, each with the key in force then
//!    ([`CommunityRegistry::member_keys_in`](gongzhi_primitives::CommunityRegistry::member_keys_in),
//!    a bounded page at a time), into [`Members`], in the registry's order;
//! 2. **splits** them into `ceil(eligible / MaxRingSize)` rings by the rule of
//!    [`RingSplit`](gongzhi_primitives::anon::RingSplit) — the member at position `i` in ring
//!    `i mod rings` — each ring in the smallest domain that holds it;
//! 3. **builds** each ring ([`ItemRings`]), a bounded number of keys per step, and fixes its root.
//!
//! The steps run in [`Hooks::on_idle`] with the block's spare weight, and in
//! [`Pallet::build_rings`], which anyone may call to go faster: it costs its sender nothing when it
//! does some of the work (and pays when there is none to do). Items are served in the order they
//! opened ([`Pending`]). An item's pallet refuses anonymous actions until
//! [`AnonymousRings::rings_ready`](gongzhi_primitives::anon::AnonymousRings::rings_ready) says its
//! rings are fixed; it lets its window for that: building costs about 1 ms of weight per key.
//!
//! ## What anyone can check
//! Everything is public: [`Members`] lists an item's keys in order, so anyone recomputes each
//! ring's members ([`Pallet::ring_members`]), rebuilds its root and compares it with [`ItemRings`]; the
//! events say how many members each ring has (its anonymity set). The keys name no one, but
//! pallet-community's `MemberKeyOwners` does: a ring is public, the alias that voted is not.
//!
//! ## Membership, exactly
//! A resident is a member of an item opened at block `b` in scope `s` when, at the step that
//! collects them (from block `b` on), they live in `s` and were registered there before `b`, and
//! they had set a member key before `b` (the key they then had is the one collected, even if they
//! changed it since). A resident who moved or was retired after `b` is not a member — the same
//! rule as an open ballot's (`registered_before`), since a move restarts a resident's registration.
//! A key set at or after `b` is never in the item's rings: the late registrant can't prove.
//!
//! ## Bounds
//! At most `MaxPending` items are being built at once; an item may have at most
//! `MaxRings × MaxRingSize` residents in scope when it opens (`TooManyResidents`); a step handles
//! at most `MaxKeysPerStep` keys; `MaxRingSize` is at most 767 (domain 2^12), since only the
//! 2^11 and 2^12 builder parameters are embedded ([`builder`]).
//!
//! ## After the item
//! When an item's pallet has reaped the item's anonymous actions (its retention period over), it
//! asks this pallet to forget the item
//! ([`AnonymousRings::forget`](gongzhi_primitives::anon::AnonymousRings::forget)), a bounded
//! number of records per call, in the same calls that reap: the member pages and rings go, the
//! item's summary in [`Items`] (scope, opening block, how many members in how many rings) stays.
//! So what the chain keeps per anonymous item over its life is bounded by that summary.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod builder;
#[cfg(any(feature = "runtime-benchmarks", test))]
pub mod fixtures;
mod impls;
mod types;
pub use types::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use gongzhi_primitives::{anon::ItemRef, CommunityRegistry, MemberKey};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who lives where and holds which member key (pallet-community).
		type Registry: CommunityRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The most members a ring has (767: domain 2^12; at most 767). An item with more
		/// members is split into several rings.
		#[pallet::constant]
		type MaxRingSize: Get<u32>;

		/// The most rings an item may have: with `MaxRingSize`, the most residents an item's
		/// scope may hold when it opens.
		#[pallet::constant]
		type MaxRings: Get<u32>;

		/// The most items whose rings are being built at once.
		#[pallet::constant]
		type MaxPending: Get<u32>;

		/// The most keys one build step collects or pushes (bounds a step's weight).
		#[pallet::constant]
		type MaxKeysPerStep: Get<u32>;

		/// Weights of this pallet's calls and steps.
		type WeightInfo: WeightInfo;
	}

	/// Each anonymous item whose rings were opened: its scope, opening block, stage and counts
	/// (kept, as the item's summary, after its rings are forgotten).
	#[pallet::storage]
	pub type Items<T: Config> = StorageMap<_, Twox64Concat, ItemRef, ItemRecordOf<T>>;

	/// The members of each item, in the order they were collected: page `p` holds positions
	/// `p × 64` to `p × 64 + 63`. Complete once the item's stage is past `Collecting`; removed
	/// when the item is forgotten.
	#[pallet::storage]
	pub type Members<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ItemRef,
		Twox64Concat,
		u32,
		BoundedVec<MemberKey, ConstU32<MEMBERS_PAGE>>,
	>;

	/// Each ring of each item: its domain, its number of members and, once built, its root;
	/// removed when the item is forgotten.
	#[pallet::storage]
	pub type ItemRings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ItemRef, Twox64Concat, u32, RingRecord>;

	/// The items whose rings are being built, in the order they were opened, each with its
	/// opening block: an item's members are collected from that block on (an item may be opened
	/// for a later block: a survey opens its rings when it is created, for its first day).
	#[pallet::storage]
	pub type Pending<T: Config> =
		StorageValue<_, BoundedVec<(ItemRef, BlockNumberFor<T>), T::MaxPending>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The rings of `item` are opened: its members are being collected (开始确定匿名环).
		RingsOpened {
			/// The item.
			item: ItemRef,
			/// Its scope.
			scope: gongzhi_primitives::Scope,
			/// The block it opened: members registered, with a key, before it.
			opened_at: BlockNumberFor<T>,
		},
		/// Every member of `item` is collected: `eligible` of them, in `rings` rings.
		MembersCollected {
			/// The item.
			item: ItemRef,
			/// How many members it has.
			eligible: u32,
			/// Into how many rings they are split.
			rings: u32,
		},
		/// Ring `ring` of `item` is fixed: `size` members (its anonymity set) in `domain`.
		RingFixed {
			/// The item.
			item: ItemRef,
			/// The ring.
			ring: u32,
			/// How many members it has.
			size: u32,
			/// Its domain.
			domain: gongzhi_primitives::anon::RingDomain,
		},
		/// Every ring of `item` is fixed: anonymous actions may start (匿名环已确定).
		RingsReady {
			/// The item.
			item: ItemRef,
			/// How many rings it has (0: nobody was eligible).
			rings: u32,
		},
		/// Every ring and member page of `item` is removed: its pallet has reaped its anonymous
		/// actions. Its summary stays in [`Items`] (匿名环记录已清除).
		RingsForgotten {
			/// The item.
			item: ItemRef,
		},
		/// Ring `ring` of `item` could not be built: the item takes no anonymous action. Should
		/// never happen (keys are checked when set); it stops the item, not the queue.
		RingsFailed {
			/// The item.
			item: ItemRef,
			/// The ring that failed.
			ring: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The item's rings were opened already.
		AlreadyOpened,
		/// More residents live in the item's scope than `MaxRings × MaxRingSize`.
		TooManyResidents,
		/// `MaxPending` items are being built already; try again when one is ready.
		TooManyPending,
		/// No such item's rings were opened.
		UnknownItem,
		/// The item's rings are fixed already (or failed): there is nothing left to build.
		NothingToBuild,
		/// The item opens in a later block: its members can't be collected before then.
		NotOpenYet,
		/// A step must handle at least 1 and at most `MaxKeysPerStep` keys.
		StepSizeOutOfRange,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Builds the pending items' rings, oldest first, with the block's spare weight.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::build_with(remaining)
		}

		fn integrity_test() {
			let max = T::MaxRingSize::get();
			assert!(
				(1..=767).contains(&max),
				"MaxRingSize: 1 to 767 (the 2^11 and 2^12 domains are the ones embedded)"
			);
			assert!(T::MaxRings::get() >= 1, "an item must be able to have a ring");
			assert!(T::MaxPending::get() >= 1, "an item must be able to open");
			assert!(T::MaxKeysPerStep::get() >= 1, "a step must make progress");
			assert!(
				T::MaxRings::get().checked_mul(max).is_some(),
				"MaxRings × MaxRingSize must fit a u32"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Does one build step of `item`'s rings: collects up to `max_keys` of its members, or
		/// pushes up to `max_keys` keys into the ring being built (fixing it when it is full).
		/// Anyone may call it, to fix an item's rings sooner than the blocks' spare weight
		/// would: it is free when it does some work, and pays otherwise.
		///
		/// Fails if `max_keys` is 0 or above `MaxKeysPerStep` (`StepSizeOutOfRange`), if no such
		/// item was opened (`UnknownItem`), if it opens in a later block (`NotOpenYet`), or if its
		/// rings are fixed already (`NothingToBuild`).
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::step_weight(*max_keys))]
		pub fn build_rings(
			origin: OriginFor<T>,
			item: ItemRef,
			max_keys: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_build_rings(item, max_keys)
		}
	}
}
