//! Street offices: created and retired by `AdminOrigin`, handed over by it or by their admin.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::OfficeId;
use sp_runtime::DispatchError;

#[test]
fn admin_origin_creates_an_office() {
	build_and_execute(|| {
		assert_ok!(Community::create_office(RuntimeOrigin::root(), ADMIN, "向阳街道".into()));
		let office = Offices::<Test>::get(0).unwrap();
		assert_eq!(office.admin, ADMIN);
		assert_eq!(office.name.to_vec(), "向阳街道".as_bytes().to_vec());
		assert_eq!(office.status, Lifecycle::Active);
		assert_eq!((office.communities, office.residents), (0, 0));
		assert_eq!(NextOfficeId::<Test>::get(), 1);
		System::assert_last_event(
			Event::OfficeCreated {
				office: 0,
				admin: ADMIN,
				name: "向阳街道".as_bytes().to_vec().try_into().unwrap(),
			}
			.into(),
		);
	});
}

#[test]
fn office_ids_are_sequential() {
	build_and_execute(|| {
		assert_eq!(add_office(ADMIN), 0);
		assert_eq!(add_office(ADMIN2), 1);
		assert_eq!(add_office(ADMIN), 2);
	});
}

#[test]
fn create_office_by_a_signed_account_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::create_office(RuntimeOrigin::signed(ADMIN), ADMIN, b"Office".to_vec()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn create_office_with_an_empty_name_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::create_office(RuntimeOrigin::root(), ADMIN, vec![]),
			Error::<Test>::NameEmpty
		);
	});
}

#[test]
fn create_office_with_a_name_over_the_bound_fails() {
	build_and_execute(|| {
		// 16 bytes fit; 17 do not.
		assert_ok!(Community::create_office(RuntimeOrigin::root(), ADMIN, vec![b'a'; 16]));
		assert_noop!(
			Community::create_office(RuntimeOrigin::root(), ADMIN, vec![b'a'; 17]),
			Error::<Test>::NameTooLong
		);
		// Six Chinese characters are 18 bytes.
		assert_noop!(
			Community::create_office(RuntimeOrigin::root(), ADMIN, "六个汉字名字".into()),
			Error::<Test>::NameTooLong
		);
	});
}

#[test]
fn create_office_with_a_name_that_is_not_utf8_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::create_office(RuntimeOrigin::root(), ADMIN, vec![b'a', 0xff, 0xfe]),
			Error::<Test>::NameNotUtf8
		);
		// A multi-byte character cut in half is not UTF-8 either.
		let cut = "街".as_bytes()[..2].to_vec();
		assert_noop!(
			Community::create_office(RuntimeOrigin::root(), ADMIN, cut),
			Error::<Test>::NameNotUtf8
		);
	});
}

#[test]
fn create_office_when_ids_are_exhausted_fails() {
	build_and_execute(|| {
		NextOfficeId::<Test>::put(OfficeId::MAX);
		assert_noop!(
			Community::create_office(RuntimeOrigin::root(), ADMIN, b"Office".to_vec()),
			Error::<Test>::IdsExhausted
		);
		// Keep try_state's "ids were issued" check meaningful: reset the counter.
		NextOfficeId::<Test>::kill();
	});
}

#[test]
fn admin_origin_retires_an_office_without_communities() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		run_to(5);
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), office));
		assert_eq!(Offices::<Test>::get(office).unwrap().status, Lifecycle::Retired { at: 5 });
		System::assert_last_event(Event::OfficeRetired { office }.into());
	});
}

#[test]
fn retire_office_by_a_signed_account_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_noop!(
			Community::retire_office(RuntimeOrigin::signed(ADMIN), office),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn retire_an_unknown_office_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::retire_office(RuntimeOrigin::root(), 7),
			Error::<Test>::UnknownOffice
		);
	});
}

#[test]
fn retire_an_office_twice_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), office));
		assert_noop!(
			Community::retire_office(RuntimeOrigin::root(), office),
			Error::<Test>::OfficeRetired
		);
	});
}

#[test]
fn retire_an_office_with_communities_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		add_community(office);
		assert_noop!(
			Community::retire_office(RuntimeOrigin::root(), office),
			Error::<Test>::OfficeHasCommunities
		);
	});
}

#[test]
fn a_retired_office_accepts_nothing_new() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(PROVIDER),
			b"P".to_vec(),
			code(1)
		));
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), office));
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), office, b"C".to_vec()),
			Error::<Test>::OfficeRetired
		);
		assert_noop!(
			Community::approve_provider(RuntimeOrigin::signed(ADMIN), office, PROVIDER),
			Error::<Test>::OfficeRetired
		);
		assert_noop!(
			Community::set_office_admin(RuntimeOrigin::signed(ADMIN), office, ADMIN2),
			Error::<Test>::OfficeRetired
		);
		assert_noop!(
			Community::set_office_admin(RuntimeOrigin::root(), office, ADMIN2),
			Error::<Test>::OfficeRetired
		);
	});
}

#[test]
fn admin_origin_changes_an_office_admin() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_ok!(Community::set_office_admin(RuntimeOrigin::root(), office, ADMIN2));
		assert_eq!(Offices::<Test>::get(office).unwrap().admin, ADMIN2);
		System::assert_last_event(
			Event::OfficeAdminChanged { office, old_admin: ADMIN, new_admin: ADMIN2 }.into(),
		);
	});
}

#[test]
fn the_current_admin_hands_the_office_over_and_loses_its_powers() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_ok!(Community::set_office_admin(RuntimeOrigin::signed(ADMIN), office, ADMIN2));
		assert_eq!(Offices::<Test>::get(office).unwrap().admin, ADMIN2);
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), office, b"C".to_vec()),
			Error::<Test>::NotOfficeAdmin
		);
		assert_ok!(Community::create_community(
			RuntimeOrigin::signed(ADMIN2),
			office,
			b"C".to_vec()
		));
	});
}

#[test]
fn set_office_admin_by_another_account_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_noop!(
			Community::set_office_admin(RuntimeOrigin::signed(STRANGER), office, STRANGER),
			Error::<Test>::NotOfficeAdmin
		);
	});
}

#[test]
fn set_office_admin_unsigned_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_noop!(
			Community::set_office_admin(RuntimeOrigin::none(), office, STRANGER),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_admin_of_an_unknown_office_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::set_office_admin(RuntimeOrigin::root(), 3, ADMIN),
			Error::<Test>::UnknownOffice
		);
	});
}
