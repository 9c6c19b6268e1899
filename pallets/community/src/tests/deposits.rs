//! Deposits: whoever makes the registry store something pays for it with a held deposit — a
//! provider for its registration, a publisher for its activity — and gets it back when what it
//! paid for goes (withdrawal, cancellation, reaping). Squatting a registration code costs the
//! deposit.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	weights::Weight,
};
use gongzhi_primitives::{ActivityId, CommunityRegistry};

fn held(reason: HoldReason, who: u64) -> u64 {
	<Balances as InspectHold<u64>>::balance_on_hold(&reason.into(), &who)
}

fn provider_held(who: u64) -> u64 {
	held(HoldReason::ProviderDeposit, who)
}

fn activity_held(who: u64) -> u64 {
	held(HoldReason::ActivityDeposit, who)
}

fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

fn issuance() -> u64 {
	<Balances as Inspect<u64>>::total_issuance()
}

fn register(who: u64, code_hash: sp_core::H256) -> sp_runtime::DispatchResult {
	Community::register_provider(RuntimeOrigin::signed(who), b"P".to_vec(), code_hash)
}

fn withdraw(who: u64) -> sp_runtime::DispatchResult {
	Community::withdraw_provider(RuntimeOrigin::signed(who)).map(|_| ()).map_err(|e| e.error)
}

fn publish_as(who: u64, starts_at: u64, ends_at: u64) -> ActivityId {
	let id = NextActivityId::<Test>::get();
	assert_ok!(Community::publish_activity(
		RuntimeOrigin::signed(who),
		EAST,
		ActivityKind::Volunteering,
		Default::default(),
		starts_at,
		ends_at
	));
	id
}

fn reap(activity: ActivityId, limit: u32) -> sp_runtime::DispatchResult {
	Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, limit)
		.map(|_| ())
		.map_err(|e| e.error)
}

fn cancel(who: u64, activity: ActivityId) -> sp_runtime::DispatchResult {
	Community::cancel_activity(RuntimeOrigin::signed(who), activity)
}

fn deposit_weight() -> Weight {
	gongzhi_primitives::deposit_weight::<<Test as frame_system::Config>::DbWeight>(1)
}

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

#[test]
fn registering_a_provider_holds_its_deposit_so_registrations_are_not_free() {
	build_and_execute(|| {
		assert_ok!(register(PROVIDER, code(1)));
		assert_eq!(provider_held(PROVIDER), PROVIDER_DEPOSIT);
		assert_eq!(free(PROVIDER), ENDOWMENT - PROVIDER_DEPOSIT);
		assert_eq!(ProviderDeposits::<Test>::get(PROVIDER), Some(PROVIDER_DEPOSIT));
		System::assert_last_event(
			Event::ProviderRegistered {
				provider: PROVIDER,
				name: b"P".to_vec().try_into().unwrap(),
				registration_code_hash: code(1),
				deposit: PROVIDER_DEPOSIT,
			}
			.into(),
		);
	});
}

#[test]
fn an_account_that_cannot_pay_the_deposit_cannot_register_as_a_provider_or_squat_a_code() {
	build_and_execute(|| {
		assert_noop!(register(UNFUNDED, code(1)), Error::<Test>::InsufficientDeposit);
		assert!(!Providers::<Test>::contains_key(UNFUNDED));
		assert_eq!(ProviderCodes::<Test>::get(code(1)), None);
		assert_eq!(ProviderDeposits::<Test>::get(UNFUNDED), None);
		// The code is still free for the organization.
		assert_ok!(register(PROVIDER, code(1)));
	});
}

