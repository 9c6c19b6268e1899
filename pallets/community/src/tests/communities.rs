//! Communities and their officers: created, staffed and retired by the office's admin.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::{CommunityId, CommunityRegistry, Scope, H256};

#[test]
fn the_office_admin_creates_a_community() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_ok!(Community::create_community(
			RuntimeOrigin::signed(ADMIN),
			office,
			"幸福社区".into()
		));
		let community = Communities::<Test>::get(0).unwrap();
		assert_eq!(community.office, office);
		assert_eq!(community.status, Lifecycle::Active);
		assert_eq!((community.officers, community.residents), (0, 0));
		assert_eq!(Offices::<Test>::get(office).unwrap().communities, 1);
		System::assert_last_event(
			Event::CommunityCreated {
				community: 0,
				office,
				name: "幸福社区".as_bytes().to_vec().try_into().unwrap(),
			}
			.into(),
		);
	});
}

#[test]
fn create_community_by_another_account_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		add_office(ADMIN2);
		// The admin of another office has no say here either.
		for who in [STRANGER, ADMIN2] {
			assert_noop!(
				Community::create_community(RuntimeOrigin::signed(who), office, b"C".to_vec()),
				Error::<Test>::NotOfficeAdmin
			);
		}
	});
}

#[test]
fn create_community_in_an_unknown_office_fails() {
	build_and_execute(|| {
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), 4, b"C".to_vec()),
			Error::<Test>::UnknownOffice
		);
	});
}

#[test]
fn create_community_with_an_invalid_name_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), office, vec![b'c'; 17]),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), office, vec![0xc3]),
			Error::<Test>::NameNotUtf8
		);
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), office, vec![]),
			Error::<Test>::NameEmpty
		);
	});
}

#[test]
fn create_community_when_ids_are_exhausted_fails() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		NextCommunityId::<Test>::put(CommunityId::MAX);
		assert_noop!(
			Community::create_community(RuntimeOrigin::signed(ADMIN), office, b"C".to_vec()),
			Error::<Test>::IdsExhausted
		);
		NextCommunityId::<Test>::kill();
	});
}

#[test]
fn retiring_a_community_removes_its_officers_and_open_activities() {
	in_district(|| {
		add_officer(EAST, 13);
		assert_ok!(Community::publish_activity(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ActivityKind::Health,
			H256::repeat_byte(1),
			1,
			10
		));
		run_to(4);
		assert_ok!(Community::retire_community(RuntimeOrigin::signed(ADMIN), EAST));
		let record = Communities::<Test>::get(EAST).unwrap();
		assert_eq!(record.status, Lifecycle::Retired { at: 4 });
		assert_eq!(record.officers, 0);
		assert!(!Community::is_officer(&OFFICER, EAST));
		assert!(!Community::is_officer(&13, EAST));
		assert!(!OpenActivities::<Test>::contains_key(EAST));
		assert_eq!(Offices::<Test>::get(OFFICE).unwrap().communities, 1);
		assert_eq!(Community::office_of(EAST), None);
		// The published activity stays on record.
		assert!(Activities::<Test>::contains_key(0));
		System::assert_last_event(
			Event::CommunityRetired { community: EAST, office: OFFICE }.into(),
		);
	});
}

#[test]
fn retire_community_refunds_the_weight_of_officers_it_did_not_have() {
	in_district(|| {
		let info = Community::retire_community(RuntimeOrigin::signed(ADMIN), EAST).unwrap();
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::retire_community(1)),
			"one officer removed"
		);
	});
}

#[test]
fn the_last_community_retired_frees_the_office_for_retirement() {
	in_district(|| {
		assert_ok!(Community::retire_community(RuntimeOrigin::signed(ADMIN2), NORTH));
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), OFFICE2));
		assert!(!Community::office_is_active(OFFICE2));
	});
}

#[test]
fn retire_a_community_with_residents_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(
			Community::retire_community(RuntimeOrigin::signed(ADMIN), EAST),
			Error::<Test>::CommunityHasResidents
		);
	});
}

#[test]
fn retire_community_by_another_account_fails() {
	in_district(|| {
		for who in [OFFICER, ADMIN2, STRANGER] {
			assert_noop!(
				Community::retire_community(RuntimeOrigin::signed(who), EAST),
				Error::<Test>::NotOfficeAdmin
			);
		}
	});
}

