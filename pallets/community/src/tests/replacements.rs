//! Replacing a lost key: the resident's office proposes, a public notice runs during which the
//! resident (if they still hold their key) or the office may cancel, then anyone enacts.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::CheckIfFeeless};
use gongzhi_primitives::{CommunityRegistry, Scope};

fn propose(by: u64, old: u64, new: u64) -> sp_runtime::DispatchResult {
	Community::propose_replacement(RuntimeOrigin::signed(by), old, new)
}

fn enact(old: u64) -> sp_runtime::DispatchResult {
	Community::enact_replacement(RuntimeOrigin::signed(STRANGER), old)
}

fn cancel(by: u64, old: u64) -> sp_runtime::DispatchResult {
	Community::cancel_replacement(RuntimeOrigin::signed(by), old)
}

#[test]
fn a_lost_key_is_replaced_after_the_public_notice() {
	in_district(|| {
		add_resident(EAST, ALICE);
		run_to(20);
		assert_ok!(propose(ADMIN, ALICE, BOB));
		// ReplacementNotice is 5 blocks.
		assert_eq!(
			PendingReplacements::<Test>::get(ALICE),
			Some(PendingReplacement { new: BOB, effective_at: 25 })
		);
		assert_eq!(ReplacementTargets::<Test>::get(BOB), Some(ALICE));
		System::assert_last_event(
			Event::ReplacementProposed { resident: 0, old: ALICE, new: BOB, effective_at: 25 }
				.into(),
		);
		run_to(24);
		assert_noop!(enact(ALICE), Error::<Test>::NoticeNotOver);
		run_to(25);
		assert_ok!(enact(ALICE));
		let record = Residents::<Test>::get(BOB).unwrap();
		assert_eq!((record.id, record.community, record.registered_at), (0, EAST, 1));
		assert_eq!(record.person_hash, person(ALICE));
		assert!(!Residents::<Test>::contains_key(ALICE));
		assert_eq!(ResidentAccounts::<Test>::get(0), Some(BOB));
		assert_eq!((System::providers(&ALICE), System::providers(&BOB)), (0, 1));
		assert_eq!(Community::resident_account(0), Some(BOB));
		assert_eq!(Community::residents_in(Scope::Community(EAST)), 1);
		assert!(!PendingReplacements::<Test>::contains_key(ALICE));
		assert!(!ReplacementTargets::<Test>::contains_key(BOB));
		System::assert_last_event(
			Event::AccountReplaced { resident: 0, old: ALICE, new: BOB }.into(),
		);
	});
}

#[test]
fn one_officer_cannot_take_over_a_resident_record() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// The resident's own officer, another office's admin, a stranger: not the office.
		for who in [OFFICER, OFFICER_WEST, ADMIN2, STRANGER] {
			assert_noop!(propose(who, ALICE, 50), Error::<Test>::NotOfficeAdmin);
		}
	});
}

#[test]
fn the_resident_cancels_a_replacement_they_did_not_ask_for_for_free() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(propose(ADMIN, ALICE, 50));
		let call = Call::<Test>::cancel_replacement { old: ALICE };
		assert!(call.is_feeless(&RuntimeOrigin::signed(ALICE)));
		// The office's cancellation pays; a stranger's fails and pays.
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ADMIN)));
		assert!(!call.is_feeless(&RuntimeOrigin::signed(STRANGER)));
		assert_ok!(cancel(ALICE, ALICE));
		System::assert_last_event(
			Event::ReplacementCancelled { resident: 0, old: ALICE, new: 50 }.into(),
		);
		assert!(!PendingReplacements::<Test>::contains_key(ALICE));
		assert!(!ReplacementTargets::<Test>::contains_key(50));
		run_to(10);
		assert_noop!(enact(ALICE), Error::<Test>::NoPendingReplacement);
		assert_eq!(Residents::<Test>::get(ALICE).unwrap().id, 0);
		// Nothing left to cancel: no longer free.
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ALICE)));
	});
}

#[test]
fn the_office_cancels_a_replacement_and_nobody_else() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(propose(ADMIN, ALICE, 50));
		// Not the proposed new key, an officer, another office or a stranger.
		for who in [50, OFFICER, ADMIN2, STRANGER] {
			assert_noop!(cancel(who, ALICE), Error::<Test>::NotReplacementParty);
		}
		assert_ok!(cancel(ADMIN, ALICE));
		assert_noop!(cancel(ADMIN, ALICE), Error::<Test>::NoPendingReplacement);
	});
}