#[test]
fn a_provider_approved_nowhere_withdraws_and_gets_its_deposit_back() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER, OFFICE2);
		for (admin, office) in [(ADMIN, OFFICE), (ADMIN2, OFFICE2)] {
			assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(admin), office, PROVIDER));
		}
		assert_ok!(withdraw(PROVIDER));
		assert!(!Providers::<Test>::contains_key(PROVIDER));
		assert_eq!(ProviderCodes::<Test>::get(code(PROVIDER)), None);
		assert_eq!(ProviderApprovals::<Test>::iter_prefix(PROVIDER).count(), 0);
		assert_eq!(ProviderDeposits::<Test>::get(PROVIDER), None);
		assert_eq!((free(PROVIDER), provider_held(PROVIDER)), (ENDOWMENT, 0));
		assert_eq!(Community::provider_details(&PROVIDER), None);
		System::assert_last_event(
			Event::ProviderWithdrawn { provider: PROVIDER, deposit_released: PROVIDER_DEPOSIT }
				.into(),
		);
		// Its code is free again: the organization may register with it, from another account.
		assert_ok!(register(PROVIDER2, code(PROVIDER)));
	});
}

#[test]
fn a_provider_never_approved_withdraws_at_once() {
	build_and_execute(|| {
		assert_ok!(register(PROVIDER, code(1)));
		assert_ok!(withdraw(PROVIDER));
		assert_eq!((free(PROVIDER), provider_held(PROVIDER)), (ENDOWMENT, 0));
		assert_eq!(ProviderCodes::<Test>::get(code(1)), None);
	});
}

#[test]
fn a_provider_cannot_walk_away_while_an_office_approves_it() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER, OFFICE2);
		assert_noop!(withdraw(PROVIDER), Error::<Test>::StillApproved);
		// Suspended in one office, still approved in the other.
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert_noop!(withdraw(PROVIDER), Error::<Test>::StillApproved);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN2), OFFICE2, PROVIDER));
		assert_ok!(withdraw(PROVIDER));
	});
}

#[test]
fn a_provider_cannot_withdraw_while_it_has_staff_declared() {
	in_district(|| {
		assert_ok!(register(PROVIDER, code(1)));
		assert_ok!(Community::declare_staff(RuntimeOrigin::signed(PROVIDER), staff(&[person(7)])));
		assert_noop!(withdraw(PROVIDER), Error::<Test>::StaffStillDeclared);
		assert_ok!(Community::remove_staff(RuntimeOrigin::signed(PROVIDER), staff(&[person(7)])));
		assert_ok!(withdraw(PROVIDER));
		assert!(PersonEmployers::<Test>::get(person(7)).is_empty());
	});
}

#[test]
fn withdraw_provider_by_an_account_that_is_not_a_provider_fails() {
	in_district(|| {
		for who in [STRANGER, OFFICER, ADMIN] {
			assert_noop!(withdraw(who), Error::<Test>::UnknownProvider);
		}
		// Nor twice.
		assert_ok!(register(PROVIDER, code(1)));
		assert_ok!(withdraw(PROVIDER));
		assert_noop!(withdraw(PROVIDER), Error::<Test>::UnknownProvider);
	});
}

#[test]
fn a_withdrawn_provider_is_like_a_suspended_one_to_the_other_pallets() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_resident(EAST, ALICE);
		let alice = Community::resident(&ALICE).unwrap().id;
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert_ok!(withdraw(PROVIDER));
		// Approved nowhere, nobody's employer, unable to publish or to be approved again.
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE));
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE2));
		assert!(!Community::is_staff_of(&PROVIDER, alice));
		assert!(Community::employers_of(alice).is_empty());
		assert_noop!(
			Community::publish_activity(
				RuntimeOrigin::signed(PROVIDER),
				EAST,
				ActivityKind::Other,
				Default::default(),
				1,
				5
			),
			Error::<Test>::NotPublisher
		);
		assert_noop!(
			Community::approve_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER),
			Error::<Test>::UnknownProvider
		);
		// Registering again takes a new deposit.
		assert_ok!(register(PROVIDER, code(PROVIDER)));
		assert_eq!(provider_held(PROVIDER), PROVIDER_DEPOSIT);
	});
}

#[test]
fn withdraw_provider_refunds_the_offices_it_did_not_read() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		let info = Community::withdraw_provider(RuntimeOrigin::signed(PROVIDER)).unwrap();
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::withdraw_provider(1).saturating_add(deposit_weight()))
		);
	});
}

