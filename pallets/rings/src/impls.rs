//! How rings are opened, collected and built; the [`AnonymousRings`] the items' pallets use; the
//! view of a ring's members; the try-state check.

use crate::{builder, pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	pallet_prelude::*,
	traits::Get,
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	anon::{
		Alias, AnonymousRings, Forgetting, ItemRef, ProofError, RingDomain, RingRoot, RingSplit,
	},
	CommunityRegistry, HasEntry, MemberKey, Scope,
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// The split of `eligible` members with this runtime's `MaxRingSize` (valid: checked by
	/// `integrity_test`).
	pub fn split(eligible: u32) -> Option<RingSplit> {
		RingSplit::new(eligible, T::MaxRingSize::get())
	}

	/// The weight of a build step of at most `max_keys` keys, whichever stage it is in.
	pub fn step_weight(max_keys: u32) -> Weight {
		T::WeightInfo::collect(max_keys).max(T::WeightInfo::push(max_keys))
	}

	/// The most keys (up to `MaxKeysPerStep`) a step may handle within `budget`; 0 if not even
	/// one fits.
	pub(crate) fn keys_within(budget: Weight) -> u32 {
		if !Self::step_weight(1).all_lte(budget) {
			return 0;
		}
		let (mut fits, mut over) = (1u32, T::MaxKeysPerStep::get().saturating_add(1));
		// The weights grow with the keys: the largest that fits, by bisection.
		while over - fits > 1 {
			let mid = fits + (over - fits) / 2;
			if Self::step_weight(mid).all_lte(budget) {
				fits = mid;
			} else {
				over = mid;
			}
		}
		fits
	}

	/// Opens the rings of `item` (see [`AnonymousRings::open`]).
	pub(crate) fn do_open(item: ItemRef, scope: Scope, at: BlockNumberFor<T>) -> DispatchResult {
		ensure!(!Items::<T>::has_entry(item), Error::<T>::AlreadyOpened);
		let most = T::MaxRings::get().saturating_mul(T::MaxRingSize::get());
		ensure!(T::Registry::residents_in(scope) <= most, Error::<T>::TooManyResidents);
		Pending::<T>::try_mutate(|pending| pending.try_push((item, at)))
			.map_err(|_| Error::<T>::TooManyPending)?;
		Items::<T>::insert(
			item,
			ItemRecord {
				scope,
				opened_at: at,
				stage: Stage::Collecting { after: None },
				eligible: 0,
				rings: 0,
			},
		);
		Self::deposit_event(Event::RingsOpened { item, scope, opened_at: at });
		Ok(())
	}

	/// Builds the pending items' rings, oldest first, within `remaining`; returns the weight
	/// used.
	pub(crate) fn build_with(remaining: Weight) -> Weight {
		let read = T::DbWeight::get().reads(1);
		let mut used = Weight::zero();
		// Every step makes progress, and an item has finitely many; the bound is a safeguard.
		for _ in 0..T::MaxPending::get().saturating_mul(4).saturating_add(64) {
			let Some(budget) = remaining.checked_sub(&used.saturating_add(read)) else { break };
			let keys = Self::keys_within(budget);
			if keys == 0 {
				break;
			}
			used.saturating_accrue(read);
			let now = frame_system::Pallet::<T>::block_number();
			let Some((item, _)) = Pending::<T>::get().into_iter().find(|(_, at)| *at <= now) else {
				break;
			};
			match Self::step(item, keys) {
				Ok(weight) => used.saturating_accrue(weight),
				Err(_) => {
					// Defensive: a pending item always has work left (`try_state`).
					used.saturating_accrue(T::DbWeight::get().reads_writes(1, 1));
					Self::unqueue(item);
				},
			}
		}
		used
	}

	/// `build_rings`: one step, free when it did some work (an error pays).
	pub(crate) fn do_build_rings(item: ItemRef, max_keys: u32) -> DispatchResultWithPostInfo {
		ensure!((1..=T::MaxKeysPerStep::get()).contains(&max_keys), Error::<T>::StepSizeOutOfRange);
		let used = Self::step(item, max_keys)?;
		Ok(PostDispatchInfo { actual_weight: Some(used), pays_fee: Pays::No })
	}

	/// One build step of `item`, handling at most `max_keys` keys; returns the weight used.
	pub(crate) fn step(item: ItemRef, max_keys: u32) -> Result<Weight, DispatchError> {
		let record = Items::<T>::get(item).ok_or(Error::<T>::UnknownItem)?;
		ensure!(
			record.opened_at <= frame_system::Pallet::<T>::block_number(),
			Error::<T>::NotOpenYet
		);
		match record.stage {
			Stage::Collecting { after } => Ok(Self::collect(item, record, after, max_keys)),
			Stage::Building { ring } => Ok(Self::push(item, record, ring, max_keys)),
			Stage::Ready | Stage::Failed | Stage::Forgetting { .. } | Stage::Forgotten => {
				Err(Error::<T>::NothingToBuild.into())
			},
		}
	}

	/// Collects the next page of `item`'s members.
	fn collect(
		item: ItemRef,
		mut record: ItemRecordOf<T>,
		after: Option<gongzhi_primitives::KeyCursor>,
		max_keys: u32,
	) -> Weight {
		let page = T::Registry::member_keys_in(record.scope, record.opened_at, after, max_keys);
		let weight = T::WeightInfo::collect(page.read.max(1));
		let most = T::MaxRings::get().saturating_mul(T::MaxRingSize::get());
		let total = record.eligible.saturating_add(page.keys.len() as u32);
		if total > most || Self::append_members(item, record.eligible, &page.keys).is_err() {
			// Defensive: at most the residents in scope at opening (checked then) are members.
			Self::fail(item, record, 0);
			return weight;
		}
		record.eligible = total;
		match page.next {
			Some(next) => record.stage = Stage::Collecting { after: Some(next) },
			None => {
				let rings = Self::split(record.eligible).map_or(0, |s| s.rings());
				record.rings = rings;
				Self::deposit_event(Event::MembersCollected {
					item,
					eligible: record.eligible,
					rings,
				});
				if rings == 0 {
					record.stage = Stage::Ready;
					Self::unqueue(item);
					Self::deposit_event(Event::RingsReady { item, rings });
				} else {
					record.stage = Stage::Building { ring: 0 };
				}
			},
		}
		Items::<T>::insert(item, record);
		weight
	}

	/// Appends `keys` to `item`'s members, after the first `count`.
	pub(crate) fn append_members(item: ItemRef, count: u32, keys: &[MemberKey]) -> Result<(), ()> {
		let mut position = count;
		let mut keys = keys.iter().copied().peekable();
		while keys.peek().is_some() {
			let page = position / MEMBERS_PAGE;
			Members::<T>::try_mutate(item, page, |stored| {
				let stored = stored.get_or_insert_with(Default::default);
				while stored.len() < MEMBERS_PAGE as usize {
					let Some(key) = keys.next() else { break };
					stored.try_push(key).map_err(|_| ())?;
					position += 1;
				}
				Ok::<(), ()>(())
			})?;
		}
		Ok(())
	}

	/// Pushes the next keys into ring `ring` of `item`, fixing it when it is full.
	fn push(item: ItemRef, mut record: ItemRecordOf<T>, ring: u32, max_keys: u32) -> Weight {
		let Some((split, domain)) =
			Self::split(record.eligible).and_then(|s| Some((s, s.domain(ring)?)))
		else {
			Self::fail(item, record, ring);
			return T::WeightInfo::push(1);
		};
		let size = split.size(ring);
		let (included, partial) = match ItemRings::<T>::get(item, ring).map(|r| r.state) {
			Some(RingState::Building { included, partial }) => (included, Ok(partial)),
			_ => (0, builder::start(domain)),
		};
		let take = max_keys.min(size.saturating_sub(included));
		let weight = T::WeightInfo::push(take.max(1));
		let keys = Self::ring_keys(item, &split, ring, included..included + take);
		let pushed = match (partial, keys) {
			(Ok(partial), Some(keys)) => builder::push(domain, &partial, keys.into_iter()),
			_ => Err(builder::BuildError::CorruptPartial),
		};
		let included = included + take;
		let state = match pushed {
			Ok(partial) if included < size => RingState::Building { included, partial },
			Ok(partial) => match builder::finish(&partial) {
				Ok(root) => RingState::Fixed { root },
				Err(_) => {
					Self::fail(item, record, ring);
					return weight;
				},
			},
			Err(_) => {
				Self::fail(item, record, ring);
				return weight;
			},
		};
		let fixed = matches!(state, RingState::Fixed { .. });
		ItemRings::<T>::insert(item, ring, RingRecord { domain, size, state });
		if fixed {
			Self::deposit_event(Event::RingFixed { item, ring, size, domain });
			if ring + 1 >= record.rings {
				record.stage = Stage::Ready;
				Self::unqueue(item);
				Self::deposit_event(Event::RingsReady { item, rings: record.rings });
			} else {
				record.stage = Stage::Building { ring: ring + 1 };
			}
			Items::<T>::insert(item, record);
		}
		weight
	}

	/// The keys of members `indices` of ring `ring` of `item`, in ring order; `None` if a page
	/// is missing.
	fn ring_keys(
		item: ItemRef,
		split: &RingSplit,
		ring: u32,
		indices: core::ops::Range<u32>,
	) -> Option<Vec<MemberKey>> {
		let mut page: Option<(u32, BoundedVec<MemberKey, ConstU32<MEMBERS_PAGE>>)> = None;
		let mut keys = Vec::with_capacity(indices.len());
		for index in indices {
			let position = split.position(ring, index)?;
			let number = position / MEMBERS_PAGE;
			if page.as_ref().is_none_or(|(n, _)| *n != number) {
				page = Some((number, Members::<T>::get(item, number)?));
			}
			let (_, stored) = page.as_ref()?;
			keys.push(*stored.get((position % MEMBERS_PAGE) as usize)?);
		}
		Some(keys)
	}

	/// `item`'s rings can't be built: it takes no anonymous action, and leaves the queue.
	fn fail(item: ItemRef, mut record: ItemRecordOf<T>, ring: u32) {
		record.stage = Stage::Failed;
		Items::<T>::insert(item, record);
		Self::unqueue(item);
		Self::deposit_event(Event::RingsFailed { item, ring });
	}

	/// Removes up to `limit` of `item`'s ring records and member pages, the last first (see
	/// [`AnonymousRings::forget`]).
	pub(crate) fn do_forget(item: ItemRef, limit: u32) -> Forgetting {
		let Some(mut record) = Items::<T>::get(item) else { return Forgetting::done() };
		let (mut rings, mut pages) = match record.stage {
			Stage::Forgotten => return Forgetting::done(),
			Stage::Forgetting { rings, pages } => (rings, pages),
			Stage::Collecting { .. } | Stage::Building { .. } | Stage::Ready | Stage::Failed => {
				// An item still being built leaves the queue: nothing will use its rings.
				Self::unqueue(item);
				(record.rings, record.eligible.div_ceil(MEMBERS_PAGE))
			},
		};
		let mut removed = 0;
		while removed < limit && rings > 0 {
			rings -= 1;
			ItemRings::<T>::remove(item, rings);
			removed += 1;
		}
		while removed < limit && pages > 0 {
			pages -= 1;
			Members::<T>::remove(item, pages);
			removed += 1;
		}
		let done = rings == 0 && pages == 0;
		record.stage = if done { Stage::Forgotten } else { Stage::Forgetting { rings, pages } };
		Items::<T>::insert(item, record);
		if done {
			Self::deposit_event(Event::RingsForgotten { item });
		}
		Forgetting { removed, done }
	}

	fn unqueue(item: ItemRef) {
		Pending::<T>::mutate(|pending| pending.retain(|(i, _)| *i != item));
	}

	/// This chain's genesis hash, which every item's context names (frame-system records it when
	/// block 1 is initialised).
	pub fn genesis_hash() -> [u8; 32] {
		let hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let mut genesis = [0u8; 32];
		let bytes = hash.as_ref();
		let len = bytes.len().min(32);
		genesis[..len].copy_from_slice(&bytes[..len]);
		genesis
	}

	/// The members of ring `ring` of `item`, in ring order, once every member is collected:
	/// what a prover needs (with the root of [`ItemRings`] to check them against).
	pub fn ring_members(item: ItemRef, ring: u32) -> Option<Vec<MemberKey>> {
		let record = Items::<T>::get(item)?;
		if matches!(record.stage, Stage::Collecting { .. }) {
			return None;
		}
		let split = Self::split(record.eligible)?;
		Self::ring_keys(item, &split, ring, 0..split.size(ring)).filter(|_| ring < split.rings())
	}

	/// The pallet's invariants (see `try_state`).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let pending: Vec<ItemRef> = Pending::<T>::get().into_iter().map(|(i, _)| i).collect();
		for (i, item) in pending.iter().enumerate() {
			ensure!(!pending[..i].contains(item), "an item is pending twice");
		}
		for (item, at) in Pending::<T>::get() {
			ensure!(
				Items::<T>::get(item).is_some_and(|r| r.opened_at == at),
				"a pending item's opening block differs from its record"
			);
		}
		let mut items = 0usize;
		for (item, record) in Items::<T>::iter() {
			let building =
				matches!(record.stage, Stage::Collecting { .. } | Stage::Building { .. });
			ensure!(building == pending.contains(&item), "pending differs from the items' stages");
			if building {
				items += 1;
			}
			// Forgetting removes the last records first: what is left is a prefix.
			let (rings_left, pages_left) = match record.stage {
				Stage::Forgetting { rings, pages } => (rings, pages),
				Stage::Forgotten => (0, 0),
				_ => (u32::MAX, u32::MAX),
			};
			if rings_left != u32::MAX {
				ensure!(
					Members::<T>::iter_key_prefix(item).all(|page| page < pages_left),
					"a forgotten member page is still stored"
				);
				ensure!(
					ItemRings::<T>::iter_key_prefix(item).all(|ring| ring < rings_left),
					"a forgotten ring is still stored"
				);
				ensure!(
					pages_left <= record.eligible.div_ceil(MEMBERS_PAGE)
						&& rings_left <= record.rings,
					"more left to forget than the item had"
				);
				continue;
			}
			// The pages hold exactly `eligible` keys, every page full but the last.
			let mut keys = 0u32;
			for (page, stored) in Members::<T>::iter_prefix(item) {
				ensure!(page < record.eligible.div_ceil(MEMBERS_PAGE), "a page past the members");
				let last = page + 1 == record.eligible.div_ceil(MEMBERS_PAGE);
				ensure!(last || stored.len() as u32 == MEMBERS_PAGE, "a page short of members");
				keys += stored.len() as u32;
			}
			ensure!(keys == record.eligible, "the pages don't hold the members counted");
			let split = Self::split(record.eligible).ok_or("MaxRingSize is invalid")?;
			let fixed_below = match record.stage {
				Stage::Collecting { .. } => {
					ensure!(record.rings == 0, "rings counted while collecting");
					ensure!(
						ItemRings::<T>::iter_prefix(item).next().is_none(),
						"a ring while collecting"
					);
					continue;
				},
				Stage::Building { ring } => ring,
				Stage::Ready => record.rings,
				Stage::Failed => continue,
				Stage::Forgetting { .. } | Stage::Forgotten => continue,
			};
			ensure!(record.rings == split.rings(), "rings differ from the split rule");
			for (ring, stored) in ItemRings::<T>::iter_prefix(item) {
				ensure!(ring < record.rings, "a ring past the item's rings");
				ensure!(stored.size == split.size(ring), "a ring's size differs from the rule");
				ensure!(Some(stored.domain) == split.domain(ring), "a ring in the wrong domain");
				match stored.state {
					RingState::Fixed { .. } => ensure!(ring < fixed_below, "a ring fixed too soon"),
					RingState::Building { included, .. } => ensure!(
						ring == fixed_below && included < stored.size,
						"a ring under construction that isn't the current one"
					),
				}
			}
			for ring in 0..fixed_below {
				ensure!(
					matches!(
						ItemRings::<T>::get(item, ring).map(|r| r.state),
						Some(RingState::Fixed { .. })
					),
					"a ring before the current one isn't fixed"
				);
			}
		}
		ensure!(items == pending.len(), "a pending item has no record");
		Ok(())
	}
}

