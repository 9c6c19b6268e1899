//! Moving a resident takes both sides: the side they leave asks (`request_move`), the
//! destination accepts (`accept_move`); across offices, both offices. Only an account entitled
//! on both sides at once moves a resident in one step (`move_resident`).

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::CheckIfFeeless};
use gongzhi_primitives::{CommunityId, CommunityRegistry, Scope};

fn counts() -> [u32; 5] {
	[
		Community::residents_in(Scope::Community(EAST)),
		Community::residents_in(Scope::Community(WEST)),
		Community::residents_in(Scope::Community(NORTH)),
		Community::residents_in(Scope::Office(OFFICE)),
		Community::residents_in(Scope::Office(OFFICE2)),
	]
}

fn request(by: u64, who: u64, to: CommunityId) -> sp_runtime::DispatchResult {
	Community::request_move(RuntimeOrigin::signed(by), who, to)
}

fn accept(by: u64, who: u64) -> sp_runtime::DispatchResult {
	Community::accept_move(RuntimeOrigin::signed(by), who)
}

fn request_is_free(by: u64, who: u64, to: CommunityId) -> bool {
	Call::<Test>::request_move { who, to }.is_feeless(&RuntimeOrigin::signed(by))
}

#[test]
fn a_resident_moves_within_the_office_when_both_officers_agree() {
	in_district(|| {
		add_resident(EAST, ALICE);
		run_to(4);
		assert_ok!(request(OFFICER, ALICE, WEST));
		assert_eq!(
			PendingMoves::<Test>::get(ALICE),
			Some(PendingMove { to: WEST, requested_by: OFFICER, expires_at: 14 })
		);
		System::assert_last_event(
			Event::MoveRequested {
				resident: 0,
				who: ALICE,
				from: EAST,
				to: WEST,
				requested_by: OFFICER,
				expires_at: 14,
			}
			.into(),
		);
		// Nothing moves before the destination accepts.
		assert_eq!(counts(), [1, 0, 0, 1, 0]);
		run_to(9);
		assert_ok!(accept(OFFICER_WEST, ALICE));
		let record = Residents::<Test>::get(ALICE).unwrap();
		assert_eq!((record.community, record.office, record.registered_at), (WEST, OFFICE, 9));
		assert_eq!(counts(), [0, 1, 0, 1, 0]);
		assert!(!PendingMoves::<Test>::contains_key(ALICE));
		System::assert_last_event(
			Event::ResidentMoved { resident: 0, who: ALICE, from: EAST, to: WEST }.into(),
		);
	});
}

#[test]
fn a_resident_asks_to_move_and_the_destination_accepts() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(ALICE, ALICE, WEST));
		assert_ok!(accept(OFFICER_WEST, ALICE));
		assert_eq!(Residents::<Test>::get(ALICE).unwrap().community, WEST);
	});
}

#[test]
fn a_move_to_another_office_needs_both_offices() {
	in_district(|| {
		add_resident(EAST, ALICE);
		run_to(12);
		assert_ok!(request(ADMIN, ALICE, NORTH));
		assert_ok!(accept(ADMIN2, ALICE));
		let record = Residents::<Test>::get(ALICE).unwrap();
		assert_eq!((record.id, record.community, record.office), (0, NORTH, OFFICE2));
		assert_eq!(record.registered_at, 12, "a move restarts registered_at");
		assert_eq!(counts(), [0, 0, 1, 0, 1]);
		System::assert_last_event(
			Event::ResidentMoved { resident: 0, who: ALICE, from: EAST, to: NORTH }.into(),
		);
	});
}

#[test]
fn the_resident_may_ask_to_move_to_another_office() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(ALICE, ALICE, NORTH));
		assert_ok!(accept(ADMIN2, ALICE));
		assert_eq!(counts(), [0, 0, 1, 0, 1]);
	});
}

#[test]
fn one_officer_cannot_move_a_resident_out_of_another_community() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// The destination's officer can neither ask on the resident's behalf nor move alone.
		assert_noop!(request(OFFICER_WEST, ALICE, WEST), Error::<Test>::NotLeavingSide);
		assert_noop!(
			Community::move_resident(RuntimeOrigin::signed(OFFICER_WEST), ALICE, WEST),
			Error::<Test>::NotLeavingSide
		);
		// Nor can a stranger or the admin of another office.
		for who in [STRANGER, ADMIN2, OFFICER_NORTH] {
			assert_noop!(request(who, ALICE, WEST), Error::<Test>::NotLeavingSide);
		}
		assert_eq!(Residents::<Test>::get(ALICE).unwrap().community, EAST);
	});
}