#[test]
fn releasing_a_squatted_code_burns_the_squatters_deposit() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let before = issuance();
		assert_ok!(Community::release_registration_code(
			RuntimeOrigin::signed(ADMIN),
			code(PROVIDER)
		));
		// Burnt: not back in the squatter's account, nor in anyone else's.
		assert_eq!(provider_held(PROVIDER), 0);
		assert_eq!(free(PROVIDER), ENDOWMENT - PROVIDER_DEPOSIT);
		assert_eq!(issuance(), before - PROVIDER_DEPOSIT);
		assert_eq!(free(ADMIN), ENDOWMENT);
		assert_eq!(ProviderDeposits::<Test>::get(PROVIDER), None);
		System::assert_last_event(
			Event::RegistrationCodeReleased {
				registration_code_hash: code(PROVIDER),
				provider: PROVIDER,
				deposit_burnt: PROVIDER_DEPOSIT,
			}
			.into(),
		);
		// The rightful organization registers with the code; the squatter may only leave, with
		// nothing back, and leaving does not free the code it no longer holds.
		assert_ok!(register(PROVIDER2, code(PROVIDER)));
		assert_ok!(withdraw(PROVIDER));
		System::assert_last_event(
			Event::ProviderWithdrawn { provider: PROVIDER, deposit_released: 0 }.into(),
		);
		assert_eq!(free(PROVIDER), ENDOWMENT - PROVIDER_DEPOSIT);
		assert_eq!(ProviderCodes::<Test>::get(code(PROVIDER)), Some(PROVIDER2));
		assert_eq!(provider_held(PROVIDER2), PROVIDER_DEPOSIT);
	});
}

#[test]
fn a_genesis_provider_holds_no_deposit_and_withdraws_with_nothing_back() {
	let genesis = GenesisConfig::<Test> {
		providers: vec![(PROVIDER, "Kids".into(), code(1), vec![])],
		..Default::default()
	};
	ext_with(genesis).execute_with(|| {
		assert_eq!(ProviderDeposits::<Test>::get(PROVIDER), None);
		assert_eq!((free(PROVIDER), provider_held(PROVIDER)), (ENDOWMENT, 0));
		assert_ok!(withdraw(PROVIDER));
		System::assert_last_event(
			Event::ProviderWithdrawn { provider: PROVIDER, deposit_released: 0 }.into(),
		);
		assert_eq!(free(PROVIDER), ENDOWMENT);
		assert_ok!(Community::do_try_state());
	});
}

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

#[test]
fn publishing_an_activity_holds_the_publishers_deposit() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let by_officer = publish_as(OFFICER, 1, 8);
		let by_provider = publish_as(PROVIDER, 1, 8);
		assert_eq!(ActivityDeposits::<Test>::get(by_officer), Some((OFFICER, ACTIVITY_DEPOSIT)));
		assert_eq!(ActivityDeposits::<Test>::get(by_provider), Some((PROVIDER, ACTIVITY_DEPOSIT)));
		assert_eq!(activity_held(OFFICER), ACTIVITY_DEPOSIT);
		assert_eq!(free(OFFICER), ENDOWMENT - ACTIVITY_DEPOSIT);
		// A provider's two deposits are held apart.
		assert_eq!(
			(provider_held(PROVIDER), activity_held(PROVIDER)),
			(PROVIDER_DEPOSIT, ACTIVITY_DEPOSIT)
		);
		System::assert_last_event(
			Event::ActivityPublished {
				activity: by_provider,
				community: EAST,
				publisher: PROVIDER,
				kind: ActivityKind::Volunteering,
				starts_at: 1,
				ends_at: 8,
				deposit: ACTIVITY_DEPOSIT,
			}
			.into(),
		);
	});
}