impl<T: Config> AnonymousRings<BlockNumberFor<T>> for Pallet<T> {
	fn open(item: ItemRef, scope: Scope, at: BlockNumberFor<T>) -> DispatchResult {
		Self::do_open(item, scope, at)
	}

	fn open_weight() -> Weight {
		T::WeightInfo::open()
	}

	fn rings_ready(item: ItemRef) -> Option<u32> {
		Items::<T>::get(item).and_then(|r| (r.stage == Stage::Ready).then_some(r.rings))
	}

	fn ring_root(item: ItemRef, ring: u32) -> Option<(RingDomain, RingRoot)> {
		if Items::<T>::get(item)?.stage != Stage::Ready {
			return None;
		}
		match ItemRings::<T>::get(item, ring)? {
			RingRecord { domain, state: RingState::Fixed { root }, .. } => Some((domain, root)),
			_ => None,
		}
	}

	fn verify(
		item: ItemRef,
		ring: u32,
		proof: &[u8],
		message: &[u8; 32],
	) -> Result<Alias, ProofError> {
		let rings = Self::rings_ready(item).ok_or(ProofError::RingsNotReady)?;
		ensure!(ring < rings, ProofError::UnknownRing);
		let (domain, root) = Self::ring_root(item, ring).ok_or(ProofError::RingsNotReady)?;
		builder::verify(domain, &root, &item.context(&Self::genesis_hash()), proof, message)
			.ok_or(ProofError::BadProof)
	}

	/// The measured verification, plus what a fresh runtime instance spends before it (the
	/// verifier's context, also measured): every validation in the pool runs in a fresh instance,
	/// and the verification's own benchmark repeats in a warm one.
	fn verify_weight() -> Weight {
		T::WeightInfo::verify_proof().saturating_add(T::WeightInfo::verifier_context())
	}

	fn forget(item: ItemRef, limit: u32) -> Forgetting {
		Self::do_forget(item, limit)
	}

	fn forget_weight(removed: u32) -> Weight {
		T::WeightInfo::forget(removed)
	}

	fn remembers(item: ItemRef) -> bool {
		Items::<T>::get(item).is_some_and(|r| r.stage != Stage::Forgotten)
	}
}
