//! Benchmarks (v2) of every call at its worst case. Set-up goes through the same helpers that
//! other pallets' benchmarks use (`CommunityRegistry::bench_*`); each benchmark asserts the
//! call's event, so the suite doubles as tests in the mock. Calls that hold, release or burn a
//! deposit do so here from funded accounts; the `feeless_*` benchmarks time the check that
//! decides whether a resident's call is free, alone.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as Community;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{ActivityId, CommunityId, CommunityRegistry, OfficeId, ResidentId, H256};
use sp_runtime::{traits::Zero, Saturating};

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

/// Gives `who` enough to pay many deposits of either kind.
fn fund<T: Config>(who: &T::AccountId) {
	let deposit = T::ProviderDeposit::get().max(T::ActivityDeposit::get());
	let plenty =
		T::Currency::minimum_balance().saturating_add(deposit.saturating_mul(1_000u32.into()));
	T::Currency::set_balance(who, plenty);
}

/// What `who` holds for `reason`.
fn held<T: Config>(reason: HoldReason, who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason.into(), who)
}

/// Registers `provider` the way the call does, holding its deposit from a funded account.
fn registered_provider<T: Config>(provider: &T::AccountId) {
	fund::<T>(provider);
	Community::<T>::do_register_provider(
		provider.clone(),
		max_name::<T>(),
		H256::repeat_byte(0xc0),
	)
	.expect("set-up: a new, funded provider");
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
	fund::<T>(&officer);
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
	// Not `H256::from_low_u64_be`: it needs `byteorder`, which the no_std runtime build lacks.
	let list: Vec<H256> = (0..n)
		.map(|i| {
			let mut bytes = [0u8; 32];
			bytes[28..].copy_from_slice(&(i + 1).to_be_bytes());
			H256(bytes)
		})
		.collect();
	StaffListOf::<T>::truncate_from(list)
}

/// `check_in`'s scene: resident 0 of a community with an activity open for check-in now.
fn open_activity<T: Config>() -> (T::AccountId, ResidentId, ActivityId) {
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
	(who, resident, activity)
}

/// `set_member_key`'s worst case: resident 0 (`account("resident", 0, 0)`) of a community with
/// two member keys already (the change drops the older, whose index entry goes), the last set
/// `MemberKeyCooldown` blocks ago; and the precomputed key and proof for that account (the
/// runtime can't sign). Fails the benchmark if no fixture matches the account's encoding.
fn member_key_change<T: Config>(
) -> Result<(T::AccountId, ResidentId, [u8; 32], [u8; 64]), BenchmarkError> {
	use codec::Encode;
	let (community, _, _, _) = community::<T>();
	let who: T::AccountId = account("resident", 0, SEED);
	let resident = Community::<T>::bench_resident(&who, community, None);
	let fixture = crate::member_key_fixtures::member_key_fixture(&who.encode()).ok_or(
		BenchmarkError::Stop(
			"no member-key fixture for this runtime's account type: add one to \
			 member_key_fixtures.rs (see print_member_key_fixtures)",
		),
	)?;
	set_member_keys::<T>(resident, [[0x01; 32], [0x02; 32]]);
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::MemberKeyCooldown::get()));
	Ok((who, resident, fixture.key, fixture.proof))
}