#[test]
fn an_officer_that_cannot_pay_the_deposit_cannot_fill_the_open_index() {
	in_district(|| {
		add_officer(EAST, UNFUNDED);
		assert_noop!(
			Community::publish_activity(
				RuntimeOrigin::signed(UNFUNDED),
				EAST,
				ActivityKind::Other,
				Default::default(),
				1,
				8
			),
			Error::<Test>::InsufficientDeposit
		);
		assert_eq!(NextActivityId::<Test>::get(), 0);
		assert!(OpenActivities::<Test>::get(EAST).is_empty());
	});
}

#[test]
fn cancelling_an_activity_gives_the_deposit_back_to_its_publisher_whoever_cancels() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let activity = publish_as(PROVIDER, 1, 8);
		// The office cancels the provider's activity: the provider gets its deposit back.
		assert_ok!(cancel(ADMIN, activity));
		assert_eq!(activity_held(PROVIDER), 0);
		assert_eq!(free(PROVIDER), ENDOWMENT - PROVIDER_DEPOSIT);
		assert_eq!(free(ADMIN), ENDOWMENT);
		assert_eq!(ActivityDeposits::<Test>::get(activity), None);
		System::assert_has_event(
			Event::ActivityCancelled { activity, community: EAST, by: ADMIN }.into(),
		);
		System::assert_last_event(
			Event::ActivityDepositReleased { activity, who: PROVIDER, amount: ACTIVITY_DEPOSIT }
				.into(),
		);
	});
}

#[test]
fn a_removed_officer_still_gets_back_the_deposit_of_the_activity_they_published() {
	in_district(|| {
		add_officer(EAST, 13);
		let activity = publish_as(13, 1, 8);
		assert_ok!(Community::remove_officer(RuntimeOrigin::signed(ADMIN), EAST, 13));
		assert_ok!(cancel(OFFICER, activity));
		assert_eq!((free(13), activity_held(13)), (ENDOWMENT, 0));
	});
}

/// `EAST` activity (window 1..=8, published by `OFFICER`) attended by `ALICE`, `BOB`, `CAROL`.
fn attended_activity() -> ActivityId {
	for who in [ALICE, BOB, CAROL] {
		add_resident(EAST, who);
	}
	let activity = publish_as(OFFICER, 1, 8);
	for who in [ALICE, BOB, CAROL] {
		assert_ok!(Community::check_in(RuntimeOrigin::signed(who), activity));
	}
	activity
}

#[test]
fn reaping_the_last_check_ins_gives_the_deposit_back() {
	in_district(|| {
		let activity = attended_activity();
		// Ended at 8, kept for 50 blocks: reapable from block 59.
		run_to(59);
		assert_ok!(reap(activity, 2));
		// Check-ins left: the deposit stays, so that someone bothers to reap them.
		assert_eq!(activity_held(OFFICER), ACTIVITY_DEPOSIT);
		assert!(ActivityDeposits::<Test>::contains_key(activity));
		System::assert_last_event(
			Event::CheckInsReaped { activity, removed: 2, complete: false }.into(),
		);
		let info =
			Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, 10).unwrap();
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::reap_check_ins(1).saturating_add(deposit_weight()))
		);
		assert_eq!((free(OFFICER), activity_held(OFFICER)), (ENDOWMENT, 0));
		assert_eq!(ActivityDeposits::<Test>::get(activity), None);
		System::assert_has_event(
			Event::CheckInsReaped { activity, removed: 1, complete: true }.into(),
		);
		System::assert_last_event(
			Event::ActivityDepositReleased { activity, who: OFFICER, amount: ACTIVITY_DEPOSIT }
				.into(),
		);
		// The record and its attendance stay.
		assert_eq!(Activities::<Test>::get(activity).unwrap().attendance, 3);
	});
}

