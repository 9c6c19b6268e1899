//! Residents: registered and retired by officers; one record per person. Moves and account
//! replacements have their own files.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::{CommunityRegistry, ResidentId, ResidentInfo, Scope};

fn counts() -> [u32; 5] {
	[
		Community::residents_in(Scope::Community(EAST)),
		Community::residents_in(Scope::Community(WEST)),
		Community::residents_in(Scope::Community(NORTH)),
		Community::residents_in(Scope::Office(OFFICE)),
		Community::residents_in(Scope::Office(OFFICE2)),
	]
}

#[test]
fn an_officer_registers_a_resident_who_can_then_sign_without_tokens() {
	in_district(|| {
		run_to(7);
		assert_eq!(System::providers(&ALICE), 0);
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ALICE,
			person(1),
			Some(household(1))
		));
		assert_eq!(
			Residents::<Test>::get(ALICE),
			Some(ResidentRecord {
				id: 0,
				community: EAST,
				office: OFFICE,
				registered_at: 7,
				household: Some(household(1)),
				person_hash: person(1),
				household_since: 7,
			})
		);
		assert_eq!(ResidentAccounts::<Test>::get(0), Some(ALICE));
		assert_eq!(PersonIndex::<Test>::get(person(1)), Some(0));
		assert_eq!(System::providers(&ALICE), 1);
		assert_eq!(counts(), [1, 0, 0, 1, 0]);
		System::assert_last_event(
			Event::ResidentRegistered {
				resident: 0,
				who: ALICE,
				community: EAST,
				returning: false,
			}
			.into(),
		);
	});
}

#[test]
fn resident_numbers_are_sequential() {
	in_district(|| {
		assert_eq!(add_resident(EAST, ALICE), 0);
		assert_eq!(add_resident(WEST, BOB), 1);
		assert_eq!(add_resident(NORTH, CAROL), 2);
		assert_eq!(counts(), [1, 1, 1, 2, 1]);
	});
}

#[test]
fn register_resident_by_an_account_that_is_not_an_officer_there_fails() {
	in_district(|| {
		// The office admin is not an officer; nor is an officer of another community.
		for who in [STRANGER, ADMIN, OFFICER_WEST] {
			assert_noop!(
				Community::register_resident(
					RuntimeOrigin::signed(who),
					EAST,
					ALICE,
					person(1),
					None
				),
				Error::<Test>::NotOfficer
			);
		}
	});
}

#[test]
fn register_resident_in_an_unknown_community_fails() {
	in_district(|| {
		assert_noop!(
			Community::register_resident(RuntimeOrigin::signed(OFFICER), 9, ALICE, person(1), None),
			Error::<Test>::UnknownCommunity
		);
	});
}

#[test]
fn register_an_account_that_is_already_a_resident_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// Neither here nor in another community.
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER),
				EAST,
				ALICE,
				person(9),
				None
			),
			Error::<Test>::AlreadyResident
		);
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER_WEST),
				WEST,
				ALICE,
				person(9),
				None
			),
			Error::<Test>::AlreadyResident
		);
	});
}

#[test]
fn register_a_person_twice_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// Same person (same ID document hash), another account, another community.
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER_NORTH),
				NORTH,
				BOB,
				person(ALICE),
				None
			),
			Error::<Test>::PersonAlreadyRegistered
		);
	});
}

#[test]
fn register_a_resident_when_ids_are_exhausted_fails() {
	in_district(|| {
		NextResidentId::<Test>::put(ResidentId::MAX);
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER),
				EAST,
				ALICE,
				person(1),
				None
			),
			Error::<Test>::IdsExhausted
		);
		NextResidentId::<Test>::kill();
	});
}

#[test]
fn an_officer_retires_a_resident_and_the_provider_reference_goes() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE));
		assert!(!Residents::<Test>::contains_key(ALICE));
		assert!(!ResidentAccounts::<Test>::contains_key(0));
		assert_eq!(System::providers(&ALICE), 0);
		assert_eq!(counts(), [0; 5]);
		assert_eq!(Community::resident(&ALICE), None);
		// The person keeps their number.
		assert_eq!(PersonIndex::<Test>::get(person(ALICE)), Some(0));
		System::assert_last_event(
			Event::ResidentRetired { resident: 0, who: ALICE, community: EAST }.into(),
		);
	});
}

#[test]
fn a_returning_person_gets_their_resident_number_back() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE));
		run_to(9);
		// Same person, new account, another office.
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER_NORTH),
			NORTH,
			CAROL,
			person(ALICE),
			None
		));
		let record = Residents::<Test>::get(CAROL).unwrap();
		assert_eq!((record.id, record.community, record.registered_at), (0, NORTH, 9));
		assert_eq!(ResidentAccounts::<Test>::get(0), Some(CAROL));
		assert_eq!(NextResidentId::<Test>::get(), 2);
		System::assert_last_event(
			Event::ResidentRegistered {
				resident: 0,
				who: CAROL,
				community: NORTH,
				returning: true,
			}
			.into(),
		);
	});
}

#[test]
fn retire_an_account_that_is_not_a_resident_fails() {
	in_district(|| {
		assert_noop!(
			Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE),
			Error::<Test>::NotResident
		);
	});
}

#[test]
fn retire_a_resident_of_another_community_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(
			Community::retire_resident(RuntimeOrigin::signed(OFFICER_WEST), ALICE),
			Error::<Test>::NotOfficer
		);
	});
}

#[test]
fn retire_a_resident_whose_account_still_has_consumers_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// E.g. a lock or a deposit that relies on the registration's provider reference.
		assert_ok!(System::inc_consumers(&ALICE));
		assert_noop!(
			Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE),
			Error::<Test>::CannotReleaseAccount
		);
		System::dec_consumers(&ALICE);
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE));
	});
}

#[test]
fn an_officer_sets_and_clears_a_household() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(Community::set_household(
			RuntimeOrigin::signed(OFFICER),
			ALICE,
			Some(household(3))
		));
		assert_eq!(Residents::<Test>::get(ALICE).unwrap().household, Some(household(3)));
		System::assert_last_event(
			Event::HouseholdSet { resident: 0, who: ALICE, household: Some(household(3)) }.into(),
		);
		assert_ok!(Community::set_household(RuntimeOrigin::signed(OFFICER), ALICE, None));
		assert_eq!(Residents::<Test>::get(ALICE).unwrap().household, None);
	});
}

#[test]
fn set_household_by_an_officer_of_another_community_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(
			Community::set_household(RuntimeOrigin::signed(OFFICER_WEST), ALICE, None),
			Error::<Test>::NotOfficer
		);
	});
}

#[test]
fn set_household_of_a_non_resident_fails() {
	in_district(|| {
		assert_noop!(
			Community::set_household(RuntimeOrigin::signed(OFFICER), ALICE, None),
			Error::<Test>::NotResident
		);
	});
}

#[test]
fn the_registry_reports_a_resident_in_one_read() {
	in_district(|| {
		run_to(3);
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER_NORTH),
			NORTH,
			ALICE,
			person(1),
			Some(household(2))
		));
		assert_eq!(
			Community::resident(&ALICE),
			Some(ResidentInfo {
				id: 0,
				community: NORTH,
				office: OFFICE2,
				registered_at: 3,
				household: Some(household(2)),
				household_since: 3,
			})
		);
		assert_eq!(Community::resident(&BOB), None);
	});
}
