//! Conflicts of interest (回避): an account is a resident or a provider, never both; a provider
//! declares its staff by their person hashes, and the registry tells the other pallets who is
//! staff of whom, whatever account or community the person has.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::CommunityRegistry;

fn declare(provider: u64, persons: &[sp_core::H256]) -> sp_runtime::DispatchResult {
	Community::declare_staff(RuntimeOrigin::signed(provider), staff(persons))
}

fn remove(provider: u64, persons: &[sp_core::H256]) -> sp_runtime::DispatchResult {
	Community::remove_staff(RuntimeOrigin::signed(provider), staff(persons))
}

#[test]
fn a_provider_cannot_be_registered_as_a_resident() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER),
				EAST,
				PROVIDER,
				person(PROVIDER),
				None
			),
			Error::<Test>::AccountIsProvider
		);
	});
}

#[test]
fn a_resident_cannot_register_as_a_provider() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(
			Community::register_provider(RuntimeOrigin::signed(ALICE), b"P".to_vec(), code(1)),
			Error::<Test>::AccountIsResident
		);
	});
}

#[test]
fn a_provider_declares_its_staff_and_the_registry_reports_them() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER2, OFFICE);
		let alice = add_resident(EAST, ALICE);
		let bob = add_resident(EAST, BOB);
		assert_ok!(declare(PROVIDER, &[person(ALICE), person(77)]));
		assert!(ProviderStaff::<Test>::contains_key(PROVIDER, person(ALICE)));
		assert_eq!(Providers::<Test>::get(PROVIDER).unwrap().staff, 2);
		System::assert_last_event(
			Event::StaffDeclared {
				provider: PROVIDER,
				person_hashes: staff(&[person(ALICE), person(77)]),
				staff: 2,
			}
			.into(),
		);
		assert!(Community::is_staff_of(&PROVIDER, alice));
		// Only of that provider, only that person; an unknown resident number is nobody's.
		assert!(!Community::is_staff_of(&PROVIDER2, alice));
		assert!(!Community::is_staff_of(&PROVIDER, bob));
		assert!(!Community::is_staff_of(&PROVIDER, 42));
		// Staff still live in their community as residents.
		assert!(Community::resident(&ALICE).is_some());
		assert_eq!(Community::provider_details(&PROVIDER).unwrap().staff, 2);
	});
}

#[test]
fn staff_stay_staff_with_a_new_account_in_another_community() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let alice = add_resident(EAST, ALICE);
		assert_ok!(declare(PROVIDER, &[person(ALICE)]));
		replace_key(ALICE, CAROL);
		assert_ok!(Community::request_move(RuntimeOrigin::signed(CAROL), CAROL, NORTH));
		assert_ok!(Community::accept_move(RuntimeOrigin::signed(ADMIN2), CAROL));
		assert!(Community::is_staff_of(&PROVIDER, alice));
		// And after retiring and registering again, under the same resident number.
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER_NORTH), CAROL));
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER_WEST),
			WEST,
			BOB,
			person(ALICE),
			None
		));
		assert!(Community::is_staff_of(&PROVIDER, alice));
	});
}

#[test]
fn a_person_declared_before_registering_is_staff_once_registered() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(declare(PROVIDER, &[person(ALICE)]));
		let alice = add_resident(EAST, ALICE);
		assert!(Community::is_staff_of(&PROVIDER, alice));
	});
}

#[test]
fn a_provider_withdraws_staff_declarations() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let alice = add_resident(EAST, ALICE);
		assert_ok!(declare(PROVIDER, &[person(ALICE), person(77)]));
		assert_ok!(remove(PROVIDER, &[person(ALICE)]));
		assert!(!Community::is_staff_of(&PROVIDER, alice));
		assert_eq!(Providers::<Test>::get(PROVIDER).unwrap().staff, 1);
		System::assert_last_event(
			Event::StaffRemoved {
				provider: PROVIDER,
				person_hashes: staff(&[person(ALICE)]),
				staff: 1,
			}
			.into(),
		);
	});
}

#[test]
fn declare_staff_by_an_account_that_is_not_a_provider_fails() {
	in_district(|| {
		for who in [STRANGER, ADMIN, OFFICER] {
			assert_noop!(declare(who, &[person(1)]), Error::<Test>::UnknownProvider);
			assert_noop!(remove(who, &[person(1)]), Error::<Test>::UnknownProvider);
		}
	});
}

#[test]
fn declare_staff_with_an_empty_or_repetitive_list_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_noop!(declare(PROVIDER, &[]), Error::<Test>::EmptyStaffList);
		assert_noop!(declare(PROVIDER, &[person(1), person(1)]), Error::<Test>::DuplicateStaff);
		assert_noop!(remove(PROVIDER, &[]), Error::<Test>::EmptyStaffList);
	});
}

#[test]
fn declare_a_person_twice_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(declare(PROVIDER, &[person(1)]));
		assert_noop!(
			declare(PROVIDER, &[person(2), person(1)]),
			Error::<Test>::StaffAlreadyDeclared
		);
	});
}

#[test]
fn declare_more_staff_than_the_bound_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		// MaxStaff is 4.
		assert_ok!(declare(PROVIDER, &[person(1), person(2), person(3)]));
		assert_noop!(declare(PROVIDER, &[person(4), person(5)]), Error::<Test>::TooManyStaff);
		assert_ok!(declare(PROVIDER, &[person(4)]));
		// Another provider has its own room.
		add_provider(PROVIDER2, OFFICE);
		assert_ok!(declare(PROVIDER2, &[person(1), person(2)]));
	});
}

#[test]
fn remove_a_person_who_is_not_declared_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER2, OFFICE);
		assert_ok!(declare(PROVIDER2, &[person(1)]));
		assert_noop!(remove(PROVIDER, &[person(1)]), Error::<Test>::StaffNotDeclared);
		assert_ok!(declare(PROVIDER, &[person(2)]));
		assert_noop!(remove(PROVIDER, &[person(2), person(2)]), Error::<Test>::DuplicateStaff);
	});
}

#[test]
fn a_persons_employers_are_one_read_away_and_bounded() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER2, OFFICE);
		add_provider(PROVIDER3, OFFICE);
		let alice = add_resident(EAST, ALICE);
		assert!(Community::employers_of(alice).is_empty());
		assert_ok!(declare(PROVIDER, &[person(ALICE)]));
		assert_ok!(declare(PROVIDER2, &[person(ALICE)]));
		assert_eq!(Community::employers_of(alice), vec![PROVIDER, PROVIDER2]);
		assert_eq!(PersonEmployers::<Test>::get(person(ALICE)).to_vec(), vec![PROVIDER, PROVIDER2]);
		// The mock allows two employers per person.
		assert_noop!(declare(PROVIDER3, &[person(ALICE)]), Error::<Test>::TooManyEmployers);
		assert_ok!(remove(PROVIDER, &[person(ALICE)]));
		assert_eq!(Community::employers_of(alice), vec![PROVIDER2]);
		assert_ok!(remove(PROVIDER2, &[person(ALICE)]));
		assert!(!PersonEmployers::<Test>::contains_key(person(ALICE)));
	});
}