#[test]
fn one_officer_cannot_move_a_resident_into_their_community_without_the_destination() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// The officer of the community left asks; the same officer cannot accept.
		assert_ok!(request(OFFICER, ALICE, WEST));
		assert_noop!(accept(OFFICER, ALICE), Error::<Test>::NotAcceptingSide);
		assert_noop!(
			Community::move_resident(RuntimeOrigin::signed(OFFICER), ALICE, WEST),
			Error::<Test>::NotAcceptingSide
		);
		// Neither can the resident, a stranger, or an officer of a third community.
		for who in [ALICE, STRANGER, OFFICER_NORTH, ADMIN2] {
			assert_noop!(accept(who, ALICE), Error::<Test>::NotAcceptingSide);
		}
	});
}

#[test]
fn an_officer_alone_cannot_move_a_resident_to_another_office() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// Across offices the officer of the community left is not enough…
		assert_noop!(request(OFFICER, ALICE, NORTH), Error::<Test>::NotLeavingSide);
		// …and neither is the destination's officer: the destination's office must accept.
		assert_ok!(request(ADMIN, ALICE, NORTH));
		assert_noop!(accept(OFFICER_NORTH, ALICE), Error::<Test>::NotAcceptingSide);
		assert_noop!(accept(ADMIN, ALICE), Error::<Test>::NotAcceptingSide);
		assert_ok!(accept(ADMIN2, ALICE));
	});
}

#[test]
fn a_move_requested_by_a_removed_officer_cannot_be_accepted() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(OFFICER, ALICE, WEST));
		assert_ok!(Community::remove_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER));
		assert_noop!(accept(OFFICER_WEST, ALICE), Error::<Test>::RequesterNoLongerEntitled);
		// The leaving side asks again (here the resident) and the move goes through.
		run_to(11);
		assert_ok!(Community::cancel_move(RuntimeOrigin::signed(OFFICER_WEST), ALICE));
		assert_ok!(request(ALICE, ALICE, WEST));
		assert_ok!(accept(OFFICER_WEST, ALICE));
	});
}

#[test]
fn a_move_requested_by_a_former_office_admin_cannot_be_accepted() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(ADMIN, ALICE, NORTH));
		assert_ok!(Community::set_office_admin(RuntimeOrigin::root(), OFFICE, 3));
		assert_noop!(accept(ADMIN2, ALICE), Error::<Test>::RequesterNoLongerEntitled);
	});
}

#[test]
fn a_lapsed_move_cannot_be_accepted() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(OFFICER, ALICE, WEST));
		// MoveRequestTtl is 10: requested at 1, acceptable up to block 10.
		run_to(11);
		assert_noop!(accept(OFFICER_WEST, ALICE), Error::<Test>::MoveExpired);
		// Anyone may clear a lapsed request.
		assert_ok!(Community::cancel_move(RuntimeOrigin::signed(STRANGER), ALICE));
		assert!(!PendingMoves::<Test>::contains_key(ALICE));
		System::assert_last_event(
			Event::MoveCancelled { resident: 0, who: ALICE, to: WEST }.into(),
		);
	});
}

#[test]
fn a_second_request_while_one_is_pending_fails_until_it_lapses() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(OFFICER, ALICE, WEST));
		assert_noop!(request(ALICE, ALICE, NORTH), Error::<Test>::MoveAlreadyRequested);
		run_to(11);
		// A lapsed request is overwritten.
		assert_ok!(request(ALICE, ALICE, NORTH));
		assert_eq!(PendingMoves::<Test>::get(ALICE).unwrap().to, NORTH);
	});
}

#[test]
fn either_side_may_cancel_a_pending_move_and_nobody_else() {
	in_district(|| {
		add_resident(EAST, ALICE);
		for canceller in [ALICE, OFFICER, ADMIN, OFFICER_WEST] {
			assert_ok!(request(OFFICER, ALICE, WEST));
			assert_noop!(
				Community::cancel_move(RuntimeOrigin::signed(STRANGER), ALICE),
				Error::<Test>::NotPartyToMove
			);
			assert_noop!(
				Community::cancel_move(RuntimeOrigin::signed(OFFICER_NORTH), ALICE),
				Error::<Test>::NotPartyToMove
			);
			assert_ok!(Community::cancel_move(RuntimeOrigin::signed(canceller), ALICE));
			System::assert_last_event(
				Event::MoveCancelled { resident: 0, who: ALICE, to: WEST }.into(),
			);
			assert!(!PendingMoves::<Test>::contains_key(ALICE));
		}
		// Across offices, the destination office may refuse.
		assert_ok!(request(ADMIN, ALICE, NORTH));
		assert_noop!(
			Community::cancel_move(RuntimeOrigin::signed(OFFICER), ALICE),
			Error::<Test>::NotPartyToMove
		);
		assert_ok!(Community::cancel_move(RuntimeOrigin::signed(ADMIN2), ALICE));
	});
}

