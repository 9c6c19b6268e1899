//! Benchmarks of pallet-rings (v2 syntax), each at its worst case: opening with the queue one
//! short of full; collecting `n` members who all hold keys and all qualify, in a page that ends
//! the walk (so the split is made too); pushing `n` keys that each sit on a page of their own
//! (an item with 64 rings or more spreads a ring's members one per page) into a ring of the
//! largest domain, `n` short of full (so the ring is fixed too). Keys are real member keys
//! (`verifiable`'s `new_secret` / `member_from_secret`): the builder checks them.

use super::*;
use crate::{builder, Pallet as Rings};
use alloc::vec::Vec;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{
	anon::{ItemRef, RingDomain},
	CommunityRegistry, MemberKey, Scope,
};

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

fn block<T: Config>(n: u32) -> BlockNumberFor<T> {
	n.into()
}

use crate::fixtures::member_key as key;

/// An office with one community.
fn community<T: Config>() -> Scope {
	let admin: T::AccountId = account("admin", 0, 0);
	let office = T::Registry::bench_office(&admin);
	Scope::Community(T::Registry::bench_community(office))
}

const ITEM: ItemRef = ItemRef::procurement(1);

/// The most records `forget` is measured removing at once (the items' pallets reap at most a few
/// hundred records a call).
const FORGET_MAX: u32 = 512;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open() -> Result<(), BenchmarkError> {
		let scope = community::<T>();
		for i in 1..T::MaxPending::get() {
			Rings::<T>::do_open(ItemRef::survey(i), scope, block::<T>(1))?;
		}
		#[block]
		{
			Rings::<T>::do_open(ITEM, scope, block::<T>(1))?;
		}
		assert!(Items::<T>::contains_key(ITEM));
		Ok(())
	}

	#[benchmark]
	fn collect(n: Linear<1, { T::MaxKeysPerStep::get() }>) -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let scope = community::<T>();
		let Scope::Community(c) = scope else { unreachable!() };
		for i in 0..n {
			let who: T::AccountId = account("resident", i, 0);
			let resident = T::Registry::bench_resident(&who, c, None);
			T::Registry::bench_member_key(resident, key(i));
		}
		set_block::<T>(2);
		Rings::<T>::do_open(ITEM, scope, block::<T>(2))?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		build_rings(RawOrigin::Signed(caller), ITEM, n);

		let record = Items::<T>::get(ITEM).ok_or(BenchmarkError::Stop("no item"))?;
		assert_eq!(record.eligible, n);
		assert!(matches!(record.stage, Stage::Building { ring: 0 } | Stage::Ready));
		Ok(())
	}

	#[benchmark]
	fn push(n: Linear<1, { T::MaxKeysPerStep::get() }>) -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let max = T::MaxRingSize::get();
		let rings = T::MaxRings::get().min(MEMBERS_PAGE);
		let eligible = rings * max;
		let split = Rings::<T>::split(eligible).ok_or(BenchmarkError::Stop("bad split"))?;
		let domain = split.domain(0).ok_or(BenchmarkError::Stop("no ring"))?;
		let size = split.size(0);
		let n = n.min(size);
		// Ring 0's last `n` members, each on its own (full) page when there are 64 rings.
		let page: Vec<MemberKey> = (0..MEMBERS_PAGE).map(key).collect();
		let page = BoundedVec::try_from(page).map_err(|_| BenchmarkError::Stop("page"))?;
		for index in size - n..size {
			let position = split.position(0, index).ok_or(BenchmarkError::Stop("position"))?;
			Members::<T>::insert(ITEM, position / MEMBERS_PAGE, page.clone());
		}
		Items::<T>::insert(
			ITEM,
			ItemRecord {
				scope: community::<T>(),
				opened_at: block::<T>(1),
				stage: Stage::Building { ring: 0 },
				eligible,
				rings,
			},
		);
		let partial = builder::start(domain).map_err(|_| BenchmarkError::Stop("start"))?;
		ItemRings::<T>::insert(
			ITEM,
			0,
			RingRecord { domain, size, state: RingState::Building { included: size - n, partial } },
		);
		Pending::<T>::put(BoundedVec::truncate_from(alloc::vec![(ITEM, block::<T>(1))]));
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		build_rings(RawOrigin::Signed(caller), ITEM, n);

		assert!(matches!(
			ItemRings::<T>::get(ITEM, 0).map(|r| r.state),
			Some(RingState::Fixed { .. })
		));
		assert_eq!(domain, if max > 255 { RingDomain::Domain12 } else { RingDomain::Domain11 });
		Ok(())
	}

	/// A proof by a member of a 2^12 ring: verification costs by domain, not by members.
	#[benchmark]
	fn verify_proof() -> Result<(), BenchmarkError> {
		use crate::fixtures::*;
		use gongzhi_primitives::anon::AnonymousRings;
		set_block::<T>(1);
		let genesis = T::Hash::decode(&mut &FIXTURE_GENESIS[..])
			.map_err(|_| BenchmarkError::Stop("a 32-byte hash"))?;
		frame_system::BlockHash::<T>::insert(BlockNumberFor::<T>::from(0u32), genesis);
		let keys: Vec<MemberKey> = (0..FIXTURE_MEMBERS).map(member_key).collect();
		let domain = RingDomain::Domain12;
		let partial = builder::start(domain).map_err(|_| BenchmarkError::Stop("start"))?;
		let partial = builder::push(domain, &partial, keys.into_iter())
			.map_err(|_| BenchmarkError::Stop("push"))?;
		let root = builder::finish(&partial).map_err(|_| BenchmarkError::Stop("finish"))?;
		Items::<T>::insert(
			FIXTURE_ITEM,
			ItemRecord {
				scope: community::<T>(),
				opened_at: block::<T>(1),
				stage: Stage::Ready,
				eligible: FIXTURE_MEMBERS,
				rings: 1,
			},
		);
		ItemRings::<T>::insert(
			FIXTURE_ITEM,
			0,
			RingRecord { domain, size: FIXTURE_MEMBERS, state: RingState::Fixed { root } },
		);
		let proof = unhex(FIXTURE_PROOF_HEX).ok_or(BenchmarkError::Stop("proof"))?;
		let alias = unhex(FIXTURE_ALIAS_HEX).ok_or(BenchmarkError::Stop("alias"))?;
		let verified;
		#[block]
		{
			verified = Rings::<T>::verify(FIXTURE_ITEM, 0, &proof, &FIXTURE_MESSAGE);
		}
		assert_eq!(verified.map(|a| a.to_vec()), Ok(alias));
		Ok(())
	}

	/// What a fresh runtime instance spends once, before its first verification: the verifier's
	/// ring context at 2^12 (the largest domain rings are built in here) and the KZG verifier
	/// key. Every validation of a transaction in the pool runs in a fresh instance.
	#[benchmark]
	fn verifier_context() {
		#[block]
		{
			builder::fresh_verifier_context(RingDomain::Domain12);
		}
	}

	/// Forgetting `n` records of an item still being built (so it also leaves a full queue):
	/// its rings first, then member pages.
	#[benchmark]
	fn forget(n: Linear<1, FORGET_MAX>) -> Result<(), BenchmarkError> {
		use gongzhi_primitives::anon::AnonymousRings;
		set_block::<T>(1);
		let rings = n.min(T::MaxRings::get());
		let pages = n - rings;
		let page: Vec<MemberKey> = (0..MEMBERS_PAGE).map(key).collect();
		let page = BoundedVec::try_from(page).map_err(|_| BenchmarkError::Stop("page"))?;
		for p in 0..pages {
			Members::<T>::insert(ITEM, p, page.clone());
		}
		let domain = RingDomain::Domain12;
		for ring in 0..rings {
			let partial = builder::start(domain).map_err(|_| BenchmarkError::Stop("start"))?;
			let state = RingState::Building { included: 0, partial };
			ItemRings::<T>::insert(ITEM, ring, RingRecord { domain, size: 767, state });
		}
		Items::<T>::insert(
			ITEM,
			ItemRecord {
				scope: community::<T>(),
				opened_at: block::<T>(1),
				stage: Stage::Building { ring: 0 },
				eligible: pages * MEMBERS_PAGE,
				rings,
			},
		);
		let mut queue: Vec<_> =
			(1..T::MaxPending::get()).map(|i| (ItemRef::survey(i), block::<T>(1))).collect();
		queue.push((ITEM, block::<T>(1)));
		Pending::<T>::put(BoundedVec::truncate_from(queue));
		let forgot;
		#[block]
		{
			forgot = Rings::<T>::forget(ITEM, n);
		}
		assert_eq!((forgot.removed, forgot.done), (n, true));
		assert!(Members::<T>::iter_key_prefix(ITEM).next().is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(Rings, crate::mock::new_test_ext(), crate::mock::Test);
}
