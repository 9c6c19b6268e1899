//! Benchmarks (v2) of every call at its worst case. Set-up goes through the same helpers that
//! other pallets' benchmarks use (`CommunityRegistry::bench_*`); each benchmark asserts the
//! call's event, so the suite doubles as tests in the mock.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as Community;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{CommunityId, CommunityRegistry, OfficeId, H256};
use sp_runtime::Saturating;

const SEED: u32 = 0;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

/// The longest valid name, of 3-byte characters: the most UTF-8 to check.
fn max_name<T: Config>() -> Vec<u8> {
	let max = T::MaxNameLen::get() as usize;
	let mut name = Vec::with_capacity(max);
	while name.len() + 3 <= max {
		name.extend_from_slice("街".as_bytes());
	}
	name.resize(max, b'a');
	name
}

fn stored<T: Config>(name: Vec<u8>) -> NameOf<T> {
	NameOf::<T>::truncate_from(name)
}

/// An office with its admin.
fn office<T: Config>() -> (OfficeId, T::AccountId) {
	let admin: T::AccountId = account("admin", 0, SEED);
	(Community::<T>::bench_office(&admin), admin)
}

/// A community with one officer, its office and the office's admin.
fn community<T: Config>() -> (CommunityId, T::AccountId, OfficeId, T::AccountId) {
	let (office, admin) = office::<T>();
	let community = Community::<T>::bench_community(office);
	let officer: T::AccountId = account("officer", 0, SEED);
	Community::<T>::bench_officer(community, &officer);
	(community, officer, office, admin)
}

