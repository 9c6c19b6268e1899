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
			"夕阳红社".into(),
			code(1)
		));
		let record = Providers::<Test>::get(PROVIDER).unwrap();
		assert_eq!(record.name.to_vec(), "夕阳红社".as_bytes().to_vec());
		assert_eq!(record.registration_code_hash, code(1));
		assert_eq!((record.registered_at, record.offices), (3, 0));
		assert_eq!(ProviderCodes::<Test>::get(code(1)), Some(PROVIDER));
		System::assert_last_event(
			Event::ProviderRegistered {
				provider: PROVIDER,
				name: "夕阳红社".as_bytes().to_vec().try_into().unwrap(),
				registration_code_hash: code(1),
				deposit: PROVIDER_DEPOSIT,
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

fn release(origin: RuntimeOrigin, code_hash: sp_core::H256) -> sp_runtime::DispatchResult {
	Community::release_registration_code(origin, code_hash).map(|_| ()).map_err(|e| e.error)
}

#[test]
fn an_office_releases_a_squatted_registration_code_for_the_rightful_organization() {
	in_district(|| {
		// The squatter registered the organization's code and got approved in two offices.
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER, OFFICE2);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN2), OFFICE2, PROVIDER));
		run_to(5);
		assert_ok!(release(RuntimeOrigin::signed(ADMIN), code(PROVIDER)));
		assert_eq!(ProviderCodes::<Test>::get(code(PROVIDER)), None);
		// Suspended everywhere, marked released, its record kept.
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE));
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE2));
		assert_eq!(
			ProviderApprovals::<Test>::get(PROVIDER, OFFICE),
			Some(Approval::Suspended { since: 5 })
		);
		assert_eq!(Providers::<Test>::get(PROVIDER).unwrap().code_released_at, Some(5));
		assert_eq!(Community::provider_details(&PROVIDER).unwrap().code_released_at, Some(5));
		System::assert_has_event(
			Event::ProviderSuspended { provider: PROVIDER, office: OFFICE }.into(),
		);
		System::assert_last_event(
			Event::RegistrationCodeReleased {
				registration_code_hash: code(PROVIDER),
				provider: PROVIDER,
				deposit_burnt: PROVIDER_DEPOSIT,
			}
			.into(),
		);
		// The rightful organization registers with the code and is approved.
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER2),
			b"Real".to_vec(),
			code(PROVIDER)
		));
		assert_ok!(Community::approve_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER2));
		// The squatter can never be approved again, nor act.
		for (admin, office) in [(ADMIN, OFFICE), (ADMIN2, OFFICE2)] {
			assert_noop!(
				Community::approve_provider(RuntimeOrigin::signed(admin), office, PROVIDER),
				Error::<Test>::RegistrationCodeReleased
			);
		}
		assert_noop!(
			Community::publish_activity(
				RuntimeOrigin::signed(PROVIDER),
				EAST,
				ActivityKind::Other,
				Default::default(),
				5,
				6
			),
			Error::<Test>::NotPublisher
		);
	});
}

#[test]
fn governance_releases_a_code_held_by_a_provider_no_office_approved() {
	in_district(|| {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		// No office has a say over a provider it never approved.
		for who in [ADMIN, ADMIN2] {
			assert_noop!(
				release(RuntimeOrigin::signed(who), code(1)),
				Error::<Test>::NotOfficeOfProvider
			);
		}
		assert_ok!(release(RuntimeOrigin::root(), code(1)));
		assert_eq!(ProviderCodes::<Test>::get(code(1)), None);
	});
}

#[test]
fn release_a_code_by_an_office_that_never_approved_its_provider_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		for who in [ADMIN2, OFFICER, STRANGER, PROVIDER] {
			assert_noop!(
				release(RuntimeOrigin::signed(who), code(PROVIDER)),
				Error::<Test>::NotOfficeOfProvider
			);
		}
	});
}

#[test]
fn release_an_unknown_or_released_code_fails() {
	in_district(|| {
		assert_noop!(
			release(RuntimeOrigin::root(), code(1)),
			Error::<Test>::UnknownRegistrationCode
		);
		add_provider(PROVIDER, OFFICE);
		assert_ok!(release(RuntimeOrigin::signed(ADMIN), code(PROVIDER)));
		assert_noop!(
			release(RuntimeOrigin::signed(ADMIN), code(PROVIDER)),
			Error::<Test>::UnknownRegistrationCode
		);
	});
}

#[test]
fn release_refunds_the_offices_it_did_not_read() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let info =
			Community::release_registration_code(RuntimeOrigin::signed(ADMIN), code(PROVIDER))
				.unwrap();
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::release_registration_code(1).saturating_add(
				gongzhi_primitives::deposit_weight::<<Test as frame_system::Config>::DbWeight>(1)
			))
		);
	});
}