/// Gives `resident` a full key history, `keys` (oldest first), set in the last two blocks up to
/// now (the block number moves one on), with their index entries. Arbitrary bytes: nothing
/// verifies them once stored.
fn set_member_keys<T: Config>(resident: ResidentId, keys: [[u8; 32]; 2]) {
	let first = frame_system::Pallet::<T>::block_number();
	let second = first.saturating_add(1u32.into());
	let mut history = Vec::new();
	for (key, since) in keys.into_iter().zip([first, second]) {
		MemberKeyOwners::<T>::insert(key, resident);
		history.push(MemberKeyRecord { key, since });
	}
	MemberKeys::<T>::insert(resident, MemberKeyHistoryOf::<T>::truncate_from(history));
	let who = ResidentAccounts::<T>::get(resident).expect("set-up: a resident");
	let record = Residents::<T>::get(&who).expect("set-up: a resident");
	KeyHolders::<T>::insert((record.office, record.community, resident), record.registered_at);
	frame_system::Pallet::<T>::set_block_number(second);
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

	/// Holding the deposit.
	#[benchmark]
	fn register_provider() {
		let provider: T::AccountId = account("provider", 0, SEED);
		fund::<T>(&provider);
		let name = max_name::<T>();
		let code = H256::repeat_byte(0xc0);
		let deposit = T::ProviderDeposit::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), name.clone(), code);

		assert_last_event::<T>(Event::ProviderRegistered {
			provider: provider.clone(),
			name: stored::<T>(name),
			registration_code_hash: code,
			deposit,
		});
		assert_eq!(held::<T>(HoldReason::ProviderDeposit, &provider), deposit);
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
			registered_provider::<T>(&provider);
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

	/// With a pending move and a pending replacement to drop, and two member keys to remove.
	#[benchmark]
	fn retire_resident() {
		let (community, officer, office, _) = community::<T>();
		let to = Community::<T>::bench_community(office);
		let who: T::AccountId = account("resident", 0, SEED);
		let resident = Community::<T>::bench_resident(&who, community, None);
		set_member_keys::<T>(resident, [[0x01; 32], [0x02; 32]]);
		pending_replacement::<T>(&who);
		Community::<T>::do_request_move(who.clone(), who.clone(), to)
			.expect("set-up: the resident may ask");

		#[extrinsic_call]
		_(RawOrigin::Signed(officer), who.clone());

		assert_last_event::<T>(Event::ResidentRetired { resident, who: who.clone(), community });
		assert!(!PendingMoves::<T>::contains_key(&who));
		assert!(!PendingReplacements::<T>::contains_key(&who));
		assert!(!MemberKeys::<T>::contains_key(resident));
		assert!(!MemberKeyOwners::<T>::contains_key([0x02; 32]));
	}

	/// In one step by the admin of both offices, to a community of the other office (both
	/// communities' and both offices' counts change), dropping a pending move and a pending
	/// replacement.
	#[benchmark]
	fn move_resident() {
		let (from, to, who, resident, admin) = cross_office_move::<T>();
		set_member_keys::<T>(resident, [[0x01; 32], [0x02; 32]]);
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
	/// `MaxOpenActivities - 1` activities that have not ended, holding its deposit.
	#[benchmark]
	fn publish_activity() {
		let (community, officer, office, _) = community::<T>();
		let provider: T::AccountId = account("provider", 0, SEED);
		Community::<T>::bench_provider(&provider, office);
		fund::<T>(&provider);
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

		let deposit = T::ActivityDeposit::get();
		assert_last_event::<T>(Event::ActivityPublished {
			activity,
			community,
			publisher: provider.clone(),
			kind: ActivityKind::Health,
			starts_at,
			ends_at,
			deposit,
		});
		assert_eq!(OpenActivities::<T>::get(community).len() as u32, T::MaxOpenActivities::get());
		assert_eq!(ActivityDeposits::<T>::get(activity), Some((provider.clone(), deposit)));
		assert_eq!(held::<T>(HoldReason::ActivityDeposit, &provider), deposit);
	}

	#[benchmark]
	fn check_in() {
		let (who, resident, activity) = open_activity::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), activity);

		assert_last_event::<T>(Event::CheckedIn { activity, resident, attendance: 1 });
	}

	/// `n` check-in records to reap, all of them, then the deposit to release (`n` = 0: an
	/// activity nobody checked in at, whose deposit alone is released).
	#[benchmark]
	fn reap_check_ins(n: Linear<0, 1_000>) {
		let (community, officer, _, _) = community::<T>();
		let (starts_at, ends_at) = window::<T>();
		let activity = NextActivityId::<T>::get();
		Community::<T>::do_publish_activity(
			officer.clone(),
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

		frame_system::Pallet::<T>::assert_has_event(
			Event::<T>::CheckInsReaped { activity, removed: n, complete: true }.into(),
		);
		assert_last_event::<T>(Event::ActivityDepositReleased {
			activity,
			who: officer.clone(),
			amount: T::ActivityDeposit::get(),
		});
		assert_eq!(ReapedCheckIns::<T>::get(activity), n);
		assert!(held::<T>(HoldReason::ActivityDeposit, &officer).is_zero());
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

		#[extrinsic_call]
		_(RawOrigin::Signed(officer.clone()), who.clone(), to);

		// Computed after the call: the benchmark harness moves a set-up made at genesis to block 1.
		let expires_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::MoveRequestTtl::get());
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
		set_member_keys::<T>(resident, [[0x01; 32], [0x02; 32]]);
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

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), old.clone(), new.clone());

		// Computed after the call: the benchmark harness moves a set-up made at genesis to block 1.
		let effective_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::ReplacementNotice::get());
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
	/// full open index, releasing its deposit.
	#[benchmark]
	fn cancel_activity() {
		let (community, officer, office, _) = community::<T>();
		let provider: T::AccountId = account("provider", 0, SEED);
		Community::<T>::bench_provider(&provider, office);
		fund::<T>(&provider);
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

		frame_system::Pallet::<T>::assert_has_event(
			Event::<T>::ActivityCancelled { activity, community, by: provider.clone() }.into(),
		);
		assert_last_event::<T>(Event::ActivityDepositReleased {
			activity,
			who: provider.clone(),
			amount: T::ActivityDeposit::get(),
		});
		assert!(held::<T>(HoldReason::ActivityDeposit, &provider).is_zero());
		assert_eq!(
			OpenActivities::<T>::get(community).len() as u32,
			T::MaxOpenActivities::get() - 1
		);
	}

	/// `o` offices the provider is approved in, all of which get suspended; by the admin of
	/// one of them; the provider's deposit is burnt.
	#[benchmark]
	fn release_registration_code(o: Linear<1, { T::MaxProviderOffices::get() }>) {
		let provider: T::AccountId = account("provider", 0, SEED);
		registered_provider::<T>(&provider);
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
			deposit_burnt: T::ProviderDeposit::get(),
		});
		assert!(!ProviderCodes::<T>::contains_key(code));
		assert_eq!(Providers::<T>::get(&provider).map(|p| p.offices), Some(o));
		assert!(held::<T>(HoldReason::ProviderDeposit, &provider).is_zero());
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

	/// `o` approval records to remove, every one suspended (the provider is approved nowhere),
	/// and the deposit to release.
	#[benchmark]
	fn withdraw_provider(o: Linear<0, { T::MaxProviderOffices::get() }>) {
		let provider: T::AccountId = account("provider", 0, SEED);
		registered_provider::<T>(&provider);
		for i in 0..o {
			let office_admin: T::AccountId = account("admin", i, SEED);
			let office = Community::<T>::bench_office(&office_admin);
			Community::<T>::bench_provider(&provider, office);
			Community::<T>::do_suspend_provider(office_admin, office, provider.clone())
				.expect("set-up: the office suspends the provider it approved");
		}
		let code =
			Providers::<T>::get(&provider).expect("set-up: registered").registration_code_hash;

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()));

		assert_last_event::<T>(Event::ProviderWithdrawn {
			provider: provider.clone(),
			deposit_released: T::ProviderDeposit::get(),
		});
		assert!(!Providers::<T>::contains_key(&provider));
		assert!(!ProviderCodes::<T>::contains_key(code));
		assert_eq!(ProviderApprovals::<T>::iter_prefix(&provider).count(), 0);
		assert!(held::<T>(HoldReason::ProviderDeposit, &provider).is_zero());
	}

	/// The check that decides whether `check_in` is free (its `feeless_if`), alone, for a check
	/// that succeeds: every read is made.
	#[benchmark]
	fn feeless_check_in() {
		let (who, _, activity) = open_activity::<T>();

		#[block]
		{
			assert!(Community::<T>::ensure_check_in(&who, activity).is_ok());
		}
	}

	/// The check that decides whether `request_move` is free, alone: the resident's own
	/// request (the only one that can be free), overwriting a lapsed one.
	#[benchmark]
	fn feeless_request_move() {
		let (from, _, office, _) = community::<T>();
		let to = Community::<T>::bench_community(office);
		let who: T::AccountId = account("resident", 0, SEED);
		Community::<T>::bench_resident(&who, from, None);
		PendingMoves::<T>::insert(
			&who,
			PendingMove {
				to,
				requested_by: who.clone(),
				expires_at: frame_system::Pallet::<T>::block_number(),
			},
		);

		#[block]
		{
			assert!(Community::<T>::ensure_request_move(&who, &who, to).is_ok());
		}
	}

	/// The check that decides whether `cancel_replacement` is free, alone: the resident's own
	/// cancellation (the only one that can be free).
	#[benchmark]
	fn feeless_cancel_replacement() {
		let (community, _, _, _) = community::<T>();
		let old: T::AccountId = account("resident", 0, SEED);
		Community::<T>::bench_resident(&old, community, None);
		pending_replacement::<T>(&old);

		#[block]
		{
			assert!(Community::<T>::ensure_cancel_replacement(&old, &old).is_ok());
		}
	}

	/// A key change that drops the older of two keys (and its index entry), verifying a real
	/// proof of possession (a precomputed fixture for this runtime's account type).
	#[benchmark]
	fn set_member_key() -> Result<(), BenchmarkError> {
		let (who, resident, key, proof) = member_key_change::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), key, proof);

		assert_last_event::<T>(Event::MemberKeySet { resident, key });
		assert!(!MemberKeyOwners::<T>::contains_key([0x01; 32]));
		assert_eq!(MemberKeyOwners::<T>::get(key), Some(resident));
		Ok(())
	}

	/// The check that decides whether `set_member_key` is free, alone, for a check that
	/// succeeds: every read is made and the proof verified.
	#[benchmark]
	fn feeless_set_member_key() -> Result<(), BenchmarkError> {
		let (who, _, key, proof) = member_key_change::<T>()?;

		#[block]
		{
			assert!(Community::<T>::ensure_set_member_key(&who, &key, &proof).is_ok());
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Community, crate::mock::new_test_ext(), crate::mock::Test);
}