#[test]
fn accept_or_cancel_without_a_request_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(accept(OFFICER_WEST, ALICE), Error::<Test>::NoPendingMove);
		assert_noop!(
			Community::cancel_move(RuntimeOrigin::signed(ALICE), ALICE),
			Error::<Test>::NoPendingMove
		);
	});
}

#[test]
fn request_move_of_a_non_resident_fails() {
	in_district(|| {
		assert_noop!(request(OFFICER, ALICE, WEST), Error::<Test>::NotResident);
	});
}

#[test]
fn request_move_to_their_own_community_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(request(OFFICER, ALICE, EAST), Error::<Test>::AlreadyInCommunity);
	});
}

#[test]
fn request_move_to_an_unknown_or_retired_community_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(request(ALICE, ALICE, 9), Error::<Test>::UnknownCommunity);
		assert_ok!(Community::retire_community(RuntimeOrigin::signed(ADMIN2), NORTH));
		assert_noop!(request(ALICE, ALICE, NORTH), Error::<Test>::CommunityRetired);
	});
}

#[test]
fn a_destination_retired_after_the_request_cannot_accept() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(ADMIN, ALICE, NORTH));
		assert_ok!(Community::retire_community(RuntimeOrigin::signed(ADMIN2), NORTH));
		assert_noop!(accept(ADMIN2, ALICE), Error::<Test>::CommunityRetired);
		// The request can still be withdrawn.
		assert_ok!(Community::cancel_move(RuntimeOrigin::signed(ADMIN), ALICE));
	});
}

#[test]
fn the_office_admin_moves_a_resident_between_its_communities_in_one_step() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(ALICE, ALICE, NORTH));
		run_to(5);
		assert_ok!(Community::move_resident(RuntimeOrigin::signed(ADMIN), ALICE, WEST));
		let record = Residents::<Test>::get(ALICE).unwrap();
		assert_eq!((record.community, record.registered_at), (WEST, 5));
		assert_eq!(counts(), [0, 1, 0, 1, 0]);
		// The pending request elsewhere is dropped.
		assert!(!PendingMoves::<Test>::contains_key(ALICE));
		System::assert_has_event(
			Event::MoveCancelled { resident: 0, who: ALICE, to: NORTH }.into(),
		);
		System::assert_last_event(
			Event::ResidentMoved { resident: 0, who: ALICE, from: EAST, to: WEST }.into(),
		);
	});
}

#[test]
fn a_direct_move_needs_an_account_entitled_on_both_sides() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let direct = |who: u64, to: CommunityId| {
			Community::move_resident(RuntimeOrigin::signed(who), ALICE, to)
		};
		assert_noop!(direct(ALICE, WEST), Error::<Test>::NotAcceptingSide);
		assert_noop!(direct(OFFICER, WEST), Error::<Test>::NotAcceptingSide);
		assert_noop!(direct(OFFICER_WEST, WEST), Error::<Test>::NotLeavingSide);
		// Across offices, neither office alone.
		assert_noop!(direct(ADMIN, NORTH), Error::<Test>::NotAcceptingSide);
		assert_noop!(direct(ADMIN2, NORTH), Error::<Test>::NotLeavingSide);
		// The admin of both offices may.
		assert_ok!(Community::set_office_admin(RuntimeOrigin::root(), OFFICE2, ADMIN));
		assert_ok!(direct(ADMIN, NORTH));
		assert_eq!(counts(), [0, 0, 1, 0, 1]);
	});
}

#[test]
fn a_resident_request_is_free_exactly_when_it_will_succeed() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		assert!(request_is_free(ALICE, ALICE, WEST));
		// For someone else, invalid, or by an officer: pays.
		assert!(!request_is_free(ALICE, BOB, WEST));
		assert!(!request_is_free(ALICE, ALICE, EAST));
		assert!(!request_is_free(OFFICER, ALICE, WEST));
		assert!(!request_is_free(STRANGER, STRANGER, WEST));
		assert_ok!(request(ALICE, ALICE, WEST));
		// One pending request at a time: a second one pays (and fails).
		assert!(!request_is_free(ALICE, ALICE, NORTH));
		// Other move calls always pay.
		assert!(!Call::<Test>::accept_move { who: ALICE }
			.is_feeless(&RuntimeOrigin::signed(OFFICER_WEST)));
		assert!(!Call::<Test>::cancel_move { who: ALICE }.is_feeless(&RuntimeOrigin::signed(ALICE)));
	});
}

#[test]
fn retiring_a_resident_drops_their_pending_move() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(request(ALICE, ALICE, WEST));
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE));
		assert!(!PendingMoves::<Test>::contains_key(ALICE));
		System::assert_has_event(Event::MoveCancelled { resident: 0, who: ALICE, to: WEST }.into());
	});
}