#[test]
fn an_activity_nobody_attended_releases_its_deposit_through_reaping_only_after_retention() {
	in_district(|| {
		let activity = publish_as(OFFICER, 1, 8);
		run_to(58);
		assert_noop!(reap(activity, 10), Error::<Test>::RetentionNotOver);
		run_to(59);
		assert_ok!(reap(activity, 10));
		assert_eq!((free(OFFICER), activity_held(OFFICER)), (ENDOWMENT, 0));
		System::assert_has_event(
			Event::CheckInsReaped { activity, removed: 0, complete: true }.into(),
		);
		System::assert_last_event(
			Event::ActivityDepositReleased { activity, who: OFFICER, amount: ACTIVITY_DEPOSIT }
				.into(),
		);
		// Nothing was reaped, so nothing is counted as reaped.
		assert!(!ReapedCheckIns::<Test>::contains_key(activity));
		// Released once: there is nothing left to reap.
		assert_noop!(reap(activity, 10), Error::<Test>::NothingToReap);
	});
}

#[test]
fn a_cancelled_activitys_deposit_is_not_released_twice() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let activity = publish_as(OFFICER, 1, 8);
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), activity));
		assert_ok!(cancel(OFFICER, activity));
		assert_eq!((free(OFFICER), activity_held(OFFICER)), (ENDOWMENT, 0));
		// Reaping its check-in later releases nothing more.
		run_to(59);
		System::reset_events();
		assert_ok!(reap(activity, 10));
		System::assert_last_event(
			Event::CheckInsReaped { activity, removed: 1, complete: true }.into(),
		);
		assert_eq!(free(OFFICER), ENDOWMENT);
		assert_noop!(reap(activity, 10), Error::<Test>::NothingToReap);
	});
}

#[test]
fn reaping_with_a_zero_limit_releases_nothing_while_check_ins_are_left() {
	in_district(|| {
		let activity = attended_activity();
		run_to(59);
		assert_ok!(reap(activity, 0));
		assert_eq!(activity_held(OFFICER), ACTIVITY_DEPOSIT);
		assert_eq!(CheckIns::<Test>::iter_key_prefix(activity).count(), 3);
	});
}

// ---------------------------------------------------------------------------------------------
// Free calls: the weight of the check that decides
// ---------------------------------------------------------------------------------------------

#[test]
fn the_check_of_each_free_call_is_weighed_and_other_calls_have_none() {
	use crate::WeightInfo;
	let weights = [
		(Call::<Test>::check_in { activity: 0 }, <() as WeightInfo>::feeless_check_in()),
		(
			Call::<Test>::request_move { who: ALICE, to: WEST },
			<() as WeightInfo>::feeless_request_move(),
		),
		(
			Call::<Test>::cancel_replacement { old: ALICE },
			<() as WeightInfo>::feeless_cancel_replacement(),
		),
		(Call::<Test>::withdraw_provider {}, Weight::zero()),
		(Call::<Test>::cancel_activity { activity: 0 }, Weight::zero()),
	];
	for (call, weight) in weights {
		assert_eq!(Community::feeless_check_weight(&call), weight);
	}
	assert!(<() as WeightInfo>::feeless_check_in().ref_time() > 0);
}

// ---------------------------------------------------------------------------------------------
// try_state
// ---------------------------------------------------------------------------------------------

#[test]
fn try_state_catches_a_provider_deposit_without_its_hold_or_a_hold_without_its_record() {
	in_district(|| {
		assert_ok!(register(PROVIDER, code(1)));
		ProviderDeposits::<Test>::remove(PROVIDER);
		assert!(Community::do_try_state().is_err());
		ProviderDeposits::<Test>::insert(PROVIDER, PROVIDER_DEPOSIT + 1);
		assert!(Community::do_try_state().is_err());
		ProviderDeposits::<Test>::insert(PROVIDER, PROVIDER_DEPOSIT);
		assert_ok!(Community::do_try_state());
	});
}

#[test]
fn try_state_catches_an_activity_deposit_that_outlived_its_hold() {
	in_district(|| {
		let activity = publish_as(OFFICER, 1, 8);
		let record = ActivityDeposits::<Test>::get(activity).unwrap();
		assert_ok!(cancel(OFFICER, activity));
		// A record left behind after the release: a cancelled activity holding a deposit.
		ActivityDeposits::<Test>::insert(activity, record);
		assert!(Community::do_try_state().is_err());
		ActivityDeposits::<Test>::remove(activity);
	});
}