#[test]
fn retire_an_unknown_community_fails() {
	in_district(|| {
		assert_noop!(
			Community::retire_community(RuntimeOrigin::signed(ADMIN), 9),
			Error::<Test>::UnknownCommunity
		);
	});
}

#[test]
fn a_retired_community_accepts_nothing_new() {
	in_district(|| {
		assert_ok!(Community::retire_community(RuntimeOrigin::signed(ADMIN), EAST));
		assert_noop!(
			Community::retire_community(RuntimeOrigin::signed(ADMIN), EAST),
			Error::<Test>::CommunityRetired
		);
		assert_noop!(
			Community::appoint_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER),
			Error::<Test>::CommunityRetired
		);
		assert_noop!(
			Community::remove_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER),
			Error::<Test>::CommunityRetired
		);
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER),
				EAST,
				ALICE,
				person(1),
				None
			),
			Error::<Test>::CommunityRetired
		);
		assert_noop!(
			Community::publish_activity(
				RuntimeOrigin::signed(OFFICER),
				EAST,
				ActivityKind::Other,
				H256::zero(),
				1,
				2
			),
			Error::<Test>::CommunityRetired
		);
		assert_eq!(Community::residents_in(Scope::Community(EAST)), 0);
	});
}

#[test]
fn the_office_admin_appoints_an_officer() {
	in_district(|| {
		assert_ok!(Community::appoint_officer(RuntimeOrigin::signed(ADMIN), EAST, 13));
		assert!(Community::is_officer(&13, EAST));
		assert!(!Community::is_officer(&13, WEST));
		assert_eq!(Communities::<Test>::get(EAST).unwrap().officers, 2);
		System::assert_last_event(Event::OfficerAppointed { community: EAST, officer: 13 }.into());
	});
}

#[test]
fn appoint_officer_by_another_account_fails() {
	in_district(|| {
		for who in [OFFICER, ADMIN2, STRANGER] {
			assert_noop!(
				Community::appoint_officer(RuntimeOrigin::signed(who), EAST, 13),
				Error::<Test>::NotOfficeAdmin
			);
		}
	});
}

#[test]
fn appoint_officer_in_an_unknown_community_fails() {
	in_district(|| {
		assert_noop!(
			Community::appoint_officer(RuntimeOrigin::signed(ADMIN), 9, 13),
			Error::<Test>::UnknownCommunity
		);
	});
}

#[test]
fn appoint_an_officer_twice_fails() {
	in_district(|| {
		assert_noop!(
			Community::appoint_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER),
			Error::<Test>::AlreadyOfficer
		);
	});
}

#[test]
fn appoint_an_officer_over_the_bound_fails() {
	in_district(|| {
		// MaxOfficers is 3 and EAST has one.
		add_officer(EAST, 13);
		add_officer(EAST, 14);
		assert_noop!(
			Community::appoint_officer(RuntimeOrigin::signed(ADMIN), EAST, 15),
			Error::<Test>::TooManyOfficers
		);
	});
}

#[test]
fn the_office_admin_removes_an_officer() {
	in_district(|| {
		assert_ok!(Community::remove_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER));
		assert!(!Community::is_officer(&OFFICER, EAST));
		assert_eq!(Communities::<Test>::get(EAST).unwrap().officers, 0);
		System::assert_last_event(
			Event::OfficerRemoved { community: EAST, officer: OFFICER }.into(),
		);
		// A removed officer can no longer register residents.
		assert_noop!(
			Community::register_resident(
				RuntimeOrigin::signed(OFFICER),
				EAST,
				ALICE,
				person(1),
				None
			),
			Error::<Test>::NotOfficer
		);
	});
}

#[test]
fn remove_an_account_that_is_not_an_officer_fails() {
	in_district(|| {
		// OFFICER_WEST is an officer, but of another community.
		assert_noop!(
			Community::remove_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER_WEST),
			Error::<Test>::OfficerNotFound
		);
	});
}

#[test]
fn remove_officer_by_another_account_fails() {
	in_district(|| {
		assert_noop!(
			Community::remove_officer(RuntimeOrigin::signed(ADMIN2), EAST, OFFICER),
			Error::<Test>::NotOfficeAdmin
		);
	});
}