#[test]
fn the_resident_may_cancel_until_the_replacement_is_enacted() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(propose(ADMIN, ALICE, 50));
		run_to(10);
		assert_ok!(cancel(ALICE, ALICE));
		assert_noop!(enact(ALICE), Error::<Test>::NoPendingReplacement);
	});
}

#[test]
fn propose_replacement_to_a_resident_or_provider_account_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(WEST, BOB);
		add_provider(PROVIDER, OFFICE);
		assert_noop!(propose(ADMIN, ALICE, BOB), Error::<Test>::AlreadyResident);
		assert_noop!(propose(ADMIN, ALICE, ALICE), Error::<Test>::AlreadyResident);
		assert_noop!(propose(ADMIN, ALICE, PROVIDER), Error::<Test>::AccountIsProvider);
	});
}

#[test]
fn a_second_replacement_of_the_same_resident_or_to_the_same_account_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(WEST, BOB);
		assert_ok!(propose(ADMIN, ALICE, 50));
		assert_noop!(propose(ADMIN, ALICE, 51), Error::<Test>::ReplacementAlreadyProposed);
		assert_noop!(propose(ADMIN, BOB, 50), Error::<Test>::AccountInPendingReplacement);
	});
}

#[test]
fn propose_replacement_of_a_non_resident_fails() {
	in_district(|| {
		assert_noop!(propose(ADMIN, ALICE, BOB), Error::<Test>::NotResident);
		assert_noop!(enact(ALICE), Error::<Test>::NoPendingReplacement);
	});
}

#[test]
fn enact_fails_if_the_new_account_became_a_resident_or_provider_meanwhile() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(propose(ADMIN, ALICE, BOB));
		add_resident(WEST, BOB);
		run_to(10);
		assert_noop!(enact(ALICE), Error::<Test>::AlreadyResident);
		assert_ok!(cancel(ADMIN, ALICE));
		assert_ok!(propose(ADMIN, ALICE, PROVIDER));
		add_provider(PROVIDER, OFFICE);
		run_to(20);
		assert_noop!(enact(ALICE), Error::<Test>::AccountIsProvider);
	});
}

#[test]
fn replace_an_account_that_still_has_consumers_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(System::inc_consumers(&ALICE));
		assert_noop!(propose(ADMIN, ALICE, BOB), Error::<Test>::CannotReleaseAccount);
		System::dec_consumers(&ALICE);
		assert_ok!(propose(ADMIN, ALICE, BOB));
		// A consumer added during the notice blocks the enactment.
		assert_ok!(System::inc_consumers(&ALICE));
		run_to(10);
		assert_noop!(enact(ALICE), Error::<Test>::CannotReleaseAccount);
		System::dec_consumers(&ALICE);
		assert_ok!(enact(ALICE));
	});
}

#[test]
fn a_move_to_another_office_drops_a_pending_replacement() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(propose(ADMIN, ALICE, 50));
		// Within the office it stays.
		assert_ok!(Community::move_resident(RuntimeOrigin::signed(ADMIN), ALICE, WEST));
		assert!(PendingReplacements::<Test>::contains_key(ALICE));
		// To another office it lapses: the office that proposed no longer answers for her.
		assert_ok!(Community::request_move(RuntimeOrigin::signed(ALICE), ALICE, NORTH));
		assert_ok!(Community::accept_move(RuntimeOrigin::signed(ADMIN2), ALICE));
		assert!(!PendingReplacements::<Test>::contains_key(ALICE));
		assert!(!ReplacementTargets::<Test>::contains_key(50));
		System::assert_has_event(
			Event::ReplacementCancelled { resident: 0, old: ALICE, new: 50 }.into(),
		);
	});
}

#[test]
fn retiring_a_resident_drops_a_pending_replacement() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(propose(ADMIN, ALICE, 50));
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE));
		assert!(!PendingReplacements::<Test>::contains_key(ALICE));
		assert!(!ReplacementTargets::<Test>::contains_key(50));
	});
}

#[test]
fn enacting_drops_a_move_requested_under_the_old_key() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(Community::request_move(RuntimeOrigin::signed(ALICE), ALICE, WEST));
		assert_ok!(propose(ADMIN, ALICE, BOB));
		run_to(6);
		assert_ok!(enact(ALICE));
		assert!(!PendingMoves::<Test>::contains_key(ALICE));
		assert!(!PendingMoves::<Test>::contains_key(BOB));
		System::assert_has_event(Event::MoveCancelled { resident: 0, who: ALICE, to: WEST }.into());
	});
}
