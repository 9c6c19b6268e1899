//! Providers: register themselves; each office approves or suspends them for that office.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::CommunityRegistry;

#[test]
fn a_provider_registers_itself() {
	build_and_execute(|| {
		run_to(3);
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			"夕陽紅社".into(),
			code(1)
		));
		let record = Providers::<Test>::get(PROVIDER).unwrap();
		assert_eq!(record.name.to_vec(), "夕陽紅社".as_bytes().to_vec());
		assert_eq!(record.registration_code_hash, code(1));
		assert_eq!((record.registered_at, record.offices), (3, 0));
		assert_eq!(ProviderCodes::<Test>::get(code(1)), Some(PROVIDER));
		System::assert_last_event(
			Event::ProviderRegistered {
				provider: PROVIDER,
				name: "夕陽紅社".as_bytes().to_vec().try_into().unwrap(),
				registration_code_hash: code(1),
			}
			.into(),
		);
	});
}

#[test]
fn register_a_provider_twice_fails() {
	build_and_execute(|| {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		assert_noop!(
			Community::register_provider(RuntimeOrigin::signed(PROVIDER), b"P".to_vec(), code(2)),
			Error::<Test>::AlreadyProvider
		);
	});
}

#[test]
fn register_a_provider_with_a_taken_registration_code_fails() {
	build_and_execute(|| {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		assert_noop!(
			Community::register_provider(RuntimeOrigin::signed(PROVIDER2), b"Q".to_vec(), code(1)),
			Error::<Test>::RegistrationCodeTaken
		);
	});
}

#[test]
fn register_a_provider_with_an_invalid_name_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::register_provider(RuntimeOrigin::signed(PROVIDER), vec![b'p'; 17], code(1)),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Community::register_provider(RuntimeOrigin::signed(PROVIDER), vec![0x80], code(1)),
			Error::<Test>::NameNotUtf8
		);
		assert_noop!(
			Community::register_provider(RuntimeOrigin::signed(PROVIDER), vec![], code(1)),
			Error::<Test>::NameEmpty
		);
	});
}

#[test]
fn the_office_admin_approves_a_provider_in_its_office_only() {
	in_district(|| {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		run_to(2);
		assert_ok!(Community::approve_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert!(Community::is_approved_provider(&PROVIDER, OFFICE));
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE2));
		assert_eq!(
			ProviderApprovals::<Test>::get(PROVIDER, OFFICE),
			Some(Approval::Approved { since: 2 })
		);
		assert_eq!(Providers::<Test>::get(PROVIDER).unwrap().offices, 1);
		System::assert_last_event(
			Event::ProviderApproved { provider: PROVIDER, office: OFFICE }.into(),
		);
	});
}

#[test]
fn approve_provider_by_another_account_fails() {
	in_district(|| {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		for who in [ADMIN2, OFFICER, PROVIDER] {
			assert_noop!(
				Community::approve_provider(RuntimeOrigin::signed(who), OFFICE, PROVIDER),
				Error::<Test>::NotOfficeAdmin
			);
		}
	});
}

#[test]
fn approve_an_unregistered_provider_fails() {
	in_district(|| {
		assert_noop!(
			Community::approve_provider(RuntimeOrigin::signed(ADMIN), OFFICE, STRANGER),
			Error::<Test>::UnknownProvider
		);
	});
}

#[test]
fn approve_in_an_unknown_office_fails() {
	in_district(|| {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		assert_noop!(
			Community::approve_provider(RuntimeOrigin::signed(ADMIN), 7, PROVIDER),
			Error::<Test>::UnknownOffice
		);
	});
}

#[test]
fn approve_a_provider_twice_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_noop!(
			Community::approve_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn approve_a_provider_in_more_offices_than_the_bound_fails() {
	in_district(|| {
		// MaxProviderOffices is 2.
		let third = add_office(3);
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER, OFFICE2);
		assert_noop!(
			Community::approve_provider(RuntimeOrigin::signed(3), third, PROVIDER),
			Error::<Test>::TooManyProviderOffices
		);
	});
}

#[test]
fn the_office_admin_suspends_a_provider() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER, OFFICE2);
		run_to(6);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE));
		// Still approved in the other office.
		assert!(Community::is_approved_provider(&PROVIDER, OFFICE2));
		assert_eq!(
			ProviderApprovals::<Test>::get(PROVIDER, OFFICE),
			Some(Approval::Suspended { since: 6 })
		);
		System::assert_last_event(
			Event::ProviderSuspended { provider: PROVIDER, office: OFFICE }.into(),
		);
	});
}

#[test]
fn a_suspended_provider_is_approved_again_without_taking_another_place() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert_ok!(Community::approve_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert!(Community::is_approved_provider(&PROVIDER, OFFICE));
		assert_eq!(Providers::<Test>::get(PROVIDER).unwrap().offices, 1);
	});
}

#[test]
fn suspend_a_provider_that_is_not_approved_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		// Never approved in OFFICE2.
		assert_noop!(
			Community::suspend_provider(RuntimeOrigin::signed(ADMIN2), OFFICE2, PROVIDER),
			Error::<Test>::NotApprovedProvider
		);
		// Already suspended.
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert_noop!(
			Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER),
			Error::<Test>::NotApprovedProvider
		);
	});
}

#[test]
fn suspend_provider_by_another_account_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_noop!(
			Community::suspend_provider(RuntimeOrigin::signed(ADMIN2), OFFICE, PROVIDER),
			Error::<Test>::NotOfficeAdmin
		);
	});
}

#[test]
fn a_provider_of_a_retired_office_is_not_approved() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		add_provider(PROVIDER, office);
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), office));
		assert!(!Community::is_approved_provider(&PROVIDER, office));
	});
}
