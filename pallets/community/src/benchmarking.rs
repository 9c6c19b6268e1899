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

/// A resident of a community of one office and a community of another office whose admin
/// is the same account: `(from, to, resident's account, resident number, the admin)`.
fn cross_office_move<T: Config>(
) -> (CommunityId, CommunityId, T::AccountId, gongzhi_primitives::ResidentId, T::AccountId) {
	let admin: T::AccountId = account("admin", 0, SEED);
	let from = Community::<T>::bench_community(Community::<T>::bench_office(&admin));
	let to = Community::<T>::bench_community(Community::<T>::bench_office(&admin));
	let who: T::AccountId = account("resident", 0, SEED);
	let resident = Community::<T>::bench_resident(&who, from, None);
	(from, to, who, resident, admin)
}

/// Announces a replacement of resident `old`'s account (through the call's own check).
fn pending_replacement<T: Config>(old: &T::AccountId) {
	let office = Residents::<T>::get(old).expect("set-up: a resident").office;
	let admin = Offices::<T>::get(office).expect("set-up: the office exists").admin;
	Community::<T>::do_propose_replacement(admin, old.clone(), account("new key", 0, SEED))
		.expect("set-up: the office admin may propose");
}

/// `n` distinct person hashes.
fn persons<T: Config>(n: u32) -> StaffListOf<T> {
	let list: Vec<H256> = (0..n).map(|i| H256::from_low_u64_be(u64::from(i) + 1)).collect();
	StaffListOf::<T>::truncate_from(list)
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

	/// With a pending move and a pending replacement to drop.
	#[benchmark]
	fn retire_resident() {
		let (community, officer, office, _) = community::<T>();
		let to = Community::<T>::bench_community(office);
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, community, None);
		pending_replacement::<T>(&who);
		Community::<T>::do_request_move(who.clone(), who.clone(), to)
			.expect("set-up: the resident may ask");

		#[extrinsic_call]
		_(RawOrigin::Signed(officer), who.clone());

		assert_last_event::<T>(Event::ResidentRetired { resident, who: who.clone(), community });
		assert!(!PendingMoves::<T>::contains_key(&who));
		assert!(!PendingReplacements::<T>::contains_key(&who));
	}

	/// In one step by the admin of both offices, to a community of the other office (both
	/// communities' and both offices' counts change), dropping a pending move and a pending
	/// replacement.
	#[benchmark]
	fn move_resident() {
		let (from, to, who, resident, admin) = cross_office_move::<T>();
		pending_replacement::<T>(&who);
		Community::<T>::do_request_move(who.clone(), who.clone(), to)
			.expect("set-up: the resident may ask");

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone(), to);

		assert_last_event::<T>(Event::ResidentMoved { resident, who: who.clone(), from, to });
		assert!(!PendingMoves::<T>::contains_key(&who));
		assert!(!PendingReplacements::<T>::contains_key(&who));
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

	/// By an officer of the resident's community, within the office (the admin check misses
	/// first), overwriting a lapsed request.
	#[benchmark]
	fn request_move() {
		let (from, officer, office, _) = community::<T>();
		let to = Community::<T>::bench_community(office);
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, from, None);
		PendingMoves::<T>::insert(
			&who,
			PendingMove {
				to,
				requested_by: who.clone(),
				expires_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		let expires_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::MoveRequestTtl::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(officer.clone()), who.clone(), to);

		assert_last_event::<T>(Event::MoveRequested {
			resident,
			who,
			from,
			to,
			requested_by: officer,
			expires_at,
		});
	}

	/// Across offices (both offices' counts change), requested by the admin of the office left
	/// (checked again), dropping a pending replacement.
	#[benchmark]
	fn accept_move() {
		let (from, _, _, from_admin) = community::<T>();
		let to_admin: T::AccountId = account("admin", 1, SEED);
		let to = Community::<T>::bench_community(Community::<T>::bench_office(&to_admin));
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, from, None);
		pending_replacement::<T>(&who);
		Community::<T>::do_request_move(from_admin, who.clone(), to)
			.expect("set-up: the office admin may ask");

		#[extrinsic_call]
		_(RawOrigin::Signed(to_admin), who.clone());

		assert_last_event::<T>(Event::ResidentMoved { resident, who: who.clone(), from, to });
		assert!(!PendingReplacements::<T>::contains_key(&who));
	}

	/// By an officer of the destination within the office: every leaving-side check misses
	/// first.
	#[benchmark]
	fn cancel_move() {
		let (from, _, office, _) = community::<T>();
		let to = Community::<T>::bench_community(office);
		let to_officer: T::AccountId = account("officer", 1, SEED);
		Community::<T>::bench_officer(to, &to_officer);
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, from, None);
		Community::<T>::do_request_move(who.clone(), who.clone(), to)
			.expect("set-up: the resident may ask");

		#[extrinsic_call]
		_(RawOrigin::Signed(to_officer), who.clone());

		assert_last_event::<T>(Event::MoveCancelled { resident, who, to });
	}

	#[benchmark]
	fn propose_replacement() {
		let (community, _, _, admin) = community::<T>();
		let old: T::AccountId = account("resident", 0, SEED);
		let new: T::AccountId = account("resident", 1, SEED);
		let resident = Community::<T>::bench_resident(&old, community, None);
		let effective_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::ReplacementNotice::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), old.clone(), new.clone());

		assert_last_event::<T>(Event::ReplacementProposed { resident, old, new, effective_at });
	}

	/// By the office admin (the resident's own account misses first).
	#[benchmark]
	fn cancel_replacement() {
		let (community, _, _, admin) = community::<T>();
		let old: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&old, community, None);
		pending_replacement::<T>(&old);
		let new: T::AccountId = account("new key", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), old.clone());

		assert_last_event::<T>(Event::ReplacementCancelled { resident, old, new });
	}

	/// With a pending move of the old account to drop.
	#[benchmark]
	fn enact_replacement() {
		let (community, _, office, _) = community::<T>();
		let to = Community::<T>::bench_community(office);
		let old: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&old, community, None);
		pending_replacement::<T>(&old);
		Community::<T>::do_request_move(old.clone(), old.clone(), to)
			.expect("set-up: the resident may ask");
		let new: T::AccountId = account("new key", 0, SEED);
		let effective_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::ReplacementNotice::get());
		frame_system::Pallet::<T>::set_block_number(effective_at);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), old.clone());

		assert_last_event::<T>(Event::AccountReplaced { resident, old: old.clone(), new });
		assert!(!PendingMoves::<T>::contains_key(&old));
	}

	/// By the provider that published it (the officer and admin checks miss first), from a
	/// full open index.
	#[benchmark]
	fn cancel_activity() {
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
		Community::<T>::do_publish_activity(
			provider.clone(),
			community,
			ActivityKind::Health,
			H256::zero(),
			starts_at,
			ends_at,
		)
		.expect("set-up: the provider may publish and there is room");

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), activity);

		assert_last_event::<T>(Event::ActivityCancelled { activity, community, by: provider });
		assert_eq!(
			OpenActivities::<T>::get(community).len() as u32,
			T::MaxOpenActivities::get() - 1
		);
	}

	/// `o` offices the provider is approved in, all of which get suspended; by the admin of
	/// one of them.
	#[benchmark]
	fn release_registration_code(o: Linear<1, { T::MaxProviderOffices::get() }>) {
		let provider: T::AccountId = account("provider", 0, SEED);
		let mut admin = None;
		for i in 0..o {
			let office_admin: T::AccountId = account("admin", i, SEED);
			let office = Community::<T>::bench_office(&office_admin);
			Community::<T>::bench_provider(&provider, office);
			admin = Some(office_admin);
		}
		let admin = admin.expect("o is at least 1");
		let code =
			Providers::<T>::get(&provider).expect("set-up: registered").registration_code_hash;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), code);

		assert_last_event::<T>(Event::RegistrationCodeReleased {
			registration_code_hash: code,
			provider: provider.clone(),
		});
		assert!(!ProviderCodes::<T>::contains_key(code));
		assert_eq!(Providers::<T>::get(&provider).map(|p| p.offices), Some(o));
	}

	/// `n` persons declared at once.
	#[benchmark]
	fn declare_staff(n: Linear<1, { T::MaxStaffPerCall::get() }>) {
		let (office, _) = office::<T>();
		let provider: T::AccountId = account("provider", 0, SEED);
		Community::<T>::bench_provider(&provider, office);
		let list = persons::<T>(n);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), list.clone());

		assert_last_event::<T>(Event::StaffDeclared { provider, person_hashes: list, staff: n });
	}

	/// `n` persons withdrawn at once.
	#[benchmark]
	fn remove_staff(n: Linear<1, { T::MaxStaffPerCall::get() }>) {
		let (office, _) = office::<T>();
		let provider: T::AccountId = account("provider", 0, SEED);
		Community::<T>::bench_provider(&provider, office);
		let list = persons::<T>(n);
		Community::<T>::do_declare_staff(provider.clone(), list.clone())
			.expect("set-up: a provider declares new persons");

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), list.clone());

		assert_last_event::<T>(Event::StaffRemoved { provider, person_hashes: list, staff: 0 });
	}

	impl_benchmark_test_suite!(Community, crate::mock::new_test_ext(), crate::mock::Test);
}