/// The widest window an activity may have, starting now.
fn window<T: Config>() -> (BlockNumberFor<T>, BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	(now, now.saturating_add(T::MaxActivityDuration::get()))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_office() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let admin: T::AccountId = account("admin", 0, SEED);
		let name = max_name::<T>();
		let office = NextOfficeId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, admin.clone(), name.clone());

		assert_last_event::<T>(Event::OfficeCreated { office, admin, name: stored::<T>(name) });
		Ok(())
	}

	#[benchmark]
	fn retire_office() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (office, _) = office::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, office);

		assert_last_event::<T>(Event::OfficeRetired { office });
		Ok(())
	}

	#[benchmark]
	fn set_office_admin() {
		let (office, admin) = office::<T>();
		let new_admin: T::AccountId = account("admin", 1, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), office, new_admin.clone());

		assert_last_event::<T>(Event::OfficeAdminChanged { office, old_admin: admin, new_admin });
	}

	#[benchmark]
	fn create_community() {
		let (office, admin) = office::<T>();
		let name = max_name::<T>();
		let community = NextCommunityId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), office, name.clone());

		assert_last_event::<T>(Event::CommunityCreated {
			community,
			office,
			name: stored::<T>(name),
		});
	}

	/// `o` officers to remove.
	#[benchmark]
	fn retire_community(o: Linear<0, { T::MaxOfficers::get() }>) {
		let (office, admin) = office::<T>();
		let community = Community::<T>::bench_community(office);
		for i in 0..o {
			Community::<T>::bench_officer(community, &account("officer", i, SEED));
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), community);

		assert_last_event::<T>(Event::CommunityRetired { community, office });
		assert_eq!(Officers::<T>::iter_key_prefix(community).count(), 0);
	}

	#[benchmark]
	fn appoint_officer() {
		let (office, admin) = office::<T>();
		let community = Community::<T>::bench_community(office);
		for i in 1..T::MaxOfficers::get() {
			Community::<T>::bench_officer(community, &account("officer", i, SEED));
		}
		let officer: T::AccountId = account("officer", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), community, officer.clone());

		assert_last_event::<T>(Event::OfficerAppointed { community, officer });
	}

	#[benchmark]
	fn remove_officer() {
		let (office, admin) = office::<T>();
		let community = Community::<T>::bench_community(office);
		for i in 0..T::MaxOfficers::get() {
			Community::<T>::bench_officer(community, &account("officer", i, SEED));
		}
		let officer: T::AccountId = account("officer", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), community, officer.clone());

		assert_last_event::<T>(Event::OfficerRemoved { community, officer });
	}

	#[benchmark]
	fn register_provider() {
		let provider: T::AccountId = account("provider", 0, SEED);
		let name = max_name::<T>();
		let code = H256::repeat_byte(0xc0);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), name.clone(), code);

		assert_last_event::<T>(Event::ProviderRegistered {
			provider,
			name: stored::<T>(name),
			registration_code_hash: code,
		});
	}

	/// A first approval in this office (the provider's count grows), with every other place
	/// taken.
	#[benchmark]
	fn approve_provider() {
		let provider: T::AccountId = account("provider", 0, SEED);
		for _ in 1..T::MaxProviderOffices::get() {
			let (other, _) = office::<T>();
			Community::<T>::bench_provider(&provider, other);
		}
		let (office, admin) = office::<T>();
		if !Providers::<T>::contains_key(&provider) {
			Community::<T>::do_register_provider(
				provider.clone(),
				max_name::<T>(),
				H256::repeat_byte(0xc0),
			)
			.expect("set-up: a new provider");
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), office, provider.clone());

		assert_last_event::<T>(Event::ProviderApproved { provider, office });
	}

	#[benchmark]
	fn suspend_provider() {
		let (office, admin) = office::<T>();
		let provider: T::AccountId = account("provider", 0, SEED);
		Community::<T>::bench_provider(&provider, office);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), office, provider.clone());

		assert_last_event::<T>(Event::ProviderSuspended { provider, office });
	}

	/// A new person: a new resident number and a person-index entry.
	#[benchmark]
	fn register_resident() {
		let (community, officer, _, _) = community::<T>();
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = NextResidentId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(officer),
			community,
			who.clone(),
			H256::repeat_byte(0x9e),
			Some(H256::repeat_byte(0x40)),
		);

		assert_last_event::<T>(Event::ResidentRegistered {
			resident,
			who,
			community,
			returning: false,
		});
	}

	#[benchmark]
	fn retire_resident() {
		let (community, officer, _, _) = community::<T>();
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, community, None);

		#[extrinsic_call]
		_(RawOrigin::Signed(officer), who.clone());

		assert_last_event::<T>(Event::ResidentRetired { resident, who, community });
	}

	/// To a community of another office: both communities' and both offices' counts change.
	#[benchmark]
	fn move_resident() {
		let (from, _, _, _) = community::<T>();
		let (to, officer, _, _) = community::<T>();
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, from, None);

		#[extrinsic_call]
		_(RawOrigin::Signed(officer), who.clone(), to);

		assert_last_event::<T>(Event::ResidentMoved { resident, who, from, to });
	}

	#[benchmark]
	fn replace_account() {
		let (community, officer, _, _) = community::<T>();
		let old: T::AccountId = account("resident", 0, SEED);
		let new: T::AccountId = account("resident", 1, SEED);
		let resident = Community::<T>::bench_resident(&old, community, None);

		#[extrinsic_call]
		_(RawOrigin::Signed(officer), old.clone(), new.clone());

		assert_last_event::<T>(Event::AccountReplaced { resident, old, new });
	}

	#[benchmark]
	fn set_household() {
		let (community, officer, _, _) = community::<T>();
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, community, None);
		let household = Some(H256::repeat_byte(0x40));

		#[extrinsic_call]
		_(RawOrigin::Signed(officer), who.clone(), household);

		assert_last_event::<T>(Event::HouseholdSet { resident, who, household });
	}

	/// By a provider (the officer check misses first) into a community whose open index holds
	/// `MaxOpenActivities - 1` activities that have not ended.
	#[benchmark]
	fn publish_activity() {
		let (community, officer, office, _) = community::<T>();
		let provider: T::AccountId = account("provider", 0, SEED);
		Community::<T>::bench_provider(&provider, office);
		let (starts_at, ends_at) = window::<T>();
		for _ in 1..T::MaxOpenActivities::get() {
			Community::<T>::do_publish_activity(
				officer.clone(),
				community,
				ActivityKind::Other,
				H256::zero(),
				starts_at,
				ends_at,
			)
			.expect("set-up: the officer may publish and there is room");
		}
		let activity = NextActivityId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider.clone()),
			community,
			ActivityKind::Health,
			H256::repeat_byte(0xac),
			starts_at,
			ends_at,
		);

		assert_last_event::<T>(Event::ActivityPublished {
			activity,
			community,
			publisher: provider,
			kind: ActivityKind::Health,
			starts_at,
			ends_at,
		});
		assert_eq!(OpenActivities::<T>::get(community).len() as u32, T::MaxOpenActivities::get());
	}

	#[benchmark]
	fn check_in() {
		let (community, officer, _, _) = community::<T>();
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, community, None);
		let (starts_at, ends_at) = window::<T>();
		let activity = NextActivityId::<T>::get();
		Community::<T>::do_publish_activity(
			officer,
			community,
			ActivityKind::Health,
			H256::zero(),
			starts_at,
			ends_at,
		)
		.expect("set-up: the officer may publish");

		#[extrinsic_call]
		_(RawOrigin::Signed(who), activity);

		assert_last_event::<T>(Event::CheckedIn { activity, resident, attendance: 1 });
	}

	/// `n` check-in records to reap, all of them.
	#[benchmark]
	fn reap_check_ins(n: Linear<1, 1_000>) {
		let (community, officer, _, _) = community::<T>();
		let (starts_at, ends_at) = window::<T>();
		let activity = NextActivityId::<T>::get();
		Community::<T>::do_publish_activity(
			officer,
			community,
			ActivityKind::Health,
			H256::zero(),
			starts_at,
			ends_at,
		)
		.expect("set-up: the officer may publish");
		// Check-ins of `n` residents (their records are not read when reaping).
		for resident in 0..n {
			CheckIns::<T>::insert(activity, resident, ());
		}
		Activities::<T>::mutate(activity, |a| {
			if let Some(a) = a {
				a.attendance = n;
			}
		});
		let after_retention =
			ends_at.saturating_add(T::CheckInRetention::get()).saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(after_retention);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), activity, n);

		assert_last_event::<T>(Event::CheckInsReaped { activity, removed: n, complete: true });
		assert_eq!(ReapedCheckIns::<T>::get(activity), n);
	}

	impl_benchmark_test_suite!(Community, crate::mock::new_test_ext(), crate::mock::Test);
}
